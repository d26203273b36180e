// The contract every crawler shares: what a crawl is given (database, settings, sync state,
// download options, progress, change context), what it returns (counts), how it reports a
// bad file (SourceError) and how a single-file source is downloaded conditionally. Crawlers
// import this module; it imports no crawler.
import type { Config, Politeness } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import type { NewChangeEvent } from '../../db/schema/index.ts';
import type { SyncStateStore } from '../../db/state/sync.ts';
import type { SourceInfo } from '../../domain/sources.ts';
import { changeEvent, type ChangeContext } from './changes.ts';
import { downloadIfChanged, downloadToFileIfChanged, type DownloadOptions } from './download.ts';
import { readZip } from './zip.ts';

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
  /** Overrides of `config.politeness` for this crawl; read both through `politeness(ctx)`. */
  download: DownloadOptions;
  /** The operator accepted a new state that fails the plausibility checks (`--accept-shrink`). */
  acceptShrink: boolean;
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

/** The politeness of this crawl's downloads: the configured one with the crawl's overrides. */
export function politeness(ctx: Pick<CrawlContext, 'config' | 'download'>): Politeness {
  const overrides = Object.entries(ctx.download).filter(([, v]) => v !== undefined);
  return { ...ctx.config.politeness, ...Object.fromEntries(overrides) };
}

/**
 * Downloads a single-file source conditionally. Returns the new content with its URL, or
 * null when it has not changed (the sync state then records the check).
 */
export async function downloadSource(ctx: CrawlContext, info: SourceInfo) {
  const url = sourceUrl(info.url, ctx.config.sourcesMirror);
  ctx.progress({ phase: 'téléchargement', done: 0, total: 1 });
  const download = await downloadIfChanged(url, await ctx.syncState.get(info.id), politeness(ctx));
  if (download.kind === 'unchanged') {
    await ctx.syncState.checked(info.id, url);
    return null;
  }
  return { url, download, fileName: url.split('/').pop()! };
}

/**
 * Downloads a zip source conditionally and reads its entries within the archive limits; null
 * when it has not changed. An unreadable archive is a SourceError naming the file.
 */
export async function downloadArchive(ctx: CrawlContext, info: SourceInfo) {
  const fetched = await downloadSource(ctx, info);
  if (!fetched) return null;
  try {
    return { ...fetched, files: readZip(fetched.download.body, ctx.config.archive) };
  } catch (error) {
    throw new SourceError(fetched.fileName, (error as Error).message);
  }
}

/**
 * `downloadSource` for an archive too large to hold in memory: the content is streamed to a
 * temporary file (`download.file`, to be removed by the caller once read), or null when it
 * has not changed.
 */
export async function downloadSourceToFile(ctx: CrawlContext, info: SourceInfo) {
  const url = sourceUrl(info.url, ctx.config.sourcesMirror);
  ctx.progress({ phase: 'téléchargement', done: 0, total: 1 });
  const download = await downloadToFileIfChanged(
    url,
    await ctx.syncState.get(info.id),
    politeness(ctx),
  );
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

/** Smallest share of its stored records a new state of a source may keep, unless accepted. */
export const MIN_SHARE = 0.9;

/** A drop of this many records or fewer always passes (small sources, hand-written fixtures). */
export const ALWAYS_ALLOWED_DROP = 10;

/** One count of a new state against the stored one, from one file. */
export interface Measure {
  /** The file the new count comes from. */
  file: string;
  /** What is counted, in French, plural: "acteurs", "codes postaux". */
  what: string;
  stored: number;
  next: number;
  /** Smallest share of `stored` that `next` may be; MIN_SHARE by default. */
  minShare?: number;
}

/** A new state refused by the plausibility checks: nothing of it is written. */
export class ImplausibleError extends SourceError {
  constructor(file: string, reason: string) {
    super(
      file,
      `${reason} ; rien n'est enregistré (npm run crawl -- --source <id> --accept-shrink pour l'accepter)`,
    );
    this.name = 'ImplausibleError';
  }
}

/**
 * Checks a new state before the ingest that would replace the stored one: each measure must
 * keep at least its share of the stored count, or lose no more than ALWAYS_ALLOWED_DROP
 * records (so a first import, with nothing stored, always passes).
 * A failing measure throws ImplausibleError, unless the operator accepted the shrink: then
 * the returned change events record it, to be appended with the ingest.
 */
export function checkPlausible(ctx: CrawlContext, measures: Measure[]): NewChangeEvent[] {
  const accepted: NewChangeEvent[] = [];
  for (const m of measures) {
    const share = m.minShare ?? MIN_SHARE;
    if (m.next >= share * m.stored || m.stored - m.next <= ALWAYS_ALLOWED_DROP) continue;
    const drop = `${m.next} ${m.what} au lieu de ${m.stored} (moins de ${Math.round(share * 100)} %)`;
    if (!ctx.acceptShrink) throw new ImplausibleError(m.file, drop);
    accepted.push(
      changeEvent(ctx.changes, {
        entity_type: 'source',
        entity_id: ctx.changes.source,
        entity_label: ctx.changes.source,
        kind: 'shrink_accepted',
        old_value: String(m.stored),
        new_value: String(m.next),
        detail: `Réduction acceptée par l'opérateur (--accept-shrink) : ${m.file}, ${drop}.`,
      }),
    );
  }
  return accepted;
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
