import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import type { FactKind } from '../../domain/facts.ts';

export interface FactFilter {
  acteurUid: string | null;
  kind: FactKind | null;
}

/** Curated facts with their deputy's name and current group, by deputy then type and label. */
export async function listFacts(db: Kysely<Database>, filter: FactFilter) {
  let query = db
    .selectFrom('fact as f')
    .innerJoin('acteur as a', 'a.uid', 'f.acteur_uid')
    .leftJoin('organe as g', 'g.uid', 'a.group_uid')
    .selectAll('f')
    .select(['a.first_name', 'a.last_name', 'g.abbreviation as group_abbreviation']);
  if (filter.acteurUid) query = query.where('f.acteur_uid', '=', filter.acteurUid);
  if (filter.kind) query = query.where('f.kind', '=', filter.kind);
  return query
    .orderBy('a.sort_name')
    .orderBy('f.acteur_uid')
    .orderBy('f.kind')
    .orderBy('f.label')
    .execute();
}

export type FactRecordRow = Awaited<ReturnType<typeof listFacts>>[number];

/** One deputy's facts. */
export function deputyFacts(db: Kysely<Database>, acteurUid: string) {
  return listFacts(db, { acteurUid, kind: null });
}
