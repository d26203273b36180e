// Benchmarks on the real files of ../shared/fixtures (or BENCH_FIXTURES), served on loopback:
// prints medians, p95 and throughputs. Not a test: nothing here asserts a duration.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { ingestIndex, refreshDerived, refreshLinks } from '../scrapers/hatvp/ingest.ts';
import { parseDeclarations } from '../scrapers/hatvp/parse-declaration.ts';
import { parseIndex } from '../scrapers/hatvp/parse-index.ts';
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

// 3. HATVP declarations: index ingest, parsing every declaration file of the mirror, a full
// crawl over loopback (most listed files are absent from the mirror: 404) and a re-crawl with
// nothing new; then the declarations pages and exports.
{
  const hatvpRequests: string[] = [];
  const hatvpMirror = await serveFolder(path.join(fixtures, 'mirror'), 0, (p) =>
    hatvpRequests.push(p),
  );
  const hatvpConfig = loadConfig({
    DATABASE_PATH: config.databasePath,
    SOURCES_MIRROR: hatvpMirror.url,
    CRAWL_DELAY_MS: '0',
    CRAWL_CONCURRENCY: '8',
  });
  const livraison = path.join(fixtures, 'mirror', 'www.hatvp.fr', 'livraison');
  const indexBytes = readFileSync(path.join(livraison, 'opendata', 'liste.csv'));
  const clear = async () => {
    const tables = ['declaration', 'declarant', 'deputy_interest', 'declaration_problem'] as const;
    for (const table of tables) await db.deleteFrom(table).execute();
    await db.deleteFrom('sync_state').where('source', '=', 'hatvp').execute();
  };
  console.log('\nHATVP declarations');
  const indexRuns: number[] = [];
  let lines = 0;
  for (let i = 0; i < 5; i++) {
    await clear();
    const [t] = await timed(() =>
      db.transaction().execute(async (trx) => {
        const index = parseIndex(indexBytes);
        lines = index.rows.length;
        await ingestIndex(trx, index);
        await refreshLinks(trx);
        await refreshDerived(trx);
      }),
    );
    indexRuns.push(t);
  }
  console.log(
    `  index ingest            median ${ms(quantile(indexRuns, 0.5))}  (${lines} lines: parse, write, link to acteurs; 5 runs)`,
  );
  const dossiers = path.join(livraison, 'dossiers');
  const files = readdirSync(dossiers).map((f) => readFileSync(path.join(dossiers, f)));
  const megabytes = files.reduce((n, f) => n + f.length, 0) / 1e6;
  const parseRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    parseRuns.push((await timed(async () => files.forEach((f) => parseDeclarations(f))))[0]);
  }
  const parseMedian = quantile(parseRuns, 0.5);
  console.log(
    `  parse every XML file    median ${ms(parseMedian)}  (${files.length} files, ${megabytes.toFixed(1)} MB → ${Math.round(files.length / (parseMedian / 1000))} files/s)`,
  );
  await clear();
  hatvpRequests.length = 0;
  const [crawlMs, [full]] = await timed(() => runCrawl(db, hatvpConfig, { only: ['hatvp'] }));
  console.log(
    `  full crawl + ingest     ${ms(crawlMs)}  (${hatvpRequests.length} requests: ${full!.fetched - 1 - full!.failed} files read, ${full!.failed} absent; concurrency 8, no delay)`,
  );
  const recrawlRuns: number[] = [];
  let recrawlRequests = 0;
  for (let i = 0; i < 5; i++) {
    const before = hatvpRequests.length;
    recrawlRuns.push((await timed(() => runCrawl(db, hatvpConfig, { only: ['hatvp'] })))[0]);
    recrawlRequests = hatvpRequests.length - before;
  }
  console.log(
    `  re-crawl, nothing new   median ${ms(quantile(recrawlRuns, 0.5))}  (${recrawlRequests} requests: robots.txt, index → 304; 5 runs)`,
  );
  await hatvpMirror.close();
  await latency(
    '/declarations searches',
    [
      '/declarations',
      '/declarations?q=conseil',
      '/declarations?rubrique=participation&groupe=RN',
      '/declarations?rubrique=conjoint&q=hopital&versions=toutes',
    ],
    20,
  );
  await latency(
    '/deputes HATVP filters',
    ['/deputes?participations=oui', '/deputes?profession=avocat&profession_hatvp=oui'],
    40,
  );
  await latency('/deputes/<uid> + HATVP', ['/deputes/PA793992'], 100);
  const [itemsMs, itemsCsv] = await timed(async () =>
    (await fetch(`${server.url}/declarations/items.csv?versions=toutes`)).text(),
  );
  const itemRows = itemsCsv.trim().split('\r\n').length - 1;
  console.log(
    `  /declarations/items.csv (all ${itemRows} rows)  ${ms(itemsMs)}  → ${Math.round(itemRows / (itemsMs / 1000)).toLocaleString('en')} rows/s`,
  );
}

await server.close();
await mirror.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
