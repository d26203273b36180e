import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';

export interface ChangeFilter {
  /** Event kinds (group_change, new_scrutin…); any when empty. */
  kinds: string[];
  /** Entity types (depute, scrutin, declaration, source, page, fact…); any when empty. */
  entityTypes: string[];
  /** One entity id (PA1008, VTANR5L17V42…). */
  entityId: string | null;
  /** A deputy: their own events and those of the declarations linked to them. */
  deputy: string | null;
  /** Group abbreviations or uids, the group at detection time. */
  groups: string[];
  sources: string[];
  /** Detection day bounds, inclusive, `AAAA-MM-JJ`. */
  from: string | null;
  to: string | null;
}

export const defaultChangeFilter: ChangeFilter = {
  kinds: [],
  entityTypes: [],
  entityId: null,
  deputy: null,
  groups: [],
  sources: [],
  from: null,
  to: null,
};

function filtered(db: Kysely<Database>, filter: ChangeFilter) {
  let query = db.selectFrom('change_event as e').leftJoin('organe as g', 'g.uid', 'e.group_uid');
  if (filter.kinds.length > 0) query = query.where('e.kind', 'in', filter.kinds);
  if (filter.entityTypes.length > 0) query = query.where('e.entity_type', 'in', filter.entityTypes);
  if (filter.entityId) query = query.where('e.entity_id', '=', filter.entityId);
  if (filter.sources.length > 0) query = query.where('e.source', 'in', filter.sources);
  if (filter.groups.length > 0) {
    const wanted = filter.groups.map((g) => g.toUpperCase());
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('upper', ['g.abbreviation']), 'in', wanted),
        eb('e.group_uid', 'in', filter.groups),
      ]),
    );
  }
  if (filter.from) query = query.where('e.detected_at', '>=', filter.from);
  // Detection times are ISO instants: the day `to` includes everything up to its end.
  if (filter.to) query = query.where('e.detected_at', '<', `${filter.to}\uffff`);
  if (filter.deputy) {
    const uid = filter.deputy;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('e.entity_type', '=', 'depute'), eb('e.entity_id', '=', uid)]),
        eb.and([
          eb('e.entity_type', '=', 'declaration'),
          eb(
            'e.entity_id',
            'in',
            eb
              .selectFrom('declaration as d')
              .innerJoin('declarant as p', 'p.key', 'd.declarant_key')
              .select('d.id')
              .where('p.acteur_uid', '=', uid),
          ),
        ]),
      ]),
    );
  }
  return query;
}

/** Events matching a filter, newest first, with the count of all matches. */
export async function listChanges(
  db: Kysely<Database>,
  filter: ChangeFilter,
  bounds: { limit: number | null; offset: number },
) {
  const base = filtered(db, filter);
  let rows = base
    .select([
      'e.id',
      'e.run_id',
      'e.source',
      'e.entity_type',
      'e.entity_id',
      'e.entity_label',
      'e.group_uid',
      'g.abbreviation as group_abbreviation',
      'e.kind',
      'e.field',
      'e.old_value',
      'e.new_value',
      'e.detail',
      'e.detected_at',
      'e.source_url',
    ])
    .orderBy('e.detected_at', 'desc')
    .orderBy('e.id', 'desc');
  if (bounds.limit !== null) rows = rows.limit(bounds.limit).offset(bounds.offset);
  const [list, { n }] = await Promise.all([
    rows.execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(n), rows: list };
}

export type ChangeRow = Awaited<ReturnType<typeof listChanges>>['rows'][number];

/** The kinds, entity types and sources present in the log, for the filter form. */
export async function changeFilterOptions(db: Kysely<Database>) {
  const distinct = async (column: 'kind' | 'entity_type' | 'source') =>
    (await db.selectFrom('change_event').select(column).distinct().orderBy(column).execute()).map(
      (r) => r[column] as string,
    );
  const [kinds, entityTypes, sources, groups] = await Promise.all([
    distinct('kind'),
    distinct('entity_type'),
    distinct('source'),
    db
      .selectFrom('organe')
      .select(['uid', 'abbreviation', 'label'])
      .where('code_type', '=', 'GP')
      .where('end_date', 'is', null)
      .orderBy('abbreviation')
      .execute(),
  ]);
  return { kinds, entityTypes, sources, groups };
}
