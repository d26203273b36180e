// HTTP benchmark (`npm run bench -- http`): the bulk dump /exports/votes.csv over loopback,
// uncompressed, gzip and brotli (rows/s, bytes sent, the process's peak memory), then a page
// cold and warm from the page cache, and a 304. Over a database filled by the real crawlers
// from the mirror. The server runs in this process, so peak memory is the server's (and the
// client's, which reads and drops the bytes). Asserts no timing.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { serveFolder } from './static-server.ts';

const MIB = 1024 * 1024;
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Downloads `url` with raw bytes (no decompression): bytes, newlines if plain, time, status. */
function download(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; bytes: number; lines: number; ms: number }>(
    (resolve, reject) => {
      const start = performance.now();
      http
        .get(url, { headers }, (res) => {
          let bytes = 0;
          let lines = 0;
          const plain = !res.headers['content-encoding'];
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (plain)
              for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode!, bytes, lines, ms: performance.now() - start }),
          );
          res.on('error', reject);
        })
        .on('error', reject);
    },
  );
}

export async function benchHttp(fixtures: string): Promise<void> {
  const mirror = await serveFolder(path.join(fixtures, 'mirror'));
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-http-'));
  const config = loadConfig({
    DATABASE_PATH: path.join(dir, 'bench.sqlite'),
    SOURCES_MIRROR: mirror.url,
  });
  const db = openDatabase(config.databasePath);
  await migrateToLatest(db);
  for (const summary of await runCrawl(db, config, { only: ['an', 'votes'] }))
    if (summary.status !== 'ok') throw new Error(`${summary.source}: ${summary.error}`);
  const server = await listen(createApp({ db, config }), 0, '127.0.0.1');
  console.log(`HTTP benchmark on ${fixtures} (Node ${process.version})\n`);

  console.log(`/exports/votes.csv (${RUNS} runs each, median)`);
  let rows = 0;
  for (const encoding of ['identity', 'gzip', 'br']) {
    const times: number[] = [];
    let bytes = 0;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    for (let i = 0; i < RUNS; i++) {
      const r = await download(`${server.url}/exports/votes.csv`, { 'accept-encoding': encoding });
      if (r.status !== 200) throw new Error(`/exports/votes.csv (${encoding}): HTTP ${r.status}`);
      if (encoding === 'identity') rows = r.lines - 1;
      times.push(r.ms);
      bytes = r.bytes;
    }
    clearInterval(sampler);
    const ms = median(times);
    console.log(
      `  ${encoding.padEnd(9)} ${rows} rows in ${ms.toFixed(0)} ms → ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s, ${(bytes / MIB).toFixed(1)} MiB sent, peak RSS +${Math.round((peak - baseline) / MIB)} MiB over ${Math.round(baseline / MIB)} MiB`,
    );
  }

  console.log('\nA page from the page cache (sequential requests, median of 200)');
  for (const [label, url, headers] of [
    ['/deputes?groupe=RN&profession=avocat', '/deputes?groupe=RN&profession=avocat', {}],
    ['same, brotli', '/deputes?groupe=RN&profession=avocat', { 'accept-encoding': 'br' }],
    ['/deputes.csv', '/deputes.csv', { 'accept-encoding': 'gzip' }],
  ] as const) {
    const cold = await download(server.url + url, headers);
    const warm: number[] = [];
    for (let i = 0; i < 200; i++) warm.push((await download(server.url + url, headers)).ms);
    console.log(
      `  ${label.padEnd(38)} cold ${cold.ms.toFixed(1)} ms  warm ${median(warm).toFixed(2)} ms  (${(cold.bytes / 1024).toFixed(1)} KiB)`,
    );
  }
  const etag = await new Promise<string>((resolve) =>
    http.get(`${server.url}/deputes`, (res) => {
      res.resume();
      resolve(String(res.headers.etag));
    }),
  );
  const revalidations: number[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await download(`${server.url}/deputes`, { 'if-none-match': etag });
    if (r.status !== 304) throw new Error(`If-None-Match: HTTP ${r.status}`);
    revalidations.push(r.ms);
  }
  console.log(`  304 to If-None-Match on /deputes          ${median(revalidations).toFixed(2)} ms`);

  await server.close();
  await mirror.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
