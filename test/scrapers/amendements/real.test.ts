// The real Amendements.json.zip (../shared/fixtures/mirror) crawled end to end, checked
// against counts made here straight from the raw zip with fflate and code of its own (none of
// the project's parse functions). Also measures the ingest: time, rate, peak RSS.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { createApp } from '../../../server/app.tsx';
import { recomputeAmendementFigures } from '../../../scrapers/amendements/figures.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';
import { AMENDEMENTS_MIRROR_PATH } from '../../helpers/amendements-zip.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const ZIP = path.join(MIRROR, AMENDEMENTS_MIRROR_PATH);
const exists = existsSync(ZIP);
if (!exists) console.warn(`\n[amendements-real] SKIPPED: ${ZIP} not found.\n`);

type Json = Record<string, any>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const list = (v: unknown) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The outcome key from the raw fields, as documented on /methodologie#amendements. */
function rawSort(a: Json): string {
  const sort = str(a.cycleDeVie?.sort);
  const names: Record<string, string> = {
    Adopté: 'adopte',
    Rejeté: 'rejete',
    Tombé: 'tombe',
    Retiré: 'retire',
    'Non soutenu': 'non-soutenu',
  };
  if (sort && names[sort]) return names[sort];
  const code = str(a.cycleDeVie?.etatDesTraitements?.etat?.code) ?? '';
  if (code.startsWith('IR')) return 'irrecevable';
  if (code === 'RT') return 'retire';
  return 'en-cours';
}

