import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';

/** Political groups (GP) of a legislature with their members in office, largest first. */
export async function listGroups(db: Kysely<Database>, legislature: number) {
  const rows = await db
    .selectFrom('organe as g')
    .leftJoin('acteur as a', (join) =>
      join.onRef('a.group_uid', '=', 'g.uid').on('a.in_office', '=', 1),
    )
    .select((eb) => [
      'g.uid',
      'g.abbreviation',
      'g.label',
      'g.color',
      'g.start_date',
      'g.end_date',
      eb.fn.count<number>('a.uid').as('members'),
      eb.fn.sum<number>(eb.case().when('a.sex', '=', 'F').then(1).else(0).end()).as('women'),
    ])
    .where('g.code_type', '=', 'GP')
    .where('g.legislature', '=', legislature)
    .groupBy('g.uid')
    .orderBy('members', 'desc')
    .orderBy('g.label')
    .execute();
  return rows.map((r) => ({ ...r, members: Number(r.members), women: Number(r.women ?? 0) }));
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
