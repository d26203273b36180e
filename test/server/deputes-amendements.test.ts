// Route tests of the amendment figures over the sample referential (test/helpers/seed.ts,
// PA1–PA7) and the hand-written amendments of test/helpers/seed-amendements.ts: the
// `amendements` of /deputes/<uid>.json, the deputy page's section, the /deputes columns and
// sorts (a non-significant rate after every significant one), a dossier's amendment counts,
// and the dumps /exports/amendements.csv and /exports/cosignatures.csv. Expected values are
// worked out by hand from the specs' description.
import Papa from 'papaparse';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { recomputeAmendementFigures } from '../../scrapers/amendements/figures.ts';
import { createApp } from '../../server/app.tsx';
import { DEPUTY_COLUMNS } from '../../server/records/deputes.ts';
import { COSIGNATURE_COLUMNS, amendementDumpColumns } from '../../server/records/amendements.ts';
import { tempDatabase } from '../helpers/db.ts';
import { seededDatabase } from '../helpers/seed.ts';
import {
  AMENDEMENT_SPECS,
  DOSSIER_A,
  DOSSIER_B,
  amendementUid,
  seedAmendements,
} from '../helpers/seed-amendements.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  await seedAmendements(db);
  for (const uid of [DOSSIER_A, DOSSIER_B]) {
    await db
      .insertInto('dossier')
      .values({
        uid,
        legislature: 17,
        title: `Dossier ${uid}`,
        path_title: null,
        title_key: 'dossier',
        senat_url: null,
        procedure_code: null,
        procedure_label: null,
        first_date: '2025-01-01',
        last_date: '2025-01-02',
        last_step_code: null,
        last_step_label: null,
        state: 'en-cours',
        absorbed_by: null,
        content_hash: 'h',
      })
      .execute();
  }
  app = createApp({ db, config: { legislature: 17, publicUrl: 'https://tracker.example' } });
});
afterAll(() => close());

const json = async (path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, any>;
};

describe('/deputes/<uid>.json amendements', () => {
  it('gives the counts, the rate over examined outcomes and its significance', async () => {
    const { amendements: a } = await json('/deputes/PA1.json');
    expect(a).toMatchObject({
      deposes: 13,
      deposes_rapporteur: 0,
      cosignes: 0,
      adoptes: 3,
      adoptes_rapporteur: 0,
      adoptes_comme_depute: 3,
      avec_sort: 10,
      irrecevables: 2,
      en_cours: 1,
      retires_avant_examen: 0,
      taux_adoption: 0.3,
      taux_adoption_significatif: true,
      seance: {
        deposes: 8,
        adoptes: 2,
        adoptes_comme_depute: 2,
        avec_sort: 7,
        taux_adoption_significatif: false,
      },
      commission: {
        deposes: 5,
        adoptes: 1,
        adoptes_comme_depute: 1,
        avec_sort: 3,
        taux_adoption_significatif: false,
      },
      seuil_significativite: 10,
      url_deposes: '/amendements?auteur=PA1',
      url_cosignes: '/amendements?cosignataire=PA1',
      url_adoptes: '/amendements?auteur=PA1&sort=adopte',
    });
    expect(a.seance.taux_adoption).toBeCloseTo(2 / 7, 12);
    // PA2: its adopted amendment was filed as rapporteur, its other one is irrecevable: both
    // are counted as filed (and the first as adopted), neither is in the rate: no rate.
    expect((await json('/deputes/PA2.json')).amendements).toMatchObject({
      deposes: 2,
      deposes_rapporteur: 1,
      cosignes: 4,
      adoptes: 1,
      adoptes_rapporteur: 1,
      adoptes_comme_depute: 0,
      avec_sort: 0,
      taux_adoption: null,
      taux_adoption_significatif: null,
    });
  });

  it('names the amendements source among those of the document', async () => {
    for (const uid of ['PA1', 'PA90']) {
      const body = await json(`/deputes/${uid}.json`);
      expect(String(body.source), uid).toContain(
        'https://data.assemblee-nationale.fr/static/openData/repository/17/loi/amendements_div_legis/Amendements.json.zip',
      );
      expect(String(body.source), uid).toContain('/loi/scrutins/Scrutins.json.zip');
      expect(body.licence, uid).toMatch(/Licence Ouverte/);
    }
  });

  it('gives zeros and no rate to a deputy who filed and co-signed nothing', async () => {
    expect((await json('/deputes/PA4.json')).amendements).toMatchObject({
      deposes: 0,
      cosignes: 0,
      adoptes: 0,
      avec_sort: 0,
      taux_adoption: null,
      taux_adoption_significatif: null,
    });
  });

  it('has a page for an acteur outside the referential who only signed amendments', async () => {
    // PA90 is in no referential and cast no vote: its amendments alone give it a page.
    expect((await json('/deputes/PA90.json')).amendements).toMatchObject({
      deposes: 1,
      cosignes: 1,
      adoptes: 0,
      avec_sort: 1,
    });
    expect((await app.request('/deputes/PA90')).status).toBe(200);
    expect((await app.request('/deputes/PA99.json')).status).toBe(404);
  });

  it('shows the section on the deputy page with links to the filtered lists', async () => {
    const html = await (await app.request('/deputes/PA1')).text();
    expect(html).toContain('<h2>Amendements</h2>');
    expect(html).toContain('href="/amendements?auteur=PA1"');
    expect(html).toContain('href="/amendements?cosignataire=PA1"');
    expect(html).toContain('href="/amendements?auteur=PA1&amp;sort=adopte"');
    expect(html).toMatch(/<strong>30\s%<\/strong>/u);
    expect(html).toMatch(/3 adoptés sur 10 amendements examinés/);
    // The main rate (on 10) is significant; the séance (2 on 7) and committee (1 on 3) rates
    // are not, and each says so.
    const places = /En séance publique.*?<\/p>/su.exec(html)![0];
    expect(places).toMatch(/28,6\s%\s\(2 sur 7\)<em class="not-significant"> Non significatif/u);
    expect(places).toMatch(/33,3\s%\s\(1 sur 3\)<em class="not-significant"> Non significatif/u);
    expect(html.split('Non significatif')).toHaveLength(3);
    const pa2 = await (await app.request('/deputes/PA2')).text();
    expect(pa2).toContain('dont 1 comme rapporteur');
    expect(pa2).toContain('Aucun amendement déposé comme député');
  });
});

