import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';

/**
 * A stamp of the data as committed: it changes whenever an ingest commits changed data (each
 * records its `changed_at` in sync_state inside its transaction). Caches of drawings and pages
 * key on it.
 */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('sync_state')
    .select([
      sql<string | null>`max(changed_at)`.as('changed'),
      sql<number>`count(changed_at)`.as('n'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.changed ?? ''}/${row.n}`;
}
