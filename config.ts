import { Cron } from 'croner';
import { FALLBACK_SCHEDULE, describeSources } from './domain/sources.ts';
/** Runtime settings, read from the environment once by the entry scripts and passed down. */
export interface Config {
  /** SQLite file; its folder is created on start. */
  databasePath: string;
  port: number;
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
  /** When `npm start` crawls each source, and how it retries after a failure. */
  schedule: ScheduleConfig;
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
  timeoutMs: number;
  /** A file that was missing (404) or failed is asked for again after this many hours. */
  retryFailedHours: number;
}

/** Default User-Agent; set CRAWL_USER_AGENT to name your own deployment and contact. */
export const DEFAULT_USER_AGENT =
  'suivi-des-deputes/0.1 (open-source parliamentary tracker; +https://github.com/suivi-des-deputes/suivi-des-deputes)';

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
    databasePath: env.DATABASE_PATH || 'data/tracker.sqlite',
    port,
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
      retryFailedHours: numberSetting(env, 'CRAWL_RETRY_FAILED_HOURS', 24, 0, false),
    },
    schedule: {
      sources: scheduleSettings(env, legislature),
      retryBaseMs: numberSetting(env, 'CRAWL_RETRY_MINUTES', 5, 0, false) * 60_000,
      retryMaxMs: numberSetting(env, 'CRAWL_RETRY_MAX_MINUTES', 240, 0, false) * 60_000,
      childTimeoutMs: childTimeoutMinutes * 60_000,
    },
  };
}
