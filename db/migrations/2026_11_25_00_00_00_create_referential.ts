import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organe')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('code_type', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('short_label', 'text')
    .addColumn('abbreviation', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('legislature', 'integer')
    .addColumn('color', 'text')
    .addColumn('parent_uid', 'text')
    .addColumn('departement_code', 'text')
    .addColumn('departement_name', 'text')
    .addColumn('region', 'text')
    .addColumn('number', 'integer')
    .execute();
  await db.schema.createIndex('organe_code_type').on('organe').columns(['code_type']).execute();

  await db.schema
    .createTable('acteur')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('civility', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('birth_place', 'text')
    .addColumn('birth_departement', 'text')
    .addColumn('birth_country', 'text')
    .addColumn('death_date', 'text')
    .addColumn('profession_raw', 'text')
    .addColumn('profession_label', 'text')
    .addColumn('profession_key', 'text')
    .addColumn('insee_category', 'text')
    .addColumn('insee_family', 'text')
    .addColumn('hatvp_url', 'text')
    // Derived at ingest from the mandates (see scrapers/assemblee/derive.ts).
    .addColumn('in_office', 'integer', (c) => c.notNull())
    .addColumn('group_uid', 'text')
    .addColumn('party_uid', 'text')
    .addColumn('departement_code', 'text')
    .addColumn('departement_name', 'text')
    .addColumn('circo_number', 'integer')
    .addColumn('circo_uid', 'text')
    .addColumn('mandate_start', 'text')
    .addColumn('mandate_end', 'text')
    // Hash of the acteur's record (identity, mandates, addresses) to count changes.
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acteur_group').on('acteur').columns(['group_uid']).execute();
  await db.schema.createIndex('acteur_in_office').on('acteur').columns(['in_office']).execute();

  await db.schema
    .createTable('mandat')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('organe_uid', 'text', (c) => c.notNull())
    .addColumn('organe_type', 'text', (c) => c.notNull())
    .addColumn('legislature', 'integer')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('role_code', 'text')
    .addColumn('role_label', 'text')
    .addColumn('principal', 'integer', (c) => c.notNull())
    .addColumn('precedence', 'integer')
    .addColumn('departement_code', 'text')
    .addColumn('departement_name', 'text')
    .addColumn('region', 'text')
    .addColumn('circo_number', 'integer')
    .addColumn('circo_uid', 'text')
    .addColumn('election_cause', 'text')
    .addColumn('took_office_date', 'text')
    .addColumn('end_cause', 'text')
    .addColumn('seat', 'text')
    .execute();
  await db.schema
    .createIndex('mandat_acteur')
    .on('mandat')
    .columns(['acteur_uid', 'organe_type'])
    .execute();
  await db.schema.createIndex('mandat_organe').on('mandat').columns(['organe_uid']).execute();

  await db.schema
    .createTable('adresse')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('type_code', 'integer')
    .addColumn('type_label', 'text')
    .addColumn('weight', 'integer')
    .addColumn('title', 'text')
    .addColumn('street', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('value', 'text')
    .execute();
  await db.schema.createIndex('adresse_acteur').on('adresse').columns(['acteur_uid']).execute();

  await db.schema
    .createTable('deport')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('legislature', 'integer')
    .addColumn('created_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('scope', 'text')
    .addColumn('instance', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_text', 'text')
    .addColumn('explanation', 'text')
    .execute();
  await db.schema.createIndex('deport_acteur').on('deport').columns(['acteur_uid']).execute();

  await db.schema
    .createTable('pays')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('insee_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('official_name', 'text')
    .addColumn('iso3', 'text')
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sync_state', 'pays', 'deport', 'adresse', 'mandat', 'acteur', 'organe']) {
    await db.schema.dropTable(table).execute();
  }
}
