// Route tests of the dossier pages and exports with app.request on a database filled by the
// real crawls (an, votes, dossiers) of the hand-written fixtures (test/fixtures/an/amo40,
// test/fixtures/an/dossiers, the two scrutins of test/e2e/site.ts). Expected rows are read
// off those files by hand:
// - DLR5L17N90001 « Protection des rivières… », proposition de loi (procedure 2) by PA900001
//   (RIV) and PA900002 (COL), deposited 2024-10-02, last step 2025-01-22, en cours, names
//   scrutins 1 and 2;
// - DLR5L17N90002 « Projet de loi relatif aux collines » (procedure 1) by organ PO900999 (not
//   in the referential), deposited 2025-03-03, promulgated 2025-07-20, names scrutin 3 (absent);
// - DLR5L17N90003 « Résolution sur l'ÉDUCATION populaire » (procedure 6) by PA900003,
//   deposited 2025-02-01, rejected 2025-10-01, names scrutin 4 (absent).
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { serveFolder } from '../../scripts/static-server.ts';
import { createApp } from '../../server/app.tsx';
import { DOSSIER_COLUMNS } from '../../server/records/dossiers.ts';
import { writeFixtureMirror } from '../e2e/site.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';

let tmp: TempDatabase;
let app: ReturnType<typeof createApp>;

const D1 = 'DLR5L17N90001';
const D2 = 'DLR5L17N90002';
const D3 = 'DLR5L17N90003';

beforeAll(async () => {
  tmp = await tempDatabase();
  const root = path.join(tmp.dir, 'mirror');
  writeFixtureMirror(root);
  const mirror = await serveFolder(root);
  try {
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: mirror.url });
    const summaries = await runCrawl(tmp.db, config, { only: ['an', 'votes', 'dossiers'] });
    expect(summaries.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  } finally {
    await mirror.close();
  }
  app = createApp({ db: tmp.db, config: { legislature: 17 } });
}, 60_000);
afterAll(() => tmp.cleanup());

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.request(url, { headers });
  return { res, body: await res.text() };
}

