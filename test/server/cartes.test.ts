import { geoArea } from 'd3-geo';
import type { Polygon } from 'geojson';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { MapRenderer } from '../../server/records/cartes.tsx';
import { CIRCO_COLUMNS } from '../../server/records/geo.ts';
import { FADED } from '../../views/cartes/carte.tsx';
import {
  drawDepartement,
  drawFrance,
  drawLocator,
  lambert93,
  pathOf,
  rewound,
  type Contour,
} from '../../views/cartes/dessin.ts';
import { readInseeWorkbook, readLaPoste } from '../../scrapers/geo/crawler.ts';
import { ingestGeo } from '../../scrapers/geo/ingest.ts';
import { parseContours } from '../../scrapers/geo/parse-contours.ts';
import { inseeWorkbook, laPosteBytes } from '../fixtures/geo/files.ts';
import { seededDatabase } from '../helpers/seed.ts';
import { bumpDataVersion } from '../../db/state/data-version.ts';

/** A square of `size` degrees, its exterior ring clockwise (as d3-geo and the real file wind it). */
function square(lon: number, lat: number, size = 0.2): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon, lat + size],
        [lon + size, lat + size],
        [lon + size, lat],
        [lon, lat],
      ],
    ],
  };
}

// Hand-written contours in the table's shape: the seed's Gironde (33-1 to 33-3, 33-2 vacant),
// Paris 75-3 and 92-1 (no deputy in the seed), Corse-du-Sud 2A-1, Guadeloupe 971-2 and a
// circonscription of the Landes (40-1) beside Gironde, with no deputy.
const CONTOURS: Contour[] = [
  { departement_code: '33', number: 1, geometry: square(-0.8, 44.8) },
  { departement_code: '33', number: 2, geometry: square(-0.6, 44.8) },
  { departement_code: '33', number: 3, geometry: square(-0.4, 44.8) },
  { departement_code: '40', number: 1, geometry: square(-0.8, 44.6) },
  { departement_code: '75', number: 3, geometry: square(2.3, 48.85, 0.05) },
  { departement_code: '92', number: 1, geometry: square(2.2, 48.85, 0.05) },
  { departement_code: '2A', number: 1, geometry: square(8.8, 41.8) },
  { departement_code: '971', number: 2, geometry: square(-61.6, 16.1, 0.1) },
];

const AAA = '#2a7ab0';
const BBB = '#e3a33b';

