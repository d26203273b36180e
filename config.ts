import { isIP } from 'node:net';
import { Cron } from 'croner';
import { FALLBACK_SCHEDULE, describeSources } from './domain/sources.ts';
/** Runtime settings, read from the environment once by the entry scripts and passed down. */
export interface Config {
  /** SQLite file; its folder is created on start. */
  databasePath: string;
  port: number;
  /** Server processes of `npm start` (WEB_CONCURRENCY), sharing the port and the SQLite file. */
  webConcurrency: number;
  /** Address the server binds to: loopback unless HOST says otherwise. */
  host: string;
  /** Origin of the site as its readers reach it, for feeds and absolute links (never `Host`). */
  publicUrl: string;
  /** Proxies whose X-Forwarded-For names the client (addresses or CIDR ranges). */
  trustProxy: string[];
  /** When set, every `https://<host>/<path>` source URL is fetched from `<mirror>/<host>/<path>`. */
  sourcesMirror: string | null;
  /** Number of the current legislature (17 since July 2024). */
  legislature: number;
  /** Folder for Crawlee's own storage, kept under data/ so nothing lands in ./storage. */
  storageDir: string;
  /** Politeness of crawls that fetch many files from one host (HATVP declarations). */
  politeness: Politeness;
  /** Token that opens the admin pages (/suivi); null turns them off. */
  adminToken: string | null;
  /** Lets trackers fetch (and be redirected to) loopback, private and link-local addresses. */
  trackersAllowPrivate: boolean;
  /** When `npm start` crawls each source, and how it retries after a failure. */
  schedule: ScheduleConfig;
  /** What a downloaded archive may hold before it is refused unread. */
  archive: ArchiveLimits;
  /** Bulk dump downloads (`/exports/…`) one client address may hold at once. */
  exportMaxPerClient: number;
  /** Memory the page cache's bodies may take (PAGE_CACHE_MB), in bytes; 0 keeps none. */
  pageCacheBytes: number;
}

export interface ArchiveLimits {
  maxEntries: number;
  /** Sum of the entries' decompressed sizes. */
  maxBytes: number;
  /** Decompressed / compressed size of one entry, checked on entries over 1 MiB. */
  maxRatio: number;
}

export interface ScheduleConfig {
  /** Cron expression per source id (CRAWL_SCHEDULE_<ID>); null when set to `off`. */
  sources: Record<string, string | null>;
  /** First retry after a failed run, then doubling at each new failure, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A crawl process of `npm start` running longer than this is ended and its run failed. */
  childTimeoutMs: number;
}

export interface Politeness {
  /** Sent with every request: names the project and where to reach it. */
  userAgent: string;
  /** Requests in flight at once. */
  concurrency: number;
  /** Minimum time between the starts of two requests. */
  delayMs: number;
  /** Retries after a network error, a 429 or a 5xx, waiting backoffMs × 2^attempt (or Retry-After). */
  maxRetries: number;
  backoffMs: number;
  /** Longest wait for the response headers, then for each next piece of the body. */
  timeoutMs: number;
  /** A response body longer than this is refused (a content error, not retried). */
  maxDownloadBytes: number;
  /** A file that was missing (404) or failed is asked for again after this many hours. */
  retryFailedHours: number;
}

/** Default of PAGE_CACHE_MB: the page cache's memory, in MiB. */
export const DEFAULT_PAGE_CACHE_MB = 64;

/** Default of EXPORT_MAX_PER_CLIENT. */
export const DEFAULT_EXPORT_MAX_PER_CLIENT = 2;

/** Default User-Agent; set CRAWL_USER_AGENT to name your own deployment and contact. */
export const DEFAULT_USER_AGENT =
  'suivi-des-deputes/0.1 (open-source parliamentary tracker; +https://github.com/suivi-des-deputes/suivi-des-deputes)';

const MIB = 1024 * 1024;

function numberSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  integer = true,
): number {
  const raw = env[name];
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(
      `${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got "${raw}"`,
    );
  }
  return value;
}

/** A yes/no setting: 1/true/oui/yes or 0/false/non/no (case-insensitive). */
function booleanSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (/^(1|true|oui|yes)$/i.test(raw)) return true;
  if (/^(0|false|non|no)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** The PUBLIC_URL of a site served on `port` when none is set. */
export const defaultPublicUrl = (port: number) => `http://localhost:${port}`;

/** PUBLIC_URL: an http(s) origin (no path, query or credentials), without a trailing slash. */
function publicUrlSetting(raw: string | undefined, port: number): string {
  const value = raw?.trim();
  if (!value) return defaultPublicUrl(port);
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  )
    throw new Error(
      `PUBLIC_URL must be an http(s) origin such as https://example.org, got "${value}"`,
    );
  return url.origin;
}

/** TRUST_PROXY: comma-separated IP addresses or CIDR ranges (`10.0.0.0/8`). */
function trustProxySetting(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const version = isIP(address!);
    const bits = version === 4 ? 32 : 128;
    if (
      version === 0 ||
      extra !== undefined ||
      (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))
    )
      throw new Error(`TRUST_PROXY must list IP addresses or CIDR ranges, got "${entry}"`);
  }
  return entries;
}

