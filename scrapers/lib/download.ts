import { createHash } from 'node:crypto';
import type { Politeness } from '../../config.ts';
import { fetchFiles, type FileOutcome } from './fetch-files.ts';

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

/** Overrides of the configured politeness for one crawl (tests, the scheduler). */
export type DownloadOptions = Partial<Politeness>;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Fetches one file conditionally (If-None-Match / If-Modified-Since from the previous
 * validators) through `fetchFiles`, so with the same timeout, retries, back-off, Retry-After
 * and size limit as every other download, and tells whether its content changed.
 */
export async function downloadIfChanged(
  url: string,
  previous: Validators | null,
  polite: Politeness,
): Promise<Download> {
  const headers: Record<string, string> = {};
  if (previous?.etag) headers['if-none-match'] = previous.etag;
  if (previous?.last_modified) headers['if-modified-since'] = previous.last_modified;
  let outcome: FileOutcome | null = null;
  await fetchFiles([{ key: url, url, headers }], polite, (_file, o) => {
    outcome = o;
  });
  const result = outcome as FileOutcome | null;
  if (!result) throw new DownloadError(url, 'no response');
  switch (result.kind) {
    case 'not-modified':
      return { kind: 'unchanged', reason: 'not-modified' };
    case 'missing':
      throw new DownloadError(url, `HTTP ${result.status}`);
    case 'failed':
      throw new DownloadError(url, result.reason);
  }
  const contentHash = sha256(result.body);
  if (previous?.content_hash === contentHash) return { kind: 'unchanged', reason: 'same-hash' };
  return {
    kind: 'changed',
    body: result.body,
    etag: result.etag,
    lastModified: result.lastModified,
    contentHash,
  };
}
