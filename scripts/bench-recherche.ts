// Forgiving-search benchmark (part of `npm run bench -- geo`): crawls `an` and `geo` from the
// loopback mirror of the fixtures into an empty database, serves the app on loopback, then
// times /recherche.json lookups: misspelt names (one letter dropped from each deputy's last
// name), the same names spelt right (the bare baseline: SQL LIKE only), départements by name
// and code, countries. Also the first lookup after a data change (name index rebuilt).
// Asserts no timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { serveFolder } from './static-server.ts';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** Drops the middle letter of the last name: "Marine Le Pen" → "Marine Le Pn". */
const misspell = (first: string, last: string) => {
  const i = Math.floor(last.length / 2);
  return `${first} ${last.slice(0, i)}${last.slice(i + 1)}`;
};

export async function benchRecherche(fixtures: string): Promise<void> {
  const mirror = await serveFolder(path.join(fixtures, 'mirror'));
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-recherche-'));
  const dbFile = path.join(dir, 'bench.sqlite');
  const config = loadConfig({ DATABASE_PATH: dbFile, SOURCES_MIRROR: mirror.url });
  const db = openDatabase(dbFile);
  try {
    await migrateToLatest(db);
    for (const s of await runCrawl(db, config, { only: ['an', 'geo'] }))
      if (s.status === 'failed') throw new Error(`${s.source}: ${s.error}`);
    const deputies = await db
      .selectFrom('acteur')
      .select(['uid', 'first_name', 'last_name'])
      .where('in_office', '=', 1)
      .orderBy('uid')
      .execute();
    const server = await listen(createApp({ db, config }), 0, '127.0.0.1');
    const lookup = async (q: string) => {
      const start = performance.now();
      const res = await fetch(`${server.url}/recherche.json?q=${encodeURIComponent(q)}`);
      const body = (await res.json()) as { items: { uid: string | null }[] };
      if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status}`);
      return { ms: performance.now() - start, first: body.items[0]?.uid ?? null };
    };
    const run = async (label: string, queries: { q: string; uid?: string }[], note: string) => {
      for (const { q } of queries.slice(0, 20)) await lookup(q); // warm-up
      const times: number[] = [];
      let right = 0;
      for (const { q, uid } of queries) {
        const { ms, first } = await lookup(q);
        times.push(ms);
        if (uid && first === uid) right++;
      }
      const found = queries[0]?.uid ? `, right deputy first for ${right}/${queries.length}` : '';
      console.log(
        `  ${label.padEnd(26)} median ${quantile(times, 0.5).toFixed(1)} ms  p95 ${quantile(times, 0.95).toFixed(1)} ms  (${times.length} requests${found}; ${note})`,
      );
      return quantile(times, 0.5);
    };

    console.log(`\nForgiving search (${deputies.length} deputies in office)`);
    // The first lookup builds the name index.
    const cold = await lookup(misspell(deputies[0]!.first_name, deputies[0]!.last_name));
    console.log(`  first misspelt lookup      ${cold.ms.toFixed(1)} ms  (name index built)`);
    const misspelt = await run(
      'misspelt name',
      deputies.map((d) => ({ q: misspell(d.first_name, d.last_name), uid: d.uid })),
      'one letter dropped from the last name: LIKE misses, edit distance over the index',
    );
    const exact = await run(
      'exact name (baseline)',
      deputies.map((d) => ({ q: `${d.first_name} ${d.last_name}`, uid: d.uid })),
      'found by SQL LIKE, no edit distance',
    );
    console.log(
      `  ratio                      ${(misspelt / exact).toFixed(2)} × the exact-name lookup`,
    );
    await run(
      'département',
      ['Pas-de-Calais', '62', '2A', 'La Réunion', 'Gironde', '971', 'Bouches-du-Rhône', '13'].map(
        (q) => ({ q }),
      ),
      'by name and code, with the postcodes of the same digits',
    );
    await run(
      'country or city abroad',
      ['Belgique', 'Monaco', 'Royaume-Uni', 'Etats Unis', 'Londres', 'New York', 'Dakar'].map(
        (q) => ({ q }),
      ),
      'from circo_etranger.csv as the geo source ingests it',
    );
    await server.close();
  } finally {
    await db.destroy();
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
