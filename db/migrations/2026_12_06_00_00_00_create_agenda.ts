import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Meetings of the Assemblée (source `agenda`): committee and other bodies' meetings and
// plenary sittings, their agenda items and, where published, each member's attendance; and
// the activity figures derived from them, the votes and the amendments at ingest
// (scrapers/lib/activity-figures.ts), which pages only read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reunion')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organe_uid', 'text')
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('end', 'text')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('etat', 'text', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('attendance_published', 'integer', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('compte_rendu_uid', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reunion_day').on('reunion').columns(['day', 'start']).execute();
  await db.schema
    .createIndex('reunion_organe')
    .on('reunion')
    .columns(['organe_uid', 'day'])
    .execute();

  await db.schema
    .createTable('reunion_item')
    .addColumn('reunion_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reunion_item_pk', ['reunion_uid', 'position'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('reunion_presence')
    .addColumn('reunion_uid', 'text', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('presence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reunion_presence_pk', ['reunion_uid', 'acteur_uid'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema
    .createIndex('reunion_presence_acteur')
    .on('reunion_presence')
    .columns(['acteur_uid', 'reunion_uid', 'presence'])
    .execute();

  await db.schema
    .createTable('activity_window')
    .addColumn('window', 'text', (c) => c.primaryKey())
    .addColumn('start_day', 'text')
    .addColumn('end_day', 'text')
    .addColumn('weeks', 'integer', (c) => c.notNull())
    .addColumn('vacation_weeks', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity_week')
    .addColumn('week', 'text', (c) => c.primaryKey())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('sittings', 'integer', (c) => c.notNull())
    .addColumn('vacation', 'integer', (c) => c.notNull())
    .addColumn('deputes', 'integer', (c) => c.notNull())
    .addColumn('median_presences', 'real')
    .addColumn('median_votes', 'real')
    .addColumn('median_amendements', 'real')
    .execute();

  await db.schema
    .createTable('deputy_activity_week')
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('presences', 'integer', (c) => c.notNull())
    .addColumn('votes', 'integer', (c) => c.notNull())
    .addColumn('amendements', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('deputy_activity_week_pk', ['acteur_uid', 'week'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('deputy_activity_stats')
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('window', 'text', (c) => c.notNull())
    .addColumn('presents', 'integer', (c) => c.notNull())
    .addColumn('absents', 'integer', (c) => c.notNull())
    .addColumn('excuses', 'integer', (c) => c.notNull())
    .addColumn('reunions', 'integer', (c) => c.notNull())
    .addColumn('not_listed', 'integer', (c) => c.notNull())
    .addColumn('presence_rate', 'real')
    .addColumn('active_weeks', 'integer', (c) => c.notNull())
    .addColumn('weeks', 'integer', (c) => c.notNull())
    .addColumn('seated_weeks', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('deputy_activity_stats_pk', ['acteur_uid', 'window'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('group_activity_stats')
    .addColumn('group_uid', 'text', (c) => c.notNull())
    .addColumn('window', 'text', (c) => c.notNull())
    .addColumn('deputes', 'integer', (c) => c.notNull())
    .addColumn('mean_active_weeks', 'real')
    .addColumn('median_active_weeks', 'real')
    .addColumn('rated', 'integer', (c) => c.notNull())
    .addColumn('mean_presence_rate', 'real')
    .addColumn('median_presence_rate', 'real')
    .addPrimaryKeyConstraint('group_activity_stats_pk', ['group_uid', 'window'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'group_activity_stats',
    'deputy_activity_stats',
    'deputy_activity_week',
    'activity_week',
    'activity_window',
    'reunion_presence',
    'reunion_item',
    'reunion',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
