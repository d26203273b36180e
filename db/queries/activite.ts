import type { Kysely } from 'kysely';
import type { Database, DeputyActivityStats } from '../schema/index.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';

/** A deputy's stored activity figures, by window (a window without a row is absent). */
export async function deputyActivity(
  db: Kysely<Database>,
  uid: string,
): Promise<Partial<Record<ActivityWindow, DeputyActivityStats>>> {
  const rows = await db
    .selectFrom('deputy_activity_stats')
    .selectAll()
    .where('acteur_uid', '=', uid)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.window, r]));
}

/** One week of the legislature with a deputy's activity and the median of all deputies. */
export interface DeputyWeek {
  week: string;
  start_day: string;
  vacation: number;
  presences: number;
  votes: number;
  amendements: number;
  median_presences: number | null;
  median_votes: number | null;
  median_amendements: number | null;
}

/** Every week of the legislature (oldest first) with a deputy's activity, zeros when none. */
export async function deputyActivityWeeks(
  db: Kysely<Database>,
  uid: string,
): Promise<DeputyWeek[]> {
  return db
    .selectFrom('activity_week as w')
    .leftJoin('deputy_activity_week as d', (join) =>
      join.onRef('d.week', '=', 'w.week').on('d.acteur_uid', '=', uid),
    )
    .select((eb) => [
      'w.week',
      'w.start_day',
      'w.vacation',
      eb.fn.coalesce('d.presences', eb.lit(0)).as('presences'),
      eb.fn.coalesce('d.votes', eb.lit(0)).as('votes'),
      eb.fn.coalesce('d.amendements', eb.lit(0)).as('amendements'),
      'w.median_presences',
      'w.median_votes',
      'w.median_amendements',
    ])
    .orderBy('w.week')
    .execute();
}

/** The bounds of each window of the activity figures. */
export async function activityWindows(db: Kysely<Database>) {
  const rows = await db.selectFrom('activity_window').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.window, r])) as Partial<
    Record<ActivityWindow, (typeof rows)[number]>
  >;
}

/** The vacation weeks of the legislature (no plenary sitting, no scrutin), oldest first. */
export async function vacationWeeks(db: Kysely<Database>) {
  return db
    .selectFrom('activity_week')
    .select(['week', 'start_day'])
    .where('vacation', '=', 1)
    .orderBy('week')
    .execute();
}
