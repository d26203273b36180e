import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import {
  DECLARATION_COLUMNS,
  ITEM_COLUMNS,
  PROBLEM_COLUMNS,
  UNLINKED_COLUMNS,
} from '../../server/records/declarations.ts';
import { tempDatabase } from '../helpers/db.ts';
import { seededWithDeclarations } from '../helpers/seed-hatvp.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededWithDeclarations());
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const ALICE_DIA = 'dupre-alice-dia90001-depute-33';
const ALICE_DIAM = 'dupre-alice-diam90002-depute-33';
const MARTIN = 'martin-bernard-dia90003-depute-75';
const NOEL = 'noel-fanny-dia90005-depute-33';

type List = { total: number; items: Record<string, unknown>[]; [key: string]: unknown };

async function json(path: string): Promise<List> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as List;
}

async function html(path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  return res.text();
}

async function csv(path: string) {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  return Papa.parse<string[]>((await res.text()).trim(), { newline: '\r\n' }).data;
}

const ids = (list: List, key = 'id') => list.items.map((i) => i[key]).sort();

// Items per fixture file, counted by hand: Alice's DIA 10, her DIAM 10, Martin 2, Noël 1.
describe('/declarations search across items', () => {
  it('counts the items of the declarations in force, and of every version on request', async () => {
    expect(await html('/declarations')).toContain(
      '13 éléments dans 3 déclarations de 3 déclarants',
    );
    expect(await html('/declarations?versions=toutes')).toContain(
      '23 éléments dans 4 déclarations de 3 déclarants',
    );
    expect((await json('/declarations/items.json')).total).toBe(13);
    expect((await json('/declarations/items.json?versions=toutes')).total).toBe(23);
  });

  it('finds a company, a spouse’s employer, a consulting activity, whatever the accents', async () => {
    const bank = await json('/declarations/items.json?rubrique=participation&q=societe%20generale');
    expect(bank.items.map((i) => [i.declaration, i.organisme, i.valeur])).toEqual([
      [ALICE_DIAM, 'Société Générale', 15000],
    ]);
    expect(
      (
        await json(
          '/declarations/items.json?q=SOCI%C3%89T%C3%89+G%C3%89N%C3%89RALE&versions=toutes',
        )
      ).total,
    ).toBe(2);
    const spouse = await json('/declarations/items.json?rubrique=conjoint&q=hopital');
    expect(
      spouse.items.map((i) => [i.nom, i.organisme, i.description, i.personne, i.donnees_masquees]),
    ).toEqual([['DUPRÉ', 'Hôpital Saint-André', 'Infirmier', null, true]]);
    const consulting = await json('/declarations/items.json?rubrique=consultant');
    expect(consulting.items.map((i) => [i.nom, i.organisme])).toEqual([
      ['DUPRÉ', 'Cabinet Conseil Alpha'],
      ['MARTIN', 'Presse régionale'],
    ]);
  });

  it('filters by declarant type, group and deputy, and combines them', async () => {
    expect((await json('/declarations/items.json?type_mandat=depute')).total).toBe(13);
    expect((await json('/declarations/items.json?type_mandat=senateur')).total).toBe(0);
    expect((await json('/declarations/items.json?groupe=AAA')).total).toBe(12);
    expect((await json('/declarations/items.json?groupe=bbb')).total).toBe(1);
    expect((await json('/declarations/items.json?groupe=AAA&rubrique=consultant')).total).toBe(2);
    expect((await json('/declarations/items.json?depute=PA2')).total).toBe(2);
    expect(
      (await json('/declarations/items.json?depute=PA1&versions=toutes&rubrique=participation'))
        .total,
    ).toBe(3);
  });

  it('shows per-section counts for the search, ignoring the section filter', async () => {
    const page = await html('/declarations?q=conseil&rubrique=mandat');
    // "conseil" is in Alice's consulting activity, her municipal mandate, her collaborator's
    // employer (Conseil régional) and her observation, in the DIAM.
    expect(page).toContain('Activités de consultant (1)');
    expect(page).toContain('Fonctions et mandats électifs (1)');
    expect(page).toContain('Collaborateurs parlementaires et leurs autres activités (1)');
    expect(page).toContain('Observations (1)');
    expect(page).toContain('1 élément dans 1 déclaration de 1 déclarant');
  });

  it('answers an htmx request with the results fragment only', async () => {
    const res = await app.request('/declarations?rubrique=consultant', {
      headers: { 'HX-Request': 'true' },
    });
    expect(res.headers.get('vary')).toBe('Accept-Encoding, HX-Request');
    const body = await res.text();
    expect(body.startsWith('<div id="resultats"')).toBe(true);
    expect(body).not.toContain('<html');
    expect(body).toContain('Cabinet Conseil Alpha');
  });

  it('escapes scraped text and links the exports with the same query string', async () => {
    const page = await html('/declarations?versions=toutes&rubrique=benevole');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Club');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('href="/declarations/items.csv?rubrique=benevole&amp;versions=toutes"');
    expect(page).toContain('href="/declarations.json?rubrique=benevole&amp;versions=toutes"');
  });
});