describe.skipIf(!exists)('amendements on the real fixture', () => {
  let server: StaticServer;
  let tmp: TempDatabase;
  let summary: SourceSummary;
  const raw = {
    total: 0,
    bySort: new Map<string, number>(),
    authored: new Map<string, number>(),
    cosigned: new Map<string, number>(),
    /** Authored with cycleDeVie.sort "Adopté". */
    adopted: new Map<string, number>(),
  };
  let metrics = '';

  beforeAll(async () => {
    const files = unzipSync(readFileSync(ZIP));
    for (const [name, bytes] of Object.entries(files)) {
      if (!/\/AMANR[0-9A-Z]+\.json$/.test(name)) continue;
      const a = JSON.parse(new TextDecoder().decode(bytes)).amendement as Json;
      raw.total++;
      const s = rawSort(a);
      raw.bySort.set(s, (raw.bySort.get(s) ?? 0) + 1);
      const author = str(a.signataires?.auteur?.acteurRef);
      if (author) raw.authored.set(author, (raw.authored.get(author) ?? 0) + 1);
      if (author && str(a.cycleDeVie?.sort) === 'Adopté')
        raw.adopted.set(author, (raw.adopted.get(author) ?? 0) + 1);
      for (const c of list(a.signataires?.cosignataires?.acteurRef)) {
        const uid = str(c);
        if (uid) raw.cosigned.set(uid, (raw.cosigned.get(uid) ?? 0) + 1);
      }
    }
    server = await serveFolder(MIRROR);
    tmp = await tempDatabase();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const rssBefore = process.resourceUsage().maxRSS;
    const started = performance.now();
    [summary] = (await runCrawl(tmp.db, config, { only: ['amendements'] })) as [SourceSummary];
    const ms = performance.now() - started;
    const again = performance.now();
    const [second] = await runCrawl(tmp.db, config, { only: ['amendements'] });
    metrics =
      `[amendements-real] ingest ${summary.added} amendments in ${Math.round(ms)} ms ` +
      `(${Math.round(summary.added / (ms / 1000))}/s), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB ` +
      `(before the crawl ${Math.round(rssBefore / 1024)} MiB, includes this test's own unzip); ` +
      `second crawl ${second!.status} in ${Math.round(performance.now() - again)} ms`;
    console.info(metrics);
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  it('stores every amendment, with the outcomes counted from the raw archive', async () => {
    expect(summary).toMatchObject({ status: 'ok', failed: 0, added: raw.total });
    expect(raw.total).toBe(25_521);
    const rows = await tmp.db
      .selectFrom('amendement')
      .select(['sort', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('sort')
      .execute();
    expect(new Map(rows.map((r) => [r.sort, Number(r.n)]))).toEqual(raw.bySort);
  });

  it('counts, for 20 deputies, the amendments authored and co-signed as the raw archive does', async () => {
    const app = createApp({ db: tmp.db, config: { legislature: 17 } });
    const deputies = [...raw.authored.keys()]
      .sort()
      .filter((_, i) => i % 7 === 0)
      .slice(0, 20);
    expect(deputies).toHaveLength(20);
    for (const uid of deputies) {
      const count = async (q: string) =>
        (
          (await (await app.request(`/amendements.json?${q}=${uid}&per_page=1`)).json()) as {
            total: number;
          }
        ).total;
      expect(await count('auteur'), uid).toBe(raw.authored.get(uid) ?? 0);
      expect(await count('cosignataire'), uid).toBe(raw.cosigned.get(uid) ?? 0);
      // The figures stored at ingest, as /deputes/<uid>.json gives them.
      const res = await app.request(`/deputes/${uid}.json`);
      expect(res.status, uid).toBe(200);
      const { amendements } = (await res.json()) as { amendements: Record<string, number> };
      expect(amendements.deposes, uid).toBe(raw.authored.get(uid) ?? 0);
      expect(amendements.cosignes, uid).toBe(raw.cosigned.get(uid) ?? 0);
      expect(amendements.adoptes, uid).toBe(raw.adopted.get(uid) ?? 0);
    }
  });

  it('dumps one CSV row per raw amendment file, and reports the figures', async () => {
    const app = createApp({ db: tmp.db, config: { legislature: 17 } });
    let started = performance.now();
    const csv = await (await app.request('/exports/amendements.csv')).text();
    const dumpMs = performance.now() - started;
    const rows = csv.trim().split('\r\n').length - 1;
    // Some published fields hold line breaks (quoted in the CSV): count records, not lines.
    const records = Papa.parse<string[]>(csv.trim()).data.length - 1;
    expect(records).toBe(raw.total);
    started = performance.now();
    const pairs = await (await app.request('/exports/cosignatures.csv')).text();
    const pairsMs = performance.now() - started;
    started = performance.now();
    await tmp.db.transaction().execute((trx) => recomputeAmendementFigures(trx));
    const recomputeMs = performance.now() - started;
    const stats = await tmp.db
      .selectFrom('deputy_amendement_stats')
      .selectAll()
      .orderBy('filed', 'desc')
      .execute();
    const filed = stats.map((s) => s.filed).sort((a, b) => a - b);
    const q = (p: number) => filed[Math.min(filed.length - 1, Math.floor(p * filed.length))];
    const significant = stats.filter((s) => s.adoption_rate !== null && s.decided >= 10);
    const rates = significant.map((s) => s.adoption_rate!).sort((a, b) => a - b);
    const sum = (k: 'filed_rapporteur' | 'adopted_rapporteur' | 'withdrawn_unexamined') =>
      stats.reduce((t, s) => t + s[k], 0);
    console.info(
      `[amendements-real] figures: ${stats.length} acteurs with a row; filed quartiles ` +
        `${q(0.25)}/${q(0.5)}/${q(0.75)}, max ${filed.at(-1)}; ` +
        `top filers ${stats
          .slice(0, 5)
          .map(
            (s) =>
              `${s.acteur_uid} ${s.filed} (${s.adopted} adopted; rate ${s.rate_adopted} of ${s.decided})`,
          )
          .join(', ')}; ` +
        `${significant.length} significant adoption rates, median ${rates[Math.floor(rates.length / 2)]?.toFixed(3)} ` +
        `(out of the rates: ${sum('filed_rapporteur')} filed as rapporteur, ${sum('adopted_rapporteur')} of them adopted; ` +
        `${sum('withdrawn_unexamined')} withdrawn before examination); ` +
        `recompute ${Math.round(recomputeMs)} ms; /exports/amendements.csv ${records} rows ` +
        `(${rows} lines, ${Math.round(csv.length / 1024)} KiB) in ${Math.round(dumpMs)} ms; ` +
        `/exports/cosignatures.csv ${pairs.trim().split('\r\n').length - 1} pairs in ${Math.round(pairsMs)} ms`,
    );
  });
});
