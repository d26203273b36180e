// Benchmarks on the real files of ../shared/fixtures (or BENCH_FIXTURES), served on loopback:
// prints medians, p95 and throughputs. Not a test: nothing here asserts a duration.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase, sqliteHandle } from '../db/database.ts';
import { sha256 } from '../scrapers/lib/download.ts';
import { ingestIndex, refreshDerived, refreshLinks } from '../scrapers/hatvp/ingest.ts';
import { parseDeclarations } from '../scrapers/hatvp/parse-declaration.ts';
import { parseIndex } from '../scrapers/hatvp/parse-index.ts';
import { runCrawl } from '../scrapers/run.ts';
import { anScrutins } from '../domain/sources.ts';
import { recomputeVoteFigures, storedVotes } from '../scrapers/lib/vote-figures.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { serveFolder } from './static-server.ts';
import { votesCrawlChild } from './bench-votes.ts';

// `npm run bench -- start`: command start time (needs no real data, only `npm run build`).
if (process.argv.slice(2).includes('start')) {
  const { benchStart } = await import('./bench-start.ts');
  await benchStart();
  process.exit(0);
}

const fixtures = path.resolve(process.env.BENCH_FIXTURES ?? '../shared/fixtures');
if (!existsSync(path.join(fixtures, 'mirror'))) {
  console.error(
    `No real data at ${fixtures}/mirror: set BENCH_FIXTURES to the shared fixtures folder.`,
  );
  process.exit(2);
}

// `npm run bench -- load`: only the load benchmark (autocannon, with and without a crawl).
if (process.argv.slice(2).includes('load')) {
  const { benchLoad } = await import('./bench-load.ts');
  await benchLoad(fixtures);
  process.exit(0);
}

// `npm run bench -- http`: the bulk dump uncompressed, gzip and brotli, and the page cache.
if (process.argv.slice(2).includes('http')) {
  const { benchHttp } = await import('./bench-http.ts');
  await benchHttp(fixtures);
  process.exit(0);
}

// `npm run bench -- agenda`: only the agenda benchmark (crawls in child processes).
if (process.argv.slice(2).includes('agenda')) {
  const { benchAgenda } = await import('./bench-agenda.ts');
  await benchAgenda(fixtures);
  process.exit(0);
}

// `npm run bench -- amendements`: only the amendments benchmark (crawls in child processes).
if (process.argv.slice(2).includes('amendements')) {
  const { benchAmendements } = await import('./bench-amendements.ts');
  await benchAmendements(fixtures);
  process.exit(0);
}

// `npm run bench -- lobbies`: only the register of lobbyists (crawls in child processes).
if (process.argv.slice(2).includes('lobbies')) {
  const { benchLobbies } = await import('./bench-lobbies.ts');
  await benchLobbies(fixtures);
  process.exit(0);
}

