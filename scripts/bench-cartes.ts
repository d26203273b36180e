// Maps benchmark (part of `npm run bench -- geo`): the referential and the geography crawled
// from a loopback mirror of the real files into an empty database, then the rendering time of
// the France map, a département and a locator, cold (a new renderer: contours read, projected
// and coloured) and cached (the same renderer, same data version), and the page latency of `/`
// and `/circonscriptions`. The bare reference: d3-geo's own geoPath over the same contours
// (projection and path strings only). Asserts no timing.
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geoPath } from 'd3-geo';
import { loadConfig } from '../config.ts';
import { contours } from '../db/queries/cartes.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp } from '../server/app.tsx';
import { MapRenderer } from '../server/records/cartes.tsx';
import { listen } from '../server/listen.ts';
import type { MapSpec } from '../views/cartes/carte.tsx';
import { lambert93, rewound } from '../views/cartes/dessin.ts';
import { serveFolder } from './static-server.ts';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const stats = (values: number[]) =>
  `median ${quantile(values, 0.5).toFixed(2)} ms, p95 ${quantile(values, 0.95).toFixed(2)} ms (n=${values.length})`;

async function timed(n: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** Runs the maps benchmark over `fixtures/mirror` and prints its figures. */
export async function benchCartes(fixtures: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-cartes-'));
  const dbFile = path.join(dir, 'bench.sqlite');
  const mirror = await serveFolder(path.join(fixtures, 'mirror'));
  const db = openDatabase(dbFile);
  try {
    await migrateToLatest(db);
    const config = loadConfig({
      DATABASE_PATH: dbFile,
      SOURCES_MIRROR: mirror.url,
      CRAWLEE_STORAGE_DIR: path.join(dir, 'crawlee'),
    });
    const crawlStart = performance.now();
    for (const summary of await runCrawl(db, config, { only: ['an', 'geo'] })) {
      if (summary.status === 'failed') throw new Error(`${summary.source}: ${summary.error}`);
    }
    const stored = await contours(db);
    console.log(
      `maps: crawled an + geo in ${((performance.now() - crawlStart) / 1000).toFixed(1)} s; ${stored.length} contours`,
    );

    const specs: [string, MapSpec][] = [
      ['France', { kind: 'france' }],
      ['group (France, one group highlighted)', { kind: 'groupe', group: 'RN' }],
      ['département (33)', { kind: 'departement', departement: '33' }],
      ['locator (33-4)', { kind: 'locator', departement: '33', number: 4 }],
    ];
    for (const [label, spec] of specs) {
      const cold = await timed(10, () => new MapRenderer(db, config.legislature).render(spec));
      const renderer = new MapRenderer(db, config.legislature);
      const html = String(await renderer.render(spec));
      const cached = await timed(200, () => renderer.render(spec));
      console.log(`maps: ${label}: cold ${stats(cold)}; cached ${stats(cached)}`);
      console.log(
        `maps: ${label}: ${(html.length / 1024).toFixed(0)} KiB of HTML, ${(gzipSync(html).length / 1024).toFixed(0)} KiB gzipped`,
      );
    }

    // Bare reference: d3-geo's geoPath (1 decimal) over the same contours, nothing else.
    const bare = await timed(10, async () => {
      const projection = lambert93().fitExtent(
        [
          [10, 10],
          [730, 790],
        ],
        {
          type: 'FeatureCollection',
          features: stored.map((c) => ({
            type: 'Feature',
            properties: null,
            geometry: c.geometry,
          })),
        },
      );
      const draw = geoPath(projection).digits(1);
      for (const c of stored) draw(rewound(c.geometry));
    });
    console.log(`maps: bare reference (d3 geoPath over the contours): ${stats(bare)}`);

    const server = await listen(createApp({ db, config }), 0, '127.0.0.1');
    try {
      for (const page of ['/', '/circonscriptions', '/departements/33', '/circonscriptions/33-4']) {
        const fetchPage = async () => {
          const res = await fetch(server.url + page);
          if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
          await res.arrayBuffer();
        };
        const [first] = await timed(1, fetchPage);
        const warm = await timed(50, fetchPage);
        console.log(`maps: page ${page}: first ${first!.toFixed(1)} ms; then ${stats(warm)}`);
      }
    } finally {
      await server.close();
    }
  } finally {
    await db.destroy();
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
