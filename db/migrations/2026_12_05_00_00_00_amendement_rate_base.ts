import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The adoption rate's own numerator and the counts set apart from it: amendments adopted as
// rapporteur (left out of the rate), adopted as député (the rate's numerator, overall, in
// séance and in committee), and withdrawn before any examination (no published outcome). The
// amendements ingest recomputes every row; until then the new columns hold 0.
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of [
    'adopted_rapporteur',
    'withdrawn_unexamined',
    'rate_adopted',
    'rate_adopted_seance',
    'rate_adopted_committee',
  ]) {
    await db.schema
      .alterTable('deputy_amendement_stats')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'rate_adopted_committee',
    'rate_adopted_seance',
    'rate_adopted',
    'withdrawn_unexamined',
    'adopted_rapporteur',
  ]) {
    await db.schema.alterTable('deputy_amendement_stats').dropColumn(column).execute();
  }
}
