// Route tests of the scrutin → amendment links over a database filled by the real votes and
// amendements crawls of hand-written archives (test/helpers/seed-links.ts: scrutins 1 and 2
// linked to amendments 1 and 2, 3 and 4 unlinked, 5 on no amendment).
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.tsx';
import { UNRESOLVED_COLUMNS } from '../../server/records/liaisons.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { crawlLinks, uidN } from '../helpers/seed-links.ts';

let tmp: TempDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  tmp = await tempDatabase();
  await crawlLinks(tmp.db, tmp.file, ['votes', 'amendements']);
  app = createApp({ db: tmp.db, config: { legislature: 17 } });
});
afterAll(() => tmp.cleanup());

const json = async (url: string) => {
  const res = await app.request(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as Record<string, any>;
};
const html = async (url: string) => {
  const res = await app.request(url);
  expect(res.status, url).toBe(200);
  return res.text();
};

describe('/scrutins/<n>.json', () => {
  it('gives the amendment decided and its dossier, with how they were found', async () => {
    const s = await json('/scrutins/1.json');
    expect(s.amendement_uid).toBe(uidN(1));
    expect(s.amendements).toEqual([
      {
        numero: 1,
        auteur_intitule: 'Mme Alpha',
        uid: uidN(1),
        methode: 'titre-seance',
        motif_non_lie: null,
      },
    ]);
    expect(s.dossier_uid).toBe('DLR5L17N99001');
    expect(s.dossiers).toEqual([{ uid: 'DLR5L17N99001', titre: null, methode: 'amendement' }]);
  });

  it('says why an amendment is not linked, and gives null for a vote on no amendment', async () => {
    const s3 = await json('/scrutins/3.json');
    expect(s3.amendement_uid).toBeNull();
    expect(s3.amendements[0]).toMatchObject({
      numero: 3,
      uid: null,
      motif_non_lie: 'auteur-different',
    });
    expect(s3.dossier_uid).toBeNull();
    const s5 = await json('/scrutins/5.json');
    expect(s5.amendement_uid).toBeNull();
    expect(s5.amendements).toEqual([]);
  });

  it('filters the list on the link, and refuses a hostile value', async () => {
    const numbers = async (q: string) =>
      ((await json(`/scrutins.json?${q}`)).items as { numero: number }[])
        .map((i) => i.numero)
        .sort();
    expect(await numbers('amendement=lie')).toEqual([1, 2]);
    expect(await numbers('amendement=non-lie')).toEqual([3, 4]);
    expect(await numbers('')).toEqual([1, 2, 3, 4, 5]);
    expect((await app.request('/scrutins.json?amendement=%27%3Bdrop')).status).toBe(400);
  });
});

describe('pages', () => {
  it('the scrutin page shows the amendment, its author, outcome and dossier', async () => {
    const page = await html('/scrutins/1');
    expect(page).toContain(`href="/amendements/${uidN(1)}"`);
    expect(page).toContain('href="/deputes/PA100001"');
    expect(page).toContain('Adopté');
    expect(page).toContain('href="/dossiers/DLR5L17N99001"');
    expect(page).toContain('dossier de l&#39;amendement voté');
    const unlinked = await html('/scrutins/3');
    expect(unlinked).toContain('non relié');
    expect(unlinked).toContain('href="/methodologie/liaisons"');
  });

  it('the amendment page and JSON list the scrutins on it', async () => {
    const page = await html(`/amendements/${uidN(1)}`);
    expect(page).toContain('href="/scrutins/1"');
    const a = await json(`/amendements/${uidN(1)}.json`);
    expect(a.scrutins).toEqual([
      {
        numero: 1,
        uid: 'VTANR5L17V1',
        date: '2025-03-25',
        resultat: 'adopté',
        pour: 1,
        contre: 1,
        abstention: 0,
        methode: 'titre-seance',
      },
    ]);
    expect((await json(`/amendements/${uidN(3)}.json`)).scrutins).toEqual([]);
  });
});

describe('/methodologie/liaisons', () => {
  it('publishes the rate with its denominators and the unlinked scrutins, in HTML, JSON and CSV', async () => {
    const body = await json('/methodologie/liaisons.json');
    expect(body.total).toBe(2);
    expect(body.items.map((i: any) => [i.scrutin, i.numero_amendement, i.motif])).toEqual([
      [3, 3, 'auteur-different'],
      [4, 77, 'texte-absent'],
    ]);
    expect(body.taux).toMatchObject({
      scrutins: 5,
      nommant_un_amendement: 4,
      relies: 2,
      texte_dans_archive: 3,
      relies_texte_dans_archive: 2,
      par_motif: { 'auteur-different': 1, 'texte-absent': 1 },
    });
    const filtered = await json('/methodologie/liaisons.json?motif=texte-absent');
    expect(filtered.items.map((i: any) => i.scrutin)).toEqual([4]);
    const csv = await app.request('/methodologie/liaisons.csv');
    expect(csv.status).toBe(200);
    const parsed = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''));
    expect(parsed.data[0]).toEqual(UNRESOLVED_COLUMNS.map((c) => c.name));
    expect((await app.request('/methodologie/liaisons.json?motif=<script>')).status).toBe(400);
    const page = await html('/methodologie/liaisons');
    expect(page).toContain('2 ÷ 4');
    expect(page).toContain('href="/scrutins/4"');
    const methodologie = await html('/methodologie');
    expect(methodologie).toContain('id="liaisons"');
    expect(methodologie).toContain('href="/methodologie/liaisons"');
  });

  it('counts per reason and lists the same scrutins: the 2nd number of a joint vote apart', async () => {
    // Scrutin 1 (linked at rank 1) also names an unlinked n° 501 at rank 2, as a joint vote does.
    await tmp.db
      .insertInto('scrutin_amendement')
      .values({
        scrutin_uid: 'VTANR5L17V1',
        position: 2,
        numero: 501,
        rect: 0,
        author: 'Mme Alpha',
        amendement_uid: null,
        method: null,
        reason: 'numero-absent',
        candidates: 0,
        text_in_archive: 1,
      })
      .execute();
    const body = await json('/methodologie/liaisons.json');
    expect(body.items.map((i: any) => i.scrutin)).toEqual([3, 4]);
    const sum = Object.values(body.taux.par_motif as Record<string, number>).reduce(
      (a, b) => a + b,
    );
    expect(body.total).toBe(sum);
    for (const [motif, n] of Object.entries(body.taux.par_motif)) {
      expect((await json(`/methodologie/liaisons.json?motif=${motif}`)).total, motif).toBe(n);
    }
    expect((await json('/methodologie/liaisons.json?motif=numero-absent')).total).toBe(0);
    const all = await json('/methodologie/liaisons.json?numeros=tous');
    expect(all.items.map((i: any) => [i.scrutin, i.rang])).toEqual([
      [1, 2],
      [3, 1],
      [4, 1],
    ]);
    expect(await html('/methodologie/liaisons')).toContain('2 scrutins non reliés');
    expect(await html('/methodologie/liaisons?numeros=tous')).toContain(
      '3 numéros non reliés d&#39;intitulés',
    );
    expect((await app.request('/methodologie/liaisons.json?numeros=x')).status).toBe(400);
  });

  it('agrees in number and separates thousands', async () => {
    const { LinkRateFigures } = await import('../../views/methodologie/liaisons.tsx');
    const rate = {
      scrutins: 3876,
      naming: 1,
      linked: 1,
      inArchive: 1,
      linkedInArchive: 1,
      byReason: { 'texte-absent': 1234 },
      byMethod: { 'titre-seance': 1 },
      dossiers: {},
    };
    const out = String(LinkRateFigures({ rate })).replace(/<[^>]+>/g, '');
    expect(out).toContain('1 scrutin sur 3\u202f876 porte sur un amendement');
    expect(out).toContain(': 1\u202f234');
  });
});
