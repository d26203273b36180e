import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { deputyStats, type VoteInput } from './stats.ts';
import { UNKNOWN_GROUP } from './parse.ts';

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
    // Read without a join (much faster on ~430,000 rows), then kept to this legislature below.
    votes ??
      trx
        .selectFrom('vote')
        .select(['scrutin_uid', 'acteur_uid', 'position', 'cause', 'delegation', 'rebel'])
        .execute(),
  ]);
  const ofLegislature = new Set(scrutins.map((s) => s.uid));
  const stats = deputyStats(
    scrutins,
    terms.filter((t): t is typeof t & { start: string } => t.start !== null),
    stored.filter((v) => ofLegislature.has(v.scrutin_uid)),
  );
  await trx.deleteFrom('deputy_vote_stats').execute();
  for (let i = 0; i < stats.length; i += 1000) {
    await trx
      .insertInto('deputy_vote_stats')
      .values(stats.slice(i, i + 1000))
      .execute();
  }

  await trx.deleteFrom('group_vote_stats').execute();
  await sql`
    insert into group_vote_stats (group_uid, scrutins, cohesion)
    select group_uid, count(agreement_index), avg(agreement_index)
    from scrutin_group
    where group_uid not like ${UNKNOWN_GROUP + '%'}
    group by group_uid`.execute(trx);

  // Two groups' positions are compared only where each cast at least one vote.
  await trx.deleteFrom('group_proximity').execute();
  await sql`
    insert into group_proximity (group_a, group_b, common, agreements, proximity)
    select a.group_uid, b.group_uid, count(*), sum(a.position = b.position),
           cast(sum(a.position = b.position) as real) / count(*)
    from scrutin_group a
    join scrutin_group b on b.scrutin_uid = a.scrutin_uid and b.group_uid <> a.group_uid
    where a.agreement_index is not null and b.agreement_index is not null
      and a.position <> 'nonVotant' and b.position <> 'nonVotant'
      and a.group_uid not like ${UNKNOWN_GROUP + '%'} and b.group_uid not like ${UNKNOWN_GROUP + '%'}
    group by a.group_uid, b.group_uid`.execute(trx);
}
