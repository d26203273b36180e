import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The data version: one row, a counter every committed change of published data bumps inside
// its own transaction, with the time of the bump. Caches of pages and exports key on it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('data_version')
    .values({ id: 1, version: 1, changed_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_version').execute();
}
