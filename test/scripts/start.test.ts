// `npm start` on an empty database, as a real process: it serves at once, crawls every source
// in child processes (so that an ingest never holds up the pages), records each run with the
// child's process id, and keeps answering while they run; a crawl process past its time limit
// is ended and the queue goes on.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/database.ts';
import { describeSources } from '../../domain/sources.ts';
import type { CrawlRun } from '../../db/schema/index.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { writeFixtureMirror } from '../e2e/site.ts';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { AN_FIXTURES, PROJECT_ROOT } from '../helpers/paths.ts';

/** Every source, in the registry's order (the order `npm start` crawls them in). */
const SOURCE_IDS = describeSources({ legislature: 17 }).map((s) => s.id);

interface Started {
  server: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  output(): string;
}

/** `npm start` as a process on `databasePath`; resolves once it serves. */
async function start(databasePath: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_PATH: databasePath,
      CRAWL_DELAY_MS: '0',
      CRAWL_MAX_RETRIES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const served = /Site servi sur (http:\/\/\S+)/.exec(output);
      if (served) resolve(served[1]!);
    });
    server.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return { server, url, output: () => output };
}

/** The runs that ended, in order. */
function finishedRuns(db: DB) {
  return db
    .selectFrom('crawl_run')
    .selectAll()
    .where('status', '!=', 'running')
    .orderBy('id')
    .execute();
}

describe('npm start on an empty database', () => {
  let dir: string;
  let mirror: StaticServer;
  let server: ChildProcess;
  let url: string;
  let output = () => '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tracker-start-'));
    writeFixtureMirror(path.join(dir, 'mirror'));
    mirror = await serveFolder(path.join(dir, 'mirror'));
    ({ server, url, output } = await start(path.join(dir, 'tracker.sqlite'), {
      SOURCES_MIRROR: mirror.url,
    }));
  }, 30_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await mirror?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crawls every source in child processes while the pages keep answering', async () => {
    const db: DB = openDatabase(path.join(dir, 'tracker.sqlite'));
    try {
      const finished = () => finishedRuns(db);
      const statuses: number[] = [];
      const deadline = Date.now() + 120_000;
      while ((await finished()).length < SOURCE_IDS.length && Date.now() < deadline) {
        statuses.push((await fetch(`${url}/`)).status, (await fetch(`${url}/sources`)).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const runs = await finished();
      expect(runs.map((r) => r.source).sort(), output()).toEqual([...SOURCE_IDS].sort());
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);
      // The hand-written fixtures hold an, votes, dossiers, amendements and geo; the HATVP
      // index is absent (404).
      const bySource = Object.fromEntries(runs.map((r) => [r.source, r]));
      for (const source of ['an', 'votes', 'dossiers', 'amendements', 'geo']) {
        expect(bySource[source], source).toMatchObject({ status: 'ok', trigger: 'startup' });
      }
      expect(bySource.hatvp!.status).toBe('failed');
      // Each run in its own process, none in the server's.
      const pids = new Set(runs.map((r) => r.pid));
      expect(pids.size).toBe(runs.length);
      expect(pids.has(server.pid!)).toBe(false);
      const acteurs = await db.selectFrom('acteur').select('uid').execute();
      expect(acteurs).toHaveLength(readdirSync(path.join(AN_FIXTURES, 'amo40', 'acteur')).length);
    } finally {
      await db.destroy();
    }
  }, 150_000);
});

describe('npm start with a crawl that outlives its time limit', () => {
  let dir: string;
  let http: TestServer;
  let started: Started;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tracker-start-'));
    http = await startTestServer();
    // The referential's server accepts the request and never answers.
    http.hang(AMO40_MIRROR_PATH);
    started = await start(path.join(dir, 'tracker.sqlite'), {
      SOURCES_MIRROR: http.url,
      // 30 s, ample for the other sources (404s) on a loaded machine, where a child process
      // alone takes seconds to start; the download's own timeout is far longer, so only the
      // child's limit can end the referential's crawl.
      CRAWL_CHILD_TIMEOUT_MINUTES: '0.5',
      CRAWL_TIMEOUT_MS: '600000',
      CRAWL_RETRY_MINUTES: '60',
    });
  }, 30_000);

  afterAll(async () => {
    started?.server.kill('SIGTERM');
    await http?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends the crawl process, fails its run with the limit, and crawls the next sources', async () => {
    const db: DB = openDatabase(path.join(dir, 'tracker.sqlite'));
    try {
      const deadline = Date.now() + 160_000;
      while ((await finishedRuns(db)).length < SOURCE_IDS.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const runs = await finishedRuns(db);
      const output = started.output();
      expect(
        runs.map((r) => r.source),
        output,
      ).toEqual(SOURCE_IDS);
      const [an, ...next] = runs as [CrawlRun, ...CrawlRun[]];
      // The archive was asked for and never answered: only the limit ended that crawl.
      const asked = http.requests.filter((r) => r.path === AMO40_MIRROR_PATH);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.status === null)).toBe(true);
      expect(an.status).toBe('failed');
      expect(an.error).toMatch(/durée limite de la collecte \(0\.5 min\) dépassée/);
      expect(output).toMatch(/Collecte an interrompue : durée limite de la collecte \(0\.5 min\)/);
      // The process is gone, and the queue went on after it.
      expect(() => process.kill(an.pid!, 0)).toThrow();
      expect(next.every((r) => r.started_at >= an.finished_at!)).toBe(true);
      expect(next.find((r) => r.source === 'trackers')!.status).toBe('ok');
    } finally {
      await db.destroy();
    }
  }, 190_000);
});

describe('npm run crawl with bad arguments', () => {
  it.each([
    [
      ['--source', 'nope'],
      new RegExp(`Unknown source nope; available: ${SOURCE_IDS.join(', ')}`),
    ],
    [['--trigger', 'whenever'], /--trigger must be one of cli, startup, schedule, retry/],
    [['--frequency', '2'], /Unknown option '--frequency'/],
  ])(
    '%j exits 2 with the reason and crawls nothing',
    async (args, reason) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tracker-cli-'));
      try {
        const file = path.join(dir, 'tracker.sqlite');
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/crawl.ts', ...args], {
          cwd: PROJECT_ROOT,
          // Nothing listens there: a crawl that started anyway would fail, not exit 2.
          env: { ...process.env, DATABASE_PATH: file, SOURCES_MIRROR: 'http://127.0.0.1:9' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        expect(code, stderr).toBe(2);
        expect(stderr).toMatch(reason);
        if (existsSync(file)) {
          const db = openDatabase(file);
          try {
            expect(await db.selectFrom('crawl_run').selectAll().execute()).toEqual([]);
          } finally {
            await db.destroy();
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
