import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Three more files of the `geo` source: Regards Citoyens' table commune → circonscription →
// postcodes (the postcodes of each circonscription of Paris, Lyon and Marseille), their
// table country → circonscription of French people abroad, and the circonscriptions'
// contours (2012 boundaries, simplified GeoJSON).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('geo_rc_row')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('commune_name', 'text', (c) => c.notNull())
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('postcodes', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('geo_postcode_circo')
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('geo_postcode_circo_pk', ['postcode', 'departement_code', 'number'])
    .execute();
  await db.schema
    .createTable('geo_abroad_country')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('iso_a3', 'text')
    .addColumn('number', 'integer')
    .execute();
  await db.schema
    .createIndex('geo_abroad_country_key')
    .on('geo_abroad_country')
    .columns(['name_key'])
    .execute();
  await db.schema
    .createTable('geo_contour')
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('min_lon', 'real', (c) => c.notNull())
    .addColumn('min_lat', 'real', (c) => c.notNull())
    .addColumn('max_lon', 'real', (c) => c.notNull())
    .addColumn('max_lat', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('geo_contour_pk', ['departement_code', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['geo_contour', 'geo_abroad_country', 'geo_postcode_circo', 'geo_rc_row'])
    await db.schema.dropTable(table).ifExists().execute();
}
