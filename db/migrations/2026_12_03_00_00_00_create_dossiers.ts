import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The legislative dossiers (source `dossiers`): dossiers, initiators, steps, texts, the
// links of steps to texts and scrutins, and scrutin_dossier (scrutin → dossier), kept apart
// from the scrutin table so that a votes ingest, which rewrites scrutins, never loses it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dossier')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('legislature', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('path_title', 'text')
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('senat_url', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('procedure_label', 'text')
    .addColumn('first_date', 'text')
    .addColumn('last_date', 'text')
    .addColumn('last_step_code', 'text')
    .addColumn('last_step_label', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('absorbed_by', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossier_last_date').on('dossier').columns(['last_date']).execute();

  await db.schema
    .createTable('dossier_initiator')
    .addColumn('dossier_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('acteur_uid', 'text')
    .addColumn('organe_uid', 'text')
    .addPrimaryKeyConstraint('dossier_initiator_pk', ['dossier_uid', 'position'])
    .execute();
  await db.schema
    .createIndex('dossier_initiator_acteur')
    .on('dossier_initiator')
    .columns(['acteur_uid', 'dossier_uid'])
    .execute();

  await db.schema
    .createTable('dossier_step')
    .addColumn('dossier_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('parent_position', 'integer')
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('label', 'text')
    .addColumn('date', 'text')
    .addColumn('organe_uid', 'text')
    .addColumn('conclusion', 'text')
    .addPrimaryKeyConstraint('dossier_step_pk', ['dossier_uid', 'position'])
    .execute();

  await db.schema
    .createTable('dossier_step_text')
    .addColumn('dossier_uid', 'text', (c) => c.notNull())
    .addColumn('step_position', 'integer', (c) => c.notNull())
    .addColumn('text_uid', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_step_text_pk', [
      'dossier_uid',
      'step_position',
      'text_uid',
      'role',
    ])
    .execute();
  await db.schema
    .createIndex('dossier_step_text_text')
    .on('dossier_step_text')
    .columns(['text_uid'])
    .execute();

  await db.schema
    .createTable('dossier_step_vote')
    .addColumn('dossier_uid', 'text', (c) => c.notNull())
    .addColumn('step_position', 'integer', (c) => c.notNull())
    .addColumn('scrutin_uid', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_step_vote_pk', [
      'dossier_uid',
      'step_position',
      'scrutin_uid',
    ])
    .execute();

  await db.schema
    .createTable('scrutin_dossier')
    .addColumn('scrutin_uid', 'text', (c) => c.notNull())
    .addColumn('dossier_uid', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scrutin_dossier_pk', ['scrutin_uid', 'dossier_uid'])
    .execute();
  await db.schema
    .createIndex('scrutin_dossier_dossier')
    .on('scrutin_dossier')
    .columns(['dossier_uid', 'scrutin_uid'])
    .execute();

  await db.schema
    .createTable('document')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('dossier_uid', 'text')
    .addColumn('legislature', 'integer')
    .addColumn('type_code', 'text')
    .addColumn('type_label', 'text')
    .addColumn('subtype_code', 'text')
    .addColumn('denomination', 'text')
    .addColumn('title', 'text')
    .addColumn('short_title', 'text')
    .addColumn('numero', 'text')
    .addColumn('deposit_date', 'text')
    .addColumn('publication_date', 'text')
    .addColumn('adoption_status', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_dossier').on('document').columns(['dossier_uid']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'document',
    'scrutin_dossier',
    'dossier_step_vote',
    'dossier_step_text',
    'dossier_step',
    'dossier_initiator',
    'dossier',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
