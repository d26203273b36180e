import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// HATVP's register of lobbyists (source `lobbies`): its 15 CSV tables as typed rows joined by
// the register's ids, the archive entry each was read from, a per-organisation summary and a
// full-text index (FTS5, external content, rebuilt at each ingest) over the activities.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lobby_organisation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('denomination', 'text', (c) => c.notNull())
    .addColumn('nom_usage', 'text')
    .addColumn('sigle', 'text')
    .addColumn('identifiant_national', 'text')
    .addColumn('type_identifiant', 'text')
    .addColumn('categorie', 'text')
    .addColumn('adresse', 'text')
    .addColumn('code_postal', 'text')
    .addColumn('ville', 'text')
    .addColumn('pays', 'text')
    .addColumn('site_web', 'text')
    .addColumn('page_twitter', 'text')
    .addColumn('page_facebook', 'text')
    .addColumn('page_linkedin', 'text')
    .addColumn('date_premiere_publication', 'text')
    .addColumn('derniere_publication_activite', 'text')
    .addColumn('activites_publiees', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('declaration_organisation_appartenance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('declaration_tiers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_key', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lobby_organisation_categorie')
    .on('lobby_organisation')
    .columns(['categorie'])
    .execute();
  await db.schema
    .createIndex('lobby_organisation_identifiant')
    .on('lobby_organisation')
    .columns(['identifiant_national'])
    .execute();

  for (const table of ['lobby_director', 'lobby_collaborator']) {
    await db.schema
      .createTable(table)
      .addColumn('organisation_id', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('civilite', 'text')
      .addColumn('nom', 'text', (c) => c.notNull())
      .addColumn('prenom', 'text')
      .addColumn('fonction', 'text')
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['organisation_id', 'position'])
      .execute();
    await db.schema.createIndex(`${table}_name`).on(table).columns(['name_key']).execute();
  }
  for (const table of ['lobby_client', 'lobby_affiliation']) {
    await db.schema
      .createTable(table)
      .addColumn('organisation_id', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('denomination', 'text', (c) => c.notNull())
      .addColumn('identifiant_national', 'text')
      .addColumn('type_identifiant', 'text')
      .addPrimaryKeyConstraint(`${table}_pk`, ['organisation_id', 'position'])
      .execute();
  }
  for (const table of ['lobby_level', 'lobby_sector']) {
    await db.schema
      .createTable(table)
      .addColumn('organisation_id', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex(`${table}_organisation`)
      .on(table)
      .columns(['organisation_id'])
      .execute();
    await db.schema
      .createIndex(`${table}_label`)
      .on(table)
      .columns(['label', 'organisation_id'])
      .execute();
  }

  await db.schema
    .createTable('lobby_exercise')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) => c.notNull())
    .addColumn('date_debut', 'text')
    .addColumn('date_fin', 'text')
    .addColumn('annee_debut', 'integer')
    .addColumn('annee_fin', 'integer')
    .addColumn('sans_activite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nombre_activites', 'integer')
    .addColumn('declaration_incomplete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('date_publication', 'text')
    .addColumn('sans_chiffre_affaires', 'integer')
    .addColumn('montant_depense', 'text')
    .addColumn('depense_min', 'integer')
    .addColumn('depense_max', 'integer')
    .addColumn('nombre_salaries', 'real')
    .addColumn('chiffre_affaires', 'text')
    .addColumn('ca_min', 'integer')
    .addColumn('ca_max', 'integer')
    .addColumn('line', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lobby_exercise_organisation')
    .on('lobby_exercise')
    .columns(['organisation_id', 'annee_debut'])
    .execute();

  await db.schema
    .createTable('lobby_activity')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('exercise_id', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer')
    .addColumn('date_publication', 'text')
    .addColumn('identifiant_fiche', 'text')
    .addColumn('objet', 'text', (c) => c.notNull())
    .addColumn('text_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('line', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lobby_activity_organisation')
    .on('lobby_activity')
    .columns(['organisation_id', 'date_publication'])
    .execute();
  await db.schema
    .createIndex('lobby_activity_exercise')
    .on('lobby_activity')
    .columns(['exercise_id'])
    .execute();
  await db.schema
    .createTable('lobby_activity_domain')
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addColumn('domaine', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lobby_activity_domain_activity')
    .on('lobby_activity_domain')
    .columns(['activity_id'])
    .execute();
  await db.schema
    .createIndex('lobby_activity_domain_domaine')
    .on('lobby_activity_domain')
    .columns(['domaine', 'activity_id'])
    .execute();

  await db.schema
    .createTable('lobby_action')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('activity_id', 'integer')
    .addColumn('observation', 'text')
    .execute();
  await db.schema
    .createIndex('lobby_action_activity')
    .on('lobby_action')
    .columns(['activity_id'])
    .execute();
  await db.schema
    .createTable('lobby_action_type')
    .addColumn('action_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('action_menee', 'text', (c) => c.notNull())
    .addColumn('autre', 'text')
    .addPrimaryKeyConstraint('lobby_action_type_pk', ['action_id', 'position'])
    .execute();
  await db.schema
    .createTable('lobby_beneficiary')
    .addColumn('action_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('beneficiaire', 'text', (c) => c.notNull())
    .addColumn('en_propre', 'integer')
    .addPrimaryKeyConstraint('lobby_beneficiary_pk', ['action_id', 'position'])
    .execute();
  await db.schema
    .createTable('lobby_decision')
    .addColumn('action_id', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lobby_decision_action')
    .on('lobby_decision')
    .columns(['action_id'])
    .execute();
  await db.schema
    .createTable('lobby_target')
    .addColumn('action_id', 'integer', (c) => c.notNull())
    .addColumn('responsable', 'text', (c) => c.notNull())
    .addColumn('ministere', 'text')
    .addColumn('autre', 'text')
    .execute();
  await db.schema
    .createIndex('lobby_target_action')
    .on('lobby_target')
    .columns(['action_id'])
    .execute();
  await db.schema
    .createIndex('lobby_target_ministere')
    .on('lobby_target')
    .columns(['ministere', 'action_id'])
    .execute();
  await db.schema
    .createIndex('lobby_target_responsable')
    .on('lobby_target')
    .columns(['responsable', 'action_id'])
    .execute();

  await db.schema
    .createTable('lobby_file')
    .addColumn('table_name', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lobby_summary')
    .addColumn('organisation_id', 'integer', (c) => c.primaryKey())
    .addColumn('activites', 'integer', (c) => c.notNull())
    .addColumn('actions', 'integer', (c) => c.notNull())
    .addColumn('exercices', 'integer', (c) => c.notNull())
    .addColumn('derniere_annee', 'integer')
    .addColumn('derniere_depense', 'text')
    .addColumn('derniere_depense_min', 'integer')
    .addColumn('derniere_salaries', 'real')
    .execute();

  await sql`create virtual table lobby_activity_fts using fts5(
    text_key, content='lobby_activity', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists lobby_activity_fts`.execute(db);
  for (const table of [
    'lobby_summary',
    'lobby_file',
    'lobby_target',
    'lobby_decision',
    'lobby_beneficiary',
    'lobby_action_type',
    'lobby_action',
    'lobby_activity_domain',
    'lobby_activity',
    'lobby_exercise',
    'lobby_sector',
    'lobby_level',
    'lobby_affiliation',
    'lobby_client',
    'lobby_collaborator',
    'lobby_director',
    'lobby_organisation',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
