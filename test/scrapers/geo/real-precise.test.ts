// Real-data suite for the finer answers of "find my deputy": crawls the AN referential and the
// geo source from ../shared/fixtures/mirror (served on loopback), then checks every Paris, Lyon
// and Marseille postcode against Regards Citoyens' raw table and every metropolitan
// circonscription against a point inside its raw contour, both read here without the
// project's parsers. Skipped, saying so, when the fixtures are absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pointToPolygonDistance from '@turf/point-to-polygon-distance';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEAR_BOUNDARY_KM } from '../../../db/queries/geo-point.ts';
import { createApp } from '../../../server/app.tsx';
import { crawledSite, type CrawledSite } from '../../helpers/crawl.ts';

const mirrorDir = path.resolve('../shared/fixtures/mirror');
const present = existsSync(mirrorDir);
if (!present) console.log(`geo precise real-data suite skipped: no ${mirrorDir}`);

const RC_FILE = path.join(
  mirrorDir,
  'raw.githubusercontent.com/regardscitoyens/nosdeputes.fr/master/batch/depute/static/circo_insee_2012.csv',
);
const CONTOURS_FILE = path.join(
  mirrorDir,
  'static.data.gouv.fr/resources/carte-des-circonscriptions-legislatives-2012-et-2017/20170721-135742/france-circonscriptions-legislatives-2012.json',
);

/** postcode → circonscriptions ("75-13") of Paris, Lyon and Marseille, from the raw lines. */
function plmPostcodes(): Map<string, Set<string>> {
  const byPostcode = new Map<string, Set<string>>();
  for (const line of readFileSync(RC_FILE, 'utf8').split('\n')) {
    const [commune, dep, , circo, postcodes] = line.split(';');
    const city = `${dep}${commune}`;
    if (city !== '75056' && city !== '69123' && city !== '13055') continue;
    for (const postcode of postcodes!.trim().split(/\s+/)) {
      const set = byPostcode.get(postcode) ?? new Set<string>();
      set.add(`${dep}-${Number(circo)}`);
      byPostcode.set(postcode, set);
    }
  }
  return byPostcode;
}

const LAPOSTE_FILE = path.join(
  mirrorDir,
  'datanova.laposte.fr/data-fair/api/v1/datasets/laposte-hexasmal/raw',
);

/** La Poste's postcodes of the arrondissements of Paris, Lyon and Marseille → the arrondissement's code. */
function plmLaPoste(): Map<string, string> {
  const arrondissements = new Map<string, string>();
  for (const line of new TextDecoder('latin1').decode(readFileSync(LAPOSTE_FILE)).split('\n')) {
    const [code, , postcode] = line.split(';');
    const n = Number(code);
    if ((n >= 75101 && n <= 75120) || (n >= 69381 && n <= 69389) || (n >= 13201 && n <= 13216))
      arrondissements.set(postcode!, code!);
  }
  return arrondissements;
}

/** Ray casting over every ring (holes included): true inside. */
function inside([x, y]: Position, rings: Position[][]): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) odd = !odd;
    }
  }
  return odd;
}

/** Shoelace area of a polygon's outer ring, in square degrees. */
const area = (rings: Position[][]) =>
  Math.abs(
    rings[0]!.reduce((sum, [x, y], i, ring) => {
      const [nx, ny] = ring[(i + 1) % ring.length]!;
      return sum + x! * ny! - nx! * y!;
    }, 0) / 2,
  );

/**
 * A pole of inaccessibility of the largest polygon, computed with longitudes scaled by the
 * cosine of the latitude so that the distance polylabel maximises is close to a true one.
 */
function interiorPoint(geometry: Polygon | MultiPolygon): Position {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((a, b) => (area(b) > area(a) ? b : a));
  const lat0 = largest[0]!.reduce((s, p) => s + p[1]!, 0) / largest[0]!.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const scaled = largest.map((ring) => ring.map(([x, y]) => [x! * k, y!] as [number, number]));
  const [x, y] = polylabel(scaled, 0.00005);
  return [x / k, y];
}

let site: CrawledSite | undefined;
let app: ReturnType<typeof createApp>;

