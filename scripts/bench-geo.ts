// "Find my deputy" benchmark (`npm run bench -- geo`): the an and geo sources crawled from the
// loopback mirror of the fixtures into an empty database, then the app on loopback answering
// /recherche.json by postcode (Paris, Lyon, Marseille ones from Regards Citoyens' table, and
// ordinary ones from INSEE's) and by point (lat, lon), each with median and p95; against two
// bare baselines: a static file over the same loopback HTTP, and a point-in-polygon scan of
// every contour in memory (no SQL, no HTTP). Asserts no timing.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
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
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** A fixed pseudo-random sequence (LCG), so every run asks the same points. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function benchGeo(fixtures: string): Promise<void> {
  const mirror = await serveFolder(path.join(fixtures, 'mirror'));
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-geo-'));
  const config = loadConfig({
    DATABASE_PATH: path.join(dir, 'bench.sqlite'),
    SOURCES_MIRROR: mirror.url,
  });
  const db = openDatabase(config.databasePath);
  await migrateToLatest(db);
  console.log(`Geo benchmark on ${fixtures} (Node ${process.version})\n`);
  for (const source of ['an', 'geo']) {
    const start = performance.now();
    const [summary] = await runCrawl(db, config, { only: [source] });
    if (summary?.status !== 'ok') throw new Error(`${source} crawl failed: ${summary?.error}`);
    console.log(`  crawl ${source.padEnd(4)} ${ms(performance.now() - start)}`);
  }
  const server = await listen(createApp({ db, config }), 0);

  const plm = (
    await db.selectFrom('geo_postcode_circo').select('postcode').distinct().execute()
  ).map((r) => r.postcode);
  const plmSet = new Set(plm);
  const ordinary = (
    await db.selectFrom('geo_postcode').select('postcode').distinct().orderBy('postcode').execute()
  )
    .map((r) => r.postcode)
    .filter((p) => !plmSet.has(p))
    .filter((_, i) => i % 25 === 0);
  const contours = await db.selectFrom('geo_contour').selectAll().execute();
  const metropolitan = contours.filter((c) => c.departement_code.length === 2);
  const next = random(42);
  // Points drawn in metropolitan France's bounding box: land, sea and neighbouring countries.
  const [minLon, maxLon] = [-5.2, 9.6];
  const [minLat, maxLat] = [41.3, 51.1];
  const points = Array.from({ length: 300 }, () => [
    minLat + next() * (maxLat - minLat),
    minLon + next() * (maxLon - minLon),
  ]);

  const latency = async (label: string, paths: string[], rounds: number) => {
    for (const p of paths) await (await fetch(server.url + p)).arrayBuffer(); // warm-up
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const p of paths) {
        const start = performance.now();
        const res = await fetch(server.url + p);
        await res.arrayBuffer();
        times.push(performance.now() - start);
        if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
      }
    }
    const median = quantile(times, 0.5);
    console.log(
      `  ${label.padEnd(34)} median ${ms(median)}  p95 ${ms(quantile(times, 0.95))}  (${times.length} requests)`,
    );
    return median;
  };

  console.log('\n/recherche.json on loopback (sequential requests)');
  const bare = await latency('bare: GET /static/locate.js', ['/static/locate.js'], 200);
  const byPlm = await latency(
    `postcode, Paris/Lyon/Marseille (${plm.length})`,
    plm.map((p) => `/recherche.json?q=${p}`),
    5,
  );
  const byPostcode = await latency(
    `postcode, elsewhere (${ordinary.length})`,
    ordinary.map((p) => `/recherche.json?q=${p}`),
    1,
  );
  // Bare reference: every contour parsed once, then a linear point-in-polygon scan per point.
  const parsed = metropolitan.map((c) => JSON.parse(c.geometry) as Polygon | MultiPolygon);
  const scan: number[] = [];
  const landed = points.map(([lat, lon]) => {
    const start = performance.now();
    const hit = parsed.some((g) => booleanPointInPolygon([lon!, lat!], g));
    scan.push(performance.now() - start);
    return hit;
  });
  const url = ([lat, lon]: number[]) =>
    `/recherche.json?lat=${lat!.toFixed(4)}&lon=${lon!.toFixed(4)}`;
  const inside = points.filter((_, i) => landed[i]);
  const outside = points.filter((_, i) => !landed[i]);
  const byPoint = await latency(`point in a contour (${inside.length})`, inside.map(url), 2);
  await latency(`point in none: sea, abroad (${outside.length})`, outside.map(url), 2);
  console.log(
    `  ${'bare: in-memory scan of contours'.padEnd(34)} median ${ms(quantile(scan, 0.5))}  p95 ${ms(quantile(scan, 0.95))}  (${points.length} points)`,
  );
  console.log(
    `\n  ratios to the bare HTTP request: PLM postcode ×${(byPlm / bare).toFixed(1)}, postcode ×${(byPostcode / bare).toFixed(1)}, point ×${(byPoint / bare).toFixed(1)}`,
  );
  console.log(
    `  peak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (this process: crawl, app and client)`,
  );

  await server.close();
  await db.destroy();
  await mirror.close();
  rmSync(dir, { recursive: true, force: true });
}