// `npm run bench -- geo`: "find my deputy" (postcode and point lookups, then the forgiving
// search: misspelt names, départements, countries), then the maps.
if (process.argv.slice(2).includes('geo')) {
  const { benchGeo } = await import('./bench-geo.ts');
  await benchGeo(fixtures);
  const { benchRecherche } = await import('./bench-recherche.ts');
  await benchRecherche(fixtures);
  const { benchCartes } = await import('./bench-cartes.ts');
  await benchCartes(fixtures);
  process.exit(0);
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
const config = loadConfig({
  DATABASE_PATH: path.join(dir, 'bench.sqlite'),
  SOURCES_MIRROR: mirror.url,
});
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
for (let i = 0; i < 5; i++)
  unchangedRuns.push((await timed(() => runCrawl(db, config, { only: ['an'] })))[0]);
const countOf = async (table: 'acteur' | 'organe' | 'mandat' | 'scrutin' | 'vote') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
console.log(
  `Referential (AMO40: ${await countOf('acteur')} acteurs, ${await countOf('organe')} organes, ${await countOf('mandat')} mandats)`,
);
console.log(
  `  full crawl + ingest     median ${ms(quantile(ingestRuns, 0.5))}  (5 runs, min ${ms(Math.min(...ingestRuns))})`,
);
console.log(
  `  unchanged re-crawl      median ${ms(quantile(unchangedRuns, 0.5))}  (conditional GET → 304)`,
);

// 2. Votes: full ingest of the scrutins archive against a bare reference doing the same
// work without the project's code: unzip, JSON.parse, the same rows (every column of
// scrutin, scrutin_group and vote, the content hash) inserted with prepared statements in one
// transaction, into the same schema with the same SQLite settings (openDatabase, migrations
// applied before the clock starts), so it maintains the same indexes.
const votesZip = readFileSync(
  path.join(
    fixtures,
    'mirror',
    new URL(anScrutins(config).url).host,
    new URL(anScrutins(config).url).pathname,
  ),
);
const list = (x: unknown): any[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
const count = (x: unknown) => (x == null ? null : Number(x));
async function reference(): Promise<{ ms: number; votes: number }> {
  const refDir = mkdtempSync(path.join(tmpdir(), 'tracker-ref-'));
  const refDb = openDatabase(path.join(refDir, 'ref.sqlite'));
  await migrateToLatest(refDb);
  const sqlite = sqliteHandle(refDb);
  const start = performance.now();
  const insert = (table: string, columns: string[]) =>
    sqlite.prepare(
      `insert or ignore into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
  const insScrutin = insert('scrutin', [
    'uid',
    'number',
    'legislature',
    'date',
    'session_ref',
    'sitting_ref',
    'type_code',
    'type_label',
    'majority_rule',
    'result_code',
    'result_label',
    'title',
    'object',
    'title_key',
    'requesters',
    'voters',
    'expressed',
    'required',
    'for_count',
    'against_count',
    'abstention_count',
    'non_voting_count',
    'voluntary_non_voting_count',
    'listed_for',
    'listed_against',
    'listed_abstention',
    'listed_non_voting',
    'counts_mismatch',
    'rebels',
    'content_hash',
  ]);
  const insGroup = insert('scrutin_group', [
    'scrutin_uid',
    'group_uid',
    'members',
    'position',
    'for_count',
    'against_count',
    'abstention_count',
    'non_voting_count',
    'agreement_index',
    'majority_position',
    'position_mismatch',
  ]);
  const insVote = insert('vote', [
    'scrutin_uid',
    'acteur_uid',
    'mandat_uid',
    'group_uid',
    'position',
    'cause',
    'delegation',
    'seat',
    'rebel',
    'rebel_published',
  ]);
  let votes = 0;
  const files = unzipSync(votesZip);
  const decoder = new TextDecoder();
  sqlite.transaction(() => {
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('.json')) continue;
      const s = JSON.parse(decoder.decode(bytes)).scrutin;
      const d = s.syntheseVote.decompte;
      const listed = [0, 0, 0, 0];
      for (const g of list(s.ventilationVotes?.organe?.groupes?.groupe)) {
        const v = g.vote.decompteVoix;
        insGroup.run(
          s.uid,
          g.organeRef,
          count(g.nombreMembresGroupe),
          g.vote.positionMajoritaire,
          count(v.pour),
          count(v.contre),
          count(v.abstentions),
          count(v.nonVotants),
          null,
          g.vote.positionMajoritaire,
          0,
        );
        const keys = ['pours', 'contres', 'abstentions', 'nonVotants'];
        const positions = ['pour', 'contre', 'abstention', 'nonVotant'];
        for (let k = 0; k < keys.length; k++) {
          for (const v of list(g.vote.decompteNominatif?.[keys[k]!]?.votant)) {
            insVote.run(
              s.uid,
              v.acteurRef,
              v.mandatRef ?? null,
              g.organeRef,
              positions[k],
              v.causePositionVote ?? null,
              v.parDelegation === 'true' ? 1 : 0,
              v.numPlace ?? null,
              0,
              0,
            );
            listed[k]!++;
            votes++;
          }
        }
      }
      insScrutin.run(
        s.uid,
        Number(s.numero),
        Number(s.legislature),
        s.dateScrutin,
        s.sessionRef ?? null,
        s.seanceRef ?? null,
        s.typeVote.codeTypeVote,
        s.typeVote.libelleTypeVote,
        s.typeVote.typeMajorite ?? null,
        s.sort.code,
        s.sort.libelle ?? null,
        s.titre,
        s.objet?.libelle ?? null,
        String(s.titre).toLowerCase(),
        null,
        count(s.syntheseVote.nombreVotants),
        count(s.syntheseVote.suffragesExprimes),
        count(s.syntheseVote.nbrSuffragesRequis),
        Number(d.pour),
        Number(d.contre),
        Number(d.abstentions),
        Number(d.nonVotants),
        count(d.nonVotantsVolontaires),
        listed[0],
        listed[1],
        listed[2],
        listed[3],
        null,
        0,
        sha256(bytes),
      );
    }
  })();
  const ms = performance.now() - start;
  await refDb.destroy();
  rmSync(refDir, { recursive: true, force: true });
  return { ms, votes };
}
const refRuns: number[] = [];
const oursRuns: number[] = [];
let refVotes = 0;
for (let i = 0; i < 3; i++) {
  const ref = await reference();
  refRuns.push(ref.ms);
  refVotes = ref.votes;
  for (const table of ['vote', 'scrutin_group', 'scrutin'] as const)
    await db.deleteFrom(table).execute();
  await db.deleteFrom('sync_state').where('source', '=', 'votes').execute();
  const [t, [summary]] = await timed(() => runCrawl(db, config, { only: ['votes'] }));
  if (summary?.status !== 'ok') throw new Error(`votes crawl failed: ${summary?.error}`);
  oursRuns.push(t);
}
const unchangedVotes: number[] = [];
for (let i = 0; i < 5; i++)
  unchangedVotes.push((await timed(() => runCrawl(db, config, { only: ['votes'] })))[0]);
// The derived figures as the full ingest computes them (from the votes it has just parsed)
// and as a referential change recomputes them (reading the stored votes back).
const stored = await storedVotes(db);
const recomputeRuns: number[] = [];
const rereadRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  const recompute = (votes?: typeof stored) =>
    db.transaction().execute((trx) => recomputeVoteFigures(trx, config.legislature, votes));
  recomputeRuns.push((await timed(() => recompute(stored)))[0]);
  rereadRuns.push((await timed(() => recompute()))[0]);
}
const oursMedian = quantile(oursRuns, 0.5);
const refMedian = quantile(refRuns, 0.5);
console.log(
  `\nVotes (${await countOf('scrutin')} scrutins, ${await countOf('vote')} votes; reference inserted ${refVotes})`,
);
console.log(
  `  full crawl + ingest     median ${ms(oursMedian)}  (download, unzip, parse, check, insert, derived figures; 3 runs)`,
);
console.log(
  `  bare reference          median ${ms(refMedian)}  (unzip, JSON.parse, hash, the same rows by prepared inserts, one transaction, same schema and settings)`,
);
console.log(`  ratio                   ${(oursMedian / refMedian).toFixed(2)} × the reference`);
const recomputeMedian = quantile(recomputeRuns, 0.5);
console.log(
  `  of which derived figures median ${ms(recomputeMedian)}  (${((100 * recomputeMedian) / oursMedian).toFixed(1)} % of the ingest: participation, loyalty, cohesion, proximity; the reference computes none: ${((oursMedian - recomputeMedian) / refMedian).toFixed(2)} × without them)`,
);
console.log(
  `  figures from stored votes median ${ms(quantile(rereadRuns, 0.5))}  (as after a referential change: the votes read back first)`,
);
console.log(
  `  unchanged re-crawl      median ${ms(quantile(unchangedVotes, 0.5))}  (conditional GET → 304)`,
);
const child = await votesCrawlChild(mirror.url, path.join(dir, 'votes-child.sqlite'));
console.log(
  `  in a process of its own ${ms(child.ms)}  ${child.added} scrutins, max RSS ${Math.round(child.maxRssMiB)} MiB  (the crawl alone, after the referential; ${(child.ms / refMedian).toFixed(2)} × the reference)`,
);

// 3. Pages and exports over loopback HTTP.
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
  console.log(
    `  ${label.padEnd(24)} median ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}  (${times.length} requests)`,
  );
}
// The meetings, so that /synthese and /agenda read real attendance and weeks of activity.
{
  const [summary] = await runCrawl(db, config, { only: ['agenda'] });
  if (summary?.status !== 'ok') throw new Error(`agenda crawl failed: ${summary?.error}`);
}
console.log('\nPages (sequential requests on loopback)');
await latency(
  '/deputes with filters',
  [
    '/deputes?groupe=RN&profession=avocat',
    '/deputes?sexe=F&age_min=30&age_max=50',
    '/deputes?departement=75&tri=age',
    '/deputes?categorie=Professions%20lib%C3%A9rales&en_exercice=tous',
    '/deputes?nom=martin',
  ],
  40,
);
await latency(
  '/deputes sorted by figures',
  [
    '/deputes?tri=loyaute&ordre=asc',
    '/deputes?groupe=RN&tri=participation&ordre=desc',
    '/deputes?sexe=F&tri=frondeurs&ordre=desc',
  ],
  40,
);
await latency(
  '/synthese',
  ['/synthese', '/synthese?fenetre=12_mois&tri=presence', '/synthese.json?groupe=RN&tri=semaines'],
  40,
);
await latency('/agenda', ['/agenda', '/agenda?du=2025-01-01&au=2025-01-31'], 40);
await latency('/groupes', ['/groupes'], 100);
await latency('/scrutins/<n> by group', ['/scrutins/2107', '/scrutins/2107?frondeurs=oui'], 40);
await latency('/deputes (htmx fragment)', ['/deputes?groupe=EPR'], 100);
await latency('/deputes/<uid>', ['/deputes/PA721908', '/deputes/PA1008'], 100);
await latency('/groupes/RN', ['/groupes/RN'], 100);
await latency('/deputes/<uid> with votes', ['/deputes/PA1008', '/deputes/PA721908'], 100);
await latency('/scrutins/<n>', ['/scrutins/100', '/scrutins/2999'], 50);

// Comparisons are computed per request (they depend on the visitor's input): two deputies
// who voted most (their votes cast joined scrutin by scrutin), a deputy and a group, and a
// 20-answer "vote comme moi" built from the 20 latest solemn scrutins of the data.
const busiest = await db
  .selectFrom('vote')
  .select((eb) => ['acteur_uid', eb.fn.countAll<number>().as('n')])
  .where('position', 'in', ['pour', 'contre', 'abstention'])
  .groupBy('acteur_uid')
  .orderBy('n', 'desc')
  .limit(2)
  .execute();
const largestGroup = await db
  .selectFrom('scrutin_group')
  .select((eb) => ['group_uid', eb.fn.countAll<number>().as('n')])
  .where('majority_position', 'is not', null)
  .groupBy('group_uid')
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const [first, second] = busiest.map((r) => r.acteur_uid);
await latency(
  '/comparer',
  [`/comparer?a=${first}&b=${second}`, `/comparer?a=${first}&b=${largestGroup.group_uid}`],
  50,
);
const solemn = await db
  .selectFrom('scrutin')
  .select('number')
  .where('type_code', '=', 'SPS')
  .orderBy('number', 'desc')
  .limit(20)
  .execute();
const answers = solemn
  .map((s, i) => `s${s.number}=${(['pour', 'contre', 'abstention'] as const)[i % 3]}`)
  .join('&');
await latency(`/vote-comme-moi (${solemn.length} answers)`, [`/vote-comme-moi?${answers}`], 50);

const csvRuns: { t: number; rows: number }[] = [];
for (let i = 0; i < 20; i++) {
  const [t, text] = await timed(async () =>
    (await fetch(`${server.url}/deputes.csv?en_exercice=tous`)).text(),
  );
  csvRuns.push({ t, rows: text.trim().split('\r\n').length - 1 });
}
const csvMedian = quantile(
  csvRuns.map((r) => r.t),
  0.5,
);
const rows = csvRuns[0]!.rows;
console.log('\nExports');
console.log(
  `  /deputes.csv (all ${rows} rows)  median ${ms(csvMedian)}  → ${Math.round(rows / (csvMedian / 1000)).toLocaleString('en')} rows/s`,
);

// The bulk export streams ~430,000 rows: measure throughput and the process's peak memory.
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const [exportMs, exportRows] = await timed(async () => {
  const res = await fetch(`${server.url}/exports/votes.csv`);
  let lines = 0;
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    lines += (decoder.decode(r.value, { stream: true }).match(/\n/g) ?? []).length;
  }
  return lines - 1;
});
clearInterval(sampler);
console.log(
  `  /exports/votes.csv (${exportRows} rows)  ${ms(exportMs)}  → ${Math.round(exportRows / (exportMs / 1000)).toLocaleString('en')} rows/s, peak RSS +${Math.round((peak - baseline) / 1048576)} MiB over ${Math.round(baseline / 1048576)} MiB`,
);

// The home page, requested one after the other while two clients download the bulk export.
{
  let dumping = 2;
  const dumps = [0, 1].map(async () => {
    const res = await fetch(`${server.url}/exports/votes.csv`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/exports/votes.csv: HTTP ${res.status}`);
    dumping--;
  });
  const times: number[] = [];
  while (dumping > 0) {
    const [t, res] = await timed(() => fetch(`${server.url}/`));
    await res.arrayBuffer();
    if (dumping > 0) times.push(t);
  }
  await Promise.all(dumps);
  console.log(
    `  / during 2 dumps         median ${ms(quantile(times, 0.5))}  p95 ${ms(quantile(times, 0.95))}  p99 ${ms(quantile(times, 0.99))}  (${times.length} requests while two clients download /exports/votes.csv)`,
  );
}

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
for (let i = 0; i < 3; i++)
  geoUnchanged.push((await timed(() => runCrawl(db, config, { only: ['geo'] })))[0]);
