// The votes crawl in a child process of its own (part of the default `npm run bench`), so its
// peak resident memory is its own: a first child crawls the referential into `dbFile`, a
// second one times the votes crawl (full download over loopback, archive read entry by entry,
// parse, insert, derived figures) and reports its max RSS. Asserts no timing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface VotesChildReport {
  added: number;
  /** The crawl alone, in the child. */
  ms: number;
  maxRssMiB: number;
}

async function crawl(source: string, mirrorUrl: string, dbFile: string) {
  const config = loadConfig({ DATABASE_PATH: dbFile, SOURCES_MIRROR: mirrorUrl });
  const db = openDatabase(dbFile);
  await migrateToLatest(db);
  const start = performance.now();
  const [summary] = await runCrawl(db, config, { only: [source] });
  const ms = performance.now() - start;
  await db.destroy();
  if (summary?.status !== 'ok') throw new Error(`${source} crawl failed: ${summary?.error}`);
  return { ms, added: summary.added };
}

function runChild(args: string[]): Promise<VotesChildReport> {
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
      resolve(JSON.parse(out.trim().split('\n').pop()!) as VotesChildReport);
    });
  });
}

/** The referential crawled into `dbFile`, then the votes crawl timed in a fresh process. */
export async function votesCrawlChild(mirrorUrl: string, dbFile: string) {
  await runChild(['prepare', mirrorUrl, dbFile]);
  return runChild(['child', mirrorUrl, dbFile]);
}

if (process.argv[2] === 'prepare') {
  await crawl('an', process.argv[3]!, process.argv[4]!);
  process.stdout.write('{}\n');
  process.exit(0);
}
if (process.argv[2] === 'child') {
  const { ms, added } = await crawl('votes', process.argv[3]!, process.argv[4]!);
  const report: VotesChildReport = { added, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}
