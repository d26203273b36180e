// Lobbying register benchmark (`npm run bench -- lobbies`): the lobbies source crawled from a
// loopback mirror of the fixture into an empty database, in a child process of its own so its
// peak resident memory is its own; then an unchanged re-crawl (304), the same bytes with a
// new mtime (hash unchanged: nothing read), a bare reference (the same zip reader and
// papaparse, raw rows into plain tables, no index) and /lobbies/activites search latency.
// Asserts no timing.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import Papa from 'papaparse';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { hatvpLobbies } from '../domain/sources.ts';
import { zipEntries } from '../scrapers/lib/zip.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { serveFolder } from './static-server.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function mirrorPath(): string {
  const url = new URL(hatvpLobbies().url);
  return path.join(url.host, url.pathname);
}

interface ChildReport {
  organisations: number;
  ms: number;
  maxRssMiB: number;
  notModifiedMs: number;
  sameFileMs: number;
}

/** In the child: crawls the mirror's archive into `dbFile`, then twice more. */
async function child(mirror: string, dbFile: string) {
  const server = await serveFolder(mirror);
  const config = loadConfig({ DATABASE_PATH: dbFile, SOURCES_MIRROR: server.url });
  const db = openDatabase(dbFile);
  await migrateToLatest(db);
  const crawl = async () => {
    const start = performance.now();
    const [summary] = await runCrawl(db, config, { only: ['lobbies'] });
    if (summary?.status === 'failed') throw new Error(`crawl failed: ${summary.error}`);
    return { ms: performance.now() - start, summary: summary! };
  };
  const first = await crawl();
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const notModified = await crawl();
  const later = new Date(Date.now() + 60_000);
  utimesSync(path.join(mirror, mirrorPath()), later, later);
  const sameFile = await crawl();
  const report: ChildReport = {
    organisations: first.summary.added,
    ms: first.ms,
    maxRssMiB,
    notModifiedMs: notModified.ms,
    sameFileMs: sameFile.ms,
  };
  await db.destroy();
  await server.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(mirror: string, dbFile: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', SELF, 'child', mirror, dbFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
    });
  });
}

/** The bare reference: each table's raw cells into a plain table of text columns, one transaction. */
async function reference(zip: string, dir: string): Promise<{ ms: number; rows: number }> {
  const file = path.join(dir, 'reference.sqlite');
  const start = performance.now();
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  let rows = 0;
  sqlite.exec('begin');
  let t = 0;
  for await (const { bytes } of zipEntries(zip, loadConfig({}).archive)) {
    const [header, ...data] = Papa.parse<string[]>(bytes.toString('utf8'), {
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    const table = `t${t++}`;
    sqlite.exec(`create table ${table} (${header!.map((_, i) => `c${i} text`).join(', ')})`);
    const insert = sqlite.prepare(
      `insert into ${table} values (${header!.map(() => '?').join(', ')})`,
    );
    for (const r of data) {
      insert.run(header!.map((_, i) => r[i] ?? null));
      rows++;
    }
  }
  sqlite.exec('commit');
  sqlite.close();
  const ms = performance.now() - start;
  rmSync(file, { force: true });
  return { ms, rows };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** `npm run bench -- lobbies`. */
export async function benchLobbies(fixtures: string) {
  const source = path.join(fixtures, 'mirror', mirrorPath());
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-lobbies-'));
  try {
    console.log(`Lobbying register (${source})`);
    const refRuns: number[] = [];
    let refRows = 0;
    for (let i = 0; i < 3; i++) {
      const ref = await reference(source, dir);
      refRuns.push(ref.ms);
      refRows = ref.rows;
    }
    const refMedian = quantile(refRuns, 0.5);
    console.log(
      `  bare reference           ${(refMedian / 1000).toFixed(2)} s  (${refRows} rows: same zip reader, papaparse, raw cells into plain tables, no index; median of 3)`,
    );
    const mirror = path.join(dir, 'mirror');
    mkdirSync(path.dirname(path.join(mirror, mirrorPath())), { recursive: true });
    copyFileSync(source, path.join(mirror, mirrorPath()));
    const dbFile = path.join(dir, 'lobbies.sqlite');
    const runs: ChildReport[] = [];
    for (let i = 0; i < 3; i++) {
      rmSync(dbFile, { force: true });
      rmSync(`${dbFile}-wal`, { force: true });
      rmSync(`${dbFile}-shm`, { force: true });
      runs.push(await runChild(mirror, dbFile));
    }
    const median = [...runs].sort((a, b) => a.ms - b.ms)[1]!;
    console.log(
      `  full crawl               ${(median.ms / 1000).toFixed(2)} s  ${median.organisations} organisations, max RSS ${Math.round(median.maxRssMiB)} MiB  (download, unzip, hash, parse, insert, derive, FTS; child process; median of 3, runs ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s)`,
    );
    console.log(`  ratio                    ${(median.ms / refMedian).toFixed(2)} × the reference`);
    console.log(
      `  unchanged re-crawl       ${(median.notModifiedMs / 1000).toFixed(2)} s  (conditional GET → 304)`,
    );
    console.log(
      `  same file, new mtime     ${(median.sameFileMs / 1000).toFixed(2)} s  (full download, same archive hash: nothing read)`,
    );

    const db = openDatabase(dbFile);
    const server = await listen(
      createApp({ db, config: loadConfig({ DATABASE_PATH: dbFile }) }),
      0,
      '127.0.0.1',
    );
    const paths = [
      '/lobbies/activites?q=glyphosate',
      '/lobbies/activites?q=énergie',
      '/lobbies/activites?q=projet%20de%20loi%20finances',
      '/lobbies/activites?q=santé&ministere=Affaires%20sociales%20et%20santé',
      '/lobbies/activites?q=transport&annee=2018&responsable=gouvernement',
      '/lobbies/activites?q=numérique&categorie=Société%20commerciale',
    ].map((p) => encodeURI(p));
    for (const p of paths) await (await fetch(server.url + p)).arrayBuffer();
    const times: number[] = [];
    for (let r = 0; r < 20; r++) {
      for (const p of paths) {
        const start = performance.now();
        const res = await fetch(server.url + p);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
        times.push(performance.now() - start);
      }
    }
    console.log(
      `  /lobbies/activites search median ${quantile(times, 0.5).toFixed(1)} ms  p95 ${quantile(times, 0.95).toFixed(1)} ms  (${times.length} requests, full HTML page with its filter lists: q= words with accents, alone and with ministry, year, official, category)`,
    );
    const list: number[] = [];
    for (let r = 0; r < 20; r++) {
      const start = performance.now();
      await (await fetch(`${server.url}/lobbies.json?secteur=Energie&per_page=100`)).arrayBuffer();
      list.push(performance.now() - start);
    }
    console.log(
      `  /lobbies.json?secteur=…  median ${quantile(list, 0.5).toFixed(1)} ms  p95 ${quantile(list, 0.95).toFixed(1)} ms  (20 requests)`,
    );
    await server.close();
    await db.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}
