import { sql, type Kysely } from 'kysely';
import { likeEscape } from './like.ts';
import type { Database } from '../schema/index.ts';
import { fold } from '../../domain/text.ts';
import { MIN_SIGNIFICANT_VOTES, type Position } from '../../domain/votes.ts';

export interface ScrutinFilter {
  from: string | null;
  to: string | null;
  type: string | null;
  result: 'adopté' | 'rejeté' | null;
  words: string | null;
  /** Only scrutins where a group's published position is not the majority of its votes. */
  positionMismatch: boolean;
  /** `lie`: linked to an amendment; `non-lie`: the title names one, but it is not linked. */
  amendement?: 'lie' | 'non-lie' | null;
  sort: 'numero' | 'date';
  order: 'asc' | 'desc';
}

/** Words of a free-text search, each to be found in the text (accents and case ignored). */
function searchWords(text: string | null): string[] {
  return text
    ? fold(text)
        .split(' ')
        .filter((w) => w.length > 0)
        .slice(0, 10)
    : [];
}

/** Scrutins of the legislature matching a filter: one page and the total. */
export async function listScrutins(
  db: Kysely<Database>,
  legislature: number,
  filter: ScrutinFilter,
  page: { limit: number | null; offset: number },
) {
  let q = db.selectFrom('scrutin').where('legislature', '=', legislature);
  if (filter.from) q = q.where('date', '>=', filter.from);
  if (filter.to) q = q.where('date', '<=', filter.to);
  if (filter.type) q = q.where('type_code', '=', filter.type);
  if (filter.result) q = q.where('result_code', '=', filter.result);
  for (const word of searchWords(filter.words)) {
    q = q.where(sql<boolean>`title_key like ${`%${likeEscape(word)}%`} escape '\\'`);
  }
  if (filter.positionMismatch) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('scrutin_group as g')
          .select('g.group_uid')
          .whereRef('g.scrutin_uid', '=', 'scrutin.uid')
          .where('g.position_mismatch', '=', 1),
      ),
    );
  }
  if (filter.amendement) {
    const linked = filter.amendement === 'lie';
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('scrutin_amendement as l')
          .select('l.scrutin_uid')
          .whereRef('l.scrutin_uid', '=', 'scrutin.uid')
          .where('l.position', '=', 1)
          .where('l.amendement_uid', linked ? 'is not' : 'is', null),
      ),
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = q
    .selectAll()
    .orderBy(filter.sort === 'date' ? 'date' : 'number', filter.order)
    .orderBy('number', filter.order);
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  const found = await rows.execute();
  const mismatches = await mismatchedGroups(
    db,
    found.map((r) => r.uid),
  );
  return {
    total: Number(total),
    rows: found.map((r) => ({ ...r, mismatches: mismatches.get(r.uid) ?? [] })),
  };
}

/**
 * The groups of these scrutins whose published position is not the majority of their votes,
 * by scrutin uid, largest group first.
 */
async function mismatchedGroups(db: Kysely<Database>, scrutinUids: string[]) {
  const byScrutin = new Map<string, MismatchedGroup[]>();
  // Kept well under SQLite's limit of bound parameters per statement.
  for (let i = 0; i < scrutinUids.length; i += 500) {
    const rows = await db
      .selectFrom('scrutin_group as sg')
      .leftJoin('organe as o', 'o.uid', 'sg.group_uid')
      .select([
        'sg.scrutin_uid',
        'sg.group_uid',
        'o.abbreviation',
        'sg.position',
        'sg.majority_position',
        'sg.for_count',
        'sg.against_count',
        'sg.abstention_count',
      ])
      .where('sg.scrutin_uid', 'in', scrutinUids.slice(i, i + 500))
      .where('sg.position_mismatch', '=', 1)
      .orderBy('sg.members', 'desc')
      .orderBy('sg.group_uid')
      .execute();
    for (const { scrutin_uid, ...g } of rows) {
      byScrutin.set(scrutin_uid, [...(byScrutin.get(scrutin_uid) ?? []), g]);
    }
  }
  return byScrutin;
}

/** A group whose published position (`position`) differs from its majority, with its votes. */
export interface MismatchedGroup {
  group_uid: string;
  abbreviation: string | null;
  position: Position;
  majority_position: Exclude<Position, 'nonVotant'> | null;
  for_count: number;
  against_count: number;
  abstention_count: number;
}

export type ScrutinRow = Awaited<ReturnType<typeof listScrutins>>['rows'][number];

