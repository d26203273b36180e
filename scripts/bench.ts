// Benchmarks on the real files of ../shared/fixtures (or BENCH_FIXTURES), served on loopback:
// prints medians, p95 and throughputs. Not a test: nothing here asserts a duration.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { serveFolder } from './static-server.ts';

const fixtures = path.resolve(process.env.BENCH_FIXTURES ?? '../shared/fixtures');
if (!existsSync(path.join(fixtures, 'mirror'))) {
  console.error(`No real data at ${fixtures}/mirror: set BENCH_FIXTURES to the shared fixtures folder.`);
  process.exit(2);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

const mirror = await serveFolder(path.join(fixtures, 'mirror'));
const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-'));
const config = loadConfig({ DATABASE_PATH: path.join(dir, 'bench.sqlite'), SOURCES_MIRROR: mirror.url });
const db = openDatabase(config.databasePath);
await migrateToLatest(db);

console.log(`Benchmark on ${fixtures} (Node ${process.version})\n`);

// 1. Referential: full crawl (download over loopback, unzip, parse, ingest) into an empty
// database, then crawls of an unchanged file.
const ingestRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  await db.deleteFrom('sync_state').execute();
  const [t, [summary]] = await timed(() => runCrawl(db, config, { only: ['an'] }));
  if (summary?.status !== 'ok') throw new Error(`crawl failed: ${summary?.error}`);
  ingestRuns.push(t);
}
const unchangedRuns: number[] = [];
for (let i = 0; i < 5; i++) unchangedRuns.push((await timed(() => runCrawl(db, config, { only: ['an'] })))[0]);
const countOf = async (table: 'acteur' | 'organe' | 'mandat') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
console.log(
  `Referential (AMO40: ${await countOf('acteur')} acteurs, ${await countOf('organe')} organes, ${await countOf('mandat')} mandats)`,
);
console.log(`  full crawl + ingest     median ${ms(quantile(ingestRuns, 0.5))}  (5 runs, min ${ms(Math.min(...ingestRuns))})`);
console.log(`  unchanged re-crawl      median ${ms(quantile(unchangedRuns, 0.5))}  (conditional GET → 304)`);

// 2. Pages and exports over loopback HTTP.
const server = await listen(createApp({ db, config }), 0, '127.0.0.1');
async function latency(label: string, paths: string[], rounds: number) {
  for (const p of paths) await (await fetch(server.url + p)).arrayBuffer(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of paths) {
      const [t, res] = await timed(() => fetch(server.url + p));
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
      times.push(t);
    }
  }
  console.log(`  ${label.padEnd(24)} median ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}  (${times.length} requests)`);
}
console.log('\nPages (sequential requests on loopback)');
await latency('/deputes with filters', [
  '/deputes?groupe=RN&profession=avocat',
  '/deputes?sexe=F&age_min=30&age_max=50',
  '/deputes?departement=75&tri=age',
  '/deputes?categorie=Professions%20lib%C3%A9rales&en_exercice=tous',
  '/deputes?nom=martin',
], 40);
await latency('/deputes (htmx fragment)', ['/deputes?groupe=EPR'], 100);
await latency('/deputes/<uid>', ['/deputes/PA721908', '/deputes/PA1008'], 100);
await latency('/groupes/RN', ['/groupes/RN'], 100);

const csvRuns: { t: number; rows: number }[] = [];
for (let i = 0; i < 20; i++) {
  const [t, text] = await timed(async () => (await fetch(`${server.url}/deputes.csv?en_exercice=tous`)).text());
  csvRuns.push({ t, rows: text.trim().split('\r\n').length - 1 });
}
const csvMedian = quantile(csvRuns.map((r) => r.t), 0.5);
const rows = csvRuns[0]!.rows;
console.log('\nExports');
console.log(`  /deputes.csv (all ${rows} rows)  median ${ms(csvMedian)}  → ${Math.round(rows / (csvMedian / 1000)).toLocaleString('en')} rows/s`);

// 3. Geography: crawl of both files (download, xlsx and CSV parse, join, ingest), then
// "find my deputy" lookups over HTTP.
const geoRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  await db.deleteFrom('sync_state').where('source', 'like', 'geo%').execute();
  const [t, [summary]] = await timed(() => runCrawl(db, config, { only: ['geo'] }));
  if (summary?.status !== 'ok') throw new Error(`geo crawl failed: ${summary?.error}`);
  geoRuns.push(t);
}
const geoUnchanged: number[] = [];
for (let i = 0; i < 3; i++) geoUnchanged.push((await timed(() => runCrawl(db, config, { only: ['geo'] })))[0]);
console.log('\nGeography (INSEE circonscriptions xlsx + La Poste postcodes CSV)');
console.log(`  full crawl + join        median ${ms(quantile(geoRuns, 0.5))}  (3 runs, min ${ms(Math.min(...geoRuns))})`);
console.log(`  unchanged re-crawl       median ${ms(quantile(geoUnchanged, 0.5))}  (two conditional GETs → 304)`);
const lookup = (queries: string[]) => queries.map((q) => `/recherche.json?q=${encodeURIComponent(q)}`);
await latency('lookup: postcode', lookup(['33000', '75015', '01400', '51300', '97600', '13008']), 50);
await latency('lookup: commune name', lookup(['Saint-Émilion', 'st etienne', 'bordeaux', 'Ste Foy les Lyon', 'marseille 8e']), 50);
await latency('lookup: deputy name', lookup(['guedj', 'Valérie Létard', 'martin']), 50);
await latency('lookup: typing (htmx)', ['/recherche?q=sai', '/recherche?q=330', '/recherche?q=bor'], 50);
await latency('/circonscriptions/<id>', ['/circonscriptions/75-1', '/circonscriptions/33-4', '/circonscriptions/099-5'], 50);
await latency('/circonscriptions', ['/circonscriptions'], 30);

await server.close();
await mirror.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
