// The synthesis table (`/synthese`): every deputy of the `/deputes` filter with their stored
// activity figures of a window (deputy_activity_stats), their vote participation
// (deputy_vote_stats) and amendments (deputy_amendement_stats), and the low/high marks of
// each column, in one query.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema/index.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { applyFilter, baseQuery, DEPUTY_LIST_SELECTION, type DeputyFilter } from './deputes.ts';

/** Sortable columns of the synthesis. */
export const SYNTHESE_SORTS = [
  'nom',
  'groupe',
  'departement',
  'semaines',
  'presence',
  'participation',
  'amendements',
  'adoptes',
] as const;
export type SyntheseSort = (typeof SYNTHESE_SORTS)[number];

/** The marked columns of the synthesis. */
export const MARKED_COLUMNS = [
  'semaines',
  'presence',
  'participation',
  'amendements',
  'adoptes',
] as const;
export type MarkedColumn = (typeof MARKED_COLUMNS)[number];

/** Share of the compared deputies a low or high mark covers at most (see /methodologie#synthese). */
export const MARK_SHARE = 0.1;
/** Share of the window's non-vacation weeks a deputy must have been seated to be compared. */
export const MARK_MIN_SEATED = 0.75;

export interface SyntheseFilter {
  deputy: DeputyFilter;
  window: ActivityWindow;
  sort: SyntheseSort;
  order: 'asc' | 'desc';
}

/** A marked value of a column: its SQL expression and whether the deputy's base is significant. */
const MARKED: Record<MarkedColumn, { value: string; significant: string }> = {
  semaines: { value: 'w.active_weeks', significant: '1' },
  presence: {
    value: 'w.presence_rate',
    significant: `w.presence_rate is not null and w.reunions >= ${MIN_SIGNIFICANT_VOTES}`,
  },
  participation: {
    value: 'v.participation',
    significant: `v.participation is not null and v.eligible >= ${MIN_SIGNIFICANT_VOTES}`,
  },
  amendements: { value: 'coalesce(am.filed, 0)', significant: '1' },
  adoptes: { value: 'coalesce(am.adopted, 0)', significant: '1' },
};

type Mark = 'bas' | 'haut' | null;
type MarksRow = { acteur_uid: string } & Record<`mark_${MarkedColumn}`, Mark>;

/**
 * Each compared deputy's mark per column: `bas` when at most MARK_SHARE of the deputies
 * compared on that column have a value lower than or equal to theirs (cume_dist in ascending
 * order), `haut` when at most MARK_SHARE have a value higher than or equal. Compared: seated
 * at least MARK_MIN_SEATED of the window's non-vacation weeks, with a significant base for a
 * rate. Ties share a mark, so a value most deputies have is never marked.
 */
function marksSubquery(window: ActivityWindow): RawBuilder<MarksRow> {
  const marks = MARKED_COLUMNS.map((col) => {
    const { value, significant } = MARKED[col];
    const part = `partition by (${significant})`;
    return `case when (${significant}) then case
      when cume_dist() over (${part} order by ${value} asc) <= ${MARK_SHARE} then 'bas'
      when cume_dist() over (${part} order by ${value} desc) <= ${MARK_SHARE} then 'haut'
      end end as mark_${col}`;
  }).join(',\n');
  return sql`(select w.acteur_uid, ${sql.raw(marks)}
    from deputy_activity_stats w
    join activity_window aw on aw.window = w.window
    left join deputy_vote_stats v on v.acteur_uid = w.acteur_uid
    left join deputy_amendement_stats am on am.acteur_uid = w.acteur_uid
    where w.window = ${window}
      and aw.weeks - aw.vacation_weeks > 0
      and w.weeks >= ${MARK_MIN_SEATED} * (aw.weeks - aw.vacation_weeks))`;
}

