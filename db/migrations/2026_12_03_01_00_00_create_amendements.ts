import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The amendments (source `amendements`) and their co-signers, with a full-text index (FTS5,
// external content) over the folded dispositif and exposé, kept in step by triggers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('amendement')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('legislature', 'integer', (c) => c.notNull())
    .addColumn('numero', 'integer')
    .addColumn('numero_long', 'text', (c) => c.notNull())
    .addColumn('numero_rect', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('texte_uid', 'text', (c) => c.notNull())
    .addColumn('dossier_uid', 'text')
    .addColumn('examen_uid', 'text')
    .addColumn('organe_examen_uid', 'text')
    .addColumn('organe_prefix', 'text')
    .addColumn('seance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('article', 'text')
    .addColumn('article_designation', 'text')
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_uid', 'text')
    .addColumn('author_group_uid', 'text')
    .addColumn('gouvernement_uid', 'text')
    .addColumn('signatories_label', 'text')
    .addColumn('parent_uid', 'text')
    .addColumn('sort_label', 'text')
    .addColumn('sort', 'text', (c) => c.notNull())
    .addColumn('etat_code', 'text')
    .addColumn('etat_label', 'text')
    .addColumn('sous_etat_code', 'text')
    .addColumn('sous_etat_label', 'text')
    .addColumn('date_depot', 'text')
    .addColumn('date_publication', 'text')
    .addColumn('date_sort', 'text')
    .addColumn('seance_ref', 'text')
    .addColumn('dispositif_html', 'text')
    .addColumn('expose_html', 'text')
    .addColumn('text_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['amendement_author', ['author_uid', 'date_depot']],
    ['amendement_dossier', ['dossier_uid']],
    ['amendement_texte', ['texte_uid', 'numero']],
    ['amendement_sort', ['sort']],
    ['amendement_group', ['author_group_uid']],
    ['amendement_parent', ['parent_uid']],
    ['amendement_date', ['date_depot']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('amendement')
      .columns([...columns])
      .execute();
  }
  await db.schema
    .createTable('amendement_cosignataire')
    .addColumn('amendement_uid', 'text', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('amendement_cosignataire_pk', ['amendement_uid', 'position'])
    .execute();
  await db.schema
    .createIndex('amendement_cosignataire_acteur')
    .on('amendement_cosignataire')
    .columns(['acteur_uid', 'amendement_uid'])
    .execute();
  await sql`create virtual table amendement_fts using fts5(
    text_key, content='amendement', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`create trigger amendement_fts_insert after insert on amendement begin
    insert into amendement_fts(rowid, text_key) values (new.rowid, new.text_key);
  end`.execute(db);
  await sql`create trigger amendement_fts_delete after delete on amendement begin
    insert into amendement_fts(amendement_fts, rowid, text_key) values ('delete', old.rowid, old.text_key);
  end`.execute(db);
  await sql`create trigger amendement_fts_update after update of text_key on amendement begin
    insert into amendement_fts(amendement_fts, rowid, text_key) values ('delete', old.rowid, old.text_key);
    insert into amendement_fts(rowid, text_key) values (new.rowid, new.text_key);
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['amendement_fts_update', 'amendement_fts_delete', 'amendement_fts_insert']) {
    await sql`drop trigger ${sql.ref(t)}`.execute(db);
  }
  await sql`drop table amendement_fts`.execute(db);
  await db.schema.dropTable('amendement_cosignataire').execute();
  await db.schema.dropTable('amendement').execute();
}
