import { sql, type Kysely } from 'kysely';
import { likeEscape } from './like.ts';
import type { Database } from '../schema/index.ts';
import { fold } from '../../domain/text.ts';
import { professionKey } from '../../domain/professions.ts';
import { declaredActivity, declaredSection } from './declarations.ts';
import { MIN_SIGNIFICANT_VOTES, type Position } from '../../domain/votes.ts';

export type InOffice = 'oui' | 'non' | 'tous';
export type SortKey =
  | 'nom'
  | 'groupe'
  | 'age'
  | 'departement'
  | 'profession'
  | 'debut'
  | 'participation'
  | 'participation-solennelle'
  | 'loyaute'
  | 'frondeurs'
  | 'amendements'
  | 'cosignatures'
  | 'amendements-adoptes'
  | 'taux-adoption';

export interface DeputyFilter {
  inOffice: InOffice;
  groups: string[];
  party: string | null;
  profession: string | null;
  inseeCategory: string | null;
  inseeFamily: string | null;
  departement: string | null;
  sex: 'F' | 'M' | null;
  ageMin: number | null;
  ageMax: number | null;
  name: string | null;
  /** Deputies who voted in this scrutin, with this position when given. */
  scrutin: { legislature: number; number: number; position: Position | null } | null;
  /** HATVP: financial participations / consulting in the current declaration (oui, non). */
  participations: 'oui' | 'non' | null;
  consulting: 'oui' | 'non' | null;
  /** HATVP: the profession filter also matches the declared activities. */
  professionDeclared: boolean;
  sort: SortKey;
  order: 'asc' | 'desc';
}

export const defaultDeputyFilter: DeputyFilter = {
  inOffice: 'oui',
  groups: [],
  party: null,
  profession: null,
  inseeCategory: null,
  inseeFamily: null,
  departement: null,
  sex: null,
  ageMin: null,
  ageMax: null,
  name: null,
  scrutin: null,
  participations: null,
  consulting: null,
  professionDeclared: false,
  sort: 'nom',
  order: 'asc',
};

/** ISO date `years` years before `today` (for age bounds). */
export function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d));
  // 29 February in a non-leap year rolls to 1 March, which is the right bound.
  return date.toISOString().slice(0, 10);
}

/** Age in whole years on `today` for a birth date, or null. */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Acteurs with their group, party, vote and amendment figures: the rows of every deputies list. */
export function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('acteur as a')
    .leftJoin('organe as g', 'g.uid', 'a.group_uid')
    .leftJoin('organe as p', 'p.uid', 'a.party_uid')
    .leftJoin('deputy_vote_stats as s', 's.acteur_uid', 'a.uid')
    .leftJoin('deputy_amendement_stats as am', 'am.acteur_uid', 'a.uid');
}

