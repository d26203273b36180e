// `npm start` on an empty database, as a real process: it serves at once, crawls every source
// in child processes (so that an ingest never holds up the pages), records each run with the
// child's process id, and keeps answering while they run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/database.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { writeFixtureMirror } from '../e2e/site.ts';
import { AN_FIXTURES, PROJECT_ROOT } from '../helpers/paths.ts';

describe('npm start on an empty database', () => {
  let dir: string;
  let mirror: StaticServer;
  let server: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tracker-start-'));
    writeFixtureMirror(path.join(dir, 'mirror'));
    mirror = await serveFolder(path.join(dir, 'mirror'));
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_PATH: path.join(dir, 'tracker.sqlite'),
        SOURCES_MIRROR: mirror.url,
        CRAWL_DELAY_MS: '0',
        CRAWL_MAX_RETRIES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const served = /Site servi sur (http:\/\/\S+)/.exec(output);
        if (served) resolve(served[1]!);
      });
      server.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
  }, 30_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await mirror?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crawls every source in child processes while the pages keep answering', async () => {
    const db: DB = openDatabase(path.join(dir, 'tracker.sqlite'));
    try {
      const finished = () =>
        db
          .selectFrom('crawl_run')
          .selectAll()
          .where('status', '!=', 'running')
          .orderBy('id')
          .execute();
      const statuses: number[] = [];
      const sourceCount = 5; // an, votes, geo, hatvp, trackers
      const deadline = Date.now() + 45_000;
      while ((await finished()).length < sourceCount && Date.now() < deadline) {
        statuses.push((await fetch(`${url}/`)).status, (await fetch(`${url}/sources`)).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const runs = await finished();
      expect(runs.map((r) => r.source).sort(), output).toEqual(
        ['an', 'geo', 'hatvp', 'trackers', 'votes'].sort(),
      );
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);
      // The hand-written fixtures hold an, votes and geo; the HATVP index is absent (404).
      const bySource = Object.fromEntries(runs.map((r) => [r.source, r]));
      for (const source of ['an', 'votes', 'geo']) {
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
  }, 60_000);
});

describe('npm run crawl with bad arguments', () => {
  it.each([
    [['--source', 'nope'], /Unknown source nope; available: an, votes, geo, hatvp, trackers/],
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
