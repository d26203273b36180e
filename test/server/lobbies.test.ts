// Route tests of /lobbies, /lobbies/activites and /lobbies/<id> over a database filled by the
// real crawl of the hand-written register (test/fixtures/lobbies): 0 ÉNERGIES NOUVELLES SAS
// (Société commerciale, Energie, 100–200 k€ in 2018, targeted the Premier ministre, the
// Environnement, énergie et mer ministry and the CRE; activity on a "projet de loi … énergie
// et climat"), 1 ASSOCIATION DES AMIS DU VÉLO (Association, Transports, < 10 k€, "Autres"
// with "Mairie de Lyon"), 2 CABINET CONSEIL PUBLIC (Cabinet de conseils, Energie and Economie,
// 25–50 k€, targeted Economie et finances).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { createApp } from '../../server/app.tsx';
import { LOBBY_ACTIVITY_COLUMNS, LOBBY_COLUMNS } from '../../server/records/lobbies.ts';
import { appClient } from '../helpers/app-client.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer } from '../helpers/http.ts';
import { LOBBIES_MIRROR_PATH, lobbiesZip } from '../helpers/lobbies-zip.ts';

let tmp: TempDatabase;
let app: ReturnType<typeof createApp>;
const client = appClient(() => app);

beforeAll(async () => {
  tmp = await tempDatabase();
  const server = await startTestServer();
  server.serve(LOBBIES_MIRROR_PATH, lobbiesZip());
  const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
  const [s] = await runCrawl(tmp.db, config, { only: ['lobbies'] });
  await server.close();
  expect(s).toMatchObject({ status: 'ok', added: 3 });
  app = createApp({ db: tmp.db, config: { legislature: 17 } });
});
afterAll(() => tmp.cleanup());

async function ids(path: string, query: string): Promise<number[]> {
  const body = await client.json(`${path}.json${query}`);
  expect(body.total).toBe(body.items.length);
  return body.items.map((i) => i.id).sort();
}
const orgs = (query: string) => ids('/lobbies', query);
const activities = (query: string) => ids('/lobbies/activites', query);
const e = encodeURIComponent;

describe('/lobbies', () => {
  it('filters by each parameter, and combined', async () => {
    expect(await orgs('')).toEqual([0, 1, 2]);
    expect(await orgs(`?categorie=${e('Association')}`)).toEqual([1]);
    expect(await orgs(`?secteur=Energie`)).toEqual([0, 2]);
    expect(await orgs(`?domaine=Transports`)).toEqual([1]);
    expect(await orgs(`?responsable=aai`)).toEqual([0]);
    expect(await orgs(`?responsable=gouvernement`)).toEqual([0, 1, 2]);
    expect(await orgs(`?ministere=${e('Environnement, énergie et mer')}`)).toEqual([0]);
    expect(await orgs(`?ministere=${e('Economie et finances')}`)).toEqual([2]);
    expect(await orgs(`?depense=25000`)).toEqual([2]);
    expect(await orgs(`?depense=0`)).toEqual([1]);
    expect(await orgs(`?annee=2017`)).toEqual([0]);
    expect(await orgs(`?annee=2016`)).toEqual([]);
    expect(await orgs(`?q=${e('energies nouvelles')}`)).toEqual([0]);
    expect(await orgs(`?q=ensas`)).toEqual([0]);
    expect(await orgs(`?q=VELO`)).toEqual([1]);
    expect(await orgs(`?secteur=Energie&domaine=Energie&annee=2018`)).toEqual([0, 2]);
    expect(await orgs(`?secteur=Energie&ministere=${e('Premier ministre')}`)).toEqual([0]);
    expect(await orgs(`?depense=25000&annee=2017`)).toEqual([]);
  });

  it('uses the Interface names: id is representants_id, with denomination and identifiant_national; counts by category', async () => {
    const body = await client.json('/lobbies.json?tri=depense');
    expect(
      body.items.map((i) => [i.id, i.denomination, i.identifiant_national, i.derniere_depense]),
    ).toEqual([
      [0, 'ÉNERGIES NOUVELLES SAS', '552049447', '> = 100 000 € et < 200 000 €'],
      [2, 'CABINET CONSEIL PUBLIC', 'H123456789', '> = 25 000 € et < 50 000 €'],
      [1, 'ASSOCIATION DES AMIS DU VÉLO', 'W691000001', '< 10 000 €'],
    ]);
    expect(body.par_categorie).toEqual([
      { categorie: 'Association', n: 1 },
      { categorie: 'Cabinet de conseils', n: 1 },
      { categorie: 'Société commerciale', n: 1 },
    ]);
    expect(Object.keys(body.items[0]!)).toEqual(LOBBY_COLUMNS.map((c) => c.name));
    const csv = await client.csv('/lobbies.csv?categorie=Association');
    expect(csv.header).toEqual(LOBBY_COLUMNS.map((c) => c.name));
    expect(csv.records.map((r) => [r.id, r.denomination, r.activites])).toEqual([
      ['1', 'ASSOCIATION DES AMIS DU VÉLO', '1'],
    ]);
  });

  it('shows the list, its htmx fragment and the counts', async () => {
    const page = await client.html('/lobbies?secteur=Energie');
    expect(page).toContain('2 représentants d&#39;intérêts');
    expect(page).toContain('href="/lobbies/0"');
    expect(page).not.toContain('href="/lobbies/1"');
    expect(page).toContain('<nav');
    const fragment = await client.html('/lobbies?secteur=Energie', { 'HX-Request': 'true' });
    expect(fragment.startsWith('<div id="resultats"')).toBe(true);
  });
});

