// The real `an` crawl (runCrawl → Crawlee download → unzip → parse → ingest) against loopback
// HTTP servers serving an archive zipped at test time from the hand-written fixtures.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/database.ts';
import { sha256, type DownloadOptions } from '../../../scrapers/lib/download.ts';
import { serveFolder } from '../../../scripts/static-server.ts';
import {
  AMO40_FILE_NAME,
  AMO40_MIRROR_PATH,
  amo40Zip,
  editedActeur,
} from '../../helpers/an-zip.ts';
import { crawlAn } from '../../helpers/crawl.ts';
import { rowCounts, tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';
import { PROJECT_ROOT } from '../../helpers/paths.ts';

const P = AMO40_MIRROR_PATH;

/** Every entry under `dir`, or null when it does not exist. */
function listing(dir: string): string[] | null {
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** The referential tables in full (they are small here) and their row counts. */
async function snapshot(db: DB) {
  return {
    counts: await rowCounts(db),
    acteurs: await db.selectFrom('acteur').selectAll().orderBy('uid').execute(),
    organes: await db.selectFrom('organe').selectAll().orderBy('uid').execute(),
    mandats: await db.selectFrom('mandat').selectAll().orderBy('uid').execute(),
    adresses: await db.selectFrom('adresse').selectAll().orderBy('uid').execute(),
    deports: await db.selectFrom('deport').selectAll().orderBy('uid').execute(),
    pays: await db.selectFrom('pays').selectAll().orderBy('uid').execute(),
  };
}

async function syncRow(db: DB) {
  return db
    .selectFrom('sync_state')
    .selectAll()
    .where('source', '=', 'an')
    .executeTakeFirstOrThrow();
}

async function groupCounts(db: DB) {
  return db
    .selectFrom('acteur as a')
    .innerJoin('organe as o', 'o.uid', 'a.group_uid')
    .where('a.in_office', '=', 1)
    .select(['o.abbreviation', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('o.abbreviation')
    .orderBy('o.abbreviation')
    .execute();
}

async function lawyerUids(db: DB, inOfficeOnly: boolean) {
  let query = db
    .selectFrom('acteur')
    .select('uid')
    .where((eb) =>
      eb.or([eb('profession_key', 'like', 'avocat%'), eb('profession_key', 'like', '% avocat%')]),
    );
  if (inOfficeOnly) query = query.where('in_office', '=', 1);
  return (await query.orderBy('uid').execute()).map((r) => r.uid);
}

describe('AN referential crawl', () => {
  let tmp: TempDatabase;
  const servers: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    tmp = await tempDatabase();
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await tmp.cleanup();
  });

  async function sourceServer(): Promise<TestServer> {
    const server = await startTestServer();
    servers.push(server);
    return server;
  }

  it('ingests the archive from a <host>/<path> mirror folder without creating ./storage', async () => {
    const storage = path.join(PROJECT_ROOT, 'storage');
    const storageBefore = listing(storage);
    const mirror = path.join(tmp.dir, 'mirror');
    const zip = amo40Zip();
    mkdirSync(path.dirname(path.join(mirror, P)), { recursive: true });
    writeFileSync(path.join(mirror, P), zip);
    const server = await serveFolder(mirror);
    servers.push(server);

    const summary = await crawlAn(tmp.db, tmp.file, server.url);

    expect(summary).toMatchObject({
      source: 'an',
      status: 'ok',
      fetched: 1,
      unchanged: 0,
      added: 7,
      changed: 0,
      removed: 0,
      failed: 0,
      error: null,
    });
    expect(await rowCounts(tmp.db)).toEqual({
      acteur: 7,
      organe: 8,
      mandat: 18,
      adresse: 5,
      deport: 1,
      pays: 2,
      sync_state: 1,
    });
    const acteurs = await tmp.db
      .selectFrom('acteur')
      .select(['uid', 'in_office', 'group_uid', 'mandate_end', 'sex'])
      .orderBy('uid')
      .execute();
    expect(acteurs).toEqual([
      {
        uid: 'PA900001',
        in_office: 1,
        group_uid: 'PO900101',
        mandate_end: null,
        sex: 'F',
      },
      {
        uid: 'PA900002',
        in_office: 1,
        group_uid: 'PO900102',
        mandate_end: null,
        sex: 'M',
      },
      {
        uid: 'PA900003',
        in_office: 1,
        group_uid: 'PO900102',
        mandate_end: null,
        sex: 'F',
      },
      {
        uid: 'PA900004',
        in_office: 0,
        group_uid: 'PO900101',
        mandate_end: '2025-02-14',
        sex: 'M',
      },
      {
        uid: 'PA900005',
        in_office: 0,
        group_uid: null,
        mandate_end: null,
        sex: 'F',
      },
      {
        uid: 'PA900006',
        in_office: 1,
        group_uid: null,
        mandate_end: null,
        sex: 'M',
      },
      {
        uid: 'PA900007',
        in_office: 0,
        group_uid: 'PO900103',
        mandate_end: '2025-06-30',
        sex: 'F',
      },
    ]);
    // PA900002's two open mandates in the same group count once.
    expect(await groupCounts(tmp.db)).toEqual([
      { abbreviation: 'COL', n: 2 },
      { abbreviation: 'RIV', n: 1 },
    ]);
    expect(await lawyerUids(tmp.db, true)).toEqual(['PA900001', 'PA900003']);
    expect(await lawyerUids(tmp.db, false)).toEqual([
      'PA900001',
      'PA900003',
      'PA900004',
      'PA900005',
    ]);
    const deport = await tmp.db.selectFrom('deport').selectAll().executeTakeFirstOrThrow();
    expect(deport.explanation).toContain('texte « Rivières »');
    const sync = await syncRow(tmp.db);
    expect(sync).toMatchObject({
      url: `${server.url}${P}`,
      content_hash: sha256(zip),
      last_error: null,
    });
    expect(sync.etag).toMatch(/^".+"$/);
    expect(sync.last_modified).not.toBeNull();

    if (storageBefore === null) expect(existsSync(storage)).toBe(false);
    else expect(listing(storage)).toEqual(storageBefore);
  });

  it('answers unchanged on a 304 to If-None-Match, then counts a changed archive', async () => {
    const server = await sourceServer();
    const etag = server.serve(P, amo40Zip());

    expect(await crawlAn(tmp.db, tmp.file, server.url)).toMatchObject({ status: 'ok', added: 7 });
    const second = await crawlAn(tmp.db, tmp.file, server.url);
    expect(second).toMatchObject({
      status: 'unchanged',
      fetched: 1,
      unchanged: 1,
      added: 0,
      changed: 0,
      removed: 0,
      failed: 0,
      error: null,
    });
    expect(server.requests.map((r) => [r.path, r.headers['if-none-match'], r.status])).toEqual([
      [P, undefined, 200],
      [P, etag, 304],
    ]);
    expect((await rowCounts(tmp.db)).acteur).toBe(7);

    // PA900002 changes profession, PA900006 leaves the file.
    const etag2 = server.serve(
      P,
      amo40Zip({
        'acteur/PA900002.json': editedActeur('PA900002', (a) => {
          a.profession = { libelleCourant: 'Avocat', socProcINSEE: null };
        }),
        'acteur/PA900006.json': null,
      }),
    );
    const third = await crawlAn(tmp.db, tmp.file, server.url);
    expect(third).toMatchObject({
      status: 'ok',
      fetched: 1,
      unchanged: 0,
      added: 0,
      changed: 1,
      removed: 1,
      failed: 0,
    });
    expect(server.requests[2]).toMatchObject({ status: 200 });
    expect(server.requests[2]?.headers['if-none-match']).toBe(etag);
    expect(await rowCounts(tmp.db)).toMatchObject({ acteur: 6, mandat: 17 });
    const martin = await tmp.db
      .selectFrom('acteur')
      .select(['profession_raw', 'profession_key', 'insee_category'])
      .where('uid', '=', 'PA900002')
      .executeTakeFirstOrThrow();
    expect(martin).toEqual({
      profession_raw: 'Avocat',
      profession_key: 'avocat',
      insee_category: null,
    });
    expect((await syncRow(tmp.db)).etag).toBe(etag2);
  });

  it('answers unchanged when the same bytes come back under a new ETag', async () => {
    const server = await sourceServer();
    const zip = amo40Zip();
    server.serve(P, zip, '"first"');
    await crawlAn(tmp.db, tmp.file, server.url);
    const changedAt = (await syncRow(tmp.db)).changed_at;
    server.serve(P, zip, '"second"');

    const summary = await crawlAn(tmp.db, tmp.file, server.url);

    expect(summary).toMatchObject({ status: 'unchanged', unchanged: 1, added: 0, changed: 0 });
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
    expect((await syncRow(tmp.db)).changed_at).toBe(changedAt);
  });

  describe('bad input fails the source and leaves the previous data as it was', () => {
    interface BadCase {
      name: string;
      arrange(server: TestServer): void;
      download?: DownloadOptions;
      /** Substrings (or patterns) the summary's error must contain. */
      error: (string | RegExp)[];
      /** Requests the failing crawl makes, when it matters. */
      requests?: number;
    }
    const acteurFiles = [
      'PA900001',
      'PA900002',
      'PA900003',
      'PA900004',
      'PA900005',
      'PA900006',
      'PA900007',
    ];
    const cases: BadCase[] = [
      {
        name: 'a truncated zip',
        arrange: (server) => {
          const zip = amo40Zip();
          server.serve(P, zip.slice(0, Math.floor(zip.length / 2)));
        },
        error: [`file ${AMO40_FILE_NAME}: not a readable zip archive`],
      },
      {
        name: 'invalid JSON inside the zip',
        arrange: (server) =>
          server.serve(P, amo40Zip({ 'acteur/PA900002.json': '{"acteur": {"uid": ' })),
        error: [/^file acteur\/PA900002\.json: invalid JSON \(.+\)$/],
      },
      {
        name: 'an unexpected shape (etatCivil a string)',
        arrange: (server) =>
          server.serve(
            P,
            amo40Zip({
              'acteur/PA900003.json': editedActeur('PA900003', (a) => {
                a.etatCivil = 'Mme Aline Petit';
              }),
            }),
          ),
        error: [
          'file acteur/PA900003.json: unexpected shape at acteur.etatCivil: expected an object, got string "Mme Aline Petit"',
        ],
      },
      {
        name: 'a birth date that is no day of the calendar',
        arrange: (server) =>
          server.serve(
            P,
            amo40Zip({
              'acteur/PA900004.json': editedActeur('PA900004', (a) => {
                (a.etatCivil as Record<string, any>).infoNaissance.dateNais = '1981-13-45';
              }),
            }),
          ),
        error: ['file acteur/PA900004.json: ', 'infoNaissance.dateNais', '1981-13-45'],
      },
      {
        name: 'an acteur published in two files',
        arrange: (server) =>
          server.serve(
            P,
            amo40Zip({ 'acteur/PA900005-copie.json': editedActeur('PA900005', () => {}) }),
          ),
        error: [
          'file acteur/PA900005-copie.json: acteur PA900005 already read from acteur/PA900005.json',
        ],
      },
      {
        name: 'a zip without acteur files',
        arrange: (server) =>
          server.serve(
            P,
            amo40Zip(Object.fromEntries(acteurFiles.map((uid) => [`acteur/${uid}.json`, null]))),
          ),
        error: ['file (archive): no acteur/*.json file'],
      },
      {
        name: 'HTTP 500 (after its retries)',
        arrange: (server) => server.fail(P, 500),
        download: { maxRetries: 2, backoffMs: 10 },
        error: ['download http://127.0.0.1:', `${P}: HTTP 500`],
        requests: 3,
      },
      {
        name: 'a file over the size limit (not retried)',
        arrange: (server) => server.serve(P, Buffer.alloc(1024 * 1024 + 1)),
        download: { maxDownloadBytes: 1024 * 1024, maxRetries: 2 },
        error: [`${P}: fichier plus grand que la limite de 1 Mio`],
        requests: 1,
      },
      {
        name: 'HTTP 429, retried after its Retry-After',
        arrange: (server) => server.answer(P, { status: 429, headers: { 'retry-after': '1' } }),
        download: { maxRetries: 1, backoffMs: 0 },
        error: [`${P}: HTTP 429`],
        requests: 2,
      },
      {
        name: 'a timeout',
        arrange: (server) => server.hang(P),
        download: { timeoutMs: 500, maxRetries: 0 },
        error: ['download http://127.0.0.1:', AMO40_FILE_NAME, /timeout/i],
        requests: 1,
      },
    ];

    it.each(cases)('$name', async (c) => {
      const server = await sourceServer();
      const goodEtag = server.serve(P, amo40Zip());
      expect(await crawlAn(tmp.db, tmp.file, server.url)).toMatchObject({ status: 'ok' });
      const before = await snapshot(tmp.db);
      const syncBefore = await syncRow(tmp.db);
      const requestsBefore = server.requests.length;
      c.arrange(server);

      const summary = await crawlAn(tmp.db, tmp.file, server.url, c.download);

      expect(summary).toMatchObject({
        source: 'an',
        status: 'failed',
        fetched: 0,
        unchanged: 0,
        added: 0,
        changed: 0,
        removed: 0,
        failed: 1,
      });
      for (const part of c.error) {
        if (typeof part === 'string') expect(summary.error).toContain(part);
        else expect(summary.error).toMatch(part);
      }
      expect(await snapshot(tmp.db)).toEqual(before);
      const sync = await syncRow(tmp.db);
      expect(sync.last_error).toBe(summary.error);
      expect(sync).toMatchObject({
        etag: goodEtag,
        last_modified: syncBefore.last_modified,
        content_hash: syncBefore.content_hash,
        changed_at: syncBefore.changed_at,
      });
      // The failed crawl still asked conditionally, with the last good validators.
      const failing = server.requests.slice(requestsBefore);
      expect(failing.every((r) => r.headers['if-none-match'] === goodEtag)).toBe(true);
      if (c.requests !== undefined) expect(failing).toHaveLength(c.requests);
    });
  });

  it('clears the last error once the source is good again', async () => {
    const server = await sourceServer();
    const zip = amo40Zip();
    server.serve(P, zip);
    await crawlAn(tmp.db, tmp.file, server.url);
    server.serve(P, amo40Zip({ 'acteur/PA900002.json': '[' }));
    expect(await crawlAn(tmp.db, tmp.file, server.url)).toMatchObject({ status: 'failed' });
    expect((await syncRow(tmp.db)).last_error).toContain('acteur/PA900002.json');

    server.serve(P, zip);
    expect(await crawlAn(tmp.db, tmp.file, server.url)).toMatchObject({ status: 'unchanged' });
    expect(server.requests.at(-1)?.status).toBe(304);
    expect((await syncRow(tmp.db)).last_error).toBeNull();
  });

  it('records the failure of a first crawl, with no data and no content hash', async () => {
    const server = await sourceServer();
    server.fail(P, 404);

    const summary = await crawlAn(tmp.db, tmp.file, server.url, { maxRetries: 2 });

    expect(summary).toMatchObject({ status: 'failed', failed: 1 });
    expect(summary.error).toContain('HTTP 404');
    // A 404 is not retried.
    expect(server.requests).toHaveLength(1);
    expect(await rowCounts(tmp.db)).toEqual({
      acteur: 0,
      organe: 0,
      mandat: 0,
      adresse: 0,
      deport: 0,
      pays: 0,
      sync_state: 1,
    });
    expect(await syncRow(tmp.db)).toMatchObject({
      etag: null,
      content_hash: null,
      last_error: summary.error,
    });
  });
});
