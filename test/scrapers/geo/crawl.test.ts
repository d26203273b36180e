// The real `geo` crawler (Crawlee, conditional GETs) against loopback servers, into a
// temporary SQLite file: first crawl, unchanged re-crawl, one file changed, bad files and
// HTTP failures that must leave the database as it was.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import type { DB } from '../../../db/database.ts';
import { runCrawl } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { tempDatabase } from '../../helpers/db.ts';
import { startTestServer } from '../../helpers/http.ts';
import { LAPOSTE_TEXT, laPosteBytes, writeGeoMirror } from '../../fixtures/geo/files.ts';

let dir: string;
let db: DB;
let cleanup: () => Promise<void>;
let mirror: StaticServer | null;

beforeEach(async () => {
  ({ db, dir, cleanup } = await tempDatabase());
  mirror = null;
});
afterEach(async () => {
  await mirror?.close();
  await cleanup();
});

async function crawl(url: string, download = {}) {
  const config = loadConfig({ DATABASE_PATH: ':memory:', SOURCES_MIRROR: url });
  const [summary] = await runCrawl(db, config, { only: ['geo'], download });
  return summary!;
}

async function serveMirror(files: Parameters<typeof writeGeoMirror>[1] = {}) {
  const root = path.join(dir, 'mirror');
  writeGeoMirror(root, files);
  await mirror?.close();
  mirror = await serveFolder(root);
  return mirror.url;
}

const countRows = async (
  table: 'geo_insee_row' | 'geo_laposte_row' | 'geo_area' | 'geo_postcode',
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const snapshot = async () => ({
  insee: await countRows('geo_insee_row'),
  laposte: await countRows('geo_laposte_row'),
  areas: await db.selectFrom('geo_area').selectAll().orderBy('code').execute(),
  links: await db
    .selectFrom('geo_area_circo')
    .selectAll()
    .orderBy('area_code')
    .orderBy('number')
    .execute(),
  sync: await db
    .selectFrom('sync_state')
    .select(['source', 'content_hash'])
    .orderBy('source')
    .execute(),
});

describe('geo crawl', () => {
  it('stores both files, then skips them when unchanged', async () => {
    const url = await serveMirror();
    const first = await crawl(url);
    expect(first).toMatchObject({
      source: 'geo',
      status: 'ok',
      fetched: 2,
      unchanged: 0,
      failed: 0,
    });
    // Every line of the hand-written files landed.
    expect(await countRows('geo_insee_row')).toBe(13);
    expect(await countRows('geo_laposte_row')).toBe(LAPOSTE_TEXT.trim().split('\r\n').length - 1);
    // Areas: the 10 distinct INSEE communes plus the La Poste codes INSEE lacks (two Paris
    // arrondissements, Marseille 8e, Mamoudzou, Saint-Pierre, Monaco).
    expect(await countRows('geo_area')).toBe(10 + 6);
    expect(first.added).toBe(16);
    const sources = (await db.selectFrom('sync_state').select('source').execute()).map(
      (s) => s.source,
    );
    expect(sources.sort()).toEqual(['geo', 'geo:laposte']);

    const again = await crawl(url);
    expect(again).toMatchObject({ status: 'unchanged', fetched: 2, unchanged: 2, added: 0 });
  });

  it('rebuilds the join when only one file changed', async () => {
    const url = await serveMirror();
    await crawl(url);
    const inseeBefore = await db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'geo')
      .executeTakeFirstOrThrow();
    await serveMirror({
      laposte: laPosteBytes(
        LAPOSTE_TEXT.replace(
          '33394;ST EMILION;33330;ST EMILION;',
          '33394;ST EMILION;33331;ST EMILION;',
        ),
      ),
    });
    const summary = await crawl(mirror!.url);
    expect(summary).toMatchObject({
      status: 'ok',
      fetched: 2,
      unchanged: 1,
      added: 0,
      changed: 1,
      removed: 0,
    });
    const emilion = await db
      .selectFrom('geo_area')
      .selectAll()
      .where('code', '=', '33394')
      .executeTakeFirstOrThrow();
    expect(emilion.postcodes).toBe('33331');
    // INSEE's rows and validators were kept as they were.
    expect(await countRows('geo_insee_row')).toBe(13);
    const inseeAfter = await db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'geo')
      .executeTakeFirstOrThrow();
    expect(inseeAfter.content_hash).toBe(inseeBefore.content_hash);
  });

  it('reports a malformed file with its name and reason, and keeps the previous data', async () => {
    const url = await serveMirror();
    await crawl(url);
    const before = await snapshot();
    await serveMirror({ laposte: laPosteBytes(`${LAPOSTE_TEXT}33063;BORDEAUX;BAD;BORDEAUX;\r\n`) });
    const bad = await crawl(mirror!.url);
    expect(bad.status).toBe('failed');
    expect(bad.error).toBe('file laposte-hexasmal (raw): line 19: invalid postcode "BAD"');
    expect(await snapshot()).toEqual(before);

    await serveMirror({ insee: new TextEncoder().encode('PK\u0003\u0004 truncated') });
    const broken = await crawl(mirror!.url);
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/^file circo_composition\.xlsx: /);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a missing file (HTTP 404) and leaves an empty database empty', async () => {
    const url = await serveMirror({ laposte: null });
    const summary = await crawl(url);
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(
      /^download http:\/\/127\.0\.0\.1:\d+\/datanova\.laposte\.fr\/.*: HTTP 404$/,
    );
    expect(await countRows('geo_insee_row')).toBe(0);
    expect(await countRows('geo_area')).toBe(0);
  });

  it('reports a server error and a timeout, after retries', async () => {
    const server = await startTestServer();
    const insee = '/www.insee.fr/fr/statistiques/fichier/6436476/circo_composition.xlsx';
    server.answer(insee, { status: 503, body: 'maintenance' });
    const url = server.url;
    try {
      const unavailable = await crawl(url, { maxRetries: 1, timeoutMs: 300 });
      expect(unavailable.status).toBe('failed');
      expect(unavailable.error).toMatch(/circo_composition\.xlsx: HTTP 503$/);
      expect(server.requests.length).toBe(2);
      // A hanging server never answers: the download times out.
      server.hang(insee);
      const timedOut = await crawl(url, { maxRetries: 0, timeoutMs: 300 });
      expect(timedOut.status).toBe('failed');
      expect(timedOut.error).toMatch(/circo_composition\.xlsx: .*timeout/i);
      expect(await countRows('geo_area')).toBe(0);
    } finally {
      await server.close();
    }
  });
});