describe('/lobbies/activites', () => {
  it('searches the object and domains in full text, with the same filters', async () => {
    expect(await activities('')).toEqual([0, 1, 2]);
    expect(await activities('?q=climat')).toEqual([0]);
    expect(await activities(`?q=${e('énergie')}`)).toEqual([0, 2]);
    expect(await activities('?q=ENERG')).toEqual([0, 2]);
    expect(await activities('?q=impots')).toEqual([0]);
    expect(await activities('?q=cyclables&categorie=Association')).toEqual([1]);
    expect(await activities(`?q=energie&ministere=${e('Economie et finances')}`)).toEqual([2]);
    expect(await activities('?responsable=aai')).toEqual([0]);
    expect(await activities('?depense=0&annee=2018')).toEqual([1]);
    expect(await activities('?secteur=Economie')).toEqual([2]);
    const body = await client.json('/lobbies/activites.json?q=climat');
    expect(body).toMatchObject({ total: 1 });
    expect(Object.keys(body.items[0]!)).toEqual(LOBBY_ACTIVITY_COLUMNS.map((c) => c.name));
    expect(body.items[0]).toMatchObject({
      representant_id: 0,
      domaines: 'Energie ; Impôts',
      ministeres:
        "Premier ministre,Environnement, énergie et mer,Commission de régulation de l'énergie",
    });
    const page = await client.html('/lobbies/activites?q=climat');
    expect(page).toContain('1 activité');
    expect(page).toContain('amendements sur le &quot;tarif&quot; de rachat');
  });
});

describe('/lobbies/<id>', () => {
  it('gives the organisation with its directors, exercises and activities', async () => {
    const body = await client.json('/lobbies/0.json');
    expect(body).toMatchObject({
      id: 0,
      denomination: 'ÉNERGIES NOUVELLES SAS',
      identifiant_national: '552049447',
    });
    expect(body.dirigeants).toEqual([
      { civilite: 'MME', nom: 'DURAND', prenom: 'Cécile', fonction: 'Présidente' },
      { civilite: 'M', nom: 'MARTIN', prenom: 'Hervé', fonction: 'Directeur général' },
    ]);
    expect(
      body.exercices.map((x: any) => [x.id, x.montant_depense, x.nombre_salaries, x.sans_activite]),
    ).toEqual([
      [0, '> = 100 000 € et < 200 000 €', 3, false],
      [1, null, null, true],
    ]);
    expect(body.activites).toHaveLength(1);
    expect(body.activites[0].actions[0]).toMatchObject({
      decisions: ['Lois, y compris constitutionnelles', 'Actes réglementaires'],
      observation: 'Rendez-vous avec le cabinet en mars',
    });
    const page = await client.html('/lobbies/0');
    for (const text of [
      'Cécile DURAND, Présidente',
      'Paul BERNARD',
      'UNION FRANÇAISE DE L&#39;ÉLECTRICITÉ',
      'Environnement, énergie et mer',
      'Commission de régulation de l&#39;énergie',
      '&gt; = 100 000 € et &lt; 200 000 €',
    ]) {
      expect(page).toContain(text);
    }
    const cabinet = await client.json('/lobbies/2.json');
    expect(cabinet.clients.map((c: any) => c.denomination)).toEqual([
      'ÉNERGIES NOUVELLES SAS',
      'TRANSPORTS DU SUD',
    ]);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const path of [
      '/lobbies/99',
      '/lobbies/99.json',
      '/lobbies/abc',
      '/lobbies/1.xml',
      '/lobbies/-1',
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});

describe('/donnees', () => {
  it('documents both lists with their columns', async () => {
    const page = await client.html('/donnees');
    expect(page).toContain('id="lobbies"');
    for (const c of [...LOBBY_COLUMNS, ...LOBBY_ACTIVITY_COLUMNS])
      expect(page).toContain(`<code>${c.name}</code>`);
  });
});

describe('hostile query strings', () => {
  it('get a 400 or a safe page, never a 500', async () => {
    const hostile = [
      '?q=%22%27%29%28*%20OR%201%3D1--',
      '?q=NEAR(a%20b)%20AND%20%22',
      '?q=*',
      '?q=%00',
      `?q=${'a'.repeat(500)}`,
      '?categorie=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '?ministere=%25',
      '?depense=abc',
      '?depense=-5',
      '?annee=99999',
      '?responsable=depute',
      '?tri=random()',
      '?page=0',
      '?per_page=100000',
      '?page=1e9',
      '?domaine=a&domaine=b',
    ];
    for (const path of ['/lobbies', '/lobbies/activites']) {
      for (const q of hostile) {
        const res = await app.request(`${path}${q}`);
        expect([200, 400], `${path}${q}`).toContain(res.status);
        const body = await res.text();
        expect(body).not.toContain('<script>alert');
        const json = await app.request(`${path}.json${q}`);
        expect([200, 400], `${path}.json${q}`).toContain(json.status);
      }
    }
    expect((await app.request('/lobbies?depense=abc')).status).toBe(400);
    expect((await app.request('/lobbies?categorie=%3Cscript%3E')).status).toBe(200);
    expect(await orgs('?ministere=%25')).toEqual([]);
  });
});
