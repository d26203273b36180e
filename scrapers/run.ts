import type { Config } from '../config.ts';
import type { DB } from '../db/database.ts';
import { finishRun, runInProgress, startRun } from '../db/crawl-runs.ts';
import { syncStateStore, type SyncStateStore } from '../db/sync-state.ts';
import { crawlReferential } from './assemblee/crawler.ts';
import { crawlGeo } from './geo/crawler.ts';
import { crawlDeclarations } from './hatvp/crawler.ts';
import type { ChangeContext } from './lib/changes.ts';
import { DownloadError, downloadIfChanged, type DownloadOptions } from './lib/download.ts';
import {
  anReferential,
  anScrutins,
  hatvpIndex,
  inseeCirconscriptions,
  sourceUrl,
  trackersSource,
  type SourceInfo,
} from '../domain/sources.ts';
import { crawlTrackers } from './trackers/crawler.ts';
import { crawlScrutins } from './votes/crawler.ts';

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

export interface SourceSummary extends CrawlCounts {
  source: string;
  /** partial: ingested, but some files were rejected (listed in `error`). */
  status: 'ok' | 'unchanged' | 'partial' | 'failed';
  /** "<file>: <reason>" when the source, or some of its files, failed. */
  error: string | null;
  durationMs: number;
  /** The crawl_run row of this run, and the change events it appended. */
  runId: number;
  events: number;
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

export interface CrawlSource {
  info: SourceInfo;
  crawl(ctx: CrawlContext): Promise<CrawlCounts>;
}

/** The sources this build crawls, in crawl order. */
export function crawlSources(config: Config): CrawlSource[] {
  return [
    { info: anReferential(config), crawl: crawlReferential },
    { info: anScrutins(config), crawl: crawlScrutins },
    { info: inseeCirconscriptions(), crawl: crawlGeo },
    { info: hatvpIndex(), crawl: crawlDeclarations },
    { info: trackersSource(), crawl: crawlTrackers },
  ];
}

export interface RunOptions {
  /** Restrict to these source ids; all when empty. */
  only?: string[];
  download?: DownloadOptions;
  onProgress?: (source: string, event: ProgressEvent) => void;
  onSourceDone?: (summary: SourceSummary) => void;
  /** What started the run, stored with it: cli (default), startup, schedule. */
  trigger?: string;
}

/** The first rejected files and how many more, for a one-line summary. */
function listErrors(errors: string[]): string {
  const shown = errors.slice(0, 5).join(' | ');
  return errors.length > 5 ? `${shown} | and ${errors.length - 5} more` : shown;
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
    const startedAt = new Date(started).toISOString();
    const current = await runInProgress(db, id);
    const runId = await startRun(db, id, options.trigger ?? 'cli', startedAt);
    let summary: Omit<SourceSummary, 'events'>;
    try {
      if (current) {
        throw new Error(`already being crawled (run ${current.id}, process ${current.pid})`);
      }
      const { errors = [], ...counts } = await source.crawl({
        db,
        config,
        syncState,
        download: options.download ?? {},
        progress: (event) => options.onProgress?.(id, event),
        changes: { runId, source: id, sourceUrl: source.info.url, detectedAt: startedAt },
      });
      summary = {
        runId,
        source: id,
        status:
          errors.length > 0
            ? 'partial'
            : counts.unchanged === counts.fetched && counts.fetched > 0
              ? 'unchanged'
              : 'ok',
        ...counts,
        error: errors.length > 0 ? listErrors(errors) : null,
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
        runId,
        source: id,
        status: 'failed',
        ...ZERO,
        failed: 1,
        error: message,
        durationMs: Date.now() - started,
      };
    }
    const { source: _s, durationMs: _d, runId: _r, ...outcome } = summary;
    const events = await finishRun(db, runId, outcome);
    summaries.push({ ...summary, events });
    options.onSourceDone?.({ ...summary, events });
  }
  return summaries;
}
