import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// A group's majority is computed from its members' votes cast (the AN's positionMajoritaire
// contradicts them in about 3 % of the pairs): stored beside the published position, with a
// flag when they disagree. Rebels and loyalty are measured against it; the figures against
// the published position keep their own columns. Stored rows are brought up to date here,
// from the per-group counts of the nominative lists already stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scrutin_group').addColumn('majority_position', 'text').execute();
  await db.schema
    .alterTable('scrutin_group')
    .addColumn('position_mismatch', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('vote')
    .addColumn('rebel_published', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['loyalty_base_published', 'loyal_published']) {
    await db.schema
      .alterTable('deputy_vote_stats')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.alterTable('deputy_vote_stats').addColumn('loyalty_published', 'real').execute();

  await sql`
    update scrutin_group set majority_position = case
      when for_count > against_count and for_count > abstention_count then 'pour'
      when against_count > for_count and against_count > abstention_count then 'contre'
      when abstention_count > for_count and abstention_count > against_count then 'abstention'
    end`.execute(db);
  await sql`
    update scrutin_group set position_mismatch = 1
    where for_count + against_count + abstention_count > 0
      and (majority_position is null or majority_position <> position)`.execute(db);
  await sql`update vote set rebel_published = rebel`.execute(db);
  await sql`
    update vote set rebel = coalesce((
      select g.majority_position is not null and vote.position <> g.majority_position
      from scrutin_group g
      where g.scrutin_uid = vote.scrutin_uid and g.group_uid = vote.group_uid
    ), 0) and vote.position in ('pour', 'contre', 'abstention')`.execute(db);
  await sql`
    update scrutin set rebels = (select count(*) from vote where vote.scrutin_uid = scrutin.uid and vote.rebel = 1)`.execute(
    db,
  );
  // The deputies' figures: the old ones were against the published position.
  await sql`
    update deputy_vote_stats set
      loyalty_base_published = loyalty_base,
      loyal_published = loyal,
      loyalty_published = loyalty`.execute(db);
  await sql`
    update deputy_vote_stats set
      loyalty_base = (
        select count(*) from vote v
        join scrutin_group g on g.scrutin_uid = v.scrutin_uid and g.group_uid = v.group_uid
        where v.acteur_uid = deputy_vote_stats.acteur_uid and g.majority_position is not null
          and v.position in ('pour', 'contre', 'abstention')),
      rebellions = (
        select count(*) from vote v
        where v.acteur_uid = deputy_vote_stats.acteur_uid and v.rebel = 1)`.execute(db);
  await sql`
    update deputy_vote_stats set
      loyal = loyalty_base - rebellions,
      loyalty = case when loyalty_base > 0 then 1.0 * (loyalty_base - rebellions) / loyalty_base end`.execute(
    db,
  );
}
