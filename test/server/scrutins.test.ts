// Route tests of the votes pages and exports with app.request on a database seeded with the
// sample referential and five hand-written scrutins (test/helpers/seed-votes.ts). Expected
// rows and figures are worked out by hand from the seed's description.
import Papa from 'papaparse';
import { appClient } from '../helpers/app-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { bumpDataVersion } from '../../db/state/data-version.ts';
import { createApp } from '../../server/app.tsx';
import {
  BULK_VOTE_COLUMNS,
  DEPUTY_VOTE_COLUMNS,
  SCRUTIN_COLUMNS,
  SCRUTIN_VOTE_COLUMNS,
} from '../../server/records/scrutins.ts';
import { FORMULA_TITLE, HOSTILE_TITLE, votesDatabase } from '../helpers/seed-votes.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await votesDatabase());
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const { get, html, json, csv } = appClient(() => app);

const HTMX = { 'HX-Request': 'true' };

/** The `<p class="count">` text of a page or fragment. */
const countText = (page: string) => /<p class="count">([^<]*)<\/p>/.exec(page)?.[1];

/** Scrutin numbers listed in the /scrutins table, in order. */
const listedScrutins = (page: string) =>
  [...page.matchAll(/<tr><td><a href="\/scrutins\/(\d+)">\1<\/a><\/td>/g)].map((m) => Number(m[1]));

/** Scrutin numbers listed in a deputy's votes table, in order. */
const listedVotes = (page: string) =>
  [...page.matchAll(/<a href="\/scrutins\/(\d+)">n° \1<\/a>/g)].map((m) => Number(m[1]));

/** Deputies of the rows highlighted as rebel votes. */
const rebelRows = (page: string) =>
  [...page.matchAll(/<tr class="rebel"><td><a href="\/deputes\/(PA\d+)">/g)].map((m) => m[1]);

