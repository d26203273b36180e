// A crash in the middle of an ingest: `npm run crawl` in a child process, ingesting the real
// 3,000-scrutin archive, killed with SIGKILL while it writes. The data and the change log
// must be exactly as before (no half-applied run), the run left `running` must be closed as
// `interrupted` at the next start, and the next crawl must apply the whole run once.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { closeInterruptedRuns } from '../../db/state/runs.ts';
import type { DB } from '../../db/database.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { PROJECT_ROOT, SHARED_FIXTURES } from '../helpers/paths.ts';
import { SCRUTINS_MIRROR_PATH } from '../helpers/scrutin-json.ts';

const SCRUTINS = path.join(SHARED_FIXTURES, 'mirror', SCRUTINS_MIRROR_PATH);
const exists = existsSync(SCRUTINS);
if (!exists) {
  console.warn(`\n[changes-crash] SKIPPED: ${SCRUTINS} not found (real fixtures in ../shared).\n`);
}

async function count(db: DB, table: 'scrutin' | 'vote' | 'change_event' | 'scrutin_group') {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe.skipIf(!exists)('a crawl killed in the middle of its ingest', () => {
  let tmp: TempDatabase;
  let server: TestServer;
  let full: Uint8Array;
  let total: number;

  beforeAll(async () => {
    tmp = await tempDatabase();
    server = await startTestServer();
    full = readFileSync(SCRUTINS);
    const files = unzipSync(full);
    const scrutins = Object.keys(files).filter((n) => /V\d+\.json$/.test(n));
    total = scrutins.length;
    // First state: the first 50 scrutins, ingested completely.
    const mtime = new Date('2025-11-21T17:52:00Z');
    const subset: Zippable = {};
    for (const name of scrutins) {
      if (Number(/V(\d+)\.json$/.exec(name)![1]) <= 50) subset[name] = [files[name]!, { mtime }];
    }
    server.serve(SCRUTINS_MIRROR_PATH, zipSync(subset));
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const [first] = await runCrawl(tmp.db, config, { only: ['votes'] });
    if (first?.status !== 'ok') throw new Error(`first crawl: ${first?.error}`);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  it('leaves data and change log as before, and the run interrupted', async () => {
    const before = {
      scrutin: await count(tmp.db, 'scrutin'),
      vote: await count(tmp.db, 'vote'),
      group: await count(tmp.db, 'scrutin_group'),
      events: await count(tmp.db, 'change_event'),
      sync: await tmp.db.selectFrom('sync_state').selectAll().execute(),
    };
    expect(before.scrutin).toBe(50);

    server.serve(SCRUTINS_MIRROR_PATH, full);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/crawl.ts', '--source', 'votes'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // Killed once it writes scrutins: inside the ingest transaction.
    const killed = new Promise<void>((resolve) => {
      const watch = (chunk: Buffer) => {
        output += chunk.toString();
        if (/\[votes\] scrutins/.test(output)) {
          child.stderr.off('data', watch);
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 500);
        }
      };
      child.stderr.on('data', watch);
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
    const outcome = await Promise.race([killed.then(() => exited), exited]);
    expect(outcome.signal, `the crawl ended before it could be killed:\n${output}`).toBe('SIGKILL');

    // Nothing of the killed run is in the data or the log.
    expect(await count(tmp.db, 'scrutin')).toBe(before.scrutin);
    expect(await count(tmp.db, 'vote')).toBe(before.vote);
    expect(await count(tmp.db, 'scrutin_group')).toBe(before.group);
    expect(await count(tmp.db, 'change_event')).toBe(before.events);
    expect(await tmp.db.selectFrom('sync_state').selectAll().execute()).toEqual(before.sync);
    const orphan = await tmp.db
      .selectFrom('crawl_run')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(orphan).toMatchObject({ source: 'votes', status: 'running', finished_at: null });

    // The next start closes it, and the next crawl applies the whole run, once.
    expect(await closeInterruptedRuns(tmp.db)).toBe(1);
    const closed = await tmp.db
      .selectFrom('crawl_run')
      .selectAll()
      .where('id', '=', orphan.id)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('interrupted');
    expect(closed.error).toBeTruthy();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const [retry] = await runCrawl(tmp.db, config, { only: ['votes'] });
    expect(retry!.status).toBe('ok');
    expect(await count(tmp.db, 'scrutin')).toBe(total);
    const added = await tmp.db
      .selectFrom('change_event')
      .select(['entity_id', 'kind', 'run_id'])
      .where('run_id', '=', retry!.runId)
      .execute();
    expect(added).toHaveLength(total - 50);
    expect(new Set(added.map((e) => e.entity_id)).size).toBe(total - 50);
    expect(added.every((e) => e.kind === 'new_scrutin')).toBe(true);
    expect(
      await tmp.db
        .selectFrom('change_event')
        .select('id')
        .where('run_id', '=', orphan.id)
        .execute(),
    ).toEqual([]);
  }, 240_000);
});