describe('drawing', () => {
  it('rewinds a polygon wound the other way (its spherical area is nearly the whole sphere)', () => {
    const clockwise = square(-0.8, 44.8);
    const inverted: Polygon = {
      type: 'Polygon',
      coordinates: [[...clockwise.coordinates[0]!].reverse()],
    };
    expect(geoArea(inverted)).toBeGreaterThan(4 * Math.PI - 0.01);
    const fixed = rewound(inverted);
    expect(geoArea(fixed)).toBeCloseTo(geoArea(clockwise), 12);
    expect(rewound(clockwise)).toEqual(clockwise);
  });

  it('writes paths in tenths of a unit, relative, and drops points that round together', () => {
    const projection = lambert93().fitExtent(
      [
        [0, 0],
        [100, 100],
      ],
      square(0, 45, 1),
    );
    const d = pathOf(square(0, 45, 1), projection);
    expect(d).toMatch(/^M-?[\d.]+ -?[\d.]+l/);
    for (const n of d.match(/-?[\d.]+/g)!) expect(n).toMatch(/^-?\d*(\.\d)?$/);
    // Four corners, the closing point folded into `z`.
    expect(d.match(/z/g)).toHaveLength(1);
    expect(d.split('l')[1]!.match(/-?[\d.]+/g)).toHaveLength(6);
    // A square far smaller than a tenth of a unit still shows, as a dot.
    expect(pathOf(square(0.5, 45.5, 1e-6), projection)).toMatch(/a2 2 /);
  });

  it('links each circonscription once in the France map: Paris in its inset, overseas in theirs', () => {
    const drawing = drawFrance(CONTOURS);
    const linked = drawing.shapes
      .filter((s) => s.linked)
      .map((s) => `${s.departement_code}-${s.number}`);
    expect(linked.sort()).toEqual(CONTOURS.map((c) => `${c.departement_code}-${c.number}`).sort());
    // The petite couronne is also drawn, unlinked, in the metropolitan map.
    const context = drawing.shapes.filter((s) => !s.linked).map((s) => s.departement_code);
    expect(context.sort()).toEqual(['75', '92']);
    expect(drawing.frames.map((f) => f.label)).toEqual(['Paris et petite couronne', 'Guadeloupe']);
    expect(drawing.zoom).not.toBeNull();
  });

  it('draws a département alone, and a locator with its neighbours unlinked', () => {
    const dep = drawDepartement(CONTOURS, '33');
    expect(dep.shapes.map((s) => [s.number, s.linked])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    const locator = drawLocator(CONTOURS, '33');
    expect(locator.shapes.filter((s) => !s.linked).map((s) => s.departement_code)).toEqual(['40']);
    expect(locator.shapes.filter((s) => s.linked)).toHaveLength(3);
    // Overseas, no metropolitan neighbour is drawn.
    expect(drawLocator(CONTOURS, '971').shapes.map((s) => s.departement_code)).toEqual(['971']);
  });
});

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

/** Each map link of a page: its target, its title and its fill. */
function seats(html: string) {
  const found = [
    ...html.matchAll(
      /<a href="\/circonscriptions\/([^"]+)"[^>]*><title>([^<]*)<\/title><path d="[^"]+" fill="([^"]+)"/g,
    ),
  ];
  return found.map(([, id, title, fill]) => ({ id: id!, title: title!, fill: fill! }));
}

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  const insee = await readInseeWorkbook(Buffer.from(inseeWorkbook()));
  const laposte = readLaPoste(laPosteBytes());
  // The contours as the file publishes them (Guadeloupe under ZA), through the ingest.
  const contours = parseContours(
    JSON.stringify({
      type: 'FeatureCollection',
      features: CONTOURS.map((c) => ({
        type: 'Feature',
        properties: {
          code_dpt: c.departement_code === '971' ? 'ZA' : c.departement_code,
          num_circ: String(c.number),
        },
        geometry: c.geometry,
      })),
    }),
  );
  await db
    .transaction()
    .execute((trx) => ingestGeo(trx, { insee, laposte, rc: null, abroad: null, contours }));
  const groups = await db
    .selectFrom('organe')
    .select(['uid', 'abbreviation'])
    .where('code_type', '=', 'GP')
    .execute();
  for (const g of groups) {
    await db
      .updateTable('organe')
      .set({ color: g.abbreviation === 'AAA' ? AAA : BBB })
      .where('uid', '=', g.uid)
      .execute();
  }
  // The AN's first circonscription of French people abroad, as its organes list it.
  await db
    .insertInto('organe')
    .values({
      uid: 'PO099001',
      code_type: 'CIRCONSCRIPTION',
      label: '1re circonscription',
      short_label: null,
      abbreviation: null,
      start_date: null,
      end_date: null,
      legislature: 17,
      color: null,
      parent_uid: null,
      departement_code: '099',
      departement_name: 'Français établis hors de France',
      region: null,
      number: 1,
    })
    .execute();
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

describe('maps in the pages', () => {
  it('fills each seat of the home map with its deputy’s group colour and links it once', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const bySeat = Object.fromEntries(seats(html).map((s) => [s.id, s]));
    expect(seats(html)).toHaveLength(CONTOURS.length);
    // The seed: PA1 33-1 and PA2 75-3 in AAA, PA3 2A-1, PA4 971-2 and PA6 33-3 in BBB.
    expect(bySeat['33-1']?.fill).toBe(AAA);
    expect(bySeat['75-3']?.fill).toBe(AAA);
    expect(bySeat['33-3']?.fill).toBe(BBB);
    expect(bySeat['2A-1']?.fill).toBe(BBB);
    expect(bySeat['971-2']?.fill).toBe(BBB);
    expect(bySeat['33-2']?.fill).toBe('url(#vacant)');
    expect(bySeat['33-2']?.title).toBe('Gironde, 2e circonscription : siège vacant');
    expect(bySeat['33-1']?.title).toMatch(/^Gironde, 1re circonscription : .+ \(AAA\)$/);
    // PA4's last name is a script tag: escaped in its seat's title, never markup.
    expect(bySeat['971-2']?.title).toContain('Chloé &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    // Legend: the groups with their seats counted over the whole country, and the text list.
    expect(html).toMatch(/Légende/);
    expect(html).toContain('href="/circonscriptions">Liste des 577 circonscriptions');
  });

  it('highlights a group’s seats on its page, the others light grey', async () => {
    const html = await (await app.request('/groupes/AAA')).text();
    const fills = Object.fromEntries(seats(html).map((s) => [s.id, s.fill]));
    expect(fills['33-1']).toBe(AAA);
    expect(fills['75-3']).toBe(AAA);
    expect(fills['33-3']).toBe(FADED);
    expect(fills['33-2']).toBe(FADED);
  });

  it('locates a circonscription in its département, on its page and its deputy’s', async () => {
    for (const path of ['/circonscriptions/33-3', '/deputes/PA6']) {
      const html = await (await app.request(path)).text();
      expect(
        seats(html).map((s) => s.id),
        path,
      ).toEqual(['33-1', '33-2', '33-3']);
      expect(html, path).toContain('<a href="/circonscriptions/33-3" class="actuelle">');
      expect(html, path).toContain('class="contexte"');
    }
  });
});

