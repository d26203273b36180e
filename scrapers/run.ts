import type { Config } from '../config.ts';
import type { DB } from '../db/database.ts';
import { syncStateStore, type SyncStateStore } from '../db/sync-state.ts';
import { crawlReferential } from './assemblee/crawler.ts';
import { DownloadError, type DownloadOptions } from './lib/download.ts';
import { crawlDeclarations } from './hatvp/crawler.ts';
import { anReferential, hatvpIndex, sourceUrl, type SourceInfo } from './sources.ts';

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

export interface SourceSummary extends CrawlCounts {
  source: string;
  status: 'ok' | 'unchanged' | 'failed';
  /** "<file>: <reason>" when the source failed. */
  error: string | null;
  durationMs: number;
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

export interface CrawlSource {
  info: SourceInfo;
  crawl(ctx: CrawlContext): Promise<CrawlCounts>;
}

/** The sources this build crawls, in crawl order. */
export function crawlSources(config: Config): CrawlSource[] {
  return [
    { info: anReferential(config), crawl: crawlReferential },
    { info: hatvpIndex(), crawl: crawlDeclarations },
  ];
}

export interface RunOptions {
  /** Restrict to these source ids; all when empty. */
  only?: string[];
  download?: DownloadOptions;
  onProgress?: (source: string, event: ProgressEvent) => void;
  onSourceDone?: (summary: SourceSummary) => void;
}

const ZERO: CrawlCounts = { fetched: 0, unchanged: 0, added: 0, changed: 0, removed: 0, failed: 0 };

/**
 * Crawls each source in turn. A failing source is reported (source, file, reason), its data
 * left as it was, and the others still run.
 */
export async function runCrawl(
  db: DB,
  config: Config,
  options: RunOptions = {},
): Promise<SourceSummary[]> {
  const all = crawlSources(config);
  const only = options.only ?? [];
  const unknown = only.filter((id) => !all.some((s) => s.info.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown source ${unknown.join(', ')}; available: ${all.map((s) => s.info.id).join(', ')}`,
    );
  }
  const syncState = syncStateStore(db);
  const summaries: SourceSummary[] = [];
  for (const source of all.filter((s) => only.length === 0 || only.includes(s.info.id))) {
    const started = Date.now();
    const id = source.info.id;
    let summary: SourceSummary;
    try {
      const counts = await source.crawl({
        db,
        config,
        syncState,
        download: options.download ?? {},
        progress: (event) => options.onProgress?.(id, event),
      });
      summary = {
        source: id,
        status: counts.unchanged === counts.fetched && counts.fetched > 0 ? 'unchanged' : 'ok',
        ...counts,
        error: null,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      const message =
        error instanceof SourceError
          ? `file ${error.file}: ${error.reason}`
          : error instanceof DownloadError
            ? `download ${error.message}`
            : `${(error as Error).message}`;
      await syncState.failed(id, sourceUrl(source.info.url, config.sourcesMirror), message);
      summary = {
        source: id,
        status: 'failed',
        ...ZERO,
        failed: 1,
        error: message,
        durationMs: Date.now() - started,
      };
    }
    summaries.push(summary);
    options.onSourceDone?.(summary);
  }
  return summaries;
}