describe('/deputes amendment columns and sorts', () => {
  const order = async (query: string) =>
    ((await json(`/deputes.json?${query}`)).items as { uid: string }[]).map((i) => i.uid);

  it('sorts by counts, deputies without amendments at 0', async () => {
    // In office: PA1–PA4, PA6 (PA5 left). Filed: PA1 13, PA2 2, others 0 (by name).
    expect(await order('tri=amendements&ordre=desc')).toEqual(['PA1', 'PA2', 'PA4', 'PA3', 'PA6']);
    expect((await order('tri=amendements&ordre=asc')).slice(-2)).toEqual(['PA2', 'PA1']);
    expect((await order('tri=cosignatures&ordre=desc')).slice(0, 2)).toEqual(['PA3', 'PA2']);
    expect((await order('tri=amendements-adoptes&ordre=desc')).slice(0, 2)).toEqual(['PA1', 'PA2']);
  });

  it('ranks only significant adoption rates, the others after whichever the order', async () => {
    // PA1 0.3 on 10 (significant) is the only one ranked; PA2's 1.0 on 1 is not, so it
    // comes after, in name order with those without a rate (as the vote rates do).
    for (const ordre of ['asc', 'desc']) {
      expect(await order(`tri=taux-adoption&ordre=${ordre}`)).toEqual([
        'PA1',
        'PA4',
        'PA3',
        'PA2',
        'PA6',
      ]);
    }
  });

  it('orders significant rates both ways, a 100 % on one amendment never first', async () => {
    const other = await seededDatabase();
    try {
      const filed = (author: string, adopted: number, rejected: number) => [
        ...Array.from({ length: adopted }, () => ({ author, sort: 'adopte' as const })),
        ...Array.from({ length: rejected }, () => ({ author, sort: 'rejete' as const })),
      ];
      // PA1 3/10 = 0.3, PA3 6/12 = 0.5, PA6 1/10 = 0.1 (significant); PA2 1/1 (not);
      // PA4 only irrecevables (no rate). PA6's 5 adopted as rapporteur stay out of its rate
      // (counted in, it would be 6/15 = 0.4, above PA1).
      await seedAmendements(
        other.db,
        [
          ...filed('PA1', 3, 7),
          ...filed('PA3', 6, 6),
          ...filed('PA6', 1, 9),
          ...filed('PA2', 1, 0),
          { author: 'PA4', sort: 'irrecevable' as const },
          ...filed('PA6', 5, 0).map((s) => ({ ...s, type: 'Rapporteur' as const })),
        ].map((s) => ({ ...s, seance: true })),
      );
      const big = createApp({ db: other.db, config: { legislature: 17 } });
      const uids = async (q: string) =>
        (((await (await big.request(`/deputes.json?${q}`)).json()) as any).items as any[]).map(
          (i) => i.uid,
        );
      expect(await uids('tri=taux-adoption&ordre=desc')).toEqual([
        'PA3',
        'PA1',
        'PA6',
        'PA4',
        'PA2',
      ]);
      // The list shows the rate's own numerator: PA6's 1 of 10, not its 6 adopted in all.
      const row = await (await big.request('/deputes.json?tri=taux-adoption')).json();
      expect((row as any).items.find((i: any) => i.uid === 'PA6')).toMatchObject({
        amendements_adoptes: 6,
        amendements_adoptes_comme_depute: 1,
        amendements_avec_sort: 10,
        taux_adoption: 0.1,
      });
      const table = await (await big.request('/deputes?tri=taux-adoption')).text();
      expect(table).toContain('<small class="muted">1/10</small>');
      expect(table).not.toContain('<small class="muted">6/10</small>');
      expect(await uids('tri=taux-adoption&ordre=asc')).toEqual([
        'PA6',
        'PA1',
        'PA3',
        'PA4',
        'PA2',
      ]);
    } finally {
      await other.close();
    }
  });

  it('exports the documented columns with the figures', async () => {
    const csv = await (await app.request('/deputes.csv?tri=amendements&ordre=desc')).text();
    const [header, first] = Papa.parse<string[]>(csv.trim()).data as [string[], string[]];
    expect(header).toEqual(DEPUTY_COLUMNS.map((c) => c.name));
    const cell = (name: string) => first[header.indexOf(name)];
    expect(first[0]).toBe('PA1');
    expect(cell('amendements_deposes')).toBe('13');
    expect(cell('amendements_adoptes')).toBe('3');
    expect(cell('amendements_avec_sort')).toBe('10');
    expect(cell('taux_adoption')).toBe('0.3');
    expect((await json('/deputes.json?tri=taux-adoption')).items[0]).toMatchObject({
      amendements_cosignes: 0,
      taux_adoption: 0.3,
    });
    expect((await app.request('/deputes?tri=taux-adoption')).status).toBe(200);
    expect((await app.request('/deputes?tri=taux')).status).toBe(400);
  });
});

