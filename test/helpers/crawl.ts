import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import type { DownloadOptions } from '../../scrapers/lib/download.ts';
import { runCrawl, type SourceSummary } from '../../scrapers/run.ts';

/** Runs the real `an` crawl with every source URL fetched from `mirror`. */
export async function crawlAn(
  db: DB,
  databasePath: string,
  mirror: string,
  download?: DownloadOptions,
): Promise<SourceSummary> {
  const config = loadConfig({ DATABASE_PATH: databasePath, SOURCES_MIRROR: mirror });
  const summaries = await runCrawl(db, config, { only: ['an'], download });
  if (summaries.length !== 1) throw new Error(`expected one summary, got ${summaries.length}`);
  return summaries[0]!;
}
