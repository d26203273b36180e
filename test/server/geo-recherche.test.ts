// The forgiving search on hand-written data: misspelt deputy names, départements by name and
// code, countries and cities abroad (geo_abroad_country rows written here in the table's shape).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { nameForms, nameThreshold, rankNames } from '../../db/queries/recherche-noms.ts';
import { readInseeWorkbook, readLaPoste } from '../../scrapers/geo/crawler.ts';
import { ingestGeo } from '../../scrapers/geo/ingest.ts';
import { createApp } from '../../server/app.tsx';
import { inseeWorkbook, laPosteBytes } from '../fixtures/geo/files.ts';
import { seededDatabase } from '../helpers/seed.ts';
import { syncStateStore } from '../../db/state/sync.ts';

// The seed's deputies in office: PA1 Alice Dupré 33-1, PA2 Bernard Martin 75-3, PA3 Éric
// Lefèvre 2A-1, PA4 Chloé <script>… 971-2, PA6 Fanny Noël 33-3; PA5 Denis Ancien left 33-2.
let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

const ABROAD_ROWS = [
  { code: 'BE', name: 'Belgique (la)', name_key: 'belgique', iso_a3: 'BEL', number: 4 },
  { code: 'MC', name: 'Monaco', name_key: 'monaco', iso_a3: 'MCO', number: 5 },
  { code: 'GB', name: 'Royaume-Uni', name_key: 'royaume uni', iso_a3: 'GBR', number: 3 },
  { code: 'US', name: 'États-Unis', name_key: 'etats unis', iso_a3: 'USA', number: 1 },
  { code: 'FR', name: 'France (la)', name_key: 'france', iso_a3: 'FRA', number: null },
  { code: 'GP', name: 'Guadeloupe', name_key: 'guadeloupe', iso_a3: 'GLP', number: null },
  { code: 'KP', name: 'Corée du Nord', name_key: 'coree du nord', iso_a3: 'PRK', number: null },
];

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  const insee = await readInseeWorkbook(Buffer.from(inseeWorkbook()));
  const laposte = readLaPoste(laPosteBytes());
  await db
    .transaction()
    .execute((trx) => ingestGeo(trx, { insee, laposte, rc: null, abroad: null, contours: null }));
  await db.insertInto('geo_abroad_country').values(ABROAD_ROWS).execute();
  // Three circonscriptions abroad, as the AN lists them.
  await db
    .insertInto('organe')
    .values(
      [1, 3, 4, 5, 8].map((n) => ({
        uid: `PO099${n}`,
        code_type: 'CIRCONSCRIPTION',
        label: `${n}e circonscription`,
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
        number: n,
      })),
    )
    .execute();
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

interface SearchJson {
  total: number;
  type: string;
  motif: string | null;
  vouliez_vous_dire: string | null;
  departement: string | null;
  pays: string | null;
  codes_postaux_commencant: { prefix: string; count: number; postcodes: string[] } | null;
  items: Record<string, string | number | boolean | null>[];
}

async function searchJson(q: string): Promise<SearchJson> {
  const res = await app.request(`/recherche.json?q=${encodeURIComponent(q)}`);
  expect(res.status, q).toBe(200);
  return (await res.json()) as SearchJson;
}
const field = (body: SearchJson, name: string) => body.items.map((i) => i[name]);

