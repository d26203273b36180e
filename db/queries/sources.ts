import type { Kysely } from 'kysely';
import type { CrawlRun, Database, SyncState } from '../schema/index.ts';

export interface SourceHealth {
  source: string;
  lastSuccess: CrawlRun | null;
  lastFailure: CrawlRun | null;
  running: CrawlRun | null;
  /** The source's sync state: when it was last checked and when its content last changed. */
  sync: SyncState | null;
  /** Consecutive failed or interrupted runs since the last success. */
  failuresSince: number;
}

const SUCCESS = ['ok', 'unchanged', 'partial'] as const;
const FAILURE = ['failed', 'interrupted'] as const;

/** Last success, last failure and any running run of each source, with its sync state. */
export async function sourcesHealth(
  db: Kysely<Database>,
  sources: readonly string[],
): Promise<SourceHealth[]> {
  return Promise.all(
    sources.map(async (source) => {
      const latest = (statuses: readonly CrawlRun['status'][]) =>
        db
          .selectFrom('crawl_run')
          .selectAll()
          .where('source', '=', source)
          .where('status', 'in', statuses)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
      const [lastSuccess, lastFailure, running, sync] = await Promise.all([
        latest(SUCCESS),
        latest(FAILURE),
        latest(['running']),
        db.selectFrom('sync_state').selectAll().where('source', '=', source).executeTakeFirst(),
      ]);
      const { n } = await db
        .selectFrom('crawl_run')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source', '=', source)
        .where('status', 'in', FAILURE)
        .where('id', '>', lastSuccess?.id ?? 0)
        .executeTakeFirstOrThrow();
      return {
        source,
        lastSuccess: lastSuccess ?? null,
        lastFailure: lastFailure ?? null,
        running: running ?? null,
        sync: sync ?? null,
        failuresSince: Number(n),
      };
    }),
  );
}

/** The latest crawl runs, newest first, optionally of one source. */
export async function recentRuns(
  db: Kysely<Database>,
  limit: number,
  source: string | null = null,
): Promise<CrawlRun[]> {
  let query = db.selectFrom('crawl_run').selectAll().orderBy('id', 'desc').limit(limit);
  if (source) query = query.where('source', '=', source);
  return query.execute();
}

/** Source ids that have crawl runs, for sources a build no longer declares. */
export async function runSources(db: Kysely<Database>): Promise<string[]> {
  return (
    await db.selectFrom('crawl_run').select('source').distinct().orderBy('source').execute()
  ).map((r) => r.source);
}
