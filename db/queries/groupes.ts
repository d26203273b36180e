import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';

/**
 * Political groups (GP) of a legislature with their members in office, largest first; with
 * the group's stored cohesion and its members' pooled participation (Σ votes cast ÷ Σ
 * scrutins de référence of the members in office, each over their whole term).
 */
export async function listGroups(db: Kysely<Database>, legislature: number) {
  const rows = await db
    .selectFrom('organe as g')
    .leftJoin('acteur as a', (join) =>
      join.onRef('a.group_uid', '=', 'g.uid').on('a.in_office', '=', 1),
    )
    .leftJoin('deputy_vote_stats as s', 's.acteur_uid', 'a.uid')
    .leftJoin('group_vote_stats as gs', 'gs.group_uid', 'g.uid')
    .select((eb) => [
      'g.uid',
      'g.abbreviation',
      'g.label',
      'g.color',
      'g.start_date',
      'g.end_date',
      eb.fn.count<number>('a.uid').as('members'),
      eb.fn.sum<number>(eb.case().when('a.sex', '=', 'F').then(1).else(0).end()).as('women'),
      // One group_vote_stats row per group: max() only reads it.
      eb.fn.max('gs.cohesion').as('cohesion'),
      eb.fn.max('gs.scrutins').as('cohesion_scrutins'),
      eb.fn.sum<number | null>('s.cast').as('members_cast'),
      eb.fn.sum<number | null>('s.eligible').as('members_eligible'),
    ])
    .where('g.code_type', '=', 'GP')
    .where('g.legislature', '=', legislature)
    .groupBy('g.uid')
    .orderBy('members', 'desc')
    .orderBy('g.label')
    .execute();
  return rows.map((r) => {
    const cast = r.members_cast === null ? 0 : Number(r.members_cast);
    const eligible = r.members_eligible === null ? 0 : Number(r.members_eligible);
    return {
      ...r,
      members: Number(r.members),
      women: Number(r.women ?? 0),
      cohesion_scrutins: r.cohesion_scrutins === null ? null : Number(r.cohesion_scrutins),
      members_cast: cast,
      members_eligible: eligible,
      members_participation: eligible > 0 ? cast / eligible : null,
    };
  });
}

export type GroupRow = Awaited<ReturnType<typeof listGroups>>[number];

/** A group of the legislature by abbreviation (case-insensitive) or uid, or null. */
export async function findGroup(db: Kysely<Database>, legislature: number, key: string) {
  return (
    (await db
      .selectFrom('organe')
      .selectAll()
      .where('code_type', '=', 'GP')
      .where('legislature', '=', legislature)
      .where((eb) =>
        eb.or([eb(eb.fn('upper', ['abbreviation']), '=', key.toUpperCase()), eb('uid', '=', key)]),
      )
      .orderBy(sql`end_date is null`, 'desc')
      .orderBy('start_date', 'desc')
      .executeTakeFirst()) ?? null
  );
}
