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
import {
  circonscriptionContours,
  inseeCirconscriptions,
  laPostePostcodes,
  regardsCitoyensCirconscriptions,
  regardsCitoyensEtranger,
} from '../../../domain/sources.ts';
import {
  CONTOURS,
  inseeWorkbook,
  ETRANGER_TEXT,
  LAPOSTE_TEXT,
  RC_TEXT,
  contoursText,
  laPosteBytes,
  writeGeoMirror,
} from '../../fixtures/geo/files.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

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
  table:
    | 'geo_insee_row'
    | 'geo_laposte_row'
    | 'geo_area'
    | 'geo_postcode'
    | 'geo_rc_row'
    | 'geo_abroad_country'
    | 'geo_contour'
    | 'geo_postcode_circo',
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
  rc: await db.selectFrom('geo_rc_row').selectAll().orderBy('id').execute(),
  abroad: await db.selectFrom('geo_abroad_country').selectAll().orderBy('code').execute(),
  contours: await db.selectFrom('geo_contour').selectAll().orderBy('departement_code').execute(),
  postcodeCircos: await db
    .selectFrom('geo_postcode_circo')
    .selectAll()
    .orderBy('postcode')
    .execute(),
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
  it('stores the five files, then skips them when unchanged', async () => {
    const url = await serveMirror();
    const first = await crawl(url);
    expect(first).toMatchObject({
      source: 'geo',
      status: 'ok',
      fetched: 5,
      unchanged: 0,
      failed: 0,
    });
    // Every line of the hand-written files landed.
    expect(await countRows('geo_insee_row')).toBe(13);
    expect(await countRows('geo_laposte_row')).toBe(LAPOSTE_TEXT.trim().split('\r\n').length - 1);
    // Areas: the 10 distinct INSEE communes plus the La Poste codes INSEE lacks (three Paris
    // arrondissements, Marseille 8e, Mamoudzou, Saint-Pierre, Monaco).
    expect(await countRows('geo_area')).toBe(10 + 7);
    // Regards Citoyens' rows and countries, and the contours: one record per line or feature.
    const rcLines = RC_TEXT.trim().split('\n').length;
    const countries = ETRANGER_TEXT.trim().split('\n').length - 1;
    expect(await countRows('geo_rc_row')).toBe(rcLines);
    expect(await countRows('geo_abroad_country')).toBe(countries);
    expect(await countRows('geo_contour')).toBe(CONTOURS.features.length);
    // Paris's rows list 75008 75015 (75-1) and 75001 75015 75017 (75-3): five links.
    expect(await countRows('geo_postcode_circo')).toBe(5);
    expect(first.added).toBe(17 + rcLines + countries + CONTOURS.features.length);
    const sources = (await db.selectFrom('sync_state').select('source').execute()).map(
      (s) => s.source,
    );
    expect(sources.sort()).toEqual([
      'geo',
      'geo:circo_etranger',
      'geo:circo_insee',
      'geo:contours',
      'geo:laposte',
    ]);
    const log = await db.selectFrom('change_event').select(['kind', 'detail']).execute();
    expect(log).toEqual([
      {
        kind: 'initial_import',
        detail: `Premier import : 17 lignes (communes et codes postaux), ${rcLines} lignes Regards Citoyens, ${countries} pays, ${CONTOURS.features.length} contours.`,
      },
    ]);

    const again = await crawl(url);
    expect(again).toMatchObject({ status: 'unchanged', fetched: 5, unchanged: 5, added: 0 });
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
      fetched: 5,
      unchanged: 4,
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

  it("stores a change of Regards Citoyens' table alone, keeping the other files as stored", async () => {
    const url = await serveMirror();
    await crawl(url);
    const contoursBefore = await db.selectFrom('geo_contour').selectAll().execute();
    await serveMirror({
      rc: utf8(RC_TEXT.replace('056;75;Paris;03;75001 75015 75017', '056;75;Paris;03;75001 75017')),
    });
    const summary = await crawl(mirror!.url);
    expect(summary).toMatchObject({ status: 'ok', fetched: 5, unchanged: 4, changed: 1 });
    const links = await db
      .selectFrom('geo_postcode_circo')
      .select(['postcode', 'number'])
      .orderBy('postcode')
      .orderBy('number')
      .execute();
    expect(links).toEqual([
      { postcode: '75001', number: 3 },
      { postcode: '75008', number: 1 },
      { postcode: '75015', number: 1 },
      { postcode: '75017', number: 3 },
    ]);
    expect(await db.selectFrom('geo_contour').selectAll().execute()).toEqual(contoursBefore);
    const log = await db
      .selectFrom('change_event')
      .select('detail')
      .where('kind', '=', 'source_updated')
      .execute();
    expect(log).toEqual([{ detail: 'lignes Regards Citoyens : 0 ajoutés, 1 modifiés, 0 retirés' }]);
  });

  it('refuses a malformed row, truncated JSON or one file in HTTP 500, keeping the previous state', async () => {
    const url = await serveMirror();
    await crawl(url);
    const before = await snapshot();
    await serveMirror({
      rc: utf8(RC_TEXT.replace('394;33;Saint-Émilion;03;33330', '394;33;Saint-Émilion;03')),
    });
    const badRow = await crawl(mirror!.url);
    expect(badRow.status).toBe('failed');
    expect(badRow.error).toBe('file circo_insee_2012.csv: line 3: 4 fields instead of 5');
    expect(await snapshot()).toEqual(before);

    await serveMirror({
      abroad: utf8(ETRANGER_TEXT.replace('BE,Belgique,BEL,56,4', 'BE,,BEL,56,4')),
    });
    const badCountry = await crawl(mirror!.url);
    expect(badCountry.error).toBe('file circo_etranger.csv: line 4: country BE without name');
    expect(await snapshot()).toEqual(before);

    const text = contoursText();
    await serveMirror({ contours: utf8(text.slice(0, 300)) });
    const truncated = await crawl(mirror!.url);
    expect(truncated.status).toBe('failed');
    expect(truncated.error).toMatch(
      /^file france-circonscriptions-legislatives-2012\.json: invalid JSON/,
    );
    expect(await snapshot()).toEqual(before);

    // One file in HTTP 500 while another changed: nothing is stored.
    const server = await startTestServer();
    try {
      const at = (url: string) => `/${new URL(url).host}${new URL(url).pathname}`;
      server.serve(at(inseeCirconscriptions().url), inseeWorkbook());
      server.serve(at(laPostePostcodes().url), laPosteBytes());
      server.serve(
        at(regardsCitoyensCirconscriptions().url),
        RC_TEXT.replace('33000 33800', '33000'),
      );
      server.serve(at(regardsCitoyensEtranger().url), ETRANGER_TEXT);
      server.answer(at(circonscriptionContours().url), { status: 500, body: 'erreur' });
      const failed = await crawl(server.url, { maxRetries: 0 });
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/france-circonscriptions-legislatives-2012\.json: HTTP 500$/);
      expect(await snapshot()).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('reports a malformed file with its name and reason, and keeps the previous data', async () => {
    const url = await serveMirror();
    await crawl(url);
    const before = await snapshot();
    await serveMirror({ laposte: laPosteBytes(`${LAPOSTE_TEXT}33063;BORDEAUX;BAD;BORDEAUX;\r\n`) });
    const bad = await crawl(mirror!.url);
    expect(bad.status).toBe('failed');
    expect(bad.error).toBe('file laposte-hexasmal (raw): line 20: invalid postcode "BAD"');
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
