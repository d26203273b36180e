// One crawl run over every source of the registry (or some of them): each source in turn,
// one crawl_run row per source, a failing source reported and the others still run.
import type { Config } from '../config.ts';
import type { DB } from '../db/database.ts';
import { finishRun, runInProgress, startRun } from '../db/state/runs.ts';
import { syncStateStore } from '../db/state/sync.ts';
import { crawlSources } from './index.ts';
import { DownloadError, type DownloadOptions } from './lib/download.ts';
import { SourceError, sourceUrl, type CrawlCounts, type ProgressEvent } from './lib/source.ts';

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

export interface RunOptions {
  /** Restrict to these source ids; all when empty. */
  only?: string[];
  download?: DownloadOptions;
  onProgress?: (source: string, event: ProgressEvent) => void;
  onSourceDone?: (summary: SourceSummary) => void;
  /** What started the run, stored with it: cli (default), startup, schedule. */
  trigger?: string;
  /** Accept new states that fail the plausibility checks (logged as change events). */
  acceptShrink?: boolean;
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
        acceptShrink: options.acceptShrink ?? false,
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