/**
 * One scrutin by number, with its groups (named as in the referential, with their rebels) and
 * the dossiers it belongs to, or null.
 */
export async function getScrutin(db: Kysely<Database>, legislature: number, number: number) {
  const scrutin = await db
    .selectFrom('scrutin')
    .selectAll()
    .where('legislature', '=', legislature)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!scrutin) return null;
  const groups = await db
    .selectFrom('scrutin_group as sg')
    .leftJoin('organe as o', 'o.uid', 'sg.group_uid')
    .selectAll('sg')
    .select(['o.abbreviation', 'o.label', 'o.color'])
    .select((eb) =>
      eb
        .selectFrom('vote as v')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('v.scrutin_uid', '=', 'sg.scrutin_uid')
        .whereRef('v.group_uid', '=', 'sg.group_uid')
        .where('v.rebel', '=', 1)
        .as('rebels'),
    )
    .where('sg.scrutin_uid', '=', scrutin.uid)
    .orderBy('sg.members', 'desc')
    .execute();
  // The dossiers whose steps name this scrutin (filled by the dossiers ingest); the title is
  // null when the dossier itself is not stored.
  // The steps' dossiers first, then the one the file names, then the amendment's.
  const dossiers = await db
    .selectFrom('scrutin_dossier as sd')
    .leftJoin('dossier as d', 'd.uid', 'sd.dossier_uid')
    .select(['sd.dossier_uid', 'd.title', 'sd.method'])
    .where('sd.scrutin_uid', '=', scrutin.uid)
    .orderBy(sql`case sd.method when 'etapes' then 0 when 'reference' then 1 else 2 end`)
    .orderBy('sd.dossier_uid')
    .execute();
  // The amendments the title names, in its order, resolved or with the reason they are not.
  const amendements = await db
    .selectFrom('scrutin_amendement as l')
    .leftJoin('amendement as a', 'a.uid', 'l.amendement_uid')
    .leftJoin('acteur as p', 'p.uid', 'a.author_uid')
    .select([
      'l.position',
      'l.numero',
      'l.author as title_author',
      'l.amendement_uid',
      'l.method',
      'l.reason',
      'a.numero_long',
      'a.numero_rect',
      'a.dossier_uid',
      'a.texte_uid',
      'a.article',
      'a.article_designation',
      'a.author_type',
      'a.author_uid',
      'a.signatories_label',
      'a.sort',
      'p.first_name as author_first_name',
      'p.last_name as author_last_name',
    ])
    .where('l.scrutin_uid', '=', scrutin.uid)
    .orderBy('l.position')
    .execute();
  return { scrutin, groups, dossiers, amendements };
}

export type ScrutinDetail = NonNullable<Awaited<ReturnType<typeof getScrutin>>>;

/**
 * The votes of one scrutin, optionally for one group (abbreviation or uid), one position, and
 * only the votes against the group's majority (`rebelOnly`).
 */
export async function scrutinVotes(
  db: Kysely<Database>,
  scrutinUid: string,
  filter: { group: string | null; position: Position | null; rebelOnly?: boolean },
) {
  let q = db
    .selectFrom('vote as v')
    .leftJoin('acteur as a', 'a.uid', 'v.acteur_uid')
    .leftJoin('organe as g', 'g.uid', 'v.group_uid')
    .innerJoin('scrutin_group as sg', (j) =>
      j.onRef('sg.scrutin_uid', '=', 'v.scrutin_uid').onRef('sg.group_uid', '=', 'v.group_uid'),
    )
    .select([
      'v.acteur_uid',
      'v.position',
      'v.cause',
      'v.delegation',
      'v.rebel',
      'v.rebel_published',
      'v.group_uid',
      'sg.majority_position as group_majority',
      'sg.position as group_position',
      'a.first_name',
      'a.last_name',
      'a.sort_name',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
    ])
    .where('v.scrutin_uid', '=', scrutinUid);
  if (filter.group) {
    const group = filter.group;
    q = q.where((eb) =>
      eb.or([
        eb('v.group_uid', '=', group),
        eb(eb.fn('upper', ['g.abbreviation']), '=', group.toUpperCase()),
      ]),
    );
  }
  if (filter.position) q = q.where('v.position', '=', filter.position);
  if (filter.rebelOnly) q = q.where('v.rebel', '=', 1);
  // Voters outside the referential (no name) after the named ones of their group.
  return q
    .orderBy('g.abbreviation')
    .orderBy(sql`a.sort_name is null`)
    .orderBy('a.sort_name')
    .orderBy('v.acteur_uid')
    .execute();
}