describe('/departements', () => {
  it('shows a département: its map, circonscriptions and deputies', async () => {
    const res = await app.request('/departements/33');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Gironde');
    expect(seats(html).map((s) => s.id)).toEqual(['33-1', '33-2', '33-3']);
    expect(html).toContain('href="/deputes/PA1"');
    expect(html).toContain('siège vacant');
  });

  it('answers in CSV and JSON one row per circonscription, like /circonscriptions?departement=', async () => {
    const csv = await (await app.request('/departements/33.csv')).text();
    const same = await (await app.request('/circonscriptions.csv?departement=33')).text();
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(CIRCO_COLUMNS.map((c) => c.name));
    expect(parsed.slice(1).map((r) => r[0])).toEqual(['33-1', '33-2', '33-3']);
    expect(csv).toBe(same);
    const json = (await (await app.request('/departements/33.json')).json()) as {
      total: number;
      departement: string;
      items: { circonscription: string; depute_uid: string | null }[];
    };
    expect(json.total).toBe(3);
    expect(json.departement).toBe('33');
    expect(json.items.map((i) => [i.circonscription, i.depute_uid])).toEqual([
      ['33-1', 'PA1'],
      ['33-2', null],
      ['33-3', 'PA6'],
    ]);
  });

  it('takes the code as the AN writes it, and says so for an unknown one', async () => {
    const lower = await app.request('/departements/2a');
    expect(lower.status).toBe(301);
    expect(lower.headers.get('location')).toBe('/departements/2A');
    expect((await app.request('/departements/2A')).status).toBe(200);
    for (const bad of ['96', 'xx', '1', '%3Cscript%3E', '33.xml']) {
      const res = await app.request(`/departements/${bad}`);
      expect(res.status, bad).toBe(404);
      const text = await res.text();
      expect(text, bad).toContain('Département inconnu');
      expect(text, bad).not.toContain('<script>');
    }
  });

  it('lists the deputies abroad on /departements/099, without a map', async () => {
    const html = await (await app.request('/departements/099')).text();
    expect(html).toContain('<h1>Français établis hors de France');
    expect(html).toContain('href="/circonscriptions/099-1"');
    expect(html).not.toContain('<figure');
  });

  it('lists the départements with their counts', async () => {
    const json = (await (await app.request('/departements.json')).json()) as {
      total: number;
      items: { departement: string; circonscriptions: number; sieges_vacants: number }[];
    };
    const gironde = json.items.find((i) => i.departement === '33');
    expect(gironde).toMatchObject({ circonscriptions: 3, sieges_vacants: 1 });
    // The AN's order: 01…19, 2A, 2B, 21…95, overseas, and the deputies abroad last.
    const codes = json.items.map((i) => i.departement);
    expect(codes.indexOf('2A')).toBeLessThan(codes.indexOf('33'));
    expect(codes.indexOf('33')).toBeLessThan(codes.indexOf('971'));
    expect(codes.at(-1)).toBe('099');
  });
});

describe('map cache', () => {
  it('serves a map from cache until the data changes', async () => {
    const maps = new MapRenderer(db, 17);
    const first = await maps.render({ kind: 'france' });
    expect(first).not.toBeNull();
    expect(await maps.render({ kind: 'france' })).toBe(first);
    // An ingest that commits changed data bumps the data version: the map is drawn again.
    await db.transaction().execute((trx) => bumpDataVersion(trx));
    const again = await maps.render({ kind: 'france' });
    expect(again).not.toBe(first);
    expect(String(again)).toBe(String(first));
    // No contour for the deputies abroad: no map.
    expect(await maps.render({ kind: 'departement', departement: '099' })).toBeNull();
  });
});
