// Agenda benchmark (`npm run bench -- agenda`): the agenda source crawled from a loopback
// mirror of the real Agenda.json.zip into a database already holding the real referential,
// scrutins and amendments (prepared in a child process first), in a child process of its own
// so its peak resident memory is its own; then an unchanged re-crawl (304), the same file with
// a new mtime, the activity figures' recompute alone, and a bare reference. Asserts no timing.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { anAgenda } from '../domain/sources.ts';
import { recomputeActivityFigures } from '../scrapers/lib/activity-figures.ts';
import { zipEntries } from '../scrapers/lib/zip.ts';
import { runCrawl } from '../scrapers/run.ts';
import { serveFolder } from './static-server.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The archive's path under a mirror folder (`<host>/<path>`). */
function mirrorPath(): string {
  const url = new URL(anAgenda(loadConfig({})).url);
  return path.join(url.host, url.pathname);
}

interface ChildReport {
  added: number;
  ms: number;
  maxRssMiB: number;
  notModifiedMs: number;
  sameFileMs: number;
  figuresMs: number[];
}

const crawler = (mirror: string, dbFile: string) => {
  return async (source: string) => {
    const server = await serveFolder(mirror);
    const config = loadConfig({ DATABASE_PATH: dbFile, SOURCES_MIRROR: server.url });
    const db = openDatabase(dbFile);
    await migrateToLatest(db);
    const start = performance.now();
    const [summary] = await runCrawl(db, config, { only: [source] });
    const ms = performance.now() - start;
    await db.destroy();
    await server.close();
    if (summary?.status === 'failed') throw new Error(`${source} crawl failed: ${summary.error}`);
    return { ms, summary: summary! };
  };
};

/** In a child: the referential, scrutins and amendments of the real mirror into `dbFile`. */
async function prepare(mirror: string, dbFile: string) {
  const crawl = crawler(mirror, dbFile);
  for (const source of ['an', 'votes', 'amendements']) await crawl(source);
  process.stdout.write('{}\n');
}

/** In a child: the agenda crawls over `mirror` into the prepared `dbFile`, then the figures. */
async function child(mirror: string, dbFile: string) {
  const crawl = crawler(mirror, dbFile);
  const first = await crawl('agenda');
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const notModified = await crawl('agenda');
  const later = new Date(Date.now() + 60_000);
  utimesSync(path.join(mirror, mirrorPath()), later, later);
  const sameFile = await crawl('agenda');
  const db = openDatabase(dbFile);
  const figuresMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await db.transaction().execute((trx) => recomputeActivityFigures(trx, 17));
    figuresMs.push(performance.now() - start);
  }
  await db.destroy();
  const report: ChildReport = {
    added: first.summary.added,
    ms: first.ms,
    maxRssMiB,
    notModifiedMs: notModified.ms,
    sameFileMs: sameFile.ms,
    figuresMs,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(args: string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', SELF, ...args], {
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

/**
 * The bare reference: the same archive read with the same zip reader, JSON.parse, the raw
 * fields of each meeting and its attendance inserted with plain prepared statements in one
 * transaction, primary keys only: no hash, no check, no secondary index, no change event,
 * no figures.
 */
async function reference(zip: string, dir: string): Promise<{ ms: number; rows: number }> {
  const file = path.join(dir, 'reference.sqlite');
  const start = performance.now();
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec(`create table reunion (uid text primary key, type text, organe text, start text, etat text);
    create table presence (reunion text, acteur text, presence text, primary key (reunion, acteur));`);
  const insert = sqlite.prepare('insert into reunion values (?,?,?,?,?)');
  const presence = sqlite.prepare('insert or ignore into presence values (?,?,?)');
  const list = (x: unknown): any[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
  let rows = 0;
  sqlite.exec('begin');
  for await (const { name, bytes } of zipEntries(zip, loadConfig({}).archive)) {
    if (!name.endsWith('.json')) continue;
    const r = JSON.parse(bytes.toString('utf8')).reunion;
    insert.run(r.uid, r['@xsi:type'], r.organeReuniRef, r.timeStampDebut, r.cycleDeVie?.etat);
    for (const p of list(r.participants?.participantsInternes?.participantInterne))
      presence.run(r.uid, p.acteurRef, p.presence);
    rows++;
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
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `npm run bench -- agenda`. */
export async function benchAgenda(fixtures: string) {
  const source = path.join(fixtures, 'mirror', mirrorPath());
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-agenda-'));
  try {
    console.log(`Agenda (${source})`);
    const base = path.join(dir, 'base.sqlite');
    await runChild(['prepare', path.join(fixtures, 'mirror'), base]);
    const refRuns: number[] = [];
    let refRows = 0;
    for (let i = 0; i < 3; i++) {
      const ref = await reference(source, dir);
      refRuns.push(ref.ms);
      refRows = ref.rows;
    }
    const refMedian = quantile(refRuns, 0.5);
    const mirror = path.join(dir, 'mirror');
    mkdirSync(path.dirname(path.join(mirror, mirrorPath())), { recursive: true });
    copyFileSync(source, path.join(mirror, mirrorPath()));
    const r = await runChild(['child', mirror, base]);
    console.log(
      `  bare reference           ${s(refMedian).padStart(8)}  (${refRows} meetings: same zip reader, JSON.parse, raw fields and attendance, plain prepared inserts; median of 3)`,
    );
    console.log(
      `  first crawl              ${s(r.ms).padStart(8)}  ${r.added} meetings → ${Math.round(r.added / (r.ms / 1000))}/s, max RSS ${Math.round(r.maxRssMiB)} MiB  (download, unzip, hash, parse, insert, change events, activity figures; child process)`,
    );
    console.log(`  ratio                    ${(r.ms / refMedian).toFixed(2)} × the reference`);
    console.log(
      `  unchanged re-crawl       ${s(r.notModifiedMs).padStart(8)}  (conditional GET → 304)`,
    );
    console.log(
      `  same file, new mtime     ${s(r.sameFileMs).padStart(8)}  (full download, same archive hash: no entry read)`,
    );
    console.log(
      `  activity figures         median ${s(quantile(r.figuresMs, 0.5))}  p95 ${s(quantile(r.figuresMs, 0.95))}  (recomputeActivityFigures alone over the real meetings, votes, amendments and mandates; 5 runs)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'prepare') {
  await prepare(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}
if (process.argv[2] === 'child') {
  await child(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}
