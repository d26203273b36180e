import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Comparisons (/comparer) read a deputy's votes cast, or a group's majorities, and keep the
// scrutins of the legislature. With the position in the acteur and group indexes, and the
// legislature and number beside the scrutin uid, those reads never touch the tables
// (covering indexes): on the real data two deputies compare about three times faster.
// Each new index starts with the columns of the one it replaces, so it serves every query
// the old one did.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('vote_acteur_position')
    .on('vote')
    .columns(['acteur_uid', 'scrutin_uid', 'position'])
    .execute();
  await db.schema.dropIndex('vote_acteur').execute();
  await db.schema
    .createIndex('scrutin_group_group_position')
    .on('scrutin_group')
    .columns(['group_uid', 'scrutin_uid', 'majority_position'])
    .execute();
  await db.schema.dropIndex('scrutin_group_group').execute();
  await db.schema
    .createIndex('scrutin_uid_legislature')
    .on('scrutin')
    .columns(['uid', 'legislature', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scrutin_uid_legislature').execute();
  await db.schema
    .createIndex('scrutin_group_group')
    .on('scrutin_group')
    .columns(['group_uid'])
    .execute();
  await db.schema.dropIndex('scrutin_group_group_position').execute();
  await db.schema
    .createIndex('vote_acteur')
    .on('vote')
    .columns(['acteur_uid', 'scrutin_uid'])
    .execute();
  await db.schema.dropIndex('vote_acteur_position').execute();
}