describe('/dossiers/<uid> amendments', () => {
  it('counts by outcome and by group at filing in the JSON', async () => {
    const { amendements: a } = await json(`/dossiers/${DOSSIER_A}.json`);
    // Dossier A: n° 1–13 (PA1, PO10).
    expect(a.total).toBe(13);
    expect(a.par_sort).toEqual({
      adopte: 3,
      rejete: 4,
      tombe: 1,
      retire: 1,
      'non-soutenu': 1,
      irrecevable: 2,
      'en-cours': 1,
    });
    expect(a.par_groupe).toHaveLength(1);
    expect(a.par_groupe[0]).toMatchObject({ groupe_uid: 'PO10', groupe: 'AAA', total: 13 });
    expect(a.url).toBe(`/amendements?dossier=${DOSSIER_A}`);
    expect(a.derniers).toHaveLength(10);
    // Dossier B: 14 PA2 adopted, 15 PA2 irrecevable (PO20), 16 Gouvernement adopted, 17 PA90
    // rejected (PO10).
    const b = (await json(`/dossiers/${DOSSIER_B}.json`)).amendements;
    expect(b.total).toBe(4);
    const byGroup = Object.fromEntries(
      (b.par_groupe as any[]).map((g) => [g.groupe_uid ?? g.type_auteur, g]),
    );
    expect(byGroup.PO20).toMatchObject({
      total: 2,
      url: `/amendements?dossier=${DOSSIER_B}&groupe=PO20`,
    });
    expect(byGroup.PO20.par_sort).toMatchObject({ adopte: 1, irrecevable: 1, rejete: 0 });
    expect(byGroup.PO10).toMatchObject({ total: 1 });
    expect(byGroup.Gouvernement).toMatchObject({
      total: 1,
      url: `/amendements?dossier=${DOSSIER_B}&type_auteur=gouvernement`,
    });
  });

  it('shows the table and links to the filtered list on the page', async () => {
    const html = await (await app.request(`/dossiers/${DOSSIER_B}`)).text();
    expect(html).toContain('<h2>Amendements</h2>');
    expect(html).toContain(`href="/amendements?dossier=${DOSSIER_B}&amp;sort=adopte"`);
    expect(html).toContain(`href="/amendements?dossier=${DOSSIER_B}&amp;groupe=PO20"`);
    expect(html).toContain('Gouvernement');
    expect(html).toContain(`href="/amendements/${amendementUid(17)}"`);
    // The counts link to the lines that explain the group at filing and the "Autres" column.
    expect(html).toContain('href="/methodologie#amendements-dossier"');
    expect(html).toMatch(/4 amendements<\/a>\u202f: /u);
    const method = await (await app.request('/methodologie')).text();
    const line = /<li id="amendements-dossier">.*?<\/li>/su.exec(method)![0];
    expect(line).toContain('Autres');
    expect(line).toContain('groupe au dépôt');
  });
});