/** Sorts on a rate: null or under MIN_SIGNIFICANT_VOTES comes last whichever the direction. */
const RATE_SORTS = {
  presence: ['w.presence_rate', 'w.reunions'],
  participation: ['s.participation', 's.eligible'],
} as const;
const COUNT_SORTS = {
  semaines: 'w.active_weeks',
  amendements: 'am.filed',
  adoptes: 'am.adopted',
} as const;
const PLAIN_SORTS = {
  nom: ['a.sort_name'],
  groupe: ['g.abbreviation', 'a.sort_name'],
  departement: ['a.departement_code', 'a.circo_number', 'a.sort_name'],
} as const;

/** Every deputy matching the filter with the window's figures and marks, sorted. */
export async function listSynthese(db: Kysely<Database>, filter: SyntheseFilter, today: string) {
  const other: ActivityWindow = filter.window === 'legislature' ? '12_mois' : 'legislature';
  let rows = applyFilter(baseQuery(db), filter.deputy, today)
    .leftJoin('deputy_activity_stats as w', (j) =>
      j.onRef('w.acteur_uid', '=', 'a.uid').on('w.window', '=', filter.window),
    )
    .leftJoin('deputy_activity_stats as o', (j) =>
      j.onRef('o.acteur_uid', '=', 'a.uid').on('o.window', '=', other),
    )
    .leftJoin(marksSubquery(filter.window).as('mk'), (j) => j.onRef('mk.acteur_uid', '=', 'a.uid'))
    .select(DEPUTY_LIST_SELECTION)
    .select([
      'w.presents as w_presents',
      'w.absents as w_absents',
      'w.excuses as w_excuses',
      'w.reunions as w_reunions',
      'w.not_listed as w_not_listed',
      'w.presence_rate as w_presence_rate',
      'w.active_weeks as w_active_weeks',
      'w.weeks as w_weeks',
      'w.seated_weeks as w_seated_weeks',
      'o.active_weeks as o_active_weeks',
      'o.weeks as o_weeks',
      'mk.mark_semaines',
      'mk.mark_presence',
      'mk.mark_participation',
      'mk.mark_amendements',
      'mk.mark_adoptes',
    ]);
  const { sort, order } = filter;
  if (sort in RATE_SORTS) {
    const [rate, base] = RATE_SORTS[sort as keyof typeof RATE_SORTS];
    const ranked = sql<number>`(${sql.ref(rate)} is not null and ${sql.ref(base)} >= ${MIN_SIGNIFICANT_VOTES})`;
    rows = rows
      .orderBy(ranked, 'desc')
      .orderBy(sql`case when ${ranked} then ${sql.ref(rate)} end`, order)
      .orderBy('a.sort_name');
  } else if (sort in COUNT_SORTS) {
    rows = rows
      .orderBy(sql`coalesce(${sql.ref(COUNT_SORTS[sort as keyof typeof COUNT_SORTS])}, 0)`, order)
      .orderBy('a.sort_name');
  } else {
    for (const [i, column] of PLAIN_SORTS[sort as keyof typeof PLAIN_SORTS].entries()) {
      rows = rows.orderBy(column, i === 0 ? order : 'asc');
    }
  }
  return rows.orderBy('a.uid').execute();
}

export type SyntheseRow = Awaited<ReturnType<typeof listSynthese>>[number];

/** The bounds of both windows (activity_window), by window. */
export async function activityWindows(db: Kysely<Database>) {
  const rows = await db.selectFrom('activity_window').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.window, r])) as Partial<
    Record<ActivityWindow, (typeof rows)[number]>
  >;
}

/** The groups' means and medians over a window, with the group's label, largest group first. */
export async function groupActivity(db: Kysely<Database>, window: ActivityWindow) {
  return db
    .selectFrom('group_activity_stats as s')
    .leftJoin('organe as g', 'g.uid', 's.group_uid')
    .select([
      's.group_uid',
      'g.abbreviation',
      'g.label',
      'g.color',
      's.deputes',
      's.mean_active_weeks',
      's.median_active_weeks',
      's.rated',
      's.mean_presence_rate',
      's.median_presence_rate',
    ])
    .where('s.window', '=', window)
    .orderBy('s.deputes', 'desc')
    .orderBy('g.label')
    .execute();
}

export type GroupActivityRow = Awaited<ReturnType<typeof groupActivity>>[number];