/** The `/deputes` filter (also `/synthese`'s) applied to a baseQuery. */
export function applyFilter(
  query: ReturnType<typeof baseQuery>,
  filter: DeputyFilter,
  today: string,
): ReturnType<typeof baseQuery> {
  let q = query;
  if (filter.inOffice === 'oui') q = q.where('a.in_office', '=', 1);
  else if (filter.inOffice === 'non') q = q.where('a.in_office', '=', 0);
  if (filter.groups.length > 0) {
    const wanted = filter.groups.map((g) => g.toUpperCase());
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('upper', ['g.abbreviation']), 'in', wanted),
        eb('g.uid', 'in', filter.groups),
      ]),
    );
  }
  if (filter.party) {
    const party = filter.party;
    q = q.where((eb) =>
      eb.or([
        eb('p.uid', '=', party),
        eb(eb.fn('upper', ['p.abbreviation']), '=', party.toUpperCase()),
      ]),
    );
  }
  const professionQuery = filter.profession ? professionKey(filter.profession) : null;
  if (professionQuery) {
    const k = likeEscape(professionQuery);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('a.profession_key')} like ${k + '%'} escape '\\'`,
        sql<boolean>`${eb.ref('a.profession_key')} like ${'% ' + k + '%'} escape '\\'`,
        ...(filter.professionDeclared ? [declaredActivity(professionQuery)] : []),
      ]),
    );
  }
  if (filter.participations) q = q.where(declaredSection('participation', filter.participations));
  if (filter.consulting) q = q.where(declaredSection('consultant', filter.consulting));
  if (filter.inseeCategory) q = q.where('a.insee_category', '=', filter.inseeCategory);
  if (filter.inseeFamily) q = q.where('a.insee_family', '=', filter.inseeFamily);
  if (filter.departement) q = q.where('a.departement_code', '=', filter.departement.toUpperCase());
  if (filter.sex) q = q.where('a.sex', '=', filter.sex);
  if (filter.ageMin !== null) q = q.where('a.birth_date', '<=', yearsBefore(today, filter.ageMin));
  if (filter.ageMax !== null)
    q = q.where('a.birth_date', '>', yearsBefore(today, filter.ageMax + 1));
  const nameQuery = filter.name ? fold(filter.name) : '';
  if (nameQuery) {
    const k = likeEscape(nameQuery);
    q = q.where(sql<boolean>`(' ' || a.name_key) like ${'% ' + k + '%'} escape '\\'`);
  }
  if (filter.scrutin) {
    const { legislature, number, position } = filter.scrutin;
    q = q.where('a.uid', 'in', (eb) => {
      let votes = eb
        .selectFrom('vote as v')
        .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
        .select('v.acteur_uid')
        .where('s.legislature', '=', legislature)
        .where('s.number', '=', number);
      if (position) votes = votes.where('v.position', '=', position);
      return votes;
    });
  }
  return q;
}

const SORT_COLUMNS = {
  nom: ['a.sort_name'],
  groupe: ['g.abbreviation', 'a.sort_name'],
  age: ['a.birth_date', 'a.sort_name'],
  departement: ['a.departement_code', 'a.circo_number', 'a.sort_name'],
  profession: ['a.profession_key', 'a.sort_name'],
  debut: ['a.mandate_start', 'a.sort_name'],
} as const;

/**
 * Sorts on a stored vote rate, with the number of votes it is computed over: a rate that is
 * null or rests on fewer than MIN_SIGNIFICANT_VOTES votes is never ranked, so those rows come
 * after every significant one whichever the direction, in name order.
 */
const RATE_SORTS = {
  participation: ['s.participation', 's.eligible'],
  'participation-solennelle': ['s.participation_solemn', 's.eligible_solemn'],
  loyaute: ['s.loyalty', 's.loyalty_base'],
  // A count, over the same votes as loyalty: on fewer than 10 of them it does not compare.
  frondeurs: ['s.rebellions', 's.loyalty_base'],
  // Over the amendments filed whose outcome came from an examination (see DECIDED_SORTS).
  'taux-adoption': ['am.adoption_rate', 'am.decided'],
} as const;
const isRateSort = (sort: SortKey): sort is keyof typeof RATE_SORTS => sort in RATE_SORTS;

/** Sorts on a stored amendment count: a deputy without a row has filed and co-signed nothing (0). */
const COUNT_SORTS = {
  amendements: 'am.filed',
  cosignatures: 'am.cosigned',
  'amendements-adoptes': 'am.adopted',
} as const;
const isCountSort = (sort: SortKey): sort is keyof typeof COUNT_SORTS => sort in COUNT_SORTS;

/** The columns of a deputies list row (DeputyRow), from baseQuery's tables. */
export const DEPUTY_LIST_SELECTION = [
  'a.uid',
  'a.civility',
  'a.sex',
  'a.first_name',
  'a.last_name',
  'a.birth_date',
  'a.profession_raw',
  'a.profession_label',
  'a.profession_key',
  'a.insee_category',
  'a.insee_family',
  'a.in_office',
  'a.departement_code',
  'a.departement_name',
  'a.circo_number',
  'a.mandate_start',
  'a.mandate_end',
  'a.hatvp_url',
  'g.abbreviation as group_abbreviation',
  'g.label as group_label',
  'g.color as group_color',
  'p.abbreviation as party_abbreviation',
  'p.label as party_label',
  's.participation',
  's.eligible',
  's.cast',
  's.participation_solemn',
  's.eligible_solemn',
  's.cast_solemn',
  's.loyalty',
  's.loyal',
  's.loyalty_base',
  's.rebellions',
  'am.filed as amendements_filed',
  'am.cosigned as amendements_cosigned',
  'am.adopted as amendements_adopted',
  'am.rate_adopted as amendements_rate_adopted',
  'am.decided as amendements_decided',
  'am.adoption_rate as amendements_adoption_rate',
] as const;

/** Deputies matching a filter: one page of rows and the total count. */
export async function listDeputies(
  db: Kysely<Database>,
  filter: DeputyFilter,
  page: { limit: number | null; offset: number },
  today: string,
) {
  const filtered = applyFilter(baseQuery(db), filter, today);
  const { total } = await filtered
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = filtered.select(DEPUTY_LIST_SELECTION);
  // Age ascending means youngest first, i.e. the latest birth date first.
  const direction =
    filter.sort === 'age' ? (filter.order === 'asc' ? 'desc' : 'asc') : filter.order;
  const sort = filter.sort;
  if (isRateSort(sort)) {
    const [rate, base] = RATE_SORTS[sort];
    const ranked = sql<number>`(${sql.ref(rate)} is not null and ${sql.ref(base)} >= ${MIN_SIGNIFICANT_VOTES})`;
    rows = rows
      .orderBy(ranked, 'desc')
      .orderBy(sql`case when ${ranked} then ${sql.ref(rate)} end`, direction)
      .orderBy('a.sort_name');
  } else if (isCountSort(sort)) {
    rows = rows
      .orderBy(sql`coalesce(${sql.ref(COUNT_SORTS[sort])}, 0)`, direction)
      .orderBy('a.sort_name');
  } else {
    for (const [i, column] of SORT_COLUMNS[sort].entries()) {
      rows = rows.orderBy(column, i === 0 ? direction : 'asc');
    }
  }
  rows = rows.orderBy('a.uid');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return { total: Number(total), rows: await rows.execute() };
}

export type DeputyRow = Awaited<ReturnType<typeof listDeputies>>['rows'][number];

/** Choices for the filter form: groups of the legislature, parties, INSEE categories, départements. */
export async function deputyFilterOptions(db: Kysely<Database>) {
  const [groups, parties, categories, families, departements] = await Promise.all([
    db
      .selectFrom('organe as g')
      .innerJoin('acteur as a', 'a.group_uid', 'g.uid')
      .select(['g.uid', 'g.abbreviation', 'g.label'])
      .where('a.in_office', '=', 1)
      .groupBy('g.uid')
      .orderBy('g.label')
      .execute(),
    db
      .selectFrom('organe as p')
      .innerJoin('acteur as a', 'a.party_uid', 'p.uid')
      .select(['p.uid', 'p.abbreviation', 'p.label'])
      .groupBy('p.uid')
      .orderBy('p.label')
      .execute(),
    db
      .selectFrom('acteur')
      .select('insee_category as value')
      .distinct()
      .where('insee_category', 'is not', null)
      .orderBy('insee_category')
      .execute(),
    db
      .selectFrom('acteur')
      .select('insee_family as value')
      .distinct()
      .where('insee_family', 'is not', null)
      .orderBy('insee_family')
      .execute(),
    db
      .selectFrom('acteur')
      .select(['departement_code as code', 'departement_name as name'])
      .distinct()
      .where('departement_code', 'is not', null)
      .orderBy('departement_code')
      .execute(),
  ]);
  return {
    groups,
    parties,
    categories: categories.map((c) => c.value!),
    families: families.map((c) => c.value!),
    departements: departements.map((d) => ({ code: d.code!, name: d.name ?? d.code! })),
  };
}

export type DeputyFilterOptions = Awaited<ReturnType<typeof deputyFilterOptions>>;

/** One acteur with organs, mandates, addresses and déports, or null. */
export async function getDeputy(db: Kysely<Database>, uid: string) {
  const acteur = await baseQuery(db)
    .selectAll('a')
    .select([
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
      'p.abbreviation as party_abbreviation',
      'p.label as party_label',
    ])
    .where('a.uid', '=', uid)
    .executeTakeFirst();
  if (!acteur) return null;
  const [mandats, adresses, deports] = await Promise.all([
    db
      .selectFrom('mandat as m')
      .leftJoin('organe as o', 'o.uid', 'm.organe_uid')
      .selectAll('m')
      .select([
        'o.label as organe_label',
        'o.short_label as organe_short_label',
        'o.abbreviation as organe_abbreviation',
        'o.code_type as organe_code_type',
      ])
      .where('m.acteur_uid', '=', uid)
      .orderBy('m.start_date', 'desc')
      .orderBy('m.uid')
      .execute(),
    db
      .selectFrom('adresse')
      .selectAll()
      .where('acteur_uid', '=', uid)
      .orderBy('weight')
      .orderBy('uid')
      .execute(),
    db
      .selectFrom('deport')
      .selectAll()
      .where('acteur_uid', '=', uid)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  return { acteur, mandats, adresses, deports };
}

export type DeputyDetail = NonNullable<Awaited<ReturnType<typeof getDeputy>>>;

/** Number of acteurs stored (0 before the first crawl). */
export async function countActeurs(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('acteur')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A name another stored source gives an acteur who is not in the referential. */
export interface NameCandidate {
  first_name: string | null;
  last_name: string;
  /** `journal`: a name the referential published earlier; `hatvp`: declarations to the HATVP. */
  source: 'journal' | 'hatvp';
  /** How many change events or declarations carry that name. */
  count: number;
  /** The latest detection (journal) or deposit (hatvp) date, ISO. */
  last_date: string | null;
}

/**
 * Names that stored data other than the referential ties to an acteur uid: the label of the
 * change log's events about that acteur (the name the referential published while it listed
 * them), and HATVP declarations filed as a deputy whose `id_origine` is the uid's number. They
 * are candidates, never facts: neither is the Assemblée's current referential.
 */
export async function nameCandidates(db: Kysely<Database>, uid: string): Promise<NameCandidate[]> {
  const [events, declarations] = await Promise.all([
    db
      .selectFrom('change_event')
      .select((eb) => [
        'entity_label',
        eb.fn.max('detected_at').as('last_date'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('entity_type', '=', 'depute')
      .where('entity_id', '=', uid)
      .where('entity_label', 'is not', null)
      .groupBy('entity_label')
      .orderBy('last_date', 'desc')
      .execute(),
    db
      .selectFrom('declaration')
      .select((eb) => [
        'first_name',
        'last_name',
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('deposited_on').as('last_date'),
      ])
      .where('origin_id', '=', uid.replace(/^PA/, ''))
      .where('mandate_type', '=', 'depute')
      .groupBy(['first_name', 'last_name'])
      .orderBy('n', 'desc')
      .execute(),
  ]);
  return [
    ...events.map((e) => ({
      first_name: null,
      last_name: e.entity_label!,
      source: 'journal' as const,
      count: Number(e.n),
      last_date: e.last_date,
    })),
    ...declarations.map((d) => ({
      first_name: d.first_name,
      last_name: d.last_name,
      source: 'hatvp' as const,
      count: Number(d.n),
      last_date: d.last_date,
    })),
  ];
}
