import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The /amendements default order (legislature, then date_depot, texte_uid, numero, uid, all
// descending: read backwards) served by one index, which also serves a date range; it
// replaces the date_depot index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('amendement_list_order')
    .on('amendement')
    .columns(['legislature', 'date_depot', 'texte_uid', 'numero', 'uid'])
    .execute();
  await db.schema.dropIndex('amendement_date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('amendement_date').on('amendement').columns(['date_depot']).execute();
  await db.schema.dropIndex('amendement_list_order').execute();
}
