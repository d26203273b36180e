import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { DownloadError, downloadToFileIfChanged } from '../../../scrapers/lib/download.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';

const POLITE = { ...loadConfig({}).politeness, delayMs: 0, backoffMs: 0, maxRetries: 1 };
const BODY = Buffer.from(new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) % 256));
const HASH = createHash('sha256').update(BODY).digest('hex');
const P = '/host/Archive.zip';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('downloadToFileIfChanged', () => {
  it('streams the body to a temporary file with its hash, then answers unchanged', async () => {
    server = await startTestServer();
    const etag = server.serve(P, BODY);
    const url = `${server.url}${P}`;
    const first = await downloadToFileIfChanged(url, null, POLITE);
    if (first.kind !== 'changed') throw new Error('expected a change');
    expect(first.bytes).toBe(BODY.length);
    expect(first.contentHash).toBe(HASH);
    expect(first.etag).toBe(etag);
    expect(Buffer.compare(readFileSync(first.file.path), BODY)).toBe(0);
    await first.file.remove();
    expect(existsSync(path.dirname(first.file.path))).toBe(false);

    // Conditional request: 304.
    const second = await downloadToFileIfChanged(
      url,
      { etag, last_modified: null, content_hash: HASH },
      POLITE,
    );
    expect(second).toEqual({ kind: 'unchanged', reason: 'not-modified' });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe(etag);

    // No validator kept but the same content: unchanged by hash.
    const third = await downloadToFileIfChanged(
      url,
      { etag: null, last_modified: null, content_hash: HASH },
      POLITE,
    );
    expect(third).toEqual({ kind: 'unchanged', reason: 'same-hash' });
  });

  it('refuses a body over maxDownloadBytes, without retrying', async () => {
    server = await startTestServer();
    server.serve(P, BODY);
    const error = await downloadToFileIfChanged(`${server.url}${P}`, null, {
      ...POLITE,
      maxDownloadBytes: 1024 * 1024,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toMatch(/plus grand que la limite de 1 Mio/);
    expect(server.count(P)).toBe(1);
  });

  it('retries a 503 after its Retry-After and keeps the complete body', async () => {
    server = await startTestServer();
    server.answer(
      P,
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 200, body: BODY, headers: { etag: '"v2"' } },
    );
    const started = Date.now();
    const result = await downloadToFileIfChanged(`${server.url}${P}`, null, POLITE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    if (result.kind !== 'changed') throw new Error('expected a change');
    expect(result.contentHash).toBe(HASH);
    expect(result.etag).toBe('"v2"');
    expect(server.count(P)).toBe(2);
    await result.file.remove();
  });

  it('fails on a 404 and on a timeout, naming the URL', async () => {
    server = await startTestServer();
    await expect(downloadToFileIfChanged(`${server.url}${P}`, null, POLITE)).rejects.toThrow(
      /Archive\.zip: HTTP 404/,
    );
    server.hang(P);
    await expect(
      downloadToFileIfChanged(`${server.url}${P}`, null, {
        ...POLITE,
        timeoutMs: 300,
        maxRetries: 0,
      }),
    ).rejects.toThrow(/Archive\.zip: timeout: no response headers in 300 ms/);
  });

  it('bounds each pause of the body, not the whole transfer', async () => {
    server = await startTestServer();
    const url = `${server.url}${P}`;
    const polite = { ...POLITE, timeoutMs: 500, maxRetries: 0 };
    // Three pieces 300 ms apart (0.6 × the timeout): 600 ms in all, over the timeout, received.
    server.trickle(P, BODY, 3, 300);
    const started = performance.now();
    const slow = await downloadToFileIfChanged(url, null, polite);
    expect(performance.now() - started).toBeGreaterThan(550);
    if (slow.kind !== 'changed') throw new Error('expected a change');
    expect(slow.contentHash).toBe(HASH);
    expect(Buffer.compare(readFileSync(slow.file.path), BODY)).toBe(0);
    await slow.file.remove();
    // Two pieces 800 ms apart: the body stalls longer than the timeout after its first piece.
    server.trickle(P, BODY, 2, 800);
    await expect(downloadToFileIfChanged(url, null, polite)).rejects.toThrow(
      new RegExp(`Archive\\.zip: timeout: the body stalled, no byte for 500 ms after \\d+ bytes`),
    );
  });
});
