import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { readInseeWorkbook, readLaPoste } from '../../scrapers/geo/crawler.ts';
import { ingestGeo } from '../../scrapers/geo/ingest.ts';
import { parseContours } from '../../scrapers/geo/parse-contours.ts';
import { parseRcCirconscriptions, parseRcEtranger } from '../../scrapers/geo/parse-rc.ts';
import { createApp } from '../../server/app.tsx';
import {
  CIRCO_COLUMNS,
  INSEE_COLUMNS,
  POSTCODE_COLUMNS,
  SEARCH_COLUMNS,
} from '../../server/records/geo.ts';
import {
  ETRANGER_TEXT,
  INSEE_ROWS,
  RC_TEXT,
  contoursText,
  inseeWorkbook,
  laPosteBytes,
} from '../fixtures/geo/files.ts';
import { seededDatabase } from '../helpers/seed.ts';

// The seed's deputies in office: PA1 33-1, PA2 75-3, PA3 2A-1, PA4 971-2, PA6 33-3;
// PA5 held 33-2 until January 2025.
let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  const insee = await readInseeWorkbook(Buffer.from(inseeWorkbook()));
  const laposte = readLaPoste(laPosteBytes());
  const rc = parseRcCirconscriptions(RC_TEXT);
  const abroad = parseRcEtranger(ETRANGER_TEXT);
  const contours = parseContours(contoursText());
  await db.transaction().execute((trx) => ingestGeo(trx, { insee, laposte, rc, abroad, contours }));
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

interface SearchJson {
  total: number;
  type: string;
  motif: string | null;
  items: Record<string, string | number | boolean | null>[];
}

async function searchJson(q: string): Promise<SearchJson> {
  const res = await app.request(`/recherche.json?q=${encodeURIComponent(q)}`);
  expect(res.status, q).toBe(200);
  return (await res.json()) as SearchJson;
}

const field = (body: SearchJson, name: string) => body.items.map((i) => i[name]);

