import { createHash } from 'node:crypto';
import { BasicCrawler, Configuration, LogLevel, log } from 'crawlee';

/** What a previous successful fetch of the URL left in the sync state. */
export interface Validators {
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
}

export type Download =
  | { kind: 'unchanged'; reason: 'not-modified' | 'same-hash' }
  | {
      kind: 'changed';
      body: Buffer;
      etag: string | null;
      lastModified: string | null;
      contentHash: string;
    };

/** A download that failed after its retries; the message names the URL and the reason. */
export class DownloadError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'DownloadError';
  }
}

export interface DownloadOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Retries after a network error, a 429 or a 5xx. */
  maxRetries?: number;
  userAgent?: string;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Fetches one file with a Crawlee BasicCrawler, conditionally (If-None-Match /
 * If-Modified-Since from the previous validators), and tells whether its content changed.
 * Storage is in memory: nothing is written to ./storage.
 */
export async function downloadIfChanged(
  url: string,
  previous: Validators | null,
  options: DownloadOptions = {},
): Promise<Download> {
  const { timeoutMs = 60_000, maxRetries = 2 } = options;
  let outcome: Download | null = null;
  let failure: string | null = null;
  log.setLevel(LogLevel.OFF);
  const crawler = new BasicCrawler(
    {
      maxRequestRetries: maxRetries,
      maxConcurrency: 1,
      requestHandlerTimeoutSecs: Math.ceil(timeoutMs / 1000) + 10,
      useSessionPool: false,
      async requestHandler({ request, sendRequest }) {
        const headers: Record<string, string> = {};
        if (previous?.etag) headers['if-none-match'] = previous.etag;
        if (previous?.last_modified) headers['if-modified-since'] = previous.last_modified;
        if (options.userAgent) headers['user-agent'] = options.userAgent;
        const response = await sendRequest({
          responseType: 'buffer',
          throwHttpErrors: false,
          followRedirect: true,
          headers,
          timeout: { request: timeoutMs },
        });
        const status = response.statusCode;
        if (status === 304) {
          outcome = { kind: 'unchanged', reason: 'not-modified' };
          return;
        }
        if (status === 429 || status >= 500) throw new Error(`HTTP ${status}`);
        if (status < 200 || status >= 300) {
          request.noRetry = true;
          throw new Error(`HTTP ${status}`);
        }
        const body: unknown = response.body;
        if (!Buffer.isBuffer(body)) throw new Error('response body is not binary');
        const contentHash = sha256(body);
        if (previous?.content_hash === contentHash) {
          outcome = { kind: 'unchanged', reason: 'same-hash' };
          return;
        }
        const header = (name: string) => {
          const value = response.headers[name];
          return typeof value === 'string' ? value : null;
        };
        outcome = {
          kind: 'changed',
          body,
          etag: header('etag'),
          lastModified: header('last-modified'),
          contentHash,
        };
      },
      failedRequestHandler(_context, error) {
        failure = error.message;
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run([{ url, uniqueKey: `${url}#${Date.now()}` }]);
  await crawler.teardown();
  if (outcome) return outcome;
  throw new DownloadError(url, failure ?? 'no response');
}
