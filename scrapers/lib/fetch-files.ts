import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Politeness } from '../../config.ts';

/** One file to fetch: `url` is what is requested (mirror applied), `key` identifies it. */
export interface FileRequest {
  key: string;
  url: string;
  /** Extra request headers (If-None-Match, If-Modified-Since for a conditional request). */
  headers?: Record<string, string>;
  /**
   * Streams the body to this file (created or truncated at each attempt) instead of holding it
   * in memory; the outcome is then `saved`, with the body's size and SHA-256.
   */
  saveTo?: string;
}

export type FileOutcome =
  | { kind: 'ok'; body: Buffer; etag: string | null; lastModified: string | null }
  /** The body written to the request's `saveTo` file. */
  | {
      kind: 'saved';
      path: string;
      bytes: number;
      sha256: string;
      etag: string | null;
      lastModified: string | null;
    }
  /** 304 to a conditional request. */
  | { kind: 'not-modified' }
  /** 404 or 410: the file is not there. */
  | { kind: 'missing'; status: number }
  /** Another HTTP error, a timeout, a network error (after the retries) or a file too large. */
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

function retryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - Date.now()));
}

/** A response body over the size limit: a content error, not retried. */
class TooLargeError extends Error {}

const MIB = 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new TooLargeError(`fichier plus grand que la limite de ${Math.round(maxBytes / MIB)} Mio`);

/** Refuses a body whose declared length is over `maxBytes` before reading it. */
async function checkDeclaredLength(response: Response, maxBytes: number): Promise<void> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes);
  }
}

/** Reads a response body, stopping as soon as it passes `maxBytes`; `onChunk` after each. */
async function readBody(
  response: Response,
  maxBytes: number,
  onChunk: (size: number) => void,
): Promise<Buffer> {
  await checkDeclaredLength(response, maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
    onChunk(size);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Streams a response body to `path` (truncating it first) while hashing it, stopping as soon
 * as it passes `maxBytes`: memory stays at one chunk whatever the file's size.
 */
async function saveBody(
  response: Response,
  maxBytes: number,
  path: string,
  onChunk: (size: number) => void,
): Promise<{ bytes: number; sha256: string }> {
  await checkDeclaredLength(response, maxBytes);
  const hash = createHash('sha256');
  const out = createWriteStream(path, { flags: 'w' });
  const closed = once(out, 'close');
  let size = 0;
  const reader = response.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      hash.update(value);
      if (!out.write(value)) await once(out, 'drain');
      onChunk(size);
    }
    out.end();
    await closed;
  } catch (error) {
    out.destroy();
    await closed.catch(() => {});
    throw error;
  }
  return { bytes: size, sha256: hash.digest('hex') };
}

/** A request aborted because the server sent nothing for `timeoutMs`. */
class StallError extends Error {
  override name = 'TimeoutError';
}

/**
 * The timeout of one request: it fires when the server sends nothing for `timeoutMs`, first
 * while waiting for the response headers, then between any two pieces of the body (`touch`
 * re-arms it at each). A long transfer that keeps sending is never cut; its total is bounded
 * by the crawl's own limit (CRAWL_CHILD_TIMEOUT_MINUTES for `npm start`'s crawl process).
 */
function stallTimeout(timeoutMs: number) {
  const controller = new AbortController();
  let received: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const reason =
        received === null
          ? `timeout: no response headers in ${timeoutMs} ms`
          : `timeout: the body stalled, no byte for ${timeoutMs} ms after ${received} bytes`;
      controller.abort(new StallError(reason));
    }, timeoutMs);
  };
  arm();
  return {
    signal: controller.signal,
    /** The headers arrived, or the body's first `size` bytes: the wait starts again. */
    touch(size: number) {
      received = size;
      arm();
    },
    clear: () => clearTimeout(timer),
  };
}