interface Json {
  total: number;
  motif: string | null;
  items: Record<string, string | number | boolean | null>[];
}
const get = async (url: string): Promise<Json> => {
  const res = await app.request(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as Json;
};

describe.skipIf(!present)('Paris, Lyon, Marseille postcodes and points, on the real files', () => {
  beforeAll(async () => {
    site = await crawledSite(['an', 'geo'], 'tracker-geo-precise-');
    app = site.app;
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  it('gives every Paris, Lyon and Marseille postcode exactly the circonscriptions the table lists', async () => {
    const expected = plmPostcodes();
    // Paris's 20, Lyon's 8 listed (69005 is not) and Marseille's 16.
    expect([...expected.keys()].filter((p) => p.startsWith('75'))).toHaveLength(20);
    expect([...expected.keys()].filter((p) => p.startsWith('69'))).toHaveLength(8);
    expect([...expected.keys()].filter((p) => p.startsWith('13'))).toHaveLength(16);
    let single = 0;
    for (const [postcode, circos] of expected) {
      const body = await get(`/recherche.json?q=${postcode}`);
      const found = new Set(body.items.map((i) => String(i.circonscription)));
      expect([...found].sort(), postcode).toEqual([...circos].sort());
      expect(new Set(body.items.map((i) => i.base)), postcode).toEqual(
        new Set(['regards_citoyens']),
      );
      expect(body.motif, postcode).toContain('D’après la table de Regards Citoyens (NosDéputés)');
      if (circos.size === 1) single++;
    }
    // 75001 was 18 circonscriptions with INSEE's table alone.
    expect(expected.get('75001')).toEqual(new Set(['75-1']));
    expect((await get('/recherche.json?q=75001')).total).toBe(1);
    console.log(
      `geo precise: ${expected.size} PLM postcodes checked, ${single} with a single circonscription`,
    );
  });

  it('answers the postcodes the table does not list from the arrondissement, else the whole city', async () => {
    const table = plmPostcodes();
    const laPoste = plmLaPoste();
    const unlisted = [...laPoste.keys()].filter((p) => !table.has(p)).sort();
    expect(unlisted).toEqual(['69005', '75116']);
    const union = (postcodes: string[]) =>
      [...new Set(postcodes.flatMap((p) => [...(table.get(p) ?? [])]))].sort();
    for (const postcode of unlisted) {
      const arrondissement = laPoste.get(postcode)!;
      const siblings = [...laPoste]
        .filter(([p, a]) => a === arrondissement && table.has(p))
        .map(([p]) => p);
      const body = await get(`/recherche.json?q=${postcode}`);
      const found = [...new Set(body.items.map((i) => String(i.circonscription)))].sort();
      if (siblings.length > 0) {
        // 75116 and 75016 both serve the 16e: the table's answer for 75016.
        expect(found, postcode).toEqual(union(siblings));
        expect(new Set(body.items.map((i) => i.base)), postcode).toEqual(
          new Set(['regards_citoyens']),
        );
        expect(body.motif, postcode).toContain(`ne cite pas le ${postcode}`);
      } else {
        // 69005, alone in its arrondissement: every circonscription of the city, which the
        // table spreads over the city's other postcodes.
        const city = [...table.keys()].filter((p) => p.slice(0, 2) === postcode.slice(0, 2));
        expect(found, postcode).toEqual(union(city));
        expect(new Set(body.items.map((i) => i.base)), postcode).toEqual(new Set(['ville']));
      }
    }
  });

  it('resolves a point inside each metropolitan contour to its circonscription first', async () => {
    const collection = JSON.parse(readFileSync(CONTOURS_FILE, 'utf8')) as {
      features: Feature<Polygon | MultiPolygon, { code_dpt: string; num_circ: string }>[];
    };
    const metropolitan = collection.features.filter((f) =>
      /^(?:\d{2}|2[AB])$/.test(f.properties.code_dpt),
    );
    expect(metropolitan).toHaveLength(539);
    let alone = 0;
    const nearEdge: string[] = [];
    for (const f of metropolitan) {
      const id = `${f.properties.code_dpt}-${Number(f.properties.num_circ)}`;
      const point = interiorPoint(f.geometry);
      const polygons =
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      expect(
        polygons.some((rings) => inside(point, rings)),
        id,
      ).toBe(true);
      const toEdge = Math.abs(pointToPolygonDistance(point, f.geometry, { units: 'kilometers' }));
      const body = await get(`/recherche.json?lat=${point[1]}&lon=${point[0]}`);
      expect(body.items[0]?.circonscription, id).toBe(id);
      expect(body.items[0]?.dans_contour, id).toBe(true);
      if (toEdge > NEAR_BOUNDARY_KM) {
        // Farther than the near-boundary distance from its edge: the one answer.
        expect(
          body.items.map((i) => i.circonscription),
          id,
        ).toEqual([id]);
        alone++;
      } else {
        // A contour too small to hold such a point: its neighbours are offered, each closer
        // than the near-boundary distance, and the reason says so.
        nearEdge.push(`${id} (${toEdge.toFixed(2)} km)`);
        for (const other of body.items.slice(1)) {
          expect(other.dans_contour, id).toBe(false);
          expect(Number(other.distance_bord_km), id).toBeLessThanOrEqual(NEAR_BOUNDARY_KM);
        }
        if (body.items.length > 1) expect(body.motif, id).toContain('contours sont simplifiés');
      }
    }
    console.log(
      `geo precise: ${metropolitan.length} contours, ${alone} answered alone; ${nearEdge.length} whose most interior point is within ${NEAR_BOUNDARY_KM} km of the edge: ${nearEdge.join(', ')}`,
    );
  }, 120_000);
});