/** Checks a cron expression (5 or 6 fields) with croner; throws naming the variable. */
function cronSetting(name: string, value: string): string {
  try {
    new Cron(value, { paused: true }).stop();
  } catch (error) {
    throw new Error(
      `${name} must be a cron expression or "off", got "${value}": ${(error as Error).message}`,
    );
  }
  return value;
}

/** Schedules from CRAWL_SCHEDULE_<ID> variables over the defaults; `off` disables a source. */
function scheduleSettings(
  env: NodeJS.ProcessEnv,
  legislature: number,
): Record<string, string | null> {
  const sources: Record<string, string | null> = Object.fromEntries(
    describeSources({ legislature }).map((s) => [s.id, s.schedule ?? FALLBACK_SCHEDULE]),
  );
  for (const [name, raw] of Object.entries(env)) {
    const id = /^CRAWL_SCHEDULE_([A-Z0-9_]+)$/.exec(name)?.[1]?.toLowerCase();
    const value = raw?.trim();
    if (!id || !value) continue;
    sources[id] = /^(off|0|false|non)$/i.test(value) ? null : cronSetting(name, value);
  }
  return sources;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const legislature = Number(env.LEGISLATURE ?? 17);
  if (!Number.isInteger(legislature) || legislature < 1) {
    throw new Error(`LEGISLATURE must be a positive integer, got "${env.LEGISLATURE}"`);
  }
  const mirror = env.SOURCES_MIRROR?.trim();
  if (mirror && !/^https?:\/\/[^/]+/.test(mirror)) {
    throw new Error(`SOURCES_MIRROR must be an http(s) URL, got "${mirror}"`);
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  if (isIP(host) === 0 && host !== 'localhost') {
    throw new Error(
      `HOST must be an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got "${host}"`,
    );
  }
  const childTimeoutMinutes = numberSetting(env, 'CRAWL_CHILD_TIMEOUT_MINUTES', 120, 0.01, false);
  // A week at most: longer delays overflow setTimeout (about 24.8 days), which fires at once.
  if (childTimeoutMinutes > 10_080) {
    throw new Error(
      `CRAWL_CHILD_TIMEOUT_MINUTES must be at most 10080 (a week), got "${env.CRAWL_CHILD_TIMEOUT_MINUTES}"`,
    );
  }
  const adminToken = env.ADMIN_TOKEN?.trim() || null;
  if (adminToken && adminToken.length < 16) {
    throw new Error('ADMIN_TOKEN must be at least 16 characters long');
  }
  return {
    adminToken,
    trackersAllowPrivate: booleanSetting(env, 'TRACKERS_ALLOW_PRIVATE', false),
    databasePath: env.DATABASE_PATH || 'data/tracker.sqlite',
    port,
    webConcurrency: numberSetting(env, 'WEB_CONCURRENCY', 1, 1),
    host,
    publicUrl: publicUrlSetting(env.PUBLIC_URL, port),
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    sourcesMirror: mirror ? mirror.replace(/\/+$/, '') : null,
    legislature,
    storageDir: env.CRAWLEE_STORAGE_DIR || 'data/crawlee',
    politeness: {
      userAgent: env.CRAWL_USER_AGENT?.trim() || DEFAULT_USER_AGENT,
      concurrency: numberSetting(env, 'CRAWL_CONCURRENCY', 2, 1),
      delayMs: numberSetting(env, 'CRAWL_DELAY_MS', 500, 0),
      maxRetries: numberSetting(env, 'CRAWL_MAX_RETRIES', 3, 0),
      backoffMs: numberSetting(env, 'CRAWL_BACKOFF_MS', 2000, 0),
      timeoutMs: numberSetting(env, 'CRAWL_TIMEOUT_MS', 30_000, 1),
      maxDownloadBytes: numberSetting(env, 'CRAWL_MAX_DOWNLOAD_MB', 2048, 1) * MIB,
      retryFailedHours: numberSetting(env, 'CRAWL_RETRY_FAILED_HOURS', 24, 0, false),
    },
    schedule: {
      sources: scheduleSettings(env, legislature),
      retryBaseMs: numberSetting(env, 'CRAWL_RETRY_MINUTES', 5, 0, false) * 60_000,
      retryMaxMs: numberSetting(env, 'CRAWL_RETRY_MAX_MINUTES', 240, 0, false) * 60_000,
      childTimeoutMs: childTimeoutMinutes * 60_000,
    },
    archive: {
      maxEntries: numberSetting(env, 'ARCHIVE_MAX_ENTRIES', 500_000, 1),
      maxBytes: numberSetting(env, 'ARCHIVE_MAX_MB', 4096, 1) * MIB,
      maxRatio: numberSetting(env, 'ARCHIVE_MAX_RATIO', 200, 1),
    },
    exportMaxPerClient: numberSetting(
      env,
      'EXPORT_MAX_PER_CLIENT',
      DEFAULT_EXPORT_MAX_PER_CLIENT,
      1,
    ),
    pageCacheBytes: Math.round(
      numberSetting(env, 'PAGE_CACHE_MB', DEFAULT_PAGE_CACHE_MB, 0, false) * MIB,
    ),
  };
}
