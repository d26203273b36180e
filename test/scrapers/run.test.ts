// A crawl whose ingest cannot write (the disk is full: SQLITE_FULL, made here with SQLite's
// max_page_count on the crawl's own connection) fails with the real cause, named with its
// source, and leaves the database as it was; once there is room, the next crawl stores it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteHandle, type DB } from '../../db/database.ts';
import { AMO40_DIR, AMO40_MIRROR_PATH, amo40Zip, type ZipChanges } from '../helpers/an-zip.ts';
import { crawlAn } from '../helpers/crawl.ts';
import { rowCounts, tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';

/** The hand-written archive with `n` more acteurs (copies of the one without mandates). */
function largerArchive(n: number): Uint8Array {
  const model = readFileSync(path.join(AMO40_DIR, 'acteur', 'PA900005.json'), 'utf8');
  const extra: ZipChanges = {};
  for (let i = 0; i < n; i++) {
    const id = String(950000 + i);
    extra[`acteur/PA${id}.json`] = model
      .replaceAll('PA900005', `PA${id}`)
      .replaceAll('AD900051', `AD${id}`);
  }
  return amo40Zip(extra);
}

async function state(db: DB) {
  return {
    counts: await rowCounts(db),
    events: await db.selectFrom('change_event').selectAll().orderBy('id').execute(),
    validators: await db
      .selectFrom('sync_state')
      .select(['source', 'url', 'etag', 'last_modified', 'content_hash', 'changed_at'])
      .orderBy('source')
      .execute(),
  };
}

describe('a crawl on a full disk', () => {
  let tmp: TempDatabase;
  let server: TestServer;

  beforeEach(async () => {
    tmp = await tempDatabase();
    server = await startTestServer();
    server.serve(AMO40_MIRROR_PATH, amo40Zip());
    const first = await crawlAn(tmp.db, tmp.file, server.url);
    if (first.status !== 'ok') throw new Error(`first crawl: ${first.error}`);
  });
  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('fails with "database or disk is full" and writes nothing of the ingest', async () => {
    const sqlite = sqliteHandle(tmp.db);
    const before = await state(tmp.db);
    // The file may not grow at all: 200 more acteurs need new pages.
    server.serve(AMO40_MIRROR_PATH, largerArchive(200));
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    const room = sqlite.pragma('max_page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);

    const full = await crawlAn(tmp.db, tmp.file, server.url);
    expect(full.status).toBe('failed');
    expect(full.error).toMatch(/database or disk is full/);
    expect(full.error).not.toMatch(/no transaction is active/);
    expect(await state(tmp.db)).toEqual(before);
    const run = await tmp.db
      .selectFrom('crawl_run')
      .selectAll()
      .where('id', '=', full.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ source: 'an', status: 'failed', error: full.error });

    // With room again, the same archive is fetched again (no validator kept) and stored.
    sqlite.pragma(`max_page_count = ${room}`);
    const next = await crawlAn(tmp.db, tmp.file, server.url);
    expect(next.status, next.error ?? '').toBe('ok');
    expect(next.added).toBe(200);
    expect((await rowCounts(tmp.db)).acteur).toBe(before.counts.acteur + 200);
  });
});