describe('/recherche', () => {
  it('answers a postcode of a single-circonscription commune with its deputy', async () => {
    const body = await searchJson('33330');
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      correspondance: 'code_postal',
      lieu: 'Saint-Émilion',
      code_commune: '33394',
      circonscription: '33-3',
      uid: 'PA6',
      groupe: 'BBB',
      entier: true,
    });
    expect(body.motif).toBeNull();
    // Without JavaScript the form lands on the deputy's page.
    const res = await app.request('/recherche?q=33330');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/deputes/PA6');
    // While typing (htmx), a fragment names the deputy.
    const fragment = await (
      await app.request('/recherche?q=33330', { headers: { 'HX-Request': 'true' } })
    ).text();
    expect(fragment).toMatch(/^<div id="suggestions"/);
    expect(fragment).toContain('Votre députée');
    expect(fragment).toContain('href="/deputes/PA6"');
    expect(fragment).not.toContain('<html');
  });

  it('answers a Paris postcode with the circonscriptions Regards Citoyens lists for it', async () => {
    const body = await searchJson('75015');
    expect(field(body, 'circonscription')).toEqual(['75-1', '75-3']);
    expect(field(body, 'uid')).toEqual([null, 'PA2']);
    expect(field(body, 'lieu')).toEqual(['Paris 15e arrondissement', 'Paris 15e arrondissement']);
    expect(field(body, 'base')).toEqual(['regards_citoyens', 'regards_citoyens']);
    expect(field(body, 'entier')).toEqual([false, false]);
    expect(body.motif).toBe(
      'D’après la table de Regards Citoyens (NosDéputés), le 75015 est couvert par les 1re et 3e circonscriptions de Paris.',
    );
    const page = await (await app.request('/recherche?q=75015')).text();
    expect(page).toContain('Paris – 1re circonscription');
    expect(page).toContain('siège vacant');
    expect(page).toContain('Bernard Martin');
    expect(page).toContain('une partie de ce code postal');
    expect(page).toContain('D’après la table de Regards Citoyens (NosDéputés), le 75015');

    // 75001 lies in one circonscription only: the deputy, with the table that said so.
    const single = await searchJson('75001');
    expect(single.items).toEqual([
      expect.objectContaining({
        circonscription: '75-3',
        uid: 'PA2',
        base: 'regards_citoyens',
        entier: true,
      }),
    ]);
    expect(single.motif).toBe(
      'D’après la table de Regards Citoyens (NosDéputés), le 75001 est couvert par la 3e circonscription de Paris.',
    );
    const res = await app.request('/recherche?q=75001');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/deputes/PA2');

    // An arrondissement found by name: the circonscriptions of its postcodes.
    const named = await searchJson('Paris 15e');
    expect(field(named, 'circonscription')).toEqual(['75-1', '75-3']);
    expect(field(named, 'base')).toEqual(['regards_citoyens', 'regards_citoyens']);
    expect(named.motif).toContain('Paris 15e arrondissement (75015) est couvert par les 1re et 3e');
  });

  it('keeps the whole city for a Paris postcode the table does not list, saying so', async () => {
    const body = await searchJson('75116');
    expect(field(body, 'circonscription')).toEqual(['75-1', '75-3']);
    expect(field(body, 'base')).toEqual(['ville', 'ville']);
    expect(body.motif).toBe(
      'La table de Regards Citoyens (NosDéputés) ne range le 75116 dans aucune circonscription, et celle de l’INSEE décrit Paris en entier, partagée entre 2 circonscriptions : voici toutes celles de la ville.',
    );
    const page = await (await app.request('/recherche?q=75116')).text();
    expect(page).toContain('une partie de la ville');
  });

  it('lists the communes a postcode serves, across circonscriptions', async () => {
    const body = await searchJson('33220');
    expect(field(body, 'lieu')).toEqual(['Pineuilh', 'Sainte-Foy-la-Grande']);
    expect(field(body, 'circonscription')).toEqual(['33-2', '33-3']);
    expect(field(body, 'localites')).toEqual(['La Châtaigneraie', null]);
    expect(body.motif).toBe(
      'Le code postal 33220 dessert 2 communes, réparties entre 2 circonscriptions.',
    );
    // 33-2 is vacant: its former deputy is not shown as in office.
    expect(field(body, 'uid')).toEqual([null, 'PA6']);
  });

  it('finds a commune whatever its case, accents, hyphens or "St"', async () => {
    for (const q of ['Saint-Émilion', 'saint emilion', 'ST EMILION', 'st-émilion', 'St Émilion']) {
      const body = await searchJson(q);
      expect(field(body, 'code_commune'), q).toEqual(['33394']);
      expect(body.items[0]!.correspondance).toBe('commune');
    }
    expect(field(await searchJson('ste foy la grande'), 'code_commune')).toEqual(['33402']);
    expect(field(await searchJson('Sainte-Foy'), 'code_commune')).toEqual(['33402']);
  });

  it('explains a commune split between circonscriptions', async () => {
    const body = await searchJson('bordeaux');
    expect(field(body, 'circonscription')).toEqual(['33-1', '33-2']);
    expect(field(body, 'entier')).toEqual([false, false]);
    expect(body.motif).toBe(
      'Bordeaux est partagée entre 2 circonscriptions ; la table de l’INSEE ne dit pas quelle partie de la commune relève de chacune.',
    );
    const page = await (await app.request('/recherche?q=bordeaux')).text();
    expect(page).toContain('une partie de la commune');
  });

  it('finds a deputy by name with or without accents', async () => {
    for (const q of ['Noël', 'noel', 'Fanny NOEL']) {
      const body = await searchJson(q);
      expect(field(body, 'uid'), q).toEqual(['PA6']);
      expect(body.items[0]!.correspondance).toBe('depute');
    }
    expect(field(await searchJson('lefevre'), 'uid')).toEqual(['PA3']);
    // A former deputy is not "my deputy": found by name, flagged as former, their last seat's
    // current deputy (none here) as uid; the page also offers the full search.
    const former = await searchJson('Ancien');
    expect(field(former, 'ancien_depute_uid')).toEqual(['PA5']);
    expect(field(former, 'uid')).toEqual([null]);
    const page = await (await app.request('/recherche?q=Ancien')).text();
    expect(page).toContain('/deputes?nom=Ancien&amp;en_exercice=tous');
  });

  it('handles places without circonscription, abroad and overseas', async () => {
    const meuse = await searchJson('Beaumont-en-Verdunois');
    expect(field(meuse, 'circonscription')).toEqual([null]);
    expect(meuse.motif).toContain('n’est rattachée à aucune circonscription');
    const monaco = await searchJson('98000');
    expect(monaco.motif).toContain('hors de France');
    expect(await (await app.request('/recherche?q=98000')).text()).toContain(
      '/circonscriptions?departement=099',
    );
    // Ajaccio's postcodes, Corsica: both circonscriptions of Corse-du-Sud.
    expect(field(await searchJson('20090'), 'circonscription')).toEqual(['2A-1', '2A-2']);
    // Guadeloupe: a three-character département.
    expect(field(await searchJson('97139'), 'uid')).toEqual(['PA4']);
  });

  it('goes to a circonscription by its identifier, even when vacant', async () => {
    expect(field(await searchJson('33-3'), 'uid')).toEqual(['PA6']);
    const res = await app.request('/recherche?q=33-2');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/circonscriptions/33-2');
  });

  it('suggests postcodes from their first digits without jumping to an answer', async () => {
    const body = await searchJson('332');
    expect(body.type).toBe('debut_code_postal');
    expect(field(body, 'code_postal')).toEqual(['33220', '33220']);
    expect((await app.request('/recherche?q=3333')).status).toBe(200);
  });

  it('keeps hostile input harmless', async () => {
    const page = await (
      await app.request(`/recherche?q=${encodeURIComponent('<script>x</script>')}`)
    ).text();
    expect(page).not.toContain('<script>x');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    for (const q of ["' or 1=1 --", '%', '_', '\\', '""']) {
      const res = await app.request(`/recherche.json?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect((await app.request(`/recherche.json?q=${'a'.repeat(201)}`)).status).toBe(400);
    expect((await app.request('/recherche')).status).toBe(200);
  });

  it('exports the answers in CSV with the documented columns', async () => {
    const csv = await (await app.request('/recherche.csv?q=75116')).text();
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual(SEARCH_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(3);
  });
});

describe('/recherche?lat=…&lon=… (where I am)', () => {
  const point = (lat: number | string, lon: number | string, ext = '.json') =>
    app.request(`/recherche${ext}?lat=${encodeURIComponent(lat)}&lon=${encodeURIComponent(lon)}`);
  const pointJson = async (lat: number, lon: number) => {
    const res = await point(lat, lon);
    expect(res.status, `${lat},${lon}`).toBe(200);
    return (await res.json()) as SearchJson;
  };

  it('answers a point well inside a contour with its deputy', async () => {
    // The middle of 33-1's square: about 3.9 km from its nearest edge.
    const body = await pointJson(44.85, -0.6);
    expect(body.type).toBe('position');
    expect(body.items).toEqual([
      expect.objectContaining({
        correspondance: 'position',
        circonscription: '33-1',
        uid: 'PA1',
        dans_contour: true,
      }),
    ]);
    expect(Number(body.items[0]!.distance_bord_km)).toBeGreaterThan(3.5);
    expect(body.motif).toBeNull();
    const res = await point(44.85, -0.6, '');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/deputes/PA1');
    // Overseas, under the file's code ZA.
    expect(field(await pointJson(16.25, -61.55), 'circonscription')).toEqual(['971-2']);
  });

  it('offers the neighbour near a boundary, saying the contours are simplified', async () => {
    // 0.01° of longitude (about 0.8 km) west of the meridian 33-1 and 33-2 share.
    const body = await pointJson(44.85, -0.56);
    expect(field(body, 'circonscription')).toEqual(['33-1', '33-2']);
    expect(field(body, 'dans_contour')).toEqual([true, false]);
    expect(body.motif).toContain(
      'à moins de 2 km d’une limite, la circonscription n’est pas certaine',
    );
    expect(body.motif).toContain('1 circonscription voisine est aussi à moins de 2 km');
    const res = await point(44.85, -0.56, '');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('dans ce contour, à 0,79 km de sa limite');
    expect(page).toContain('Gironde – 2e circonscription');
  });

  it('gives the nearest contour within the distance, or says there is none', async () => {
    // 0.8 km west of 33-1, in no contour: the nearest, not a certain answer.
    const sea = await pointJson(44.85, -0.66);
    expect(field(sea, 'circonscription')).toEqual(['33-1']);
    expect(field(sea, 'dans_contour')).toEqual([false]);
    expect(sea.motif).toContain('Ce point n’est dans aucun contour');
    expect((await point(44.85, -0.66, '')).status).toBe(200);
    const nowhere = await pointJson(0, 0);
    expect(nowhere.total).toBe(0);
    expect(nowhere.motif).toContain('Aucune circonscription ici');
    const page = await (await point(0, 0, '')).text();
    expect(page).toContain('href="/recherche?q=Belgique"');
    expect(page).toContain('href="/circonscriptions?departement=099"');
  });

  it('refuses what is not a coordinate with a 400 in French, never a 500', async () => {
    const cases: [string, string][] = [
      ['abc', '2.35'],
      ['91', '2.35'],
      ['48.85', '-180.5'],
      ['1e5', '2'],
      ['NaN', '2'],
      ["' or 1=1 --", '2'],
      ['48.85', '<script>'],
      ['4'.repeat(300), '2'],
    ];
    for (const [lat, lon] of cases) {
      for (const ext of ['', '.json', '.csv']) {
        const res = await point(lat, lon, ext);
        expect(res.status, `${lat},${lon}${ext}`).toBe(400);
      }
    }
    const body = await (await point('91', '2', '')).text();
    expect(body).toContain('latitude comprise entre -90 et 90');
    const alone = await app.request('/recherche.json?lat=48.85');
    expect(alone.status).toBe(400);
    expect(await alone.text()).toContain('lat et lon vont ensemble');
    // A comma as decimal separator, and a repeated parameter keeps its first value.
    expect((await app.request('/recherche.json?lat=44,85&lon=-0,6&lat=9')).status).toBe(200);
  });

  it('exports a point search in CSV with the documented columns', async () => {
    const csv = await (await point(44.85, -0.56, '.csv')).text();
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual(SEARCH_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(3);
  });

  it('serves the "me localiser" script and a hidden button on the search forms', async () => {
    const script = await app.request('/static/locate.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const text = await script.text();
    expect(text).toContain('getCurrentPosition');
    expect(text).toContain("'/recherche?lat=' + lat + '&lon=' + lon");
    for (const path of ['/', '/recherche']) {
      const page = await (await app.request(path)).text();
      expect(page, path).toMatch(/<button type="button" class="locate" data-locate="" hidden/);
      expect(page, path).toContain('<script src="/static/locate.js" defer=""></script>');
    }
  });
});

describe('/sources and /methodologie', () => {
  it('lists the five files of the geo source, with their licences', async () => {
    const page = await (await app.request('/sources')).text();
    for (const name of [
      'circo_composition.xlsx',
      'laposte-hexasmal/raw',
      'circo_insee_2012.csv',
      'circo_etranger.csv',
      'france-circonscriptions-legislatives-2012.json',
    ])
      expect(page, name).toContain(name);
    expect(page).toContain('Open Database License (ODbL) 1.0');
  });

  it('explains which table answers and the near-boundary rule', async () => {
    const page = await (await app.request('/methodologie')).text();
    expect(page).toContain('id="geo-recherche"');
    expect(page).toContain('id="geo-position"');
    expect(page).toContain('à moins de 2 km d’une limite');
  });
});

describe('/circonscriptions', () => {
  it('lists every circonscription with one deputy in office or vacant', async () => {
    const res = await app.request('/circonscriptions.json');
    const body = (await res.json()) as SearchJson;
    // Independent count: the fixture's circonscription codes (the seed's seats are among them).
    const expected = new Set(
      INSEE_ROWS.filter((r) => r[6]).map((r) => {
        const code = String(r[6]);
        const m = /^(97\d)(\d\d)$/.exec(code) ?? /^(\w\w)(\d{3})$/.exec(code)!;
        return `${m[1]}-${Number(m[2])}`;
      }),
    );
    expect(body.total).toBe(expected.size);
    expect(new Set(field(body, 'circonscription'))).toEqual(expected);
    const seats: Record<string, string> = {
      '33-1': 'PA1',
      '75-3': 'PA2',
      '2A-1': 'PA3',
      '971-2': 'PA4',
      '33-3': 'PA6',
    };
    for (const item of body.items) {
      const id = String(item.circonscription);
      expect(item.depute_uid, id).toBe(seats[id] ?? null);
      expect(item.vacante, id).toBe(!(id in seats));
    }
    const csv = await (await app.request('/circonscriptions.csv')).text();
    expect(csv.split('\r\n')[0]).toBe(CIRCO_COLUMNS.map((c) => c.name).join(','));
    const page = await (await app.request('/circonscriptions')).text();
    expect(page).toContain('9 circonscriptions, dont 4 sièges vacants');
    const gironde = (await (
      await app.request('/circonscriptions.json?departement=33')
    ).json()) as SearchJson;
    expect(field(gironde, 'circonscription')).toEqual(['33-1', '33-2', '33-3']);
    expect((await app.request('/circonscriptions.json?departement=xyz')).status).toBe(400);
  });

  it('shows a circonscription: deputy, communes, postcodes', async () => {
    const page = await (await app.request('/circonscriptions/33-3')).text();
    expect(page).toContain('<h1>Gironde – 3e circonscription</h1>');
    expect(page).toContain('href="/deputes/PA6"');
    expect(page).toContain('Saint-Émilion');
    expect(page).toContain('Sainte-Foy-la-Grande');
    expect(page).toContain('2 communes, dont 2 entières');
    const json = (await (await app.request('/circonscriptions/33-3.json')).json()) as {
      depute: { uid: string };
      communes: { code_commune: string; entiere: boolean }[];
      codes_postaux: { code_postal: string }[];
      licence: string;
    };
    expect(json.depute.uid).toBe('PA6');
    expect(json.communes.map((c) => c.code_commune)).toEqual(['33394', '33402']);
    expect(json.codes_postaux.map((c) => c.code_postal)).toEqual(['33220', '33330']);
    expect(json.licence).toContain('Licence Ouverte');
  });

  it('shows a vacant seat with its last holder', async () => {
    const page = await (await app.request('/circonscriptions/33-2')).text();
    expect(page).toContain('Siège vacant');
    expect(page).toContain('Denis Ancien');
    expect(page).toContain('31 janvier 2025');
    expect(page).toContain('Bordeaux');
    expect(page).toContain('en partie');
  });

  it('redirects padded or lower-case identifiers, 404s unknown ones', async () => {
    const res = await app.request('/circonscriptions/2a-01');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/circonscriptions/2A-1');
    expect((await app.request('/circonscriptions/33-9')).status).toBe(404);
    expect((await app.request('/circonscriptions/33-9.json')).status).toBe(404);
    expect((await app.request('/circonscriptions/abc')).status).toBe(404);
  });

  it('links each deputy page to its circonscription', async () => {
    const page = await (await app.request('/deputes/PA1')).text();
    expect(page).toContain('href="/circonscriptions/33-1"');
    expect(page).toContain('1re circonscription (Gironde, 33)');
  });
});

describe('correspondence tables and documentation', () => {
  it('exports INSEE’s table and the postcode join, with neutralised cells', async () => {
    const insee = Papa.parse<string[]>(
      (await (await app.request('/correspondances/communes-circonscriptions.csv')).text()).trim(),
    ).data;
    expect(insee[0]).toEqual(INSEE_COLUMNS.map((c) => c.name));
    expect(insee).toHaveLength(INSEE_ROWS.length + 1);
    const postcodes = Papa.parse<string[]>(
      (await (await app.request('/correspondances/codes-postaux.csv')).text()).trim(),
    ).data;
    expect(postcodes[0]).toEqual(POSTCODE_COLUMNS.map((c) => c.name));
    expect(postcodes.some((r) => r.includes("'=sum(1+1)"))).toBe(true); // the locality, title-cased, still neutralised
    const json = (await (
      await app.request('/correspondances/codes-postaux.json?departement=75&per_page=1&page=2')
    ).json()) as SearchJson & { page: number };
    // Paris: three arrondissement postcodes × two circonscriptions.
    expect(json.total).toBe(6);
    expect(json.items).toHaveLength(1);
    expect(json.page).toBe(2);
  });

  it('has the search box on the home page, usable without JavaScript', async () => {
    const page = await (await app.request('/')).text();
    expect(page).toContain('action="/recherche" method="get"');
    expect(page).toContain('name="q"');
    expect(page).toContain('hx-get="/recherche"');
  });

  it('documents the geo exports and their licences on /donnees', async () => {
    const page = await (await app.request('/donnees')).text();
    for (const column of [
      ...CIRCO_COLUMNS,
      ...SEARCH_COLUMNS,
      ...INSEE_COLUMNS,
      ...POSTCODE_COLUMNS,
    ])
      expect(page).toContain(`<code>${column.name}</code>`);
    expect(page).toContain('INSEE');
    expect(page).toContain('La Poste');
  });
});