const unescapeHtml = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('/scrutins list', () => {
  it('lists every scrutin, latest first, with the count', async () => {
    const page = await html('/scrutins');
    expect(countText(page)).toBe('5 scrutins');
    expect(listedScrutins(page)).toEqual([5, 4, 3, 2, 1]);
    expect(listedScrutins(await html('/scrutins?tri=numero-asc'))).toEqual([1, 2, 3, 4, 5]);
  });

  it('combines the du, au, type, resultat and q filters', async () => {
    const cases: [string, number[]][] = [
      ['du=2024-12-01', [5, 4, 3, 2]],
      ['au=2025-03-05', [3, 2, 1]],
      ['du=2024-12-01&au=2025-03-31', [3, 2]],
      ['du=2024-12-10&au=2024-12-10', [2]],
      // A leap day is a day.
      ['du=2024-02-29&au=2024-12-31', [2, 1]],
      ['type=sps', [2]],
      ['type=MOC', [4]],
      ['resultat=rejete', [4, 3, 2]],
      ['resultat=adopte', [5, 1]],
      // "budget" is in the titles of n° 1, 3 and 5.
      ['q=budget', [5, 3, 1]],
      ['q=budget&resultat=adopte', [5, 1]],
      ['q=budget&du=2025-01-01', [5, 3]],
      ['q=budget&du=2025-01-01&resultat=rejete', [3]],
      ['q=budget&type=spo&au=2024-12-31', [1]],
      // Accents and case ignored: "l'État", "l'énergie".
      ['q=ETAT', [1]],
      ['q=%C3%A9nergie', [2]],
      // Every word must be found.
      ['q=budget%20energie', []],
      ['q=loi%20finances', [5]],
      ['type=sps&resultat=adopte', []],
    ];
    for (const [query, expected] of cases) {
      const page = await html(`/scrutins?${query}`);
      expect(listedScrutins(page), query).toEqual(expected);
      expect(countText(page), query).toBe(
        `${expected.length} scrutin${expected.length > 1 ? 's' : ''}`,
      );
    }
  });

  it('pages the list and keeps the filters in the page links', async () => {
    const page = await html('/scrutins?per_page=2&page=2&resultat=rejete');
    expect(countText(page)).toBe('3 scrutins');
    expect(listedScrutins(page)).toEqual([2]);
    expect(page).toContain('Page 2 sur 2');
    expect(unescapeHtml(page)).toContain('href="/scrutins?resultat=rejete&per_page=2&page=1"');
  });

  it('returns only the results fragment to htmx, the full page otherwise', async () => {
    const full = await get('/scrutins?type=sps');
    expect(full.res.headers.get('vary')).toMatch(/HX-Request/i);
    expect(full.body).toMatch(/^<!DOCTYPE html>/);
    expect(full.body).toContain('<form class="filters"');

    const fragment = await get('/scrutins?type=sps', HTMX);
    expect(fragment.res.status).toBe(200);
    expect(fragment.res.headers.get('vary')).toMatch(/HX-Request/i);
    expect(fragment.body).toMatch(/^<div id="resultats"/);
    expect(fragment.body).not.toContain('<html');
    expect(fragment.body).not.toContain('<form');
    expect(listedScrutins(fragment.body)).toEqual([2]);
    expect(countText(fragment.body)).toBe('1 scrutin');
  });

  it('exports the same filtered list as CSV with the documented columns, and as JSON', async () => {
    const all = await csv('/scrutins.csv');
    expect(all.header).toEqual(SCRUTIN_COLUMNS.map((c) => c.name));
    expect(all.records.map((r) => r.numero)).toEqual(['5', '4', '3', '2', '1']);
    const n1 = all.records.find((r) => r.numero === '1')!;
    expect(n1).toMatchObject({
      uid: 'VTANR5L17V1',
      date: '2024-10-01',
      type: 'SPO',
      resultat: 'adopté',
      pour: '3',
      contre: '2',
      abstention: '0',
      non_votants: '1',
      frondeurs: '1',
      ecart_decompte: '',
    });
    // A title a spreadsheet would run is neutralised.
    expect(all.records.find((r) => r.numero === '5')!.titre).toBe(`'${FORMULA_TITLE}`);
    expect(all.records.find((r) => r.numero === '3')!.titre).toBe(HOSTILE_TITLE);

    const filtered = await csv('/scrutins.csv?q=budget&du=2025-01-01');
    expect(filtered.records.map((r) => r.numero)).toEqual(['5', '3']);

    const list = await json('/scrutins.json?resultat=rejete&tri=numero-asc');
    expect(list.total).toBe(3);
    expect(list.items.map((i: { numero: number }) => i.numero)).toEqual([2, 3, 4]);
    expect(Object.keys(list.items[0])).toEqual(SCRUTIN_COLUMNS.map((c) => c.name));
    expect(list.source).toContain('Scrutins.json.zip');
  });
});

