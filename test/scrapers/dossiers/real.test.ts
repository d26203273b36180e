// The real Dossiers_Legislatifs.json.zip (../shared/fixtures/mirror, present on CI) crawled
// end to end, and checked against counts made here straight from the raw archive with a
// generic walk of the JSON of its own: none of the project's parse functions are used for the
// expected values.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../config.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { createApp } from '../../../server/app.tsx';
import { DOSSIERS_MIRROR_PATH } from '../../helpers/dossiers-zip.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const ZIP = path.join(MIRROR, DOSSIERS_MIRROR_PATH);
const exists = existsSync(ZIP);

if (!exists) {
  console.warn(
    `\n[dossiers-real] Real-data suite SKIPPED: ${existsSync(SHARED_FIXTURES) ? ZIP : SHARED_FIXTURES} ` +
      `not found (the real open-data fixtures are expected in ../shared/fixtures, next to the project).\n`,
  );
}

type Json = Record<string, unknown>;

/** Every object inside a JSON value, depth first. */
function* objects(value: unknown): Generator<Json> {
  if (Array.isArray(value)) {
    for (const v of value) yield* objects(v);
  } else if (typeof value === 'object' && value !== null) {
    yield value as Json;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

/** Counts of the raw archive: dossiers, live texts, steps and distinct (scrutin, dossier) pairs. */
function rawCounts(zip: Uint8Array) {
  const files = unzipSync(zip);
  const decoder = new TextDecoder();
  let dossiers = 0;
  let texts = 0;
  let deletedTexts = 0;
  let steps = 0;
  let promulgated = 0;
  const pairs = new Set<string>();
  const scrutins = new Set<string>();
  for (const [name, bytes] of Object.entries(files)) {
    const json = JSON.parse(decoder.decode(bytes)) as Json;
    if (/^json\/dossierParlementaire\/[^/]+\.json$/.test(name)) {
      dossiers++;
      const uid = (json.dossierParlementaire as Json).uid as string;
      let hasProm = false;
      for (const o of objects(json)) {
        if (typeof o.codeActe === 'string') {
          steps++;
          if (o.codeActe.startsWith('PROM')) hasProm = true;
        }
        const refs = o.voteRefs as Json | null | undefined;
        if (refs && typeof refs === 'object') {
          const ref = refs.voteRef;
          for (const v of Array.isArray(ref) ? ref : [ref]) {
            if (typeof v === 'string') {
              pairs.add(`${v} ${uid}`);
              scrutins.add(v);
            }
          }
        }
      }
      if (hasProm) promulgated++;
    } else if (/^json\/document\/[^/]+\.json$/.test(name)) {
      const doc = json.document as Json;
      if (doc.metadatas && (doc.metadatas as Json).dateSuppression) deletedTexts++;
      else texts++;
    }
  }
  return { dossiers, texts, deletedTexts, steps, promulgated, pairs, scrutins };
}

describe.skipIf(!exists)('dossiers crawl over the real archive', () => {
  let tmp: TempDatabase;
  let server: StaticServer;
  let config: Config;
  let summary: SourceSummary;
  let raw: ReturnType<typeof rawCounts>;
  let seconds: number;

  beforeAll(async () => {
    raw = rawCounts(readFileSync(ZIP));
    tmp = await tempDatabase();
    server = await serveFolder(MIRROR);
    config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const started = Date.now();
    [summary] = (await runCrawl(tmp.db, config, { only: ['dossiers'] })) as [SourceSummary];
    seconds = (Date.now() - started) / 1000;
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  const count = async (table: 'dossier' | 'document' | 'dossier_step' | 'scrutin_dossier') =>
    Number(
      (
        await tmp.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('ingests every file without error', () => {
    console.info(`[dossiers-real] first crawl: ${seconds.toFixed(1)} s`);
    expect(summary).toMatchObject({ source: 'dossiers', status: 'ok', failed: 0, error: null });
    // The fixture's figures (README of the fixtures): 2,324 dossiers, 5,185 text files.
    expect(raw.dossiers).toBe(2324);
    expect(raw.texts + raw.deletedTexts).toBe(5185);
    expect(summary.added).toBe(raw.dossiers + raw.texts);
  });

  it('stores as many dossiers, texts, steps and scrutin links as the raw archive holds', async () => {
    expect(await count('dossier')).toBe(raw.dossiers);
    expect(await count('document')).toBe(raw.texts);
    expect(await count('dossier_step')).toBe(raw.steps);
    expect(await count('scrutin_dossier')).toBe(raw.pairs.size);
    const linked = await tmp.db
      .selectFrom('scrutin_dossier')
      .select((eb) => eb.fn.count<number>('scrutin_uid').distinct().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBe(raw.scrutins.size);
    const promulgated = await tmp.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'promulgue')
      .executeTakeFirstOrThrow();
    expect(Number(promulgated.n)).toBe(raw.promulgated);
  });

  it('skips the unchanged archive on a second crawl', async () => {
    const [again] = await runCrawl(tmp.db, config, { only: ['dossiers'] });
    expect(again).toMatchObject({ status: 'unchanged', added: 0, changed: 0 });
  });

  it('serves the list and the largest dossier', async () => {
    const app = createApp({ db: tmp.db, config: { legislature: 17 } });
    const list = (await (await app.request('/dossiers.json?per_page=1')).json()) as {
      total: number;
    };
    expect(list.total).toBe(raw.dossiers);
    const plf = await app.request('/dossiers/DLR5L17N50198');
    expect(plf.status).toBe(200);
    const body = await plf.text();
    expect(body).toContain('Projet de loi de finances pour 2025');
    const json = (await (await app.request('/dossiers/DLR5L17N50198.json')).json()) as {
      etapes: unknown[];
    };
    expect(json.etapes.length).toBeGreaterThan(50);
  });
});
