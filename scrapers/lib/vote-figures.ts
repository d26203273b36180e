import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema/index.ts';
import { insertRows } from '../../db/insert.ts';
import { deputyStats, groupProximity, type VoteInput } from './vote-stats.ts';
import { UNKNOWN_GROUP } from '../../domain/votes.ts';

/**
 * Recomputes every derived vote figure (deputy participation and loyalty, group cohesion,
 * proximity between groups) from the stored votes and mandates. Runs inside the ingest
 * transaction of either source they depend on (votes, referential); pages only read them.
 * `votes`, when given, must be every stored vote (an ingest that has just written them all
 * passes them to save reading ~430,000 rows back).
 */
export async function recomputeVoteFigures(
  trx: Kysely<Database>,
  legislature: number,
  votes?: readonly VoteInput[],
): Promise<void> {
  const positions = await trx
    .selectFrom('scrutin_group')
    .select(['scrutin_uid', 'group_uid', 'majority_position'])
    .execute();
  const [scrutins, terms, stored] = await Promise.all([
    trx
      .selectFrom('scrutin')
      .select(['uid', 'date', 'type_code'])
      .where('legislature', '=', legislature)
      .execute(),
    trx
      .selectFrom('mandat')
      .select((eb) => [
        'acteur_uid',
        eb.fn.coalesce('took_office_date', 'start_date').as('start'),
        'end_date as end',
      ])
      .where('organe_type', '=', 'ASSEMBLEE')
      .where('legislature', '=', legislature)
      .execute(),
    // Kept to this legislature below rather than joined (much faster on ~430,000 rows).
    votes ?? storedVotes(trx),
  ]);
  const ofLegislature = new Set(scrutins.map((s) => s.uid));
  const stats = deputyStats(
    scrutins,
    terms.filter((t): t is typeof t & { start: string } => t.start !== null),
    stored.filter((v) => ofLegislature.has(v.scrutin_uid)),
  );
  await trx.deleteFrom('deputy_vote_stats').execute();
  await insertRows(trx, 'deputy_vote_stats', stats);

  await trx.deleteFrom('group_vote_stats').execute();
  await sql`
    insert into group_vote_stats (group_uid, scrutins, cohesion)
    select group_uid, count(agreement_index), avg(agreement_index)
    from scrutin_group
    where group_uid not like ${UNKNOWN_GROUP + '%'}
    group by group_uid`.execute(trx);

  await trx.deleteFrom('group_proximity').execute();
  await insertRows(
    trx,
    'group_proximity',
    groupProximity(positions.filter((p) => !p.group_uid.startsWith(UNKNOWN_GROUP))),
  );
}

/** Every stored vote, with its group's majority on that scrutin. */
export async function storedVotes(trx: Kysely<Database>): Promise<VoteInput[]> {
  return trx
    .selectFrom('vote as v')
    .leftJoin('scrutin_group as g', (join) =>
      join.onRef('g.scrutin_uid', '=', 'v.scrutin_uid').onRef('g.group_uid', '=', 'v.group_uid'),
    )
    .select([
      'v.scrutin_uid',
      'v.acteur_uid',
      'v.position',
      'v.cause',
      'v.delegation',
      'v.rebel_published',
      'g.majority_position as majority',
    ])
    .execute();
}