describe('/scrutins/<n>', () => {
  it('shows the per-group table and highlights the rebels', async () => {
    const page = await html('/scrutins/1');
    const groups = [
      ...page.matchAll(
        /href="\/groupes\/(\w+)"[^>]*>\1<\/a> <span class="muted">\((\d+) membres\)<\/span><\/td><td>([^<]+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num opt">(\d+)<\/td>/g,
      ),
    ].map((m) => m.slice(1).join(' '));
    // Group, members, position, pour, contre, abstention, non-voters.
    expect(groups).toEqual(['AAA 4 Pour 2 0 0 1', 'BBB 3 Contre 1 2 0 0']);
    // PA6 voted pour in BBB ("contre"); PA5, non-voter presiding the sitting, is no rebel.
    expect(rebelRows(page)).toEqual(['PA6']);
    expect(page).toContain('présidait la séance');
    expect(countText(page)).toBe('6 députés');

    expect(rebelRows(await html('/scrutins/2'))).toEqual(['PA2']);
    // AAA ties 1–1 in n° 3 (PA1 pour, PA2 contre): no majority, so nobody rebels.
    expect(rebelRows(await html('/scrutins/3'))).toEqual([]);
  });

  it('escapes scraped titles and names', async () => {
    const page = await html('/scrutins/3');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;budget&quot;',
    );
    // PA4's last name in the seed is markup too.
    expect(page).toContain('Chloé &lt;script&gt;alert(1)&lt;/script&gt;');
    const list = await html('/scrutins?q=budget');
    expect(list).not.toContain('<script>alert');
    expect(list).toContain('&lt;script&gt;alert(&quot;x&quot;)');
    const votes = await html('/deputes/PA2/votes');
    expect(votes).not.toContain('<script>alert');
  });

  it('filters its votes by group and position, as a fragment for htmx', async () => {
    const fragment = await get('/scrutins/1?groupe=bbb&position=contre', HTMX);
    expect(fragment.res.status).toBe(200);
    expect(fragment.body).toMatch(/^<div id="votes"/);
    expect(fragment.body).not.toContain('<h1>');
    expect(countText(fragment.body)).toBe('2 députés');
    expect(
      [...fragment.body.matchAll(/href="\/deputes\/(PA\d+)"/g)].map((m) => m[1]).sort(),
    ).toEqual(['PA3', 'PA4']);
  });

  it('says when the nominative lists differ from the official count', async () => {
    expect(await html('/scrutins/4')).toMatch(
      /Écart entre les listes nominatives et le décompte officiel : [^<]*3/,
    );
    expect(await html('/scrutins/1')).not.toContain('Écart entre');
  });

  it('gives the scrutin as JSON with its decompte and groups', async () => {
    const body = await json('/scrutins/1.json');
    expect(body).toMatchObject({
      numero: 1,
      uid: 'VTANR5L17V1',
      date: '2024-10-01',
      type: 'SPO',
      titre: "l'amendement n° 1 sur le budget de l'État",
      resultat: 'adopté',
      url_an: 'https://www.assemblee-nationale.fr/dyn/17/scrutins/1',
      // Votants: pour + contre + abstention; exprimés: pour + contre; requis: 5 ÷ 2 + 1.
      decompte: {
        pour: 3,
        contre: 2,
        abstention: 0,
        nonVotant: 1,
        votants: 5,
        exprimes: 5,
        requis: 3,
      },
      listes_nominatives: { pour: 3, contre: 2, abstention: 0, nonVotant: 1 },
      ecart_decompte: null,
      frondeurs: 1,
    });
    expect(body.source).toContain('Scrutins.json.zip');
    expect(body.groupes).toEqual([
      {
        groupe_uid: 'PO10',
        groupe: 'AAA',
        groupe_libelle: 'Groupe Alpha',
        membres: 4,
        position_majoritaire: 'pour',
        position_publiee: 'pour',
        ecart_position: false,
        position: 'pour',
        pour: 2,
        contre: 0,
        abstention: 0,
        nonVotant: 1,
        indice_accord: 1,
        frondeurs: 0,
      },
      {
        groupe_uid: 'PO20',
        groupe: 'BBB',
        groupe_libelle: 'Groupe Bêta',
        membres: 3,
        position_majoritaire: 'contre',
        position_publiee: 'contre',
        ecart_position: false,
        position: 'contre',
        pour: 1,
        contre: 2,
        abstention: 0,
        nonVotant: 0,
        // P=1, C=2: (2 − ½) ÷ 3.
        indice_accord: 0.5,
        // The one pour among two contre.
        frondeurs: 1,
      },
    ]);
    // n° 3: AAA published "pour" but tied 1–1, so it has no majority of its own.
    const tie = (await json('/scrutins/3.json')).groupes.find(
      (g: { groupe: string }) => g.groupe === 'AAA',
    );
    expect(tie).toMatchObject({
      position_majoritaire: null,
      position_publiee: 'pour',
      ecart_position: true,
      // A tie: nobody in the group rebels.
      frondeurs: 0,
    });
    const motion = await json('/scrutins/4.json');
    expect(motion.decompte.nonVotant).toBe(3);
    expect(motion.listes_nominatives.nonVotant).toBe(0);
    expect(motion.ecart_decompte).toMatch(/nonVotant/);
  });

  it('exports its votes filtered by group and position', async () => {
    const contre = await csv('/scrutins/1/votes.csv?groupe=BBB&position=contre');
    expect(contre.header).toEqual(SCRUTIN_VOTE_COLUMNS.map((c) => c.name));
    expect(contre.records.map((r) => r.uid).sort()).toEqual(['PA3', 'PA4']);
    expect(contre.records.every((r) => r.groupe === 'BBB' && r.position === 'contre')).toBe(true);

    const rebel = await csv('/scrutins/1/votes.csv?groupe=bbb&position=pour');
    expect(rebel.records).toEqual([
      {
        uid: 'PA6',
        prenom: 'Fanny',
        nom: 'Noël',
        groupe: 'BBB',
        position: 'pour',
        cause_non_vote: '',
        par_delegation: 'false',
        position_groupe: 'contre',
        frondeur: 'true',
        position_publiee_groupe: 'contre',
        frondeur_position_publiee: 'true',
      },
    ]);
    const delegated = await csv('/scrutins/2/votes.csv?groupe=PO10&position=contre');
    // Sorted by name: Ancien (PA5, by delegation), then Dupré (PA1).
    expect(delegated.records.map((r) => [r.uid, r.par_delegation])).toEqual([
      ['PA5', 'true'],
      ['PA1', 'false'],
    ]);
    const nonVoter = await json('/scrutins/3/votes.json?position=nonvotant');
    expect(nonVoter.items).toEqual([
      expect.objectContaining({
        uid: 'PA4',
        position: 'nonVotant',
        cause_non_vote: 'MG',
        frondeur: false,
      }),
    ]);
    expect((await csv('/scrutins/2/votes.csv')).rows).toHaveLength(6);
  });
});

