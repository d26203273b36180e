import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    case 'saved':
      throw new DownloadError(url, 'body saved to a file, not read');
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

/** A downloaded file on disk, in a folder of its own; `remove()` deletes both. */
export interface TempFile {
  path: string;
  remove(): Promise<void>;
}

export type FileDownload =
  | { kind: 'unchanged'; reason: 'not-modified' | 'same-hash' }
  | {
      kind: 'changed';
      file: TempFile;
      bytes: number;
      etag: string | null;
      lastModified: string | null;
      contentHash: string;
    };

/**
 * `downloadIfChanged` for files too large to hold in memory: the same conditional request
 * through `fetchFiles` (timeout, retries, Retry-After, maxDownloadBytes), but the body is
 * streamed to a temporary file while its SHA-256 is computed. The caller removes the file
 * (`file.remove()`) once read; it is removed here when the download fails or is unchanged.
 */
export async function downloadToFileIfChanged(
  url: string,
  previous: Validators | null,
  polite: Politeness,
): Promise<FileDownload> {
  const dir = await mkdtemp(path.join(tmpdir(), 'download-'));
  const file: TempFile = {
    path: path.join(dir, 'body'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  try {
    const headers: Record<string, string> = {};
    if (previous?.etag) headers['if-none-match'] = previous.etag;
    if (previous?.last_modified) headers['if-modified-since'] = previous.last_modified;
    let outcome: FileOutcome | null = null;
    await fetchFiles([{ key: url, url, headers, saveTo: file.path }], polite, (_file, o) => {
      outcome = o;
    });
    const result = outcome as FileOutcome | null;
    if (!result) throw new DownloadError(url, 'no response');
    switch (result.kind) {
      case 'not-modified':
        await file.remove();
        return { kind: 'unchanged', reason: 'not-modified' };
      case 'missing':
        throw new DownloadError(url, `HTTP ${result.status}`);
      case 'failed':
        throw new DownloadError(url, result.reason);
      case 'ok':
        throw new DownloadError(url, 'body held in memory, not saved');
    }
    if (previous?.content_hash === result.sha256) {
      await file.remove();
      return { kind: 'unchanged', reason: 'same-hash' };
    }
    return {
      kind: 'changed',
      file,
      bytes: result.bytes,
      etag: result.etag,
      lastModified: result.lastModified,
      contentHash: result.sha256,
    };
  } catch (error) {
    await file.remove();
    throw error;
  }
}
