import { Hono } from 'hono';
import type { DB } from '../../db/database.ts';
import { recentRuns, runSources, sourcesHealth } from '../../db/queries/sources.ts';
import type { ScheduledStatus, SourceInfo } from '../../domain/sources.ts';
import { SourcesPage, SourcesResults } from '../../views/sources/sources.tsx';
import type { AppEnv } from '../app.tsx';
import { pageOrFragment } from '../lib/htmx.ts';

/** Latest runs listed under the sources. */
const RUNS = 30;

/**
 * `/sources`: each source with its URL and licence, last success and failure, freshness,
 * next scheduled run and the progress of a running crawl (polled by htmx while it runs).
 */
export function sourcesRoutes(
  db: DB,
  infos: readonly SourceInfo[],
  schedule: (() => ScheduledStatus[]) | null,
) {
  const app = new Hono<AppEnv>();
  app.get('/sources', async (c) => {
    // Sources of this build first, then any other that has runs (a source since removed).
    const ids = [...new Set([...infos.map((i) => i.id), ...(await runSources(db))])];
    const [health, runs] = await Promise.all([sourcesHealth(db, ids), recentRuns(db, RUNS)]);
    const scheduled = schedule ? schedule() : null;
    const view = {
      sources: health.map((h) => ({
        id: h.source,
        info: infos.find((i) => i.id === h.source) ?? null,
        health: h,
        schedule: scheduled?.find((s) => s.source === h.source) ?? null,
      })),
      runs,
      crawl: c.get('crawlState'),
      scheduled: scheduled !== null,
      now: new Date().toISOString(),
    };
    // The state of each source's last check changes without new data: never kept in a cache.
    c.header('Cache-Control', 'no-store');
    return pageOrFragment(
      c,
      () => <SourcesPage {...view} />,
      () => <SourcesResults {...view} />,
    );
  });
  return app;
}