describe("a deputy's votes", () => {
  it('lists them latest first, filtered, with the rebel votes highlighted', async () => {
    const page = await html('/deputes/PA2/votes');
    expect(countText(page)).toBe('3 votes');
    expect(listedVotes(page)).toEqual([3, 2, 1]);
    // Against AAA's majority in n° 2 only: AAA tied in n° 3.
    expect(page.match(/<tr class="rebel">/g)).toHaveLength(1);

    const fragment = await get('/deputes/PA2/votes?frondes=1', HTMX);
    expect(fragment.body).toMatch(/^<div id="resultats"/);
    expect(countText(fragment.body)).toBe('1 vote');
    expect(listedVotes(fragment.body)).toEqual([2]);

    const cases: [string, number[]][] = [
      ['position=contre', [3]],
      ['position=abstention', [2]],
      ['type=sps', [2]],
      ['du=2025-01-01', [3]],
      ['au=2024-12-31&position=pour', [1]],
      ['q=%C3%A9nergie', [2]],
      ['frondeurs=oui&type=sps', [2]],
      ['frondeurs=oui&type=spo', []],
      // The first name of the parameter, still accepted.
      ['frondes=1&type=sps', [2]],
    ];
    for (const [query, expected] of cases) {
      expect(listedVotes(await html(`/deputes/PA2/votes?${query}`)), query).toEqual(expected);
    }
  });

  it('exports them as CSV and JSON with the same filters', async () => {
    const all = await csv('/deputes/PA2/votes.csv');
    expect(all.header).toEqual(DEPUTY_VOTE_COLUMNS.map((c) => c.name));
    expect(
      all.records.map((r) => [r.numero, r.position, r.groupe, r.position_groupe, r.frondeur]),
    ).toEqual([
      ['3', 'contre', 'AAA', '', 'false'],
      ['2', 'abstention', 'AAA', 'contre', 'true'],
      ['1', 'pour', 'AAA', 'pour', 'false'],
    ]);
    expect((await csv('/deputes/PA2/votes.csv?type=sps')).records.map((r) => r.numero)).toEqual([
      '2',
    ]);
    const delegated = await csv('/deputes/PA5/votes.csv');
    expect(
      delegated.records.map((r) => [r.numero, r.position, r.cause_non_vote, r.par_delegation]),
    ).toEqual([
      ['2', 'contre', '', 'true'],
      ['1', 'nonVotant', 'PSE', 'false'],
    ]);

    const filtered = await json('/deputes/PA2/votes.json?du=2025-01-01');
    expect(filtered.total).toBe(1);
    expect(filtered.items[0]).toMatchObject({
      numero: 3,
      position: 'contre',
      frondeur: false,
      frondeur_position_publiee: true,
    });
    const paged = await json('/deputes/PA1/votes.json?per_page=2&page=2');
    // PA1 voted in n° 1, 2, 3 and 5.
    expect(paged.total).toBe(4);
    expect(paged.items.map((i: { numero: number }) => i.numero)).toEqual([2, 1]);
  });

  it('answers 404 for an unknown deputy or file', async () => {
    // PA98 is neither in the referential nor among the voters (PA99, who voted, has a page).
    expect((await get('/deputes/PA98/votes')).res.status).toBe(404);
    expect((await get('/deputes/PA99/votes')).res.status).toBe(200);
    expect((await get('/deputes/PA2/votes.xml')).res.status).toBe(404);
    expect((await get('/deputes/XX2/votes')).res.status).toBe(404);
  });
});

