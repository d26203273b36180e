// Two `npm run crawl` processes of different sources started at the same moment on one
// database, over the real archives: their ingest transactions overlap, and both must
// succeed (the second writer waits for the first) instead of one failing with "database is
// locked".
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { PROJECT_ROOT, SHARED_FIXTURES } from '../helpers/paths.ts';
import { SCRUTINS_MIRROR_PATH } from '../helpers/scrutin-json.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const AMO40 = path.join(MIRROR, AMO40_MIRROR_PATH);
const SCRUTINS = path.join(MIRROR, SCRUTINS_MIRROR_PATH);
const exists = existsSync(AMO40) && existsSync(SCRUTINS);
if (!exists) {
  console.warn(
    `\n[concurrent-crawls] SKIPPED: ${AMO40} or ${SCRUTINS} not found (real fixtures in ../shared).\n`,
  );
}

/** Files of a zip archive whose name matches `pattern`. */
function countEntries(file: string, pattern: RegExp): number {
  return Object.keys(unzipSync(readFileSync(file))).filter((n) => pattern.test(n)).length;
}

async function count(db: DB, table: 'acteur' | 'scrutin') {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** `scripts/crawl.ts --source <source>` as a process; resolves with its exit code and output. */
function crawl(source: string, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/crawl.ts', '--source', source],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
}

describe.skipIf(!exists)('two crawls of different sources from two processes', () => {
  let mirror: StaticServer;
  let tmp: TempDatabase;

  beforeAll(async () => {
    mirror = await serveFolder(MIRROR);
    tmp = await tempDatabase();
  });
  afterAll(async () => {
    await mirror?.close();
    await tmp?.cleanup();
  });

  it('both succeed when started together, and both sources are stored', async () => {
    const env = { DATABASE_PATH: tmp.file, SOURCES_MIRROR: mirror.url };
    const [an, votes] = await Promise.all([crawl('an', env), crawl('votes', env)]);
    expect(an.code, an.output).toBe(0);
    expect(votes.code, votes.output).toBe(0);

    const runs = await tmp.db.selectFrom('crawl_run').select(['source', 'status']).execute();
    expect(runs.sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { source: 'an', status: 'ok' },
      { source: 'votes', status: 'ok' },
    ]);
    expect(await count(tmp.db, 'acteur')).toBe(countEntries(AMO40, /^acteur\/.+\.json$/));
    expect(await count(tmp.db, 'scrutin')).toBe(countEntries(SCRUTINS, /VTANR\d+L\d+V\d+\.json$/));
  }, 240_000);
});
