// The npm scripts run the compiled JavaScript of dist/ (`npm run build`, run by `npm install`
// and by `npm test` before vitest): `npm run serve` answers the pages and the static assets
// (copied views/static, htmx from node_modules) byte for byte; `npm run crawl` migrates and
// crawls; `npm start` forks its crawls as dist/scripts/crawl.js.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { describeSources } from '../../domain/sources.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { PROJECT_ROOT } from '../helpers/paths.ts';

const require = createRequire(import.meta.url);
const SOURCE_IDS = describeSources({ legislature: 17 }).map((s) => s.id);

let dir: string;
let emptyMirror: StaticServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tracker-build-'));
  emptyMirror = await serveFolder(path.join(dir, 'mirror'));
});
afterAll(async () => {
  await emptyMirror.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run <script>` in its own process group (npm starts node as a child of its own). */
function npm(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('npm', ['run', '-s', script, '--', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', CRAWL_MAX_RETRIES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Resolves with the URL a server process prints once it serves. */
function served(child: ChildProcess): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Site servi sur (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited (${code}):\n${output}`)));
  });
}

const end = (child: ChildProcess) => {
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
};

describe('the npm scripts run the build', () => {
  it('is built: dist/ holds the compiled commands (npm run build)', () => {
    const scripts = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'))
      .scripts as Record<string, string>;
    for (const name of ['start', 'serve', 'crawl', 'migrate', 'import', 'snapshot', 'mirror']) {
      expect(scripts[name], name).toBe(`node dist/scripts/${name}.js`);
      expect(existsSync(path.join(PROJECT_ROOT, `dist/scripts/${name}.js`)), name).toBe(true);
    }
  });

  it('npm run serve answers the home page and the static assets from dist/', async () => {
    const child = npm('serve', [], { DATABASE_PATH: path.join(dir, 'serve.sqlite') });
    try {
      const url = await served(child);
      expect((await fetch(`${url}/`)).status).toBe(200);
      const assets = {
        'style.css': path.join(PROJECT_ROOT, 'views/static/style.css'),
        'locate.js': path.join(PROJECT_ROOT, 'views/static/locate.js'),
        'htmx.min.js': require.resolve('htmx.org/dist/htmx.min.js'),
      };
      for (const [name, file] of Object.entries(assets)) {
        const response = await fetch(`${url}/static/${name}`);
        expect(response.status, name).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(file)), name).toBe(
          true,
        );
      }
    } finally {
      end(child);
    }
  }, 30_000);

  it('npm run crawl -- --source trackers migrates and records its run', async () => {
    const databasePath = path.join(dir, 'crawl.sqlite');
    const child = npm('crawl', ['--source', 'trackers'], { DATABASE_PATH: databasePath });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const db = openDatabase(databasePath);
    try {
      const runs = await db.selectFrom('crawl_run').select(['source', 'status']).execute();
      expect(runs).toEqual([{ source: 'trackers', status: 'ok' }]);
    } finally {
      await db.destroy();
    }
  }, 30_000);

  it('npm start forks each crawl as the compiled crawl command', async () => {
    const databasePath = path.join(dir, 'start.sqlite');
    // The first sources fail on the empty mirror (404): what matters is that the forked
    // process ran the crawl and recorded why (a crash would leave its run `interrupted`).
    const child = npm('start', [], {
      DATABASE_PATH: databasePath,
      SOURCES_MIRROR: emptyMirror.url,
    });
    try {
      await served(child);
      const db = openDatabase(databasePath);
      try {
        let runs: { source: string; status: string; error: string | null; pid: number | null }[] =
          [];
        for (let i = 0; i < 200 && runs.length < 2; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          runs = await db
            .selectFrom('crawl_run')
            .select(['source', 'status', 'error', 'pid'])
            .where('status', '!=', 'running')
            .orderBy('id')
            .execute();
        }
        expect(runs.slice(0, 2).map((r) => r.source)).toEqual(SOURCE_IDS.slice(0, 2));
        for (const run of runs.slice(0, 2)) {
          expect(run.status, run.source).toBe('failed');
          expect(run.error, run.source).toMatch(/HTTP 404/);
          expect(run.pid, run.source).not.toBe(child.pid);
        }
      } finally {
        await db.destroy();
      }
    } finally {
      end(child);
    }
  }, 30_000);
});