describe('vote figures of deputies', () => {
  it('puts participation and loyalty in /deputes/<uid>.json', async () => {
    // PA2: in office for all 5 scrutins, cast n° 1, 2, 3; n° 2 is the only solemn one.
    // Against AAA's majority in n° 2; AAA tied in n° 3, left out; against its published
    // position in n° 2 and 3.
    expect((await json('/deputes/PA2.json')).votes).toEqual({
      participation: 0.6,
      // Every rate of the seed rests on fewer than 10 votes (or scrutins).
      participation_significative: false,
      participation_raison: null,
      scrutins_de_reference: 5,
      votes_participation: 3,
      votes_par_delegation: 0,
      non_votant_par_fonction: 0,
      participation_solennels: 1,
      participation_solennels_significative: false,
      participation_solennels_raison: null,
      scrutins_solennels_de_reference: 1,
      votes_solennels: 1,
      loyaute: 0.5,
      loyaute_significative: false,
      votes_avec_majorite_du_groupe: 1,
      votes_loyaute: 2,
      votes_frondeurs: 1,
      loyaute_position_publiee: 1 / 3,
      loyaute_position_publiee_significative: false,
      votes_avec_position_publiee: 1,
      votes_loyaute_position_publiee: 3,
      seuil_significativite: 10,
      // Deprecated names, same values.
      votes_exprimes: 3,
      votes_solennels_exprimes: 1,
      votes_exprimes_loyaute: 2,
      votes_exprimes_loyaute_position_publiee: 3,
      votes_avec_position_du_groupe: 1,
      champs_obsoletes: {
        votes_exprimes: 'votes_participation',
        votes_solennels_exprimes: 'votes_solennels',
        votes_exprimes_loyaute: 'votes_loyaute',
        votes_exprimes_loyaute_position_publiee: 'votes_loyaute_position_publiee',
        votes_avec_position_du_groupe: 'votes_avec_position_publiee',
      },
      methodologie: '/methodologie',
    });
    // PA5 left on 2025-01-31: n° 1 (presiding, left out) and n° 2 (cast by delegation).
    expect((await json('/deputes/PA5.json')).votes).toMatchObject({
      participation: 1,
      scrutins_de_reference: 1,
      votes_exprimes: 1,
      votes_par_delegation: 1,
      non_votant_par_fonction: 1,
      loyaute: 1,
    });
    // PA4: member of the government in n° 3 (left out); cast n° 1, 2 and signed n° 4.
    expect((await json('/deputes/PA4.json')).votes).toMatchObject({
      participation: 0.75,
      scrutins_de_reference: 4,
      votes_exprimes: 3,
      non_votant_par_fonction: 1,
      loyaute: 1,
      votes_frondeurs: 0,
    });
    // PA1 did not sign the motion of censure (n° 4): 4 of 5.
    expect((await json('/deputes/PA1.json')).votes).toMatchObject({
      participation: 0.8,
      loyaute: 1,
    });
    // No mandate, no figures.
    expect((await json('/deputes/PA7.json')).votes).toBeNull();
  });

  it('counts on /methodologie where the published position is not the group majority', async () => {
    // Pairs where the group cast votes: n° 1, 2, 3 and 5 both groups, n° 4 BBB only: 9. Only
    // AAA in n° 3 (published "pour", tied 1–1) disagrees.
    const page = unescapeHtml(await html('/methodologie'));
    expect(page).toContain('1 cas sur 9 couples (scrutin, groupe ayant voté)');
  });

  it('shows the figures on the deputy page', async () => {
    const page = unescapeHtml(await html('/deputes/PA2'));
    expect(page).toContain('3 votes (pour, contre ou abstention) sur 5 scrutins');
    expect(page).not.toContain('exprimé');
    expect(page).toContain('1 vote frondeur.');
  });
});

