import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// crawl_run: one row per run of one source. change_event: the append-only change log;
// triggers refuse any UPDATE or DELETE so that what was true when is never lost.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crawl_run')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('crawl_run_source')
    .on('crawl_run')
    .columns(['source', 'started_at'])
    .execute();

  await db.schema
    .createTable('change_event')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.references('crawl_run.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('entity_label', 'text')
    .addColumn('group_uid', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('detail', 'text')
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .execute();
  await db.schema
    .createIndex('change_event_entity')
    .on('change_event')
    .columns(['entity_type', 'entity_id', 'detected_at'])
    .execute();
  await db.schema
    .createIndex('change_event_detected')
    .on('change_event')
    .columns(['detected_at'])
    .execute();
  await db.schema.createIndex('change_event_kind').on('change_event').columns(['kind']).execute();
  await db.schema.createIndex('change_event_run').on('change_event').columns(['run_id']).execute();
  await sql`CREATE TRIGGER change_event_no_update BEFORE UPDATE ON change_event
    BEGIN SELECT RAISE(ABORT, 'change_event is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER change_event_no_delete BEFORE DELETE ON change_event
    BEGIN SELECT RAISE(ABORT, 'change_event is append-only'); END`.execute(db);
}
