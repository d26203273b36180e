import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The co-signers (22 per amendment on average, over half a million rows for 25,000
// amendments) stored in their primary key's order (WITHOUT ROWID): the same columns, key and
// acteur index, one b-tree fewer to write at each insert.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('amendement_cosignataire_clustered')
    .addColumn('amendement_uid', 'text', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('amendement_cosignataire_pk', ['amendement_uid', 'position'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`insert into amendement_cosignataire_clustered (amendement_uid, acteur_uid, position)
    select amendement_uid, acteur_uid, position from amendement_cosignataire`.execute(db);
  await db.schema.dropTable('amendement_cosignataire').execute();
  await sql`alter table amendement_cosignataire_clustered rename to amendement_cosignataire`.execute(
    db,
  );
  await db.schema
    .createIndex('amendement_cosignataire_acteur')
    .on('amendement_cosignataire')
    .columns(['acteur_uid', 'amendement_uid'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('amendement_cosignataire_rowid')
    .addColumn('amendement_uid', 'text', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('amendement_cosignataire_pk', ['amendement_uid', 'position'])
    .execute();
  await sql`insert into amendement_cosignataire_rowid select amendement_uid, acteur_uid, position
    from amendement_cosignataire`.execute(db);
  await db.schema.dropTable('amendement_cosignataire').execute();
  await sql`alter table amendement_cosignataire_rowid rename to amendement_cosignataire`.execute(
    db,
  );
  await db.schema
    .createIndex('amendement_cosignataire_acteur')
    .on('amendement_cosignataire')
    .columns(['acteur_uid', 'amendement_uid'])
    .execute();
}
