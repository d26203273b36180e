import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { migrateToLatest, openDatabase, type DB } from '../../db/database.ts';
import type { DownloadOptions } from '../../scrapers/lib/download.ts';
import { runCrawl, type SourceSummary } from '../../scrapers/run.ts';
import { serveFolder } from '../../scripts/static-server.ts';
import { createApp } from '../../server/app.tsx';
import { SHARED_FIXTURES } from './paths.ts';

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

/** The app over a temp database into which real sources were crawled from the shared fixtures. */
export interface CrawledSite {
  db: DB;
  app: ReturnType<typeof createApp>;
  close: () => Promise<void>;
}

/**
 * Crawls the sources `only` from ../shared/fixtures/mirror (served on loopback) into a new temp
 * database, each required to end `ok`, and builds the app on it.
 */
export async function crawledSite(only: string[], prefix: string): Promise<CrawledSite> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const mirror = await serveFolder(path.join(SHARED_FIXTURES, 'mirror'));
  const config = loadConfig({
    DATABASE_PATH: path.join(dir, 'real.sqlite'),
    SOURCES_MIRROR: mirror.url,
  });
  const db = openDatabase(config.databasePath);
  const close = async () => {
    await db.destroy();
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(db);
    for (const s of await runCrawl(db, config, { only }))
      if (s.status !== 'ok') throw new Error(`${s.source}: ${s.status} ${s.error ?? ''}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, app: createApp({ db, config }), close };
}