async function json(url: string) {
  const { res, body } = await get(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type'), url).toMatch(/^application\/json/);
  return JSON.parse(body) as Record<string, any>;
}

const uids = async (query: string) =>
  ((await json(`/dossiers.json${query}`)).items as { uid: string }[]).map((i) => i.uid);

describe('/dossiers', () => {
  it('lists every dossier, latest activity first, with a count', async () => {
    const { res, body } = await get('/dossiers');
    expect(res.status).toBe(200);
    expect(body).toContain('<p class="count">3 dossiers législatifs</p>');
    const order = [...body.matchAll(/href="\/dossiers\/(DLR[0-9A-Z]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([D3, D2, D1]);
    // Initiators linked to their page.
    expect(body).toContain('href="/deputes/PA900001"');
    expect(body).toContain('href="/dossiers.csv"');
  });

  it('answers an htmx request with the results fragment only', async () => {
    const { res, body } = await get('/dossiers?etat=promulgue', { 'HX-Request': 'true' });
    expect(res.status).toBe(200);
    expect(body).not.toContain('<html');
    expect(body).toContain('id="resultats"');
    expect(body).toContain('1 dossier législatif<');
  });

  it('filters by words (accents and case ignored), state, procedure, dates and group', async () => {
    expect(await uids('?q=education')).toEqual([D3]);
    expect(await uids('?q=%C3%89ducation%20POPULAIRE')).toEqual([D3]);
    expect(await uids('?q=rivieres%20zones')).toEqual([D1]);
    expect(await uids('?q=rivieres%20marais')).toEqual([]);
    expect(await uids('?etat=promulgue')).toEqual([D2]);
    expect(await uids('?etat=en-cours')).toEqual([D1]);
    expect(await uids('?procedure=2')).toEqual([D1]);
    // Deposited from 2025-01-01: D2 (2025-03-03) and D3 (2025-02-01), by deposit date.
    expect(await uids('?du=2025-01-01&tri=depot-asc')).toEqual([D3, D2]);
    expect(await uids('?au=2025-02-01&tri=depot-asc')).toEqual([D1, D3]);
    // PA900002 sits in COL; D2's initiator is an organ, never matched by a group.
    expect(await uids('?groupe=col')).toContain(D1);
    expect(await uids('?groupe=col')).not.toContain(D2);
    expect(await uids('?groupe=PO900101')).toContain(D1);
    expect(await uids('?groupe=VAL')).toEqual([]);
    expect(await uids('?legislature=16')).toEqual([]);
  });

  it('exports the same rows as CSV with the documented columns, and JSON with metadata', async () => {
    const { res, body } = await get('/dossiers.csv?tri=depot-asc');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const parsed = Papa.parse<string[]>(body.trimEnd(), { newline: '\r\n' });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(DOSSIER_COLUMNS.map((c) => c.name));
    const record = (i: number) => Object.fromEntries(header!.map((h, j) => [h, rows[i]![j]]));
    expect(rows.map((r) => r[0])).toEqual([D1, D3, D2]);
    expect(record(0)).toMatchObject({
      uid: D1,
      procedure_code: '2',
      etat: 'en-cours',
      date_depot: '2024-10-02',
      date_derniere_etape: '2025-01-22',
      initiateurs_uid: 'PA900001 ; PA900002',
      scrutins: '2',
      url_an: 'https://www.assemblee-nationale.fr/dyn/17/dossiers/protection_rivieres',
    });
    expect(record(2)).toMatchObject({ uid: D2, initiateurs: 'PO900999', etat: 'promulgue' });
    const list = await json('/dossiers.json?etat=rejete');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ uid: D3, etat: 'rejete', url_an: null, scrutins: 1 });
    expect(list.licence).toMatch(/Licence Ouverte/);
    expect(list.source).toContain('Dossiers_Legislatifs.json.zip');
  });

  it.each([
    '/dossiers?etat=vote',
    '/dossiers?du=2025-02-30',
    '/dossiers?groupe=%3Cscript%3E',
    '/dossiers.json?procedure=%27%20or%201',
    '/dossiers.csv?per_page=0',
    `/dossiers?q=${'x'.repeat(300)}`,
  ])('refuses %s with 400', async (url) => {
    expect((await get(url)).res.status).toBe(400);
  });

  it('ignores LIKE wildcards, folded away like every punctuation sign', async () => {
    expect(await uids('?q=%25')).toEqual([D3, D2, D1]);
    expect(await uids('?q=_%25_')).toEqual([D3, D2, D1]);
    expect(await uids('?q=collines%25')).toEqual([D2]);
  });
});

describe('/dossiers/<uid>', () => {
  it('shows the steps by phase with their texts and scrutins, and the initiators', async () => {
    const { res, body } = await get(`/dossiers/${D1}`);
    expect(res.status).toBe(200);
    expect(body).toContain('<h1>Protection des rivières et des zones humides</h1>');
    expect(body).toContain('href="/deputes/PA900001"');
    expect(body).toContain('href="/deputes/PA900002"');
    expect(body).toContain('Assemblée nationale — 1ère lecture (1ère assemblée saisie)');
    expect(body).toContain('Sénat — 1ère lecture (2ème assemblée saisie)');
    expect(body).toContain('Proposition de loi n° 901');
    expect(body).toContain('PIONSNR5S425B0123 (absent des données)');
    expect(body).toContain('href="/scrutins/1"');
    expect(body).toContain('href="/scrutins/2"');
    expect(body).toContain(
      'href="https://www.senat.fr/dossier-legislatif/ppl24-901.html"'.replace('https', 'http'),
    );
  });

  it('names a scrutin absent from the votes and an initiator outside the referential', async () => {
    const { body } = await get(`/dossiers/${D2}`);
    expect(body).toContain('VTANR5L17V3 (absent des scrutins de la législature)');
    expect(body).toContain('Promulgation — Promulgation de la loi');
    expect(body).toContain('Commission mixte paritaire — Commission Mixte Paritaire');
    expect(body).toContain('Initiateurs : PO900999');
  });

  it('gives the dossier as JSON', async () => {
    const d = await json(`/dossiers/${D1}.json`);
    expect(d).toMatchObject({ uid: D1, etat: 'en-cours', procedure_code: '2' });
    expect(d.etapes).toHaveLength(9);
    expect(d.etapes[6]).toMatchObject({
      code: 'AN1-DEBATS-DEC',
      parent: 4,
      chambre: 'AN',
      conclusion: 'adoptée',
      scrutins: ['VTANR5L17V1', 'VTANR5L17V2'],
      textes: [
        { uid: 'PIONANR5L17BTA0001', role: 'adopte' },
        { uid: 'PIONANR5L17B0901', role: 'associe' },
      ],
    });
    expect(d.scrutins.map((s: any) => [s.uid, s.numero])).toEqual([
      ['VTANR5L17V1', 1],
      ['VTANR5L17V2', 2],
    ]);
    expect(d.textes.map((t: any) => t.uid)).toEqual(['PIONANR5L17B0901', 'RAPPANR5L17B0902']);
    expect(d.initiateurs.map((i: any) => i.acteur_uid)).toEqual(['PA900001', 'PA900002']);
    const d2 = await json(`/dossiers/${D2}.json`);
    expect(d2.scrutins).toEqual([
      {
        uid: 'VTANR5L17V3',
        numero: null,
        date: null,
        titre: null,
        resultat: null,
        methode: 'etapes',
      },
    ]);
  });

  it.each(['/dossiers/DLR5L17N99999', '/dossiers/dlr5l17n90001', '/dossiers/%3Cb%3E.json'])(
    'answers 404 for %s',
    async (url) => {
      expect((await get(url)).res.status).toBe(404);
    },
  );
});

describe('the scrutins of a dossier', () => {
  it('counts in the list exactly the scrutins its page lists, with how each was linked', async () => {
    // D3's steps name scrutin 4 (absent); the scrutin links add 1 (a vote on one of its
    // amendments) and 2 (its file names D3): three scrutins for D3, in that order of methods.
    await tmp.db
      .insertInto('scrutin_dossier')
      .values([
        { scrutin_uid: 'VTANR5L17V1', dossier_uid: D3, method: 'amendement' },
        { scrutin_uid: 'VTANR5L17V2', dossier_uid: D3, method: 'reference' },
      ])
      .execute();
    try {
      const list = (await json('/dossiers.json')).items as { uid: string; scrutins: number }[];
      expect(Object.fromEntries(list.map((d) => [d.uid, d.scrutins]))).toEqual({
        [D1]: 2,
        [D2]: 1,
        [D3]: 3,
      });
      for (const { uid, scrutins } of list) {
        const { body } = await get(`/dossiers/${uid}`);
        const section = /<h2 id="scrutins">.*?(?=<h2)/su.exec(body)![0];
        expect(section.match(/<li>/g) ?? [], uid).toHaveLength(scrutins);
        expect((await json(`/dossiers/${uid}.json`)).scrutins, uid).toHaveLength(scrutins);
      }
      const { body } = await get(`/dossiers/${D3}`);
      const section = /<h2 id="scrutins">.*?(?=<h2)/su.exec(body)![0];
      expect(section).toContain('3 scrutins liés');
      expect([...section.matchAll(/<h3>(.*?) \(\d+\)<\/h3>/g)].map((m) => m[1])).toEqual([
        'Nommés par les étapes du dossier',
        'Dont le fichier du scrutin nomme le dossier',
        'Votes sur un amendement du dossier (qu&#39;aucune étape ne nomme)',
      ]);
      expect(section.indexOf('VTANR5L17V4')).toBeLessThan(section.indexOf('href="/scrutins/2"'));
      expect(section.indexOf('href="/scrutins/2"')).toBeLessThan(
        section.indexOf('href="/scrutins/1"'),
      );
      expect(
        ((await json(`/dossiers/${D3}.json`)).scrutins as any[]).map((s) => [s.uid, s.methode]),
      ).toEqual([
        ['VTANR5L17V4', 'etapes'],
        ['VTANR5L17V2', 'reference'],
        ['VTANR5L17V1', 'amendement'],
      ]);
    } finally {
      await tmp.db
        .deleteFrom('scrutin_dossier')
        .where('dossier_uid', '=', D3)
        .where('method', '<>', 'etapes')
        .execute();
    }
  });
});

describe('hostile data', () => {
  it('escapes a hostile title, drops a javascript: link and neutralises a formula in CSV', async () => {
    await tmp.db
      .insertInto('dossier')
      .values({
        uid: 'DLR5L17N99001',
        legislature: 17,
        title: '=HYPERLINK("x") <script>alert(1)</script>',
        path_title: null,
        title_key: 'hyperlink x script alert 1 script',
        senat_url: 'javascript:alert(1)',
        procedure_code: null,
        procedure_label: null,
        first_date: null,
        last_date: null,
        last_step_code: null,
        last_step_label: null,
        state: 'en-cours',
        absorbed_by: null,
        content_hash: 'x',
      })
      .execute();
    try {
      const { body } = await get('/dossiers/DLR5L17N99001');
      expect(body).not.toContain('<script>alert');
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(body).not.toContain('javascript:');
      const list = await get('/dossiers?q=hyperlink');
      expect(list.body).toContain('1 dossier législatif<');
      expect(list.body).not.toContain('<script>alert');
      const csv = await get('/dossiers.csv?q=hyperlink');
      expect(csv.body).toContain(`'=HYPERLINK`);
    } finally {
      await tmp.db.deleteFrom('dossier').where('uid', '=', 'DLR5L17N99001').execute();
    }
  });
});

describe('scrutin → dossier', () => {
  it('gives the dossier_uid in /scrutins/<n>.json and links it on the page', async () => {
    expect(await json('/scrutins/1.json')).toMatchObject({
      dossier_uid: D1,
      dossiers: [{ uid: D1, titre: 'Protection des rivières et des zones humides' }],
    });
    const { body } = await get('/scrutins/2');
    expect(body).toContain(`href="/dossiers/${D1}"`);
  });
});

describe('/methodologie', () => {
  it('publishes the share of the scrutins linked to a dossier', async () => {
    const { body } = await get('/methodologie');
    // Scrutins 1 and 2 are in the votes; D1 names both.
    expect(body).toContain('id="dossiers"');
    expect(body).toMatch(/2 scrutins de la législature sur 2 \(100 %\)/);
  });
});
