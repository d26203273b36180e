import type { Kysely } from 'kysely';
import type { CrawlRun, CrawlRunStatus, Database } from '../schema/index.ts';

/** Opens a crawl run of one source (status `running`); returns its id. */
export async function startRun(
  db: Kysely<Database>,
  source: string,
  trigger: string,
  startedAt: string,
): Promise<number> {
  const row = await db
    .insertInto('crawl_run')
    .values({ source, trigger, started_at: startedAt, status: 'running', pid: process.pid })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How a run ended: its status, the counts of `CrawlCounts` and its error. */
export interface RunOutcome extends Pick<
  CrawlRun,
  'fetched' | 'unchanged' | 'added' | 'changed' | 'removed' | 'failed' | 'error'
> {
  status: Exclude<CrawlRunStatus, 'running'>;
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

/** Whether a process with this id exists on this machine (the database file is local). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The run of `source` in progress in this or another live process, if any: a second run
 * must not start meanwhile.
 */
export async function runInProgress(db: Kysely<Database>, source: string) {
  const running = await db
    .selectFrom('crawl_run')
    .select(['id', 'pid'])
    .where('source', '=', source)
    .where('status', '=', 'running')
    .execute();
  return (
    running.find((r) => r.pid !== null && (r.pid === process.pid || processAlive(r.pid))) ?? null
  );
}

/**
 * Closes the runs that a crashed or killed process left `running` as `interrupted`; the runs
 * of live processes (a server crawling while the CLI starts) are left alone. Call it once at
 * start, before any crawl (a row with this process's id then comes from an earlier process
 * that had the same id). The ingest transaction they were in never committed, so the data
 * and the change log hold none of it.
 */
export async function closeInterruptedRuns(db: Kysely<Database>): Promise<number> {
  const running = await db
    .selectFrom('crawl_run')
    .select(['id', 'pid'])
    .where('status', '=', 'running')
    .execute();
  const dead = running
    .filter((r) => r.pid === null || r.pid === process.pid || !processAlive(r.pid))
    .map((r) => r.id);
  if (dead.length === 0) return 0;
  await db
    .updateTable('crawl_run')
    .set({
      status: 'interrupted',
      finished_at: new Date().toISOString(),
      error: 'processus arrêté pendant la collecte ; son écriture en cours a été annulée',
    })
    .where('id', 'in', dead)
    .execute();
  return dead.length;
}

/**
 * Closes as `failed`, with `error`, the runs that process `pid` left `running`: a crawl
 * process ended from outside (past its time limit), whose ingest never committed.
 */
export async function failRunsOfProcess(
  db: Kysely<Database>,
  pid: number,
  error: string,
): Promise<void> {
  await db
    .updateTable('crawl_run')
    .set({ status: 'failed', finished_at: new Date().toISOString(), error })
    .where('status', '=', 'running')
    .where('pid', '=', pid)
    .execute();
}
