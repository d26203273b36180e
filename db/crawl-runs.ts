import type { Kysely } from 'kysely';
import type { CrawlRunStatus, Database } from './schema.ts';

/** Opens a crawl run of one source (status `running`); returns its id. */
export async function startRun(
  db: Kysely<Database>,
  source: string,
  trigger: string,
  startedAt: string,
): Promise<number> {
  const row = await db
    .insertInto('crawl_run')
    .values({ source, trigger, started_at: startedAt, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface RunOutcome {
  status: Exclude<CrawlRunStatus, 'running'>;
  fetched: number;
  unchanged: number;
  added: number;
  changed: number;
  removed: number;
  failed: number;
  error: string | null;
}

/** Closes a run with its outcome and the number of change events it appended. */
export async function finishRun(
  db: Kysely<Database>,
  id: number,
  outcome: RunOutcome,
): Promise<number> {
  const { n } = await db
    .selectFrom('change_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', id)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('crawl_run')
    .set({ ...outcome, events: Number(n), finished_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  return Number(n);
}

/**
 * Closes the runs a crashed or killed process left `running` as `interrupted`. Call it once
 * at start, before any crawl. The ingest transaction they were in never committed, so the
 * data and the change log hold none of it.
 */
export async function closeInterruptedRuns(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable('crawl_run')
    .set({
      status: 'interrupted',
      finished_at: new Date().toISOString(),
      error: 'processus arrêté pendant la collecte ; son écriture en cours a été annulée',
    })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