describe('exports', () => {
  it('/declarations.json: the index, with source, licence and paging', async () => {
    const body = await json('/declarations.json?versions=toutes');
    expect(body.total).toBe(9);
    expect(body).toMatchObject({
      page: 1,
      per_page: 100,
      licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
      source:
        'Haute Autorité pour la transparence de la vie publique – https://www.hatvp.fr/livraison/opendata/liste.csv',
    });
    expect(Object.keys(body.items[0]!)).toEqual(DECLARATION_COLUMNS.map((c) => c.name));
    // In force by default: Alice's DIA is replaced by her DIAM.
    const current = await json('/declarations.json');
    expect(current.total).toBe(8);
    expect(ids(current)).not.toContain(ALICE_DIA);
    expect(ids(await json('/declarations.json?depute=PA1&versions=toutes'))).toEqual([
      'dupre-alice-di90000-commune-bordeaux',
      ALICE_DIA,
      ALICE_DIAM,
      'dupre-alice-dsp90007-depute-33',
    ]);
    expect(ids(await json('/declarations.json?q=journaliste'))).toEqual([MARTIN]);
    const page2 = await json('/declarations.json?versions=toutes&per_page=4&page=3');
    expect(page2.items).toHaveLength(1);
  });

  it('/declarations.csv: documented columns, one line per declaration', async () => {
    const rows = await csv('/declarations.csv?versions=toutes');
    expect(rows[0]).toEqual(DECLARATION_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(10);
    const diam = rows.find((r) => r[0] === ALICE_DIAM)!;
    const col = (name: string) => diam[DECLARATION_COLUMNS.findIndex((c) => c.name === name)];
    expect([
      col('depute_uid'),
      col('liaison'),
      col('en_vigueur'),
      col('etat_xml'),
      col('elements'),
    ]).toEqual(['PA1', 'id_origine', 'true', 'ok', '10']);
    expect(col('url_pdf')).toBe(`https://www.hatvp.fr/livraison/dossiers/${ALICE_DIAM}.pdf`);
  });

  it('/declarations/items.csv: documented columns, yearly amounts, neutralised formulas', async () => {
    const rows = await csv('/declarations/items.csv?depute=PA1&versions=toutes');
    expect(rows[0]).toEqual(ITEM_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(21);
    const col = (row: string[], name: string) =>
      row[ITEM_COLUMNS.findIndex((c) => c.name === name)];
    const hostile = rows.find((r) => col(r, 'organisme')?.includes('HYPERLINK'))!;
    expect(col(hostile, 'organisme')).toBe(`'=HYPERLINK("http://evil.example")`);
    const lawyer = rows.find(
      (r) =>
        col(r, 'organisme') === 'Cabinet Dupré & Associés' && col(r, 'declaration') === ALICE_DIA,
    )!;
    expect(col(lawyer, 'montants')).toBe('2019: 52300 | 2020: 48100 | 2021: 61250 | 2022: -1250');
    expect([
      col(lawyer, 'montant_total'),
      col(lawyer, 'derniere_annee'),
      col(lawyer, 'dernier_montant'),
    ]).toEqual([
      '160400',
      '2022',
      '-1250', // a number, which spreadsheets do not run
    ]);
  });
});

describe('/declarations/<id>', () => {
  it('shows a declaration: sections, links, and the version that replaced it', async () => {
    const page = await html(`/declarations/${ALICE_DIA}`);
    expect(page).toContain('Alice DUPRÉ');
    expect(page).toContain('Cette version a été remplacée par la');
    expect(page).toContain(`href="/declarations/${ALICE_DIAM}"`);
    expect(page).toContain(`https://www.hatvp.fr/livraison/dossiers/${ALICE_DIA}.pdf`);
    expect(page).toContain('https://www.hatvp.fr/pages_nominatives/dupre-alice');
    expect(page).toContain(
      'Participations financières directes dans le capital d&#39;une société <span class="muted">(2)</span>',
    );
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Club');
    expect(page).toContain('href="/deputes/PA1"');
  });

  it('shows why a file could not be read', async () => {
    const page = await html('/declarations/lefevre-eric-dia90004-depute-2a');
    expect(page).toContain('fichier illisible');
    expect(page).toContain('XML incomplet');
    const noel = await html(`/declarations/${NOEL}`);
    expect(noel).toContain('section inconnue « donsRecusDto » ignorée');
  });

  it('answers in JSON with items, amounts and versions', async () => {
    const res = await app.request(`/declarations/${ALICE_DIAM}.json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & {
      elements_details: { rubrique: string; montants: unknown[] }[];
      versions: { id: string; en_vigueur: boolean }[];
    };
    expect(body).toMatchObject({
      id: ALICE_DIAM,
      en_vigueur: true,
      date_depot_xml: '2025-01-15T18:02:11',
    });
    expect(body.elements_details).toHaveLength(10);
    expect(body.elements_details.find((i) => i.rubrique === 'consultant')!.montants).toEqual([
      { annee: 2024, montant: 8000, texte: '8 000' },
    ]);
    expect(body.versions.map((v) => [v.id, v.en_vigueur])).toContainEqual([ALICE_DIA, false]);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const path of [
      '/declarations/inconnue-dia1-depute-01',
      '/declarations/..%2F..%2Fetc',
      '/declarations/%3Cscript%3E',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('unlinked declarants and reading problems', () => {
  it('lists deputy declarants without a deputy, with the reason', async () => {
    expect(await html('/declarations/non-liees')).toContain(
      'identifiant AN 999999 absent du référentiel',
    );
    const body = await json('/declarations/non-liees.json');
    expect(body.items.map((i) => [i.nom, i.id_origine])).toEqual([['INCONNU', '999999']]);
    expect((await csv('/declarations/non-liees.csv'))[0]).toEqual(
      UNLINKED_COLUMNS.map((c) => c.name),
    );
  });

  it('lists the problems by kind', async () => {
    const all = await json('/declarations/anomalies.json');
    expect(all.total).toBe(6);
    const absent = await json('/declarations/anomalies.json?type=absent');
    expect(absent.items.map((i) => i.declaration).sort()).toEqual([
      'dupre-alice-di90000-commune-bordeaux',
      'senat-jean-dia90006-senateur-13',
    ]);
    const line = await json('/declarations/anomalies.json?type=ligne');
    expect(line.items).toEqual([
      expect.objectContaining({ ligne: 12, message: '17 champs au lieu de 16, ligne ignorée' }),
    ]);
    expect((await csv('/declarations/anomalies.csv'))[0]).toEqual(
      PROBLEM_COLUMNS.map((c) => c.name),
    );
    expect(await html('/declarations/anomalies?type=xml')).toContain('XML incomplet');
  });
});

describe('hostile query strings', () => {
  it('answers 400 naming the parameter, in the format asked', async () => {
    for (const path of [
      '/declarations?rubrique=patrimoine',
      '/declarations.json?depute=%3Cscript%3E',
      "/declarations/items.csv?groupe=A'B",
      `/declarations?q=${'x'.repeat(201)}`,
      '/declarations.json?per_page=0',
      '/declarations/anomalies?type=DROP%20TABLE',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
    }
    const res = await app.request('/declarations.json?rubrique=x');
    expect(await res.json()).toMatchObject({
      status: 400,
      error: expect.stringContaining('rubrique'),
    });
  });

  it('searches words only: wildcards and quotes neither match everything nor break the query', async () => {
    // Punctuation alone is no search at all: the 13 items in force.
    for (const q of ['%', '_', '\\', '%%%']) {
      expect((await json(`/declarations/items.json?q=${encodeURIComponent(q)}`)).total, q).toBe(13);
    }
    expect((await json(`/declarations/items.json?q=${encodeURIComponent('soci%t%')}`)).total).toBe(
      0,
    );
    const injection = `'; drop table declaration; --`;
    expect((await json(`/declarations/items.json?q=${encodeURIComponent(injection)}`)).total).toBe(
      0,
    );
    expect((await json('/declarations.json')).total).toBe(8);
  });
});

describe('deputies list cross-filters', () => {
  const uids = async (query: string) => ids(await json(`/deputes.json?${query}`), 'uid');

  it('filters on declared financial participations and consulting', async () => {
    expect(await uids('participations=oui')).toEqual(['PA1']);
    expect(await uids('participations=non')).toEqual(['PA2', 'PA6']);
    expect(await uids('conseil=oui')).toEqual(['PA1', 'PA2']);
    expect(await uids('conseil=non')).toEqual(['PA6']);
    expect(await uids('conseil=oui&groupe=AAA&participations=non')).toEqual(['PA2']);
  });

  it('lets the profession filter match the activities declared to the HATVP', async () => {
    expect(await uids('profession=journaliste')).toEqual([]);
    expect(await uids('profession=journaliste&profession_hatvp=oui')).toEqual(['PA2']);
    expect(await uids('profession=commerciale&profession_hatvp=oui')).toEqual(['PA6']);
    expect(await uids('profession=avocat&profession_hatvp=oui')).toEqual([
      'PA1',
      'PA2',
      'PA3',
      'PA6',
    ]);
  });

  it('keeps the new filters in the page, its links and its exports', async () => {
    const page = await html('/deputes?conseil=oui&profession=journaliste&profession_hatvp=oui');
    expect(page).toContain(
      'href="/deputes.csv?profession=journaliste&amp;conseil=oui&amp;profession_hatvp=oui"',
    );
    expect(page).toMatch(/<option value="oui" selected="">Oui<\/option>/);
    expect(page).toContain('name="profession_hatvp" value="oui" checked=""');
    expect((await app.request('/deputes.json?conseil=peut-etre')).status).toBe(400);
  });
});

describe('deputy page', () => {
  it('sums up the declaration in force, lists every version and links the exports', async () => {
    const page = await html('/deputes/PA1');
    expect(page).toContain('Déclarations à la HATVP');
    expect(page).toContain(
      'Déclaration d&#39;intérêts et d&#39;activités modificative déposée le 15 janvier 2025',
    );
    expect(page).toMatch(/valeur déclarée totale 15\s000\s€/u);
    expect(page).toContain('Activités de consultant : <strong>1</strong>');
    expect(page).toContain('Fonctions bénévoles : <strong>néant</strong>');
    expect(page.match(/<ul class="versions">([\s\S]*?)<\/ul>/)![1]!.match(/<li>/g)).toHaveLength(4);
    expect(page).toContain('href="/declarations/items.csv?depute=PA1&amp;versions=toutes"');
  });

  it('says when no declaration could be read, or none is linked', async () => {
    expect(await html('/deputes/PA3')).toContain(
      'Aucune déclaration d&#39;intérêts lisible pour l&#39;instant',
    );
    expect(await html('/deputes/PA4')).toContain('Aucune déclaration de ce député');
  });

  it('adds the declarations to the deputy JSON', async () => {
    const res = await app.request('/deputes/PA1.json');
    const body = (await res.json()) as {
      declarations_hatvp: Record<string, unknown> & { declarations: unknown[] };
    };
    expect(body.declarations_hatvp).toMatchObject({
      declaration_en_vigueur: ALICE_DIAM,
      elements_par_rubrique: { consultant: 1, participation: 1, benevole: 0 },
      valeur_participations: 15000,
    });
    expect(body.declarations_hatvp.declarations).toHaveLength(4);
  });
});

describe('/donnees', () => {
  it('documents the declarations exports, their columns and the HATVP licence', async () => {
    const page = await html('/donnees');
    for (const column of [...ITEM_COLUMNS, ...DECLARATION_COLUMNS]) {
      expect(page).toContain(`<code>${column.name}</code>`);
    }
    expect(page).toContain('Haute Autorité pour la transparence de la vie publique');
    expect(page).toContain('https://www.hatvp.fr/livraison/opendata/liste.csv');
  });
});

describe('before the first HATVP crawl', () => {
  it('serves the pages and exports empty', async () => {
    const { db: empty, cleanup } = await tempDatabase();
    try {
      const bare = createApp({ db: empty, config: { legislature: 17 } });
      const res = await bare.request('/declarations');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('0 élément dans 0 déclaration de 0 déclarant');
      const index = await bare.request('/declarations.json');
      expect(await index.json()).toMatchObject({ total: 0, items: [] });
      expect((await bare.request('/declarations/non-liees')).status).toBe(200);
    } finally {
      await cleanup();
    }
  });
});
