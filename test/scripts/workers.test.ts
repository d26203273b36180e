// `npm start` with WEB_CONCURRENCY=2, as real processes: two server workers share the port and
// the SQLite file and both answer (which process holds each connection is read from the
// kernel, /proc), and only the primary crawls: each source once, one run at a time, never in
// a worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { describeSources } from '../../domain/sources.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { PROJECT_ROOT } from '../helpers/paths.ts';

const SOURCE_IDS = describeSources({ legislature: 17 }).map((s) => s.id);

let dir: string;
let emptyMirror: StaticServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tracker-workers-'));
  emptyMirror = await serveFolder(path.join(dir, 'mirror'));
});
afterAll(async () => {
  await emptyMirror.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The live processes whose parent is `pid`, with their command lines. */
function childrenOf(pid: number): { pid: number; cmdline: string }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== pid) return [];
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return [{ pid: Number(name), cmdline }];
      } catch {
        return []; // ended meanwhile
      }
    });
}

/** The process (among `pids`) holding the server side of the connection from `clientPort`. */
function serverSideOwner(clientPort: number, pids: number[]): number | undefined {
  const inode = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((f) => f[3] === '01' && parseInt(f[2]?.split(':')[1] ?? '', 16) === clientPort)?.[9];
  return pids.find((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    }),
  );
}

/** Opens a connection, gets `/` over it (status line returned), and keeps it open. */
async function askOver(port: number): Promise<{ socket: Socket; status: string }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  const first = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
  return { socket, status: first.toString('latin1').split('\r\n')[0]! };
}

describe.skipIf(!existsSync('/proc/net/tcp'))('npm start with WEB_CONCURRENCY=2', () => {
  it('serves from two workers and crawls in the primary only', async () => {
    const databasePath = path.join(dir, 'tracker.sqlite');
    const primary: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        WEB_CONCURRENCY: '2',
        DATABASE_PATH: databasePath,
        SOURCES_MIRROR: emptyMirror.url,
        CRAWL_MAX_RETRIES: '0',
        CRAWL_DELAY_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sockets: Socket[] = [];
    try {
      let output = '';
      primary.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        primary.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const served = /Site servi sur (http:\/\/\S+)/.exec(output);
          if (served) resolve(served[1]!);
        });
        primary.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
      });
      const port = Number(new URL(url).port);
      // The primary says where it serves once the first worker listens: wait for both.
      let workers: number[] = [];
      for (let i = 0; i < 100 && workers.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        workers = childrenOf(primary.pid!)
          .filter((c) => c.cmdline.includes('scripts/start.ts'))
          .map((c) => c.pid);
      }
      expect(workers).toHaveLength(2);

      // A worker may still be starting: connections go to those that listen (round robin).
      const owners = new Set<number | undefined>();
      for (let i = 0; i < 40 && owners.size < 2; i++) {
        if (i >= 2) await new Promise((resolve) => setTimeout(resolve, 250));
        const { socket, status } = await askOver(port);
        sockets.push(socket);
        expect(status).toBe('HTTP/1.1 200 OK');
        owners.add(serverSideOwner(socket.localPort!, [primary.pid!, ...workers]));
      }
      expect([...owners].sort()).toEqual([...workers].sort());

      // The first crawls (failing on the empty mirror), in the registry's order: once each, one
      // at a time, each in a crawl process of its own (two schedulers would crawl each twice).
      const db = openDatabase(databasePath);
      try {
        type Run = { source: string; status: string; error: string | null; pid: number | null };
        let runs: (Run & { started_at: string; finished_at: string | null })[] = [];
        for (let i = 0; i < 400 && runs.length < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          runs = await db
            .selectFrom('crawl_run')
            .select(['source', 'status', 'error', 'pid', 'started_at', 'finished_at'])
            .where('status', '!=', 'running')
            .orderBy('id')
            .execute();
        }
        runs = runs.slice(0, 3);
        expect(runs.map((r) => r.source)).toEqual(SOURCE_IDS.slice(0, 3));
        for (const [i, run] of runs.entries()) {
          expect(run.error ?? '', run.source).not.toMatch(/already being crawled/);
          expect([primary.pid, ...workers], run.source).not.toContain(run.pid);
          if (i > 0) expect(run.started_at >= runs[i - 1]!.finished_at!, run.source).toBe(true);
        }
        expect(new Set(runs.map((r) => r.pid)).size).toBe(runs.length);
      } finally {
        await db.destroy();
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      primary.kill('SIGTERM');
    }
  }, 90_000);
});