export type ScrutinVoteRow = Awaited<ReturnType<typeof scrutinVotes>>[number];

export interface DeputyVotesFilter {
  position: Position | null;
  type: string | null;
  from: string | null;
  to: string | null;
  words: string | null;
  rebelOnly: boolean;
}

/** A deputy's votes, latest first, with the scrutin and the group at the time. */
export async function deputyVotes(
  db: Kysely<Database>,
  acteurUid: string,
  filter: DeputyVotesFilter,
  page: { limit: number | null; offset: number },
) {
  let q = db
    .selectFrom('vote as v')
    .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
    .innerJoin('scrutin_group as sg', (j) =>
      j.onRef('sg.scrutin_uid', '=', 'v.scrutin_uid').onRef('sg.group_uid', '=', 'v.group_uid'),
    )
    .leftJoin('organe as g', 'g.uid', 'v.group_uid')
    .where('v.acteur_uid', '=', acteurUid);
  if (filter.position) q = q.where('v.position', '=', filter.position);
  if (filter.type) q = q.where('s.type_code', '=', filter.type);
  if (filter.from) q = q.where('s.date', '>=', filter.from);
  if (filter.to) q = q.where('s.date', '<=', filter.to);
  if (filter.rebelOnly) q = q.where('v.rebel', '=', 1);
  for (const word of searchWords(filter.words)) {
    q = q.where(sql<boolean>`s.title_key like ${`%${likeEscape(word)}%`} escape '\\'`);
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = q
    .select([
      's.number',
      's.date',
      's.title',
      's.type_code',
      's.result_code',
      'v.position',
      'v.cause',
      'v.delegation',
      'v.rebel',
      'v.rebel_published',
      'sg.majority_position as group_majority',
      'sg.position as group_position',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
    ])
    .orderBy('s.number', 'desc');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return { total: Number(total), rows: await rows.execute() };
}

export type DeputyVoteRow = Awaited<ReturnType<typeof deputyVotes>>['rows'][number];

/**
 * The groups an acteur was listed in (group at the time of each vote), in order of their
 * first scrutin: scrutins where listed, votes cast (pour, contre, abstention), first and last
 * scrutin dates. Empty for an acteur nobody recorded in any scrutin.
 */
export async function deputyVotingGroups(db: Kysely<Database>, acteurUid: string) {
  const rows = await db
    .selectFrom('vote as v')
    .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
    .leftJoin('organe as g', 'g.uid', 'v.group_uid')
    .select((eb) => [
      'v.group_uid',
      'g.abbreviation',
      'g.label',
      'g.color',
      eb.fn.countAll<number>().as('scrutins'),
      eb.fn
        .sum<number>(eb.case().when('v.position', '!=', 'nonVotant').then(1).else(0).end())
        .as('votes'),
      eb.fn.min('s.date').as('first_date'),
      eb.fn.max('s.date').as('last_date'),
    ])
    .where('v.acteur_uid', '=', acteurUid)
    .groupBy('v.group_uid')
    .orderBy('first_date')
    .orderBy('v.group_uid')
    .execute();
  return rows.map((r) => ({ ...r, scrutins: Number(r.scrutins), votes: Number(r.votes) }));
}

export type VotingGroupRow = Awaited<ReturnType<typeof deputyVotingGroups>>[number];

/** A deputy's participation and loyalty figures, or null when they could not be computed. */
export async function deputyVoteStats(db: Kysely<Database>, acteurUid: string) {
  return (
    (await db
      .selectFrom('deputy_vote_stats')
      .selectAll()
      .where('acteur_uid', '=', acteurUid)
      .executeTakeFirst()) ?? null
  );
}

/** Participation of every deputy in office, for distributions. */
export async function participationOfDeputiesInOffice(
  db: Kysely<Database>,
  groupUid: string | null = null,
) {
  let q = db
    .selectFrom('deputy_vote_stats as s')
    .innerJoin('acteur as a', 'a.uid', 's.acteur_uid')
    .select(['s.acteur_uid', 's.participation', 's.eligible', 's.loyalty', 's.loyalty_base'])
    .where('a.in_office', '=', 1);
  if (groupUid) q = q.where('a.group_uid', '=', groupUid);
  return q.execute();
}

/** A group's cohesion and its proximity to every other group of the legislature. */
export async function groupVoteFigures(db: Kysely<Database>, groupUid: string) {
  const [stats, proximity] = await Promise.all([
    db
      .selectFrom('group_vote_stats')
      .selectAll()
      .where('group_uid', '=', groupUid)
      .executeTakeFirst(),
    db
      .selectFrom('group_proximity as p')
      .innerJoin('organe as o', 'o.uid', 'p.group_b')
      .select([
        'p.group_b',
        'p.common',
        'p.agreements',
        'p.proximity',
        'o.abbreviation',
        'o.label',
        'o.color',
      ])
      .where('p.group_a', '=', groupUid)
      // A proximity on too few common scrutins is never ranked: after the others.
      .orderBy(sql`p.common >= ${MIN_SIGNIFICANT_VOTES}`, 'desc')
      .orderBy('p.proximity', 'desc')
      .execute(),
  ]);
  return { stats: stats ?? null, proximity };
}

/** Every pair of groups of the legislature with their proximity, for the matrix. */
export async function proximityMatrix(db: Kysely<Database>, legislature: number) {
  return db
    .selectFrom('group_proximity as p')
    .innerJoin('organe as a', 'a.uid', 'p.group_a')
    .innerJoin('organe as b', 'b.uid', 'p.group_b')
    .select([
      'p.group_a',
      'p.group_b',
      'p.common',
      'p.agreements',
      'p.proximity',
      'a.abbreviation as a_abbreviation',
      'b.abbreviation as b_abbreviation',
    ])
    .where('a.legislature', '=', legislature)
    .where('b.legislature', '=', legislature)
    .execute();
}

/**
 * Every vote of the legislature in scrutin order, in batches read by key ranges: memory
 * stays flat, and the database connection is free between batches, so a slow download
 * never holds up the other pages.
 */
export async function* allVotesInBatches(db: Kysely<Database>, legislature: number, size = 5000) {
  let after: { number: number; acteur: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('vote as v')
      .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
      .leftJoin('acteur as a', 'a.uid', 'v.acteur_uid')
      .leftJoin('organe as g', 'g.uid', 'v.group_uid')
      .select([
        's.number',
        's.date',
        's.type_code',
        'v.acteur_uid',
        'a.first_name',
        'a.last_name',
        'v.group_uid',
        'g.abbreviation as group_abbreviation',
        'v.position',
        'v.cause',
        'v.delegation',
        'v.rebel',
        'v.rebel_published',
      ])
      .where('s.legislature', '=', legislature)
      .orderBy('s.number')
      .orderBy('v.acteur_uid')
      .limit(size);
    if (after) {
      const { number, acteur } = after;
      // A row-value comparison seeks in the scrutin_number index; the equivalent OR of two
      // conditions made SQLite scan the legislature from its first scrutin at every batch.
      q = q.where((eb) =>
        eb(eb.refTuple('s.number', 'v.acteur_uid'), '>', eb.tuple(number, acteur)),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { number: last.number, acteur: last.acteur_uid };
  }
}

/** Voters of a scrutin (with a position, when given) who are not in the referential. */
export async function votersOutsideReferential(
  db: Kysely<Database>,
  legislature: number,
  number: number,
  position: Position | null,
): Promise<number> {
  let q = db
    .selectFrom('vote as v')
    .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
    .leftJoin('acteur as a', 'a.uid', 'v.acteur_uid')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.legislature', '=', legislature)
    .where('s.number', '=', number)
    .where('a.uid', 'is', null);
  if (position) q = q.where('v.position', '=', position);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * (scrutin, group) pairs where the group cast votes, those where the AN's published position
 * is not the majority of those votes, and the scrutins with at least one such pair.
 */
export async function positionDisagreements(db: Kysely<Database>, legislature: number) {
  const row = await db
    .selectFrom('scrutin_group as g')
    .innerJoin('scrutin as s', 's.uid', 'g.scrutin_uid')
    .select((eb) => [
      eb.fn.countAll<number>().as('pairs'),
      eb.fn.coalesce(eb.fn.sum<number>('g.position_mismatch'), eb.lit(0)).as('disagreements'),
      sql<number>`count(distinct case when g.position_mismatch = 1 then g.scrutin_uid end)`.as(
        'scrutins',
      ),
    ])
    .where('s.legislature', '=', legislature)
    .where(sql<boolean>`g.for_count + g.against_count + g.abstention_count > 0`)
    .executeTakeFirstOrThrow();
  return {
    pairs: Number(row.pairs),
    disagreements: Number(row.disagreements),
    scrutins: Number(row.scrutins),
  };
}
