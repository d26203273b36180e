import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scrutin')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('legislature', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('session_ref', 'text')
    .addColumn('sitting_ref', 'text')
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('type_label', 'text')
    .addColumn('majority_rule', 'text')
    .addColumn('result_code', 'text', (c) => c.notNull())
    .addColumn('result_label', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('object', 'text')
    // Title and object folded (lower case, no accents) for word search.
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('requesters', 'text')
    .addColumn('voters', 'integer')
    .addColumn('expressed', 'integer')
    .addColumn('required', 'integer')
    .addColumn('for_count', 'integer', (c) => c.notNull())
    .addColumn('against_count', 'integer', (c) => c.notNull())
    .addColumn('abstention_count', 'integer', (c) => c.notNull())
    .addColumn('non_voting_count', 'integer', (c) => c.notNull())
    .addColumn('voluntary_non_voting_count', 'integer')
    // Counts of the nominative lists, and the differences with the synthesis if any.
    .addColumn('listed_for', 'integer', (c) => c.notNull())
    .addColumn('listed_against', 'integer', (c) => c.notNull())
    .addColumn('listed_abstention', 'integer', (c) => c.notNull())
    .addColumn('listed_non_voting', 'integer', (c) => c.notNull())
    .addColumn('counts_mismatch', 'text')
    .addColumn('rebels', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scrutin_number')
    .on('scrutin')
    .columns(['legislature', 'number'])
    .unique()
    .execute();
  await db.schema.createIndex('scrutin_date').on('scrutin').columns(['date']).execute();

  await db.schema
    .createTable('scrutin_group')
    .addColumn('scrutin_uid', 'text', (c) => c.notNull())
    .addColumn('group_uid', 'text', (c) => c.notNull())
    .addColumn('members', 'integer')
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('for_count', 'integer', (c) => c.notNull())
    .addColumn('against_count', 'integer', (c) => c.notNull())
    .addColumn('abstention_count', 'integer', (c) => c.notNull())
    .addColumn('non_voting_count', 'integer', (c) => c.notNull())
    .addColumn('agreement_index', 'real')
    .addPrimaryKeyConstraint('scrutin_group_pk', ['scrutin_uid', 'group_uid'])
    .execute();
  await db.schema
    .createIndex('scrutin_group_group')
    .on('scrutin_group')
    .columns(['group_uid'])
    .execute();

  await db.schema
    .createTable('vote')
    .addColumn('scrutin_uid', 'text', (c) => c.notNull())
    .addColumn('acteur_uid', 'text', (c) => c.notNull())
    .addColumn('mandat_uid', 'text')
    .addColumn('group_uid', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('cause', 'text')
    .addColumn('delegation', 'integer', (c) => c.notNull())
    .addColumn('seat', 'text')
    .addColumn('rebel', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_pk', ['scrutin_uid', 'acteur_uid'])
    .execute();
  await db.schema
    .createIndex('vote_acteur')
    .on('vote')
    .columns(['acteur_uid', 'scrutin_uid'])
    .execute();

  await db.schema
    .createTable('deputy_vote_stats')
    .addColumn('acteur_uid', 'text', (c) => c.primaryKey())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('cast', 'integer', (c) => c.notNull())
    .addColumn('delegated', 'integer', (c) => c.notNull())
    .addColumn('function_excluded', 'integer', (c) => c.notNull())
    .addColumn('participation', 'real')
    .addColumn('eligible_solemn', 'integer', (c) => c.notNull())
    .addColumn('cast_solemn', 'integer', (c) => c.notNull())
    .addColumn('participation_solemn', 'real')
    .addColumn('loyalty_base', 'integer', (c) => c.notNull())
    .addColumn('loyal', 'integer', (c) => c.notNull())
    .addColumn('loyalty', 'real')
    .addColumn('rebellions', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_vote_stats')
    .addColumn('group_uid', 'text', (c) => c.primaryKey())
    .addColumn('scrutins', 'integer', (c) => c.notNull())
    .addColumn('cohesion', 'real')
    .execute();

  await db.schema
    .createTable('group_proximity')
    .addColumn('group_a', 'text', (c) => c.notNull())
    .addColumn('group_b', 'text', (c) => c.notNull())
    .addColumn('common', 'integer', (c) => c.notNull())
    .addColumn('agreements', 'integer', (c) => c.notNull())
    .addColumn('proximity', 'real')
    .addPrimaryKeyConstraint('group_proximity_pk', ['group_a', 'group_b'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'group_proximity',
    'group_vote_stats',
    'deputy_vote_stats',
    'vote',
    'scrutin_group',
    'scrutin',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
