import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The process that runs each crawl: a `running` row whose process is gone was interrupted,
// one whose process is alive is a crawl in progress that another process must not repeat.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('crawl_run').addColumn('pid', 'integer').execute();
}
