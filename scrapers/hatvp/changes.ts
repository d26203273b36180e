// Change detection for the HATVP index: a line that appears is a new declaration, or a new
// version when the same person already had one in that series (mandate type and family).
// Lines whose content changed are re-read and counted, not logged: what changed there is
// the file, whose version is the next line anyway.
import type { Kysely } from 'kysely';
import type { Database, NewChangeEvent } from '../../db/schema/index.ts';
import { changeEvent, initialImport, type ChangeContext } from '../lib/changes.ts';

export interface DeclarationFacts {
  id: string;
  declarant_key: string;
  first_name: string;
  last_name: string;
  mandate_type: string;
  family: string;
  document_type: string;
  deposited_on: string | null;
  /** The linked deputy's group, when the declarant is linked to an acteur. */
  group_uid: string | null;
}

/** Every stored declaration line with its declarant's current group. */
export async function declarationFacts(db: Kysely<Database>): Promise<DeclarationFacts[]> {
  return db
    .selectFrom('declaration as d')
    .leftJoin('declarant as p', 'p.key', 'd.declarant_key')
    .leftJoin('acteur as a', 'a.uid', 'p.acteur_uid')
    .select([
      'd.id',
      'd.declarant_key',
      'd.first_name',
      'd.last_name',
      'd.mandate_type',
      'd.family',
      'd.document_type',
      'd.deposited_on',
      'a.group_uid',
    ])
    .execute();
}

const series = (d: DeclarationFacts) =>
  `${d.declarant_key}\u0000${d.mandate_type}\u0000${d.family}`;

/** Events for the lines that appeared in the index since the previous ingest. */
export function declarationChanges(
  ctx: ChangeContext,
  before: readonly DeclarationFacts[],
  after: readonly DeclarationFacts[],
): NewChangeEvent[] {
  if (before.length === 0) {
    return after.length === 0 ? [] : [initialImport(ctx, after.length, 'déclarations')];
  }
  const known = new Set(before.map((d) => d.id));
  const seriesBefore = new Set(before.map(series));
  return after
    .filter((d) => !known.has(d.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((d) =>
      changeEvent(ctx, {
        entity_type: 'declaration',
        entity_id: d.id,
        entity_label: `${d.first_name} ${d.last_name} (${d.document_type.toUpperCase()}, ${d.mandate_type})`,
        group_uid: d.group_uid,
        kind: seriesBefore.has(series(d)) ? 'new_declaration_version' : 'new_declaration',
        field: 'type',
        new_value: d.document_type.toUpperCase(),
        detail: d.deposited_on ? `Déposée le ${d.deposited_on}` : null,
      }),
    );
}