describe('/deputes?scrutin=', () => {
  const uids = (body: Record<string, any>) => body.items.map((i: { uid: string }) => i.uid).sort();

  it('returns exactly the deputies who cast that vote, former ones included', async () => {
    expect(uids(await json('/deputes.json?scrutin=1&position=contre'))).toEqual(['PA3', 'PA4']);
    expect(uids(await json('/deputes.json?scrutin=1&position=pour'))).toEqual([
      'PA1',
      'PA2',
      'PA6',
    ]);
    // PA5 has left office: listed, as en_exercice defaults to tous with a scrutin.
    expect(uids(await json('/deputes.json?scrutin=2&position=contre'))).toEqual(['PA1', 'PA5']);
    expect(uids(await json('/deputes.json?scrutin=2&position=contre&en_exercice=oui'))).toEqual([
      'PA1',
    ]);
    expect(uids(await json('/deputes.json?scrutin=3&position=nonvotant'))).toEqual(['PA4']);
    expect(uids(await json('/deputes.json?scrutin=1'))).toEqual([
      'PA1',
      'PA2',
      'PA3',
      'PA4',
      'PA5',
      'PA6',
    ]);
    expect(uids(await json('/deputes.json?scrutin=2&position=contre&groupe=AAA&sexe=H'))).toEqual([
      'PA5',
    ]);
    // PA99 voted in n° 5 but is not in the referential.
    expect(uids(await json('/deputes.json?scrutin=5'))).toEqual(['PA1', 'PA3']);
    expect((await json('/deputes.json?scrutin=999')).total).toBe(0);
  });

  it('refuses a position without a scrutin', async () => {
    for (const path of [
      '/deputes.json?position=contre',
      '/deputes?position=pour',
      '/deputes.csv?position=contre',
    ]) {
      expect((await get(path)).res.status, path).toBe(400);
    }
  });
});

