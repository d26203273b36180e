import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// tracker: a watched web page; tracker_noise: its noise patterns; tracker_snapshot: every
// distinct text read from it; review_item: a change waiting for (or given) a person's decision.
// fact: curated facts imported from CSV. admin_session, login_attempt: admin access.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracker')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('selector', 'text', (c) => c.notNull())
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('acteur_uid', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('last_error', 'text')
    .execute();

  await db.schema
    .createTable('tracker_noise')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tracker_id', 'integer', (c) =>
      c.notNull().references('tracker.id').onDelete('cascade'),
    )
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('review_item_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tracker_noise_tracker')
    .on('tracker_noise')
    .columns(['tracker_id'])
    .execute();

  await db.schema
    .createTable('tracker_snapshot')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tracker_id', 'integer', (c) =>
      c.notNull().references('tracker.id').onDelete('cascade'),
    )
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tracker_snapshot_tracker')
    .on('tracker_snapshot')
    .columns(['tracker_id', 'id'])
    .execute();

  await db.schema
    .createTable('review_item')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tracker_id', 'integer', (c) =>
      c.notNull().references('tracker.id').onDelete('cascade'),
    )
    .addColumn('old_snapshot_id', 'integer', (c) =>
      c.notNull().references('tracker_snapshot.id').onDelete('cascade'),
    )
    .addColumn('new_snapshot_id', 'integer', (c) =>
      c.notNull().references('tracker_snapshot.id').onDelete('cascade'),
    )
    .addColumn('old_text', 'text', (c) => c.notNull())
    .addColumn('new_text', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('change_event_id', 'integer')
    .execute();
  await db.schema
    .createIndex('review_item_status')
    .on('review_item')
    .columns(['status', 'detected_at'])
    .execute();

  await db.schema
    .createTable('fact')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('verified_on', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fact_key', ['acteur_uid', 'kind', 'label'])
    .execute();

  await db.schema
    .createTable('admin_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempt_at').on('login_attempt').columns(['at']).execute();
}
