// Load benchmark (`npm run bench -- load`): autocannon on loopback against the site served
// by `npm run serve` in its own process, over a database filled by a full crawl of the real
// mirror; then the same while `npm run crawl` rewrites that database from another process
// (SQLite WAL: readers are never blocked). Prints requests/s, p99 latency, errors and
// non-200 answers per endpoint, then checks that the crawl lost nothing. Asserts no timing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase, type DB } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { serveFolder } from './static-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 10;

/** Counts that a complete crawl of the mirror must reproduce. */
const TABLES = [
  'acteur',
  'mandat',
  'organe',
  'scrutin',
  'vote',
  'geo_postcode',
  'declaration',
  'declaration_item',
] as const;

async function counts(db: DB): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { n } = await db
      .selectFrom(table as 'acteur')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(n);
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function tsx(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

interface Row {
  requests: number;
  seconds: number;
  p99: number[];
  errors: number;
  non200: number;
}

async function hit(url: string, seconds: number, row: Row): Promise<void> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  row.requests += result.requests.total;
  row.seconds += result.duration;
  row.p99.push(result.latency.p99);
  row.errors += result.errors + result.timeouts;
  row.non200 += result.non2xx + (result['1xx'] ?? 0) + (result['3xx'] ?? 0);
}

function printTable(title: string, rows: Map<string, Row>) {
  console.log(`\n${title}`);
  console.log(
    `  ${'endpoint'.padEnd(42)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'errors'.padStart(7)} ${'non-200'.padStart(8)}`,
  );
  for (const [label, r] of rows) {
    const p99 = Math.max(...r.p99);
    console.log(
      `  ${label.padEnd(42)} ${(r.requests / r.seconds).toFixed(0).padStart(8)} ${p99.toFixed(0).padStart(8)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.non200).padStart(8)}`,
    );
  }
}

/** Runs the load benchmark over the mirror in `fixtures`. */
export async function benchLoad(fixtures: string): Promise<void> {
  const mirror = await serveFolder(path.join(fixtures, 'mirror'));
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-load-'));
  const databasePath = path.join(dir, 'load.sqlite');
  const crawlEnv = {
    DATABASE_PATH: databasePath,
    SOURCES_MIRROR: mirror.url,
    CRAWL_DELAY_MS: '0',
    CRAWL_CONCURRENCY: '8',
    CRAWLEE_STORAGE_DIR: path.join(dir, 'crawlee'),
  };
  let server: ChildProcess | null = null;
  try {
    // A complete database first.
    let db = openDatabase(databasePath);
    await migrateToLatest(db);
    let start = performance.now();
    const first = await runCrawl(db, loadConfig(crawlEnv));
    console.log(
      `Load benchmark on ${fixtures} (Node ${process.version}, ${CONNECTIONS} connections, loopback)`,
    );
    console.log(
      `  initial full crawl: ${((performance.now() - start) / 1000).toFixed(1)} s (${first.map((s) => `${s.source} ${s.status}`).join(', ')})`,
    );
    const before = await counts(db);
    const deputy = await db
      .selectFrom('acteur')
      .innerJoin('vote', 'vote.acteur_uid', 'acteur.uid')
      .select('acteur.uid')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.destroy();

    const port = await freePort();
    server = tsx('serve.ts', { DATABASE_PATH: databasePath, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/deputes`)).ok) break;
      } catch {
        if (i > 200) throw new Error('the server did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    const endpoints = new Map([
      ['/deputes?groupe=RN&profession=avocat', `${base}/deputes?groupe=RN&profession=avocat`],
      [`/deputes/${deputy.uid} (page with votes)`, `${base}/deputes/${deputy.uid}`],
      ['/scrutins/100', `${base}/scrutins/100`],
      ['/deputes.csv', `${base}/deputes.csv`],
    ]);
    const empty = (): Row => ({ requests: 0, seconds: 0, p99: [], errors: 0, non200: 0 });

    // 1. Quiet database.
    const quiet = new Map([...endpoints.keys()].map((k) => [k, empty()]));
    for (const [label, url] of endpoints) await hit(url, 5, quiet.get(label)!);
    printTable('Without a crawl (5 s per endpoint)', quiet);

    // 2. The same while a full crawl rewrites the database from another process: no
    // validators (every source downloaded again) and no scrutin hashes (every scrutin and
    // vote rewritten, derived figures recomputed).
    db = openDatabase(databasePath);
    await db.deleteFrom('sync_state').execute();
    await db.updateTable('scrutin').set({ content_hash: '' }).execute();
    await db.destroy();
    const busy = new Map([...endpoints.keys()].map((k) => [k, empty()]));
    start = performance.now();
    const crawl = tsx('crawl.ts', crawlEnv);
    let stderr = '';
    crawl.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number>((resolve) =>
      crawl.on('exit', (code) => resolve(code ?? -1)),
    );
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      for (const [label, url] of endpoints) {
        if (done) break;
        await hit(url, 2, busy.get(label)!);
      }
    }
    const code = await exited;
    const crawlSeconds = (performance.now() - start) / 1000;
    printTable(`During a full crawl (${crawlSeconds.toFixed(1)} s, 2 s rounds per endpoint)`, busy);

    db = openDatabase(databasePath);
    const after = await counts(db);
    await db.destroy();
    console.log(`\n  crawl exit code ${code}${code !== 0 ? `: ${stderr.slice(-500)}` : ''}`);
    console.log(
      `  rows before → after: ${TABLES.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}`,
    );
    const lost = TABLES.filter((t) => after[t] !== before[t]);
    const failed = [...quiet.values(), ...busy.values()].reduce(
      (n, r) => n + r.errors + r.non200,
      0,
    );
    console.log(
      `  ${lost.length === 0 ? 'complete: every count unchanged' : `DIFFERENT: ${lost.join(', ')}`}; ${failed === 0 ? 'every response was 200' : `${failed} failed or non-200 responses`}`,
    );
  } finally {
    server?.kill('SIGTERM');
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
