import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Scrutins linked to the amendments they decide (scrutin_amendement: one row per amendment
// number that a scrutin names, resolved or not, with the method or the reason), the method of
// each scrutin → dossier link, and the references a scrutin file may carry.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scrutin_amendement')
    .addColumn('scrutin_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('numero', 'integer')
    .addColumn('rect', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author', 'text')
    .addColumn('amendement_uid', 'text')
    .addColumn('method', 'text')
    .addColumn('reason', 'text')
    .addColumn('candidates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_in_archive', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('scrutin_amendement_pk', ['scrutin_uid', 'position'])
    .execute();
  await db.schema
    .createIndex('scrutin_amendement_amendement')
    .on('scrutin_amendement')
    .columns(['amendement_uid', 'scrutin_uid'])
    .execute();
  await db.schema
    .createIndex('amendement_numero_seance')
    .on('amendement')
    .columns(['numero', 'seance'])
    .execute();
  await db.schema
    .createIndex('amendement_seance_ref')
    .on('amendement')
    .columns(['seance_ref'])
    .execute();
  await db.schema
    .alterTable('scrutin_dossier')
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('etapes'))
    .execute();
  await db.schema.alterTable('scrutin').addColumn('amendement_ref', 'text').execute();
  await db.schema.alterTable('scrutin').addColumn('dossier_ref', 'text').execute();
  // Re-read every scrutin file at the next crawl so that the new columns are filled.
  await sql`update scrutin set content_hash = ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scrutin').dropColumn('dossier_ref').execute();
  await db.schema.alterTable('scrutin').dropColumn('amendement_ref').execute();
  await db.schema.alterTable('scrutin_dossier').dropColumn('method').execute();
  await db.schema.dropIndex('amendement_seance_ref').execute();
  await db.schema.dropIndex('amendement_numero_seance').execute();
  await db.schema.dropTable('scrutin_amendement').execute();
}
