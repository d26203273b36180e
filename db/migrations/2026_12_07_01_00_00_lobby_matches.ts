import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The lobbies cross-checks: candidate links between a registered organisation and a deputy
// (an organisation or a person the deputy declared), rebuilt at each lobbies or HATVP ingest,
// and the candidates a person dismissed, kept across rebuilds.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lobby_match')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('evidence_key', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('declared', 'text', (c) => c.notNull())
    .addColumn('registered', 'text', (c) => c.notNull())
    .addColumn('declaration_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('lobby_match_key', [
      'kind',
      'organisation_id',
      'acteur_uid',
      'evidence_key',
    ])
    .execute();
  await db.schema
    .createIndex('lobby_match_acteur')
    .on('lobby_match')
    .columns(['acteur_uid'])
    .execute();
  await db.schema
    .createIndex('lobby_match_organisation')
    .on('lobby_match')
    .columns(['organisation_id'])
    .execute();
  await db.schema
    .createTable('lobby_match_dismissal')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('evidence_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lobby_match_dismissal_pk', [
      'kind',
      'organisation_id',
      'acteur_uid',
      'evidence_key',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lobby_match_dismissal').ifExists().execute();
  await db.schema.dropTable('lobby_match').ifExists().execute();
}
