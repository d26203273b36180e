// Amendments benchmark (`npm run bench -- amendements`): the amendements source crawled from
// a loopback mirror into an empty database, in a child process of its own so its peak
// resident memory is its own: the fixture's Amendements.json.zip, then an archive holding it
// three times (the uids of each copy suffixed, so every amendment is new), whose peak must
// not be higher if memory is flat. Then second crawls of an unchanged archive, /amendements
// search latency, and a bare reference. Asserts no timing.
import { spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { anAmendements } from '../domain/sources.ts';
import { zipEntries } from '../scrapers/lib/zip.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { serveFolder } from './static-server.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The archive's path under a mirror folder (`<host>/<path>`). */
function mirrorPath(): string {
  const url = new URL(anAmendements(loadConfig({})).url);
  return path.join(url.host, url.pathname);
}

/**
 * Writes a zip of `entries` to `file` with native deflate, in zip64 form when it has over
 * 65,535 entries (fflate writes no zip64). Memory: one entry and the central directory.
 */
async function writeZip(file: string, entries: AsyncIterable<{ name: string; bytes: Buffer }>) {
  const fd = openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  for await (const { name, bytes } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = deflateRawSync(bytes, { level: 6 });
    const crc = crc32(bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(bytes.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    write(local);
    write(nameBytes);
    write(data);
    count++;
  }
  const directory = Buffer.concat(central);
  const directoryAt = offset;
  write(directory);
  if (count > 0xffff) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(count), 24);
    end64.writeBigUInt64LE(BigInt(count), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(directoryAt), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    write(end64);
    write(locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  write(end);
  closeSync(fd);
}

/** The fixture's entries `copies` times; copy k > 1 has every amendment uid suffixed `Xk`. */
async function* repeated(zip: string, copies: number) {
  const limits = loadConfig({}).archive;
  for (let k = 1; k <= copies; k++) {
    for await (const { name, bytes } of zipEntries(zip, limits)) {
      if (k === 1) yield { name, bytes };
      else {
        const rename = (s: string) => s.replace(/AMANR[0-9A-Z]+/g, (uid) => `${uid}X${k}`);
        yield { name: rename(name), bytes: Buffer.from(rename(bytes.toString('utf8'))) };
      }
    }
  }
}

interface ChildReport {
  read: number;
  added: number;
  ms: number;
  maxRssMiB: number;
  /** Second crawls: conditional GET → 304; same bytes, new mtime → full download, same hash. */
  notModifiedMs: number;
  sameFileMs: number;
  /** The same entries re-packed (other archive bytes): every entry read, hashed, skipped. */
  repackedMs: number | null;
  repackedUnchanged: number | null;
}

/** In the child: crawls the mirror's archive into `dbFile`, then crawls it again. */
async function child(mirror: string, dbFile: string, repacked: string | null) {
  const server = await serveFolder(mirror);
  const config = loadConfig({ DATABASE_PATH: dbFile, SOURCES_MIRROR: server.url });
  const db = openDatabase(dbFile);
  await migrateToLatest(db);
  const crawl = async () => {
    const start = performance.now();
    const [summary] = await runCrawl(db, config, { only: ['amendements'] });
    if (summary?.status === 'failed') throw new Error(`crawl failed: ${summary.error}`);
    return { ms: performance.now() - start, summary: summary! };
  };
  const first = await crawl();
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const notModified = await crawl();
  const archive = path.join(mirror, mirrorPath());
  const later = new Date(Date.now() + 60_000);
  utimesSync(archive, later, later);
  const sameFile = await crawl();
  let repackedRun: Awaited<ReturnType<typeof crawl>> | null = null;
  if (repacked) {
    copyFileSync(repacked, archive);
    repackedRun = await crawl();
  }
  const report: ChildReport = {
    read: first.summary.added + first.summary.unchanged,
    added: first.summary.added,
    ms: first.ms,
    maxRssMiB,
    notModifiedMs: notModified.ms,
    sameFileMs: sameFile.ms,
    repackedMs: repackedRun?.ms ?? null,
    repackedUnchanged: repackedRun?.summary.unchanged ?? null,
  };
  await db.destroy();
  await server.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(mirror: string, dbFile: string, repacked: string | null): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', SELF, 'child', mirror, dbFile, repacked ?? ''],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
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
 * fields (no sanitising, no folding) and co-signers inserted with plain prepared statements
 * in one transaction, primary keys only: no secondary index, no full-text index, no hash, no
 * change event.
 */
async function reference(zip: string, dir: string): Promise<{ ms: number; rows: number }> {
  const file = path.join(dir, 'reference.sqlite');
  const start = performance.now();
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec(`create table amendement (uid text primary key, texte_uid text, numero_long text,
      author_uid text, sort text, date_depot text, dispositif text, expose text);
    create table amendement_cosignataire (amendement_uid text, acteur_uid text, position integer,
      primary key (amendement_uid, position));`);
  const insert = sqlite.prepare('insert into amendement values (?,?,?,?,?,?,?,?)');
  const cosigner = sqlite.prepare('insert into amendement_cosignataire values (?,?,?)');
  const list = (x: unknown): any[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
  let rows = 0;
  sqlite.exec('begin');
  for await (const { name, bytes } of zipEntries(zip, loadConfig({}).archive)) {
    if (!name.endsWith('.json')) continue;
    const a = JSON.parse(bytes.toString('utf8')).amendement;
    const c = a.corps?.contenuAuteur ?? {};
    // AN JSON writes absent values as {"@xsi:nil": "true"}: only strings are kept.
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    insert.run(
      str(a.uid),
      str(a.texteLegislatifRef),
      str(a.identification?.numeroLong),
      str(a.signataires?.auteur?.acteurRef),
      str(a.cycleDeVie?.sort),
      str(a.cycleDeVie?.dateDepot),
      str(c.dispositif),
      str(c.exposeSommaire),
    );
    list(a.signataires?.cosignataires?.acteurRef).forEach((uid, i) =>
      cosigner.run(str(a.uid), str(uid), i + 1),
    );
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
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');

/** `npm run bench -- amendements`. */
export async function benchAmendements(fixtures: string) {
  const source = path.join(fixtures, 'mirror', mirrorPath());
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-amendements-'));
  try {
    console.log(`Amendments (${source})`);
    const mirrorOf = (name: string, zip: string | null) => {
      const mirror = path.join(dir, name);
      mkdirSync(path.dirname(path.join(mirror, mirrorPath())), { recursive: true });
      if (zip) copyFileSync(zip, path.join(mirror, mirrorPath()));
      return mirror;
    };
    const repacked = path.join(dir, 'repacked.zip');
    await writeZip(repacked, repeated(source, 1));
    const tripled = path.join(dir, 'x3.zip');
    await writeZip(tripled, repeated(source, 3));

    const refRuns: number[] = [];
    let refRows = 0;
    for (let i = 0; i < 3; i++) {
      const ref = await reference(source, dir);
      refRuns.push(ref.ms);
      refRows = ref.rows;
    }
    const refMedian = quantile(refRuns, 0.5);
    const line = (label: string, r: ChildReport) =>
      console.log(
        `  ${label.padEnd(24)}${s(r.ms).padStart(8)}  ${r.added} amendments → ${perSecond(r.added, r.ms)}/s, max RSS ${Math.round(r.maxRssMiB)} MiB  (download, unzip, hash, parse, sanitise, insert, FTS; child process)`,
      );
    console.log(
      `  bare reference ×1       ${s(refMedian).padStart(8)}  (${refRows} rows: same zip reader, JSON.parse, raw fields and co-signers, plain prepared inserts, no index, no FTS; median of 3)`,
    );
    const dbFile = path.join(dir, 'x1.sqlite');
    const one = await runChild(mirrorOf('x1', source), dbFile, repacked);
    rmSync(repacked, { force: true });
    line('full crawl, fixture ×1', one);
    console.log(`  ratio                    ${(one.ms / refMedian).toFixed(2)} × the reference`);
    const three = await runChild(mirrorOf('x3', tripled), path.join(dir, 'x3.sqlite'), null);
    rmSync(path.join(dir, 'x3'), { recursive: true, force: true });
    rmSync(path.join(dir, 'x3.sqlite'), { force: true });
    rmSync(tripled, { force: true });
    line('full crawl, fixture ×3', three);
    console.log(
      `  memory ×3 / ×1           ${(three.maxRssMiB / one.maxRssMiB).toFixed(2)}  (peak RSS of the whole crawling process, Node and Crawlee included)`,
    );
    console.log(
      `  unchanged re-crawl       ${(one.notModifiedMs / 1000).toFixed(2)} s  (conditional GET → 304)`,
    );
    console.log(
      `  same file, new mtime     ${(one.sameFileMs / 1000).toFixed(2)} s  (full download, same archive hash: nothing read)`,
    );
    if (one.repackedMs !== null) {
      console.log(
        `  same entries, re-packed  ${(one.repackedMs / 1000).toFixed(2)} s  (full download, every entry read and hashed, ${one.repackedUnchanged} unchanged, none parsed)`,
      );
    }

    // Search latency over the ×1 database (no referential: names and groups are not joined).
    const db = openDatabase(dbFile);
    const config = loadConfig({ DATABASE_PATH: dbFile });
    const group = await db
      .selectFrom('amendement')
      .select((eb) => ['author_group_uid', eb.fn.countAll<number>().as('n')])
      .where('author_group_uid', 'is not', null)
      .groupBy('author_group_uid')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const server = await listen(createApp({ db, config }), 0, '127.0.0.1');
    const paths = [
      '/amendements?q=numérique',
      '/amendements?q=Sécurité%20sociale',
      '/amendements?q=énergie%20renouvelable&sort=rejete',
      `/amendements?q=collectivités&groupe=${group.author_group_uid}`,
      `/amendements?q=santé&groupe=${group.author_group_uid}&sort=adopte`,
      '/amendements?q=hôpital%20public',
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
      `  /amendements search      median ${quantile(times, 0.5).toFixed(1)} ms  p95 ${quantile(times, 0.95).toFixed(1)} ms  (${times.length} requests: q= words with accents, with groupe and sort)`,
    );
    await server.close();
    await db.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5] || null);
  process.exit(0);
}
