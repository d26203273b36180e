import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Activities of the register of lobbyists whose object names a legislative dossier's title,
// rebuilt after each lobbies or dossiers ingest: candidates shown on the dossier's page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lobby_dossier_link')
    .addColumn('dossier_uid', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('lobby_dossier_link_pk', ['dossier_uid', 'activity_id'])
    .execute();
  await db.schema
    .createIndex('lobby_dossier_link_activity')
    .on('lobby_dossier_link')
    .columns(['activity_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lobby_dossier_link').ifExists().execute();
}