describe('misspelt deputy names', () => {
  it('forgives more edits for longer names', () => {
    expect([2, 3, 4, 5, 6, 9, 10, 20].map(nameThreshold)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('ranks by edits, whole names before single words, then by name', () => {
    const entries = [
      { uid: 'A', sort_name: 'Panot Mathilde', former: 0, ...nameForms('Mathilde', 'Panot') },
      { uid: 'B', sort_name: 'Pannier Paul', former: 0, ...nameForms('Paul', 'Pannier') },
      { uid: 'C', sort_name: 'Le Pen Marine', former: 0, ...nameForms('Marine', 'Le Pen') },
      { uid: 'D', sort_name: 'Vallaud Boris', former: 0, ...nameForms('Boris', 'Vallaud') },
    ];
    const hit = (uid: string, distance: number, former = false) => ({ uid, distance, former });
    expect(rankNames(entries, 'lepen', 5)).toEqual([hit('C', 0)]);
    expect(rankNames(entries, 'Marine Lepen', 5)).toEqual([hit('C', 0)]);
    expect(rankNames(entries, 'Lepen Marine', 5)).toEqual([hit('C', 0)]);
    expect(rankNames(entries, 'Mathilde Pannot', 5)).toEqual([hit('A', 1)]);
    expect(rankNames(entries, 'Boris Valaud', 5)).toEqual([hit('D', 1)]);
    expect(rankNames(entries, 'Pannot', 5)).toEqual([hit('A', 1)]);
    // One letter from "pannier", three from "panot" (beyond the two forgiven at six letters).
    expect(rankNames(entries, 'Panier', 5)).toEqual([hit('B', 1)]);
    const more = [
      ...entries,
      { uid: 'E', sort_name: 'Lepan Marie', former: 1, ...nameForms('Marie', 'Lepan') },
    ];
    // Eleven letters forgive three edits: in office first, then a former deputy.
    expect(rankNames(more, 'Marine Lepen', 5)).toEqual([hit('C', 0), hit('E', 2, true)]);
    expect(rankNames(more, 'Marie Lepan', 5)).toEqual([hit('C', 2), hit('E', 0, true)]);
    expect(rankNames(entries, 'Dupont', 5)).toEqual([]);
    expect(rankNames(entries, 'x', 5)).toEqual([]);
  });

  it('finds the deputy first, with "vouliez-vous dire", and no redirect', async () => {
    const cases: [string, string, string][] = [
      ['Alise Dupre', 'PA1', 'Alice Dupré'],
      ['Dupre Alice', 'PA1', 'Alice Dupré'],
      ['alicedupré', 'PA1', 'Alice Dupré'],
      ['Lefebvre', 'PA3', 'Éric Lefèvre'],
      ['Eric Lefevere', 'PA3', 'Éric Lefèvre'],
      ['Bernard Matrin', 'PA2', 'Bernard Martin'],
      ['Noel-Fanny', 'PA6', 'Fanny Noël'],
      ['Fany Noël', 'PA6', 'Fanny Noël'],
    ];
    for (const [q, uid, name] of cases) {
      const body = await searchJson(q);
      expect(body.items[0]?.uid, q).toBe(uid);
      expect(body.items[0]?.correspondance, q).toBe('depute');
      expect(typeof body.items[0]?.ecart, q).toBe('number');
      expect(body.vouliez_vous_dire, q).toBe(name);
      expect(body.motif, q).toContain('voici les noms les plus proches');
    }
    const res = await app.request('/recherche?q=Alise+Dupre');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Vouliez-vous dire :');
    expect(page).toContain('href="/deputes/PA1"');
    // While typing (htmx), the fragment offers the same name.
    const fragment = await (
      await app.request('/recherche?q=Alise+Dupre', { headers: { 'HX-Request': 'true' } })
    ).text();
    expect(fragment).toMatch(/^<div id="suggestions"/);
    expect(fragment).toContain('Vouliez-vous dire :');
    expect(fragment).toContain('Alice Dupré');
  });

  it('keeps exact names as they were: no suggestion, straight to the deputy', async () => {
    const body = await searchJson('Fanny Noël');
    expect(field(body, 'uid')).toEqual(['PA6']);
    expect(body.vouliez_vous_dire).toBeNull();
    expect(field(body, 'ecart')).toEqual([null]);
    const res = await app.request('/recherche?q=Fanny+Noel');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/deputes/PA6');
  });

  it('finds nobody far from every name, and former deputies as such', async () => {
    expect((await searchJson('Zyxwvut')).total).toBe(0);
    // PA5 left 33-2, now vacant: his last seat, no deputy in office, his uid apart.
    const body = await searchJson('Denis Ancian');
    expect(body.items[0]).toMatchObject({
      correspondance: 'depute',
      circonscription: '33-2',
      uid: null,
      ancien_depute_uid: 'PA5',
      ancien_depute: 'Denis Ancien',
      ecart: 1,
    });
    expect(body.vouliez_vous_dire).toBe('Denis Ancien');
    const page = await (await app.request('/recherche?q=Denis+Ancian')).text();
    expect(page).toContain('ancien député');
    expect(page).toContain('href="/deputes/PA5"');
  });

  it('rebuilds the name index when a crawl commits changed data', async () => {
    expect((await searchJson('Gaston Sansmandta')).total).toBe(0);
    await db
      .updateTable('acteur')
      .set({ in_office: 1, departement_code: '49', circo_number: 7 })
      .where('uid', '=', 'PA7')
      .execute();
    // Unchanged data version: the cached index still lacks him.
    expect((await searchJson('Gaston Sansmandta')).total).toBe(0);
    await db.transaction().execute((trx) =>
      syncStateStore(trx).changed(trx, 'an', 'https://example.test/amo.zip', {
        etag: null,
        lastModified: null,
        contentHash: 'x',
      }),
    );
    expect(field(await searchJson('Gaston Sansmandta'), 'uid')).toEqual(['PA7']);
  });
});

describe('départements', () => {
  it('lists a département’s circonscriptions by name, any spelling', async () => {
    for (const q of ['Gironde', 'gironde', 'GIRONDE ']) {
      const body = await searchJson(q);
      expect(body.type, q).toBe('departement');
      expect(body.departement, q).toBe('33');
      expect(field(body, 'circonscription'), q).toEqual(['33-1', '33-2', '33-3']);
      expect(new Set(field(body, 'correspondance')), q).toEqual(new Set(['departement']));
      expect(field(body, 'lieu'), q).toEqual(['Gironde', 'Gironde', 'Gironde']);
    }
    for (const q of ['Corse-du-Sud', 'corse du sud', 'Corsedusud', '2A', '2a']) {
      const body = await searchJson(q);
      expect(body.departement, q).toBe('2A');
      expect(field(body, 'circonscription'), q).toEqual(['2A-1', '2A-2']);
    }
  });

  it('answers a code with the département first and keeps the postcodes reachable', async () => {
    const body = await searchJson('33');
    expect(body.type).toBe('departement');
    expect(field(body, 'uid')).toEqual(['PA1', null, 'PA6']);
    // The fixture's postcodes starting with 33: 33000, 33800, 33330, 33220.
    expect(body.codes_postaux_commencant).toEqual({
      prefix: '33',
      count: 4,
      postcodes: ['33000', '33220', '33330', '33800'],
    });
    const page = await (await app.request('/recherche?q=33')).text();
    expect(page).toContain('href="/departements/33"');
    expect(page).toContain('href="/recherche?q=33220"');
    // Not a département: still a start of postcode.
    expect((await searchJson('20')).type).toBe('debut_code_postal');
  });

  it('answers a département of one circonscription', async () => {
    // Guadeloupe in the seed: 971-2 only (and 971-2 from INSEE's table).
    const body = await searchJson('Guadeloupe');
    expect(body.departement).toBe('971');
    expect(field(body, 'circonscription')).toEqual(['971-2']);
    expect(field(body, 'uid')).toEqual(['PA4']);
  });

  it('lists a commune of the same name after the département', async () => {
    // Paris the département and Paris the commune are one: listed once.
    const body = await searchJson('Paris');
    expect(body.type).toBe('departement');
    expect(field(body, 'circonscription')).toEqual(['75-1', '75-3']);
  });
});

describe('countries and cities abroad', () => {
  it('lists deputies bearing a place’s name after it', async () => {
    await db
      .insertInto('geo_abroad_country')
      .values({ code: 'IT', name: 'Italie (l’)', name_key: 'italie', iso_a3: 'ITA', number: 8 })
      .execute();
    // As an ingest would, a new data version (the indexes are rebuilt).
    await db.transaction().execute((trx) =>
      syncStateStore(trx).changed(
        trx,
        'geo:circo_etranger',
        'https://example.test/circo_etranger.csv',
        {
          etag: null,
          lastModified: null,
          contentHash: 'y',
        },
      ),
    );
    await db
      .updateTable('acteur')
      .set({ first_name: 'Florence', name_key: 'florence martin' })
      .where('uid', '=', 'PA2')
      .execute();
    try {
      const body = await searchJson('Florence');
      expect(body.type).toBe('pays');
      expect(body.pays).toBe('IT');
      expect(field(body, 'correspondance')).toEqual(['pays', 'depute']);
      expect(field(body, 'circonscription')).toEqual(['099-8', '75-3']);
      expect(field(body, 'uid')).toEqual([null, 'PA2']);
      expect(body.motif).toContain('« Florence » désigne aussi 1 député, listé après.');
    } finally {
      await db
        .updateTable('acteur')
        .set({ first_name: 'Bernard', name_key: 'bernard martin' })
        .where('uid', '=', 'PA2')
        .execute();
    }
  });

  it('gives the circonscription of French people abroad of a country or a big city', async () => {
    const cases: [string, string, string][] = [
      ['Belgique', '099-4', 'Belgique'],
      ['belgique', '099-4', 'Belgique'],
      ['Monaco', '099-5', 'Monaco'],
      ['Royaume-Uni', '099-3', 'Royaume-Uni'],
      ['Angleterre', '099-3', 'Royaume-Uni'],
      ['Etats Unis', '099-1', 'États-Unis'],
      ['Londres', '099-3', 'Londres (Royaume-Uni)'],
      ['new york', '099-1', 'New York (États-Unis)'],
      ['Bruxelles', '099-4', 'Bruxelles (Belgique)'],
    ];
    for (const [q, circo, lieu] of cases) {
      const body = await searchJson(q);
      expect(body.type, q).toBe('pays');
      expect(field(body, 'circonscription'), q).toEqual([circo]);
      expect(field(body, 'lieu'), q).toEqual([lieu]);
      expect(field(body, 'correspondance'), q).toEqual(['pays']);
    }
    const res = await app.request('/recherche?q=Londres');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/circonscriptions/099-3');
  });

  it('says why a country has no circonscription, and answers overseas with the département', async () => {
    const none = await searchJson('Corée du Nord');
    expect(field(none, 'circonscription')).toEqual([null]);
    expect(none.motif).toContain('ne rattache Corée du Nord à aucune circonscription');
    const page = await (await app.request('/recherche?q=Cor%C3%A9e+du+Nord')).text();
    expect(page).toContain('ne rattache Corée du Nord à aucune circonscription');
    expect(page).toContain('aucune connue');
    const france = await searchJson('France');
    expect(field(france, 'circonscription')).toEqual([null]);
    expect(france.motif).toContain('En France, cherchez votre code postal');
    const guadeloupe = await searchJson('Guadeloupe');
    expect(guadeloupe.departement).toBe('971');
    expect(guadeloupe.pays).toBe('GP');
  });

  it('exports the same answers as CSV', async () => {
    const csv = await (await app.request('/recherche.csv?q=Londres')).text();
    expect(csv.split('\n')[0]).toContain('ecart');
    expect(csv).toContain('Londres (Royaume-Uni)');
    expect(csv).toContain('099-3');
  });
});