describe('/exports/votes.csv', () => {
  it('streams every individual vote with the documented columns', async () => {
    const { res, body } = await get('/exports/votes.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const [header, ...rows] = Papa.parse<string[]>(body.trimEnd(), { newline: '\r\n' }).data;
    expect(header).toEqual([...BULK_VOTE_COLUMNS]);
    const { n } = await db
      .selectFrom('vote')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // 6 + 6 + 5 + 1 + 3 votes in the seed.
    expect(Number(n)).toBe(21);
    expect(rows).toHaveLength(21);
    const row = (numero: string, uid: string) =>
      Object.fromEntries(
        header!.map((h, i) => [h, rows.find((r) => r[0] === numero && r[3] === uid)?.[i]]),
      );
    expect(row('1', 'PA6')).toEqual({
      numero: '1',
      date: '2024-10-01',
      type: 'SPO',
      uid: 'PA6',
      prenom: 'Fanny',
      nom: 'Noël',
      groupe_uid: 'PO20',
      groupe: 'BBB',
      position: 'pour',
      cause_non_vote: '',
      par_delegation: 'false',
      frondeur: 'true',
      frondeur_position_publiee: 'true',
    });
    expect(row('2', 'PA5')).toMatchObject({ position: 'contre', par_delegation: 'true' });
    expect(row('5', 'PA99')).toMatchObject({ prenom: '', nom: '', groupe: 'AAA' });
    // In scrutin order.
    const numbers = rows.map((r) => Number(r[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});

describe('/methodologie', () => {
  it('lists the formulas of every figure', async () => {
    const page = unescapeHtml(await html('/methodologie'));
    expect(page).toContain(
      'participation = votes (pour, contre ou abstention) ÷ scrutins de référence',
    );
    expect(page).toContain(
      'loyauté = votes égaux à la majorité du groupe ÷ votes dans les scrutins où le groupe avait une majorité',
    );
    expect(page).toContain(
      "indice d'accord = (max(P, C, A) − ½ × (P + C + A − max(P, C, A))) ÷ (P + C + A)",
    );
    expect(page).toContain(
      'proximité(A, B) = scrutins où A et B ont la même majorité ÷ scrutins comparés',
    );
    for (const cause of ['PAN', 'PSE', 'MG', 'SPS']) expect(page).toContain(`(${cause})`);
  });
});

describe('hostile parameters', () => {
  it('answers 400, never 500', async () => {
    const cases: [string, number][] = [
      ['/scrutins?du=hier', 400],
      ['/scrutins?au=2025/01/01', 400],
      ['/scrutins?du=2024-13-45', 400],
      ['/scrutins?au=2025-02-30', 400],
      ['/scrutins?type=xyz', 400],
      ['/scrutins?resultat=peut-etre', 400],
      ['/scrutins?tri=hasard', 400],
      ['/scrutins?page=0', 400],
      ['/scrutins?page=abc', 400],
      ['/scrutins?per_page=100000', 400],
      [`/scrutins?q=${'a'.repeat(300)}`, 400],
      [`/scrutins.csv?q=${'a'.repeat(300)}`, 400],
      ['/scrutins.json?du=bad', 400],
      ['/scrutins/1?position=peut-etre', 400],
      ['/scrutins/1?groupe=%3Cscript%3E', 400],
      ['/scrutins/1/votes.csv?position=xx', 400],
      ['/scrutins/1/votes.csv?groupe=a%27b', 400],
      ['/scrutins/1.json?position=blanc', 400],
      ['/deputes.json?scrutin=abc', 400],
      ['/deputes.json?scrutin=-1', 400],
      ['/deputes.json?scrutin=1.5', 400],
      ['/deputes.json?scrutin=1&position=oui', 400],
      ['/deputes/PA2/votes?du=bad', 400],
      ['/deputes/PA2/votes.csv?position=peut-etre', 400],
      ['/deputes/PA2/votes.json?per_page=0', 400],
      ['/deputes/PA2/votes?frondes=maybe', 400],
      ['/deputes/PA2/votes?type=xyz', 400],
      // Not found rather than invalid.
      ['/scrutins/abc', 404],
      ['/scrutins/9999', 404],
      ['/scrutins/1.xml', 404],
      ['/scrutins/abc/votes.csv', 404],
      // Longer than any address the site accepts.
      [`/scrutins?q=${'x'.repeat(5000)}`, 414],
    ];
    for (const [path, status] of cases) {
      const { res, body } = await get(path);
      expect(res.status, path.slice(0, 80)).toBe(status);
      if (path.includes('.json')) expect(JSON.parse(body).status, path).toBe(status);
      expect(body, path.slice(0, 80)).not.toContain('<script>');
    }
  });

  it('treats search text as text, not as SQL or LIKE patterns', async () => {
    expect(listedScrutins(await html(`/scrutins?q=${encodeURIComponent("' OR 1=1 --")}`))).toEqual(
      [],
    );
    expect(listedScrutins(await html('/scrutins?q=%25'))).toEqual([5, 4, 3, 2, 1]);
    expect(listedScrutins(await html('/scrutins?q=_'))).toEqual([5, 4, 3, 2, 1]);
    expect(listedScrutins(await html(`/scrutins?q=${encodeURIComponent('<script>')}`))).toEqual([
      3,
    ]);
  });
});

describe('the amendments a scrutin decides, on its page', () => {
  it('says "du Gouvernement", names an unreadable number, and labels the outcome', async () => {
    // Scrutin 5 decides the Gouvernement's amendment n° 12 (adopted) and a second one whose
    // number the title does not give, by M. Dupont (unlinked); scrutin 4 a deputy's (PA1).
    const uid = (n: number) => `AMANR5L17PO59051B0100P0D1N${String(n).padStart(6, '0')}`;
    await db
      .insertInto('amendement')
      .values([
        {
          uid: uid(12),
          legislature: 17,
          numero: 12,
          numero_long: '12',
          texte_uid: 'PIONANR5L17B0100',
          numero_rect: 0,
          seance: 1,
          text_key: '',
          author_type: 'Gouvernement',
          author_uid: null,
          sort: 'adopte',
          sort_label: 'Adopté',
          file_name: 'f12',
          content_hash: 'h',
        },
        {
          uid: uid(13),
          legislature: 17,
          numero: 13,
          numero_long: '13',
          texte_uid: 'PIONANR5L17B0100',
          numero_rect: 0,
          seance: 1,
          text_key: '',
          author_type: 'Député',
          author_uid: 'PA1',
          sort: 'non-soutenu',
          sort_label: 'Non soutenu',
          file_name: 'f13',
          content_hash: 'h',
        },
      ])
      .execute();
    const link = { rect: 0, candidates: 1, text_in_archive: 1 };
    await db
      .insertInto('scrutin_amendement')
      .values([
        {
          ...link,
          scrutin_uid: 'VTANR5L17V5',
          position: 1,
          numero: 12,
          author: 'le Gouvernement',
          amendement_uid: uid(12),
          method: 'titre-seance',
          reason: null,
        },
        {
          ...link,
          scrutin_uid: 'VTANR5L17V5',
          position: 2,
          numero: null,
          author: 'M. Dupont',
          amendement_uid: null,
          method: null,
          reason: 'titre-incompris',
        },
        {
          ...link,
          scrutin_uid: 'VTANR5L17V4',
          position: 1,
          numero: 13,
          author: 'Mme Dupré',
          amendement_uid: uid(13),
          method: 'titre-seance',
          reason: null,
        },
      ])
      .execute();
    // As an ingest does: the pages cached before these rows are drawn again.
    await db.transaction().execute((trx) => bumpDataVersion(trx));
    try {
      const section = (page: string) =>
        /<section class="voted-amendements">.*?<\/section>/su.exec(page)![0];
      const five = section(await html('/scrutins/5'));
      expect(five).toContain(
        `<a href="/amendements/${uid(12)}">Amendement n°\u00a012</a> du Gouvernement`,
      );
      expect(five).not.toContain('de Gouvernement');
      expect(five).toContain('sort\u202f: <strong>Adopté</strong>');
      expect(five).toContain('Amendement sans numéro lisible (M. Dupont)\u202f: non relié');
      const four = section(await html('/scrutins/4'));
      expect(four).toContain('de <a href="/deputes/PA1">Alice Dupré</a>');
      expect(four).toContain('<strong>Non soutenu</strong>');
    } finally {
      await db.deleteFrom('scrutin_amendement').execute();
      await db.deleteFrom('amendement').execute();
    }
  });
});