describe('/exports/amendements.csv and /exports/cosignatures.csv', () => {
  it('streams one row per amendment with the documented columns', async () => {
    const res = await app.request('/exports/amendements.csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = Papa.parse<string[]>((await res.text()).trim()).data;
    const header = rows[0]!;
    expect(header).toEqual(amendementDumpColumns('').map((c) => c.name));
    expect(rows).toHaveLength(AMENDEMENT_SPECS.length + 1);
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(first).toMatchObject({
      uid: amendementUid(1),
      auteur_uid: 'PA1',
      auteur: 'Alice Dupré',
      groupe: 'AAA',
      cosignataires_nombre: '3',
      cosignataires_uid: 'PA2 ; PA3 ; PA90',
      sort: 'adopte',
      seance_publique: 'true',
      url: `https://tracker.example/amendements/${amendementUid(1)}`,
    });
  });

  it('streams the co-signature pairs', async () => {
    const rows = Papa.parse<string[]>(
      (await (await app.request('/exports/cosignatures.csv')).text()).trim(),
    ).data;
    expect(rows[0]).toEqual(COSIGNATURE_COLUMNS.map((c) => c.name));
    expect(rows.slice(1)).toEqual([
      ['PA1', 'Alice Dupré', 'AAA', 'PA2', 'Bernard Martin', 'AAA', '4', '2'],
      ['PA1', 'Alice Dupré', 'AAA', 'PA3', 'Éric Lefèvre', 'BBB', '3', '1'],
      ['PA1', 'Alice Dupré', 'AAA', 'PA90', '', '', '1', '1'],
      ['PA2', 'Bernard Martin', 'AAA', 'PA3', 'Éric Lefèvre', 'BBB', '2', '1'],
    ]);
  });

  it('lists both dumps and their columns on /donnees, the figures on /methodologie', async () => {
    const page = await (await app.request('/donnees')).text();
    expect(page).toContain('href="/exports/amendements.csv"');
    expect(page).toContain('href="/exports/cosignatures.csv"');
    for (const c of [...amendementDumpColumns(''), ...COSIGNATURE_COLUMNS])
      expect(page).toContain(`<code>${c.name}</code>`);
    const method = await (await app.request('/methodologie')).text();
    expect(method).toContain('id="amendements-deputes"');
    expect(method).toContain('irrecevables');
  });

  it('gives as many rows as the table holds across several batches', async () => {
    const tmp = await tempDatabase();
    try {
      // 2,345 amendments (over two batches of 1,000), each co-signed by two of 40 acteurs.
      await sql`
        with recursive n(i) as (select 1 union all select i + 1 from n where i < 2345)
        insert into amendement (uid, legislature, numero_long, texte_uid, author_type,
          author_uid, sort, file_name, content_hash)
        select 'AMANR5L17X' || printf('%06d', i), 17, i, 'PIONANR5L17B1', 'Député',
          'PA' || (i % 40), case when i % 3 = 0 then 'adopte' else 'rejete' end, 'f', 'h'
        from n`.execute(tmp.db);
      await sql`
        insert into amendement_cosignataire (amendement_uid, acteur_uid, position)
        select uid, 'PA' || ((rowid + 1) % 40), 1 from amendement
        union all select uid, 'PA' || ((rowid + 2) % 40), 2 from amendement`.execute(tmp.db);
      await tmp.db.transaction().execute((trx) => recomputeAmendementFigures(trx));
      const big = createApp({ db: tmp.db, config: { legislature: 17 } });
      const lines = (await (await big.request('/exports/amendements.csv')).text())
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(2345 + 1);
      expect(new Set(lines).size).toBe(lines.length);
      const pairs = await tmp.db
        .selectFrom('cosignature_pair')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const pairLines = (await (await big.request('/exports/cosignatures.csv')).text())
        .trim()
        .split('\r\n');
      expect(pairLines).toHaveLength(Number(pairs.n) + 1);
      // Each author i has co-signers i+1 and i+2 (mod 40): 80 pairs.
      expect(Number(pairs.n)).toBe(80);
    } finally {
      await tmp.cleanup();
    }
  });
});
