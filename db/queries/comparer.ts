// Comparisons computed per request from the stored votes, because they depend on the
// visitor's input: two deputies or groups side by side (/comparer), and a visitor's own
// answers against every deputy and group (/vote-comme-moi). Every query reads through an
// index: a deputy's votes cast from vote_acteur_position, a group's majorities from
// scrutin_group_group_position, the legislature of a scrutin from scrutin_uid_legislature
// (all three covering), one scrutin's votes from the vote primary key.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import { CAST, UNKNOWN_GROUP } from '../../domain/votes.ts';

/** Who is compared: a deputy (acteur uid `PA…`) or a group (organe uid `PO…`). */
export type SubjectKind = 'depute' | 'groupe';

export interface SubjectRef {
  kind: SubjectKind;
  uid: string;
}

/**
 * A deputy or group by uid, named as in the referential, or null when the uid is neither in
 * the referential nor among the voters of the legislature. A deputy outside the referential
 * (a former deputy) who voted is found, without a name.
 */
export async function findSubject(db: Kysely<Database>, legislature: number, ref: SubjectRef) {
  if (ref.kind === 'depute') {
    const [acteur, voted] = await Promise.all([
      db
        .selectFrom('acteur as a')
        .leftJoin('organe as g', 'g.uid', 'a.group_uid')
        .select([
          'a.uid',
          'a.first_name',
          'a.last_name',
          'a.in_office',
          'g.abbreviation as group_abbreviation',
          'g.label as group_label',
          'g.color as group_color',
        ])
        .where('a.uid', '=', ref.uid)
        .executeTakeFirst(),
      db
        .selectFrom('vote as v')
        .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
        .select('v.acteur_uid')
        .where('v.acteur_uid', '=', ref.uid)
        .where('s.legislature', '=', legislature)
        .limit(1)
        .executeTakeFirst(),
    ]);
    if (!acteur && !voted) return null;
    return {
      ...ref,
      name: acteur ? `${acteur.first_name} ${acteur.last_name}` : null,
      inReferential: acteur !== undefined,
      inOffice: acteur?.in_office === 1,
      abbreviation: acteur?.group_abbreviation ?? null,
      label: acteur?.group_label ?? null,
      color: acteur?.group_color ?? null,
    };
  }
  const [organe, voted] = await Promise.all([
    db
      .selectFrom('organe')
      .select(['uid', 'abbreviation', 'label', 'color', 'end_date'])
      .where('uid', '=', ref.uid)
      .where('code_type', '=', 'GP')
      .executeTakeFirst(),
    db
      .selectFrom('scrutin_group as g')
      .innerJoin('scrutin as s', 's.uid', 'g.scrutin_uid')
      .select('g.group_uid')
      .where('g.group_uid', '=', ref.uid)
      .where('s.legislature', '=', legislature)
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!organe && !voted) return null;
  return {
    ...ref,
    name: organe?.label ?? null,
    inReferential: organe !== undefined,
    inOffice: organe ? organe.end_date === null : false,
    abbreviation: organe?.abbreviation ?? null,
    label: organe?.label ?? null,
    color: organe?.color ?? null,
  };
}

export type Subject = NonNullable<Awaited<ReturnType<typeof findSubject>>>;

/**
 * The scrutins where a subject "voted", with its position: a deputy's votes cast (pour,
 * contre, abstention), or a group's computed majority (none on a tie), the group as recorded
 * at each vote. Written in SQL to name the covering index: SQLite would otherwise look the
 * second side of a comparison up by the primary key, then read the table for the position
 * (three times slower on the real data).
 */
function positionsOf<A extends string>(subject: SubjectRef, alias: A) {
  type Positions = { scrutin_uid: string; position: string };
  return subject.kind === 'depute'
    ? sql<Positions>`(select scrutin_uid, position from vote indexed by vote_acteur_position
        where acteur_uid = ${subject.uid} and position in ('pour', 'contre', 'abstention'))`.as(
        alias,
      )
    : sql<Positions>`(select scrutin_uid, majority_position as position
        from scrutin_group indexed by scrutin_group_group_position
        where group_uid = ${subject.uid} and majority_position is not null)`.as(alias);
}

/** The common scrutins of two subjects: both voted (see positionsOf), in the legislature. */
function commonScrutins(db: Kysely<Database>, legislature: number, a: SubjectRef, b: SubjectRef) {
  return db
    .selectFrom(positionsOf(a, 'pa'))
    .innerJoin(positionsOf(b, 'pb'), 'pb.scrutin_uid', 'pa.scrutin_uid')
    .innerJoin('scrutin as s', 's.uid', 'pa.scrutin_uid')
    .where('s.legislature', '=', legislature);
}

/** How many scrutins two subjects have in common, and on how many they took the same position. */
export async function comparisonSummary(
  db: Kysely<Database>,
  legislature: number,
  a: SubjectRef,
  b: SubjectRef,
) {
  const row = await commonScrutins(db, legislature, a, b)
    .select((eb) => [
      eb.fn.countAll<number>().as('common'),
      eb.fn.coalesce(eb.fn.sum<number>(sql`pa.position = pb.position`), eb.lit(0)).as('agreements'),
    ])
    .executeTakeFirstOrThrow();
  return { common: Number(row.common), agreements: Number(row.agreements) };
}

/** The common scrutins of two subjects, latest first: all, or only their disagreements. */
export async function comparisonRows(
  db: Kysely<Database>,
  legislature: number,
  a: SubjectRef,
  b: SubjectRef,
  filter: { disagreementsOnly: boolean },
  page: { limit: number | null; offset: number },
) {
  let q = commonScrutins(db, legislature, a, b).select([
    's.number',
    's.date',
    's.type_code',
    's.title',
    's.result_code',
    'pa.position as position_a',
    'pb.position as position_b',
  ]);
  if (filter.disagreementsOnly) q = q.where(sql<boolean>`pa.position <> pb.position`);
  q = q.orderBy('s.number', 'desc');
  if (page.limit !== null) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

export type ComparisonRow = Awaited<ReturnType<typeof comparisonRows>>[number];

/** Deputies in office and the groups of the legislature, for the choices of the form. */
export async function subjectChoices(db: Kysely<Database>, legislature: number) {
  const [deputies, groups] = await Promise.all([
    db
      .selectFrom('acteur as a')
      .leftJoin('organe as g', 'g.uid', 'a.group_uid')
      .select(['a.uid', 'a.first_name', 'a.last_name', 'g.abbreviation as group_abbreviation'])
      .where('a.in_office', '=', 1)
      .orderBy('a.sort_name')
      .orderBy('a.uid')
      .execute(),
    db
      .selectFrom('organe')
      .select(['uid', 'abbreviation', 'label', 'end_date'])
      .where('code_type', '=', 'GP')
      .where('legislature', '=', legislature)
      .orderBy('label')
      .execute(),
  ]);
  return { deputies, groups };
}

export type SubjectChoices = Awaited<ReturnType<typeof subjectChoices>>;

/** Scrutins of the legislature by number (at most a few hundred numbers). */
export async function scrutinsByNumber(
  db: Kysely<Database>,
  legislature: number,
  numbers: number[],
) {
  if (numbers.length === 0) return [];
  return db
    .selectFrom('scrutin')
    .select(['uid', 'number', 'date', 'type_code', 'title', 'result_code'])
    .where('legislature', '=', legislature)
    .where('number', 'in', numbers)
    .orderBy('number', 'desc')
    .execute();
}

/** A visitor's answers: scrutin uid → pour, contre or abstention. */
export type Answers = ReadonlyMap<string, 'pour' | 'contre' | 'abstention'>;

/**
 * For every acteur who cast a vote in at least one answered scrutin: the answered scrutins
 * where they cast a vote (common) and those where their position equals the answer.
 * The answers go in as one JSON parameter read by json_each, so nothing is spliced into SQL.
 */
export async function deputyAgreements(db: Kysely<Database>, answers: Answers) {
  if (answers.size === 0) return [];
  const json = JSON.stringify(Object.fromEntries(answers));
  // Counted first, named after: joining the names to each vote is three times slower.
  const counts = db
    .selectFrom(sql<{ key: string; value: string }>`json_each(${json})`.as('r'))
    .innerJoin('vote as v', 'v.scrutin_uid', 'r.key')
    .select((eb) => [
      'v.acteur_uid as uid',
      eb.fn.countAll<number>().as('common'),
      eb.fn.sum<number>(sql`v.position = r.value`).as('agreements'),
    ])
    .where('v.position', 'in', [...CAST])
    .groupBy('v.acteur_uid')
    .as('c');
  const rows = await db
    .selectFrom(counts)
    .leftJoin('acteur as a', 'a.uid', 'c.uid')
    .leftJoin('organe as g', 'g.uid', 'a.group_uid')
    .select([
      'c.uid',
      'c.common',
      'c.agreements',
      'a.first_name',
      'a.last_name',
      'a.sort_name',
      'a.in_office',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
    ])
    .execute();
  return rows.map((r) => ({
    ...r,
    common: Number(r.common),
    agreements: Number(r.agreements),
    inReferential: r.last_name !== null,
  }));
}

export type DeputyAgreementRow = Awaited<ReturnType<typeof deputyAgreements>>[number];

/**
 * For every group (as recorded at each vote) with a majority in at least one answered
 * scrutin: the answered scrutins where it had one (common) and those where it equals the answer.
 */
export async function groupAgreements(db: Kysely<Database>, answers: Answers) {
  if (answers.size === 0) return [];
  const json = JSON.stringify(Object.fromEntries(answers));
  const rows = await db
    .selectFrom(sql<{ key: string; value: string }>`json_each(${json})`.as('r'))
    .innerJoin('scrutin_group as sg', 'sg.scrutin_uid', 'r.key')
    .leftJoin('organe as g', 'g.uid', 'sg.group_uid')
    .select((eb) => [
      'sg.group_uid as uid',
      eb.fn.countAll<number>().as('common'),
      eb.fn.sum<number>(sql`sg.majority_position = r.value`).as('agreements'),
      eb.fn.max('g.abbreviation').as('abbreviation'),
      eb.fn.max('g.label').as('label'),
      eb.fn.max('g.color').as('color'),
      eb.fn.max('g.end_date').as('end_date'),
    ])
    .where('sg.majority_position', 'is not', null)
    // A block published without a group id that the ingest could not attribute is no group.
    .where('sg.group_uid', 'not like', `${UNKNOWN_GROUP}%`)
    .groupBy('sg.group_uid')
    .execute();
  return rows.map((r) => ({
    ...r,
    common: Number(r.common),
    agreements: Number(r.agreements),
    inReferential: r.label !== null,
  }));
}

export type GroupAgreementRow = Awaited<ReturnType<typeof groupAgreements>>[number];
