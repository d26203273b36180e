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
