import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Per-deputy amendment figures and co-signature pairs, derived from the amendments at the end
// of each amendements ingest (scrapers/amendements/figures.ts); pages only read them.
export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('deputy_amendement_stats')
    .addColumn('acteur_uid', 'text', (c) => c.primaryKey())
    .addColumn('filed', 'integer', (c) => c.notNull())
    .addColumn('filed_rapporteur', 'integer', (c) => c.notNull())
    .addColumn('cosigned', 'integer', (c) => c.notNull())
    .addColumn('adopted', 'integer', (c) => c.notNull())
    .addColumn('decided', 'integer', (c) => c.notNull())
    .addColumn('inadmissible', 'integer', (c) => c.notNull())
    .addColumn('pending', 'integer', (c) => c.notNull())
    .addColumn('adoption_rate', 'real');
  for (const where of ['seance', 'committee']) {
    table = table
      .addColumn(`filed_${where}`, 'integer', (c) => c.notNull())
      .addColumn(`adopted_${where}`, 'integer', (c) => c.notNull())
      .addColumn(`decided_${where}`, 'integer', (c) => c.notNull())
      .addColumn(`adoption_rate_${where}`, 'real');
  }
  await table.execute();

  await db.schema
    .createTable('cosignature_pair')
    .addColumn('author_uid', 'text', (c) => c.notNull())
    .addColumn('cosigner_uid', 'text', (c) => c.notNull())
    .addColumn('amendements', 'integer', (c) => c.notNull())
    .addColumn('adopted', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cosignature_pair_pk', ['author_uid', 'cosigner_uid'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cosignature_pair').execute();
  await db.schema.dropTable('deputy_amendement_stats').execute();
}