/** The reason a request failed: its timeout, or the network error's own cause. */
function requestFailure(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: Error };
  if (err instanceof StallError) return err.message;
  if (err.cause instanceof StallError) return err.cause.message;
  if (err.name === 'TimeoutError') return `timeout: no byte received in ${timeoutMs} ms`;
  return err.cause?.message ? `${err.message} (${err.cause.message})` : err.message;
}

/**
 * Crawlee's limit on one request handler: far above any transfer (a day), so only the stall
 * timeout and the crawl process's limit end a download that keeps receiving bytes.
 */
const HANDLER_TIMEOUT_SECS = 24 * 3600;

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
 * `delayMs` between request starts, the configured User-Agent, `timeoutMs` for the response
 * headers and for every pause in the body (not for the whole transfer), retries of
 * 429/5xx/network errors after `backoffMs × 2^attempt` (or the server's Retry-After), bodies
 * cut at `maxDownloadBytes`. A 404 is an outcome, not an error.
 * `onFile` is called once per file; storage is in memory (nothing lands in ./storage).
 * Every download of every source goes through here.
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
  /** One attempt at one file: its outcome to `onFile`, or a RetryableError. */
  const fetchOne = async (file: FileRequest, timeout: ReturnType<typeof stallTimeout>) => {
    let response: Response;
    try {
      response = await fetch(file.url, {
        headers: { 'user-agent': polite.userAgent, ...file.headers },
        redirect: 'follow',
        signal: timeout.signal,
      });
    } catch (error) {
      throw new RetryableError(requestFailure(error, polite.timeoutMs), null);
    }
    timeout.touch(0);
    const status = response.status;
    if (status === 429 || status >= 500) {
      await response.body?.cancel();
      throw new RetryableError(`HTTP ${status}`, retryAfter(response.headers.get('retry-after')));
    }
    if (status === 304) {
      await onFile(file, { kind: 'not-modified' });
      return;
    }
    if (status === 404 || status === 410) {
      await response.body?.cancel();
      await onFile(file, { kind: 'missing', status });
      return;
    }
    if (status < 200 || status >= 300) {
      await response.body?.cancel();
      await onFile(file, { kind: 'failed', reason: `HTTP ${status}` });
      return;
    }
    const validators = {
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
    let body: Buffer | null = null;
    let saved: { bytes: number; sha256: string } | null = null;
    try {
      if (file.saveTo)
        saved = await saveBody(response, polite.maxDownloadBytes, file.saveTo, timeout.touch);
      else body = await readBody(response, polite.maxDownloadBytes, timeout.touch);
    } catch (error) {
      if (!(error instanceof TooLargeError)) {
        throw new RetryableError(requestFailure(error, polite.timeoutMs), null);
      }
      await onFile(file, { kind: 'failed', reason: error.message });
      return;
    }
    if (saved) {
      await onFile(file, { kind: 'saved', path: file.saveTo!, ...saved, ...validators });
    } else {
      await onFile(file, { kind: 'ok', body: body!, ...validators });
    }
  };
  // Crawlee takes a good second to load: imported when there is something to fetch, so a
  // command that downloads nothing (a crawl of trackers none of which is due) starts at once.
  const { BasicCrawler, Configuration, LogLevel, log } = await import('crawlee');
  log.setLevel(LogLevel.OFF);
  const crawler = new BasicCrawler(
    {
      maxConcurrency: polite.concurrency,
      minConcurrency: polite.concurrency,
      maxRequestRetries: polite.maxRetries,
      // The stall timeout bounds each wait; a large archive that keeps coming may take as long
      // as it needs (the crawl process's own limit bounds the total), so Crawlee must not cut it.
      requestHandlerTimeoutSecs: HANDLER_TIMEOUT_SECS,
      useSessionPool: false,
      async requestHandler({ request }) {
        const file = byKey.get(request.userData.key as string)!;
        await gate();
        const timeout = stallTimeout(polite.timeoutMs);
        try {
          await fetchOne(file, timeout);
        } finally {
          timeout.clear();
        }
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
    const { RobotsTxtFile } = await import('crawlee');
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
