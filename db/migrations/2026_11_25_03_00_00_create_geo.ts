import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// geo_insee_row and geo_laposte_row hold the two source files as published (normalised);
// the other geo_ tables are derived from both at each ingest of the `geo` source.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('geo_insee_row')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('commune_name', 'text', (c) => c.notNull())
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('departement_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('region_name', 'text')
    .addColumn('circo_departement', 'text')
    .addColumn('circo_number', 'integer')
    .addColumn('whole', 'integer')
    .execute();
  await db.schema
    .createIndex('geo_insee_row_commune')
    .on('geo_insee_row')
    .columns(['commune_code'])
    .execute();

  await db.schema
    .createTable('geo_laposte_row')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('commune_name', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('delivery_label', 'text', (c) => c.notNull())
    .addColumn('locality', 'text')
    .execute();

  await db.schema
    .createTable('geo_area')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text')
    .addColumn('departement_code', 'text')
    .addColumn('departement_name', 'text')
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('circo_count', 'integer', (c) => c.notNull())
    .addColumn('postcodes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('geo_area_key').on('geo_area').columns(['name_key']).execute();
  await db.schema
    .createIndex('geo_area_departement')
    .on('geo_area')
    .columns(['departement_code', 'basis'])
    .execute();

  await db.schema
    .createTable('geo_area_circo')
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('whole', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('geo_area_circo_pk', ['area_code', 'departement_code', 'number'])
    .execute();
  await db.schema
    .createIndex('geo_area_circo_circo')
    .on('geo_area_circo')
    .columns(['departement_code', 'number'])
    .execute();

  await db.schema
    .createTable('geo_postcode')
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('localities', 'text')
    .addPrimaryKeyConstraint('geo_postcode_pk', ['postcode', 'area_code'])
    .execute();
  await db.schema
    .createIndex('geo_postcode_area')
    .on('geo_postcode')
    .columns(['area_code'])
    .execute();

  await db.schema
    .createTable('geo_circonscription')
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('departement_name', 'text', (c) => c.notNull())
    .addColumn('communes', 'integer', (c) => c.notNull())
    .addColumn('whole_communes', 'integer', (c) => c.notNull())
    .addColumn('postcodes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('geo_circonscription_pk', ['departement_code', 'number'])
    .execute();

  await db.schema
    .createIndex('acteur_circo')
    .on('acteur')
    .columns(['departement_code', 'circo_number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('acteur_circo').execute();
  for (const table of [
    'geo_circonscription',
    'geo_postcode',
    'geo_area_circo',
    'geo_area',
    'geo_laposte_row',
    'geo_insee_row',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