console.log('\nGeography (INSEE circonscriptions xlsx + La Poste postcodes CSV)');
console.log(
  `  full crawl + join        median ${ms(quantile(geoRuns, 0.5))}  (3 runs, min ${ms(Math.min(...geoRuns))})`,
);
console.log(
  `  unchanged re-crawl       median ${ms(quantile(geoUnchanged, 0.5))}  (two conditional GETs → 304)`,
);
const lookup = (queries: string[]) =>
  queries.map((q) => `/recherche.json?q=${encodeURIComponent(q)}`);
await latency(
  'lookup: postcode',
  lookup(['33000', '75015', '01400', '51300', '97600', '13008']),
  50,
);
await latency(
  'lookup: commune name',
  lookup(['Saint-Émilion', 'st etienne', 'bordeaux', 'Ste Foy les Lyon', 'marseille 8e']),
  50,
);
await latency('lookup: deputy name', lookup(['guedj', 'Valérie Létard', 'martin']), 50);
await latency(
  'lookup: typing (htmx)',
  ['/recherche?q=sai', '/recherche?q=330', '/recherche?q=bor'],
  50,
);
await latency(
  '/circonscriptions/<id>',
  ['/circonscriptions/75-1', '/circonscriptions/33-4', '/circonscriptions/099-5'],
  50,
);
await latency('/circonscriptions', ['/circonscriptions'], 30);

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
  const absent = Number(
    (
      await db
        .selectFrom('declaration')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('xml_status', '=', 'missing')
        .executeTakeFirstOrThrow()
    ).n,
  );
  console.log(
    `  full crawl + ingest     ${ms(crawlMs)}  (${hatvpRequests.length} requests: ${full!.fetched - 1 - absent} files read, ${absent} absent (404), ${full!.failed} failed; concurrency 8, no delay)`,
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

// 4. Change tracking: every source crawled into an empty database, then crawled again with
// nothing new; the second crawl must record no change and cost under a tenth of the first.
{
  const changesDb = openDatabase(path.join(dir, 'changes.sqlite'));
  await migrateToLatest(changesDb);
  const changesConfig = loadConfig({
    DATABASE_PATH: path.join(dir, 'changes.sqlite'),
    SOURCES_MIRROR: mirror.url,
    CRAWL_DELAY_MS: '0',
    CRAWL_CONCURRENCY: '8',
  });
  console.log('\nChange tracking: first crawl, then an unchanged second crawl (per source)');
  let firstTotal = 0;
  let secondTotal = 0;
  for (const source of ['an', 'votes', 'geo', 'hatvp']) {
    const [first, [a]] = await timed(() => runCrawl(changesDb, changesConfig, { only: [source] }));
    const [second, [b]] = await timed(() => runCrawl(changesDb, changesConfig, { only: [source] }));
    firstTotal += first;
    secondTotal += second;
    console.log(
      `  ${source.padEnd(6)} first ${ms(first).padStart(10)} (${a!.status}, ${a!.events} event)  second ${ms(second).padStart(9)} (${b!.status}, ${b!.events} events)  ratio ${(second / first).toFixed(3)}`,
    );
  }
  const logged = Number(
    (
      await changesDb
        .selectFrom('change_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  console.log(
    `  all    first ${ms(firstTotal)}  second ${ms(secondTotal)}  ratio ${(secondTotal / firstTotal).toFixed(3)}  (change log: ${logged} events, one initial import per source)`,
  );
  await changesDb.destroy();
}

await server.close();
await mirror.close();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
