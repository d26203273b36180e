import { BasicCrawler, Configuration, LogLevel, RobotsTxtFile, log } from 'crawlee';
import type { Politeness } from '../../config.ts';

/** One file to fetch: `url` is what is requested (mirror applied), `key` identifies it. */
export interface FileRequest {
  key: string;
  url: string;
}

export type FileOutcome =
  | { kind: 'ok'; body: Buffer }
  /** 404 or 410: the file is not there. */
  | { kind: 'missing'; status: number }
  /** Another HTTP error, a timeout or a network error, after the retries. */
  | { kind: 'failed'; reason: string };

/** A 429 or 5xx (or network) error worth retrying, with the server's Retry-After if any. */
class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longest wait a server's Retry-After may impose before the next attempt. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

function retryAfter(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - Date.now()));
}

/** Spaces the starts of requests by at least `delayMs`, whatever the concurrency. */
function startGate(delayMs: number) {
  let next = 0;
  return async () => {
    const now = Date.now();
    const start = Math.max(now, next);
    next = start + delayMs;
    if (start > now) await sleep(start - now);
  };
}

/**
 * Fetches files politely with one Crawlee BasicCrawler: at most `concurrency` requests at once,
 * `delayMs` between request starts, the configured User-Agent, retries of 429/5xx/network errors
 * after `backoffMs × 2^attempt` (or the server's Retry-After). A 404 is an outcome, not an error.
 * `onFile` is called once per file; storage is in memory (nothing lands in ./storage).
 */
export async function fetchFiles(
  files: FileRequest[],
  polite: Politeness,
  onFile: (file: FileRequest, outcome: FileOutcome) => void | Promise<void>,
): Promise<void> {
  if (files.length === 0) return;
  const gate = startGate(polite.delayMs);
  const byKey = new Map(files.map((f) => [f.key, f]));
  const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  log.setLevel(LogLevel.OFF);
  const crawler = new BasicCrawler(
    {
      maxConcurrency: polite.concurrency,
      minConcurrency: polite.concurrency,
      maxRequestRetries: polite.maxRetries,
      requestHandlerTimeoutSecs:
        Math.ceil((polite.timeoutMs + polite.concurrency * polite.delayMs) / 1000) + 10,
      useSessionPool: false,
      async requestHandler({ request, sendRequest }) {
        const file = byKey.get(request.userData.key as string)!;
        await gate();
        let response;
        try {
          response = await sendRequest({
            responseType: 'buffer',
            throwHttpErrors: false,
            followRedirect: true,
            headers: { 'user-agent': polite.userAgent },
            timeout: { request: polite.timeoutMs },
            retry: { limit: 0 },
            // Plain requests that say who we are: no browser-like generated headers.
            useHeaderGenerator: false,
          });
        } catch (error) {
          throw new RetryableError((error as Error).message, null);
        }
        const status = response.statusCode;
        if (status === 429 || status >= 500) {
          throw new RetryableError(`HTTP ${status}`, retryAfter(response.headers['retry-after']));
        }
        if (status === 404 || status === 410) {
          await onFile(file, { kind: 'missing', status });
          return;
        }
        if (status < 200 || status >= 300) {
          await onFile(file, { kind: 'failed', reason: `HTTP ${status}` });
          return;
        }
        const body: unknown = response.body;
        if (!Buffer.isBuffer(body)) {
          await onFile(file, { kind: 'failed', reason: 'réponse non binaire' });
          return;
        }
        await onFile(file, { kind: 'ok', body });
      },
      async errorHandler({ request }, error) {
        const backoff = polite.backoffMs * 2 ** request.retryCount;
        const asked = error instanceof RetryableError ? error.retryAfterMs : null;
        await sleep(Math.max(backoff, asked ?? 0));
      },
      async failedRequestHandler({ request }, error) {
        const file = byKey.get(request.userData.key as string)!;
        await onFile(file, { kind: 'failed', reason: error.message });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run(
    files.map((f) => ({ url: f.url, uniqueKey: `${run}:${f.key}`, userData: { key: f.key } })),
  );
  await crawler.teardown();
}

/** The rules of a robots.txt for one user agent. */
export interface RobotsRules {
  /** True when `canonicalUrl` may be fetched. */
  allows(canonicalUrl: string): boolean;
}

/**
 * Reads a host's robots.txt (fetched from `url`, rules applied to canonical URLs of
 * `canonicalRobotsUrl`'s host). A missing robots.txt allows everything; one that cannot be
 * read (5xx, network) forbids everything for now, as RFC 9309 asks.
 */
export async function fetchRobots(
  url: string,
  canonicalRobotsUrl: string,
  polite: Politeness,
): Promise<RobotsRules & { unreachable: string | null }> {
  let outcome: FileOutcome | null = null;
  await fetchFiles([{ key: 'robots.txt', url }], polite, (_f, o) => {
    outcome = o;
  });
  const result = outcome as FileOutcome | null;
  if (result?.kind === 'ok') {
    const rules = RobotsTxtFile.from(canonicalRobotsUrl, result.body.toString('utf8'));
    return {
      unreachable: null,
      allows: (canonicalUrl) => rules.isAllowed(canonicalUrl, polite.userAgent),
    };
  }
  if (
    result?.kind === 'missing' ||
    (result?.kind === 'failed' && /^HTTP 4\d\d$/.test(result.reason))
  ) {
    return { unreachable: null, allows: () => true };
  }
  const reason = result?.kind === 'failed' ? result.reason : 'pas de réponse';
  return { unreachable: `robots.txt illisible (${reason})`, allows: () => false };
}
