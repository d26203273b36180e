// The contract every crawler shares: what a crawl is given (database, settings, sync state,
// download options, progress, change context), what it returns (counts), how it reports a
// bad file (SourceError) and how a single-file source is downloaded conditionally. Crawlers
// import this module; it imports no crawler.
import type { Config } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import type { SyncStateStore } from '../../db/state/sync.ts';
import type { SourceInfo } from '../../domain/sources.ts';
import type { ChangeContext } from './changes.ts';
import { downloadIfChanged, type DownloadOptions } from './download.ts';

/**
 * Maps a source's canonical `https://<host>/<path>` URL to the URL actually fetched:
 * itself, or `$SOURCES_MIRROR/<host>/<path>` when a mirror is configured.
 * Every fetch of a source goes through this function.
 */
export function sourceUrl(url: string, mirror: string | null): string {
  if (!mirror) return url;
  const parsed = new URL(url);
  return `${mirror}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

export interface ProgressEvent {
  phase: string;
  done: number;
  total: number;
}

export interface CrawlContext {
  db: DB;
  config: Config;
  syncState: SyncStateStore;
  download: DownloadOptions;
  progress: (event: ProgressEvent) => void;
  /** The crawl run in progress, stamped on every change event the source appends. */
  changes: ChangeContext;
}

export interface CrawlCounts {
  fetched: number;
  unchanged: number;
  added: number;
  changed: number;
  removed: number;
  failed: number;
  /** "<file>: <reason>" for records rejected while the rest was ingested. */
  errors?: string[];
}

/** What a crawl of an unchanged single-file source reports. */
export const UNCHANGED: CrawlCounts = {
  fetched: 1,
  unchanged: 1,
  added: 0,
  changed: 0,
  removed: 0,
  failed: 0,
};

/**
 * Downloads a single-file source conditionally. Returns the new content with its URL, or
 * null when it has not changed (the sync state then records the check).
 */
export async function downloadSource(ctx: CrawlContext, info: SourceInfo) {
  const url = sourceUrl(info.url, ctx.config.sourcesMirror);
  ctx.progress({ phase: 'téléchargement', done: 0, total: 1 });
  const download = await downloadIfChanged(url, await ctx.syncState.get(info.id), ctx.download);
  if (download.kind === 'unchanged') {
    await ctx.syncState.checked(info.id, url);
    return null;
  }
  return { url, download, fileName: url.split('/').pop()! };
}

/** A failure inside a source's files; the crawl reports the file and the reason. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SourceError';
  }
}

/** What each `scrapers/<source>/index.ts` exports: its description and its crawl. */
export interface SourceModule {
  describe(config: { legislature: number }): SourceInfo;
  crawl(ctx: CrawlContext): Promise<CrawlCounts>;
}

/** A crawlable source: its description and its crawl. */
export interface CrawlSource {
  info: SourceInfo;
  crawl(ctx: CrawlContext): Promise<CrawlCounts>;
}
