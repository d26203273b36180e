// Route tests of /comparer and /vote-comme-moi with app.request on a database seeded with the
// sample referential and twelve scrutins written as a table (test/helpers/seed-comparer.ts).
// Expected figures are worked out by hand (the literal numbers in comments) and by a
// computation written here from the table, never from the code under test.
import { appClient } from '../helpers/app-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { AGREEMENT_COLUMNS, COMPARE_COLUMNS } from '../../server/records/comparer.ts';
import {
  TABLE,
  comparerDatabase,
  expectedComparison,
  expectedRanking,
  positionIn,
  SORT_NAMES,
  type Cast,
} from '../helpers/seed-comparer.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await comparerDatabase());
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const { get, json, csv } = appClient(() => app);

const countText = (page: string) =>
  /<p class="count" id="compte">([^<]*(?:<[^>]+>[^<]*)*?)<\/p>/.exec(page)?.[1];

/** Scrutin numbers of the comparison table, in order. */
const listed = (page: string) =>
  [
    ...(page.split('<table id="desaccords">')[1] ?? '').matchAll(
      /<a href="\/scrutins\/(\d+)">n° \1<\/a>/g,
    ),
  ].map((m) => Number(m[1]));

describe('/comparer', () => {
  it('shows the form alone without a and b', async () => {
    const { res, body } = await get('/comparer');
    expect(res.status).toBe(200);
    expect(body).toContain('<form class="filters" id="comparer" action="/comparer" method="get">');
    expect(body).not.toContain('id="resultats"');
    // Deputies in office and groups are suggested.
    expect(body).toContain('<option value="PA1">Alice Dupré (AAA)</option>');
    expect(body).toContain('<option value="PO20">Groupe Groupe Bêta (BBB)</option>');
  });

  it('compares two deputies: common scrutins, agreements, the disagreements latest first', async () => {
    // By hand: PA1 and PA2 both cast a vote in all 12 scrutins and differ in n° 2, 3, 7, 10, 12.
    const expected = expectedComparison('PA1', 'PA2');
    expect(expected).toMatchObject({ common: 12, agreements: 7, disagreements: [12, 10, 7, 3, 2] });
    const { res, body } = await get('/comparer?a=PA1&b=PA2');
    expect(res.status).toBe(200);
    expect(countText(body)).toBe('Même position dans 7 scrutins sur 12 scrutins communs');
    expect(body).toContain('<strong>58,3 %</strong>');
    expect(body).not.toContain('non significatif');
    expect(listed(body)).toEqual(expected.disagreements);
    expect(listed(await (await app.request('/comparer?a=pa1&b=PA2&voir=tous')).text())).toEqual(
      expected.all,
    );
  });

  it('agrees with the computation from the table for every pair of sides', async () => {
    const sides = ['PA1', 'PA2', 'PA3', 'PA4', 'PA5', 'PA6', 'PA99', 'PO10', 'PO20'];
    for (const a of sides) {
      for (const b of sides) {
        if (a === b) continue;
        const expected = expectedComparison(a, b);
        const data = await json(`/comparer.json?a=${a}&b=${b}&voir=tous`);
        expect(
          [data.scrutins_communs, data.accords, data.items.map((i: any) => i.numero)],
          `${a}/${b}`,
        ).toEqual([expected.common, expected.agreements, expected.all]);
        expect(data.total).toBe(expected.common);
        const disagreements = await json(`/comparer.json?a=${a}&b=${b}`);
        expect(
          disagreements.items.map((i: any) => i.numero),
          `${a}/${b}`,
        ).toEqual(expected.disagreements);
        expect(disagreements.significatif).toBe(expected.common >= 10);
      }
    }
  });

  it('compares a deputy with a group, and two groups as the stored proximity does', async () => {
    // By hand: AAA has a majority in 9 scrutins (ties in n° 2, 3, 10); PA1 differs only in n° 7.
    const page = (await get('/comparer?a=PA1&b=PO10')).body;
    expect(countText(page)).toBe('Même position dans 8 scrutins sur 9 scrutins communs');
    expect(page).toContain('non significatif : moins de 10 scrutins communs');
    expect(listed(page)).toEqual([7]);
    // AAA and BBB: both have a majority in 9 scrutins, the same one in n° 8 and 12.
    const groups = await json('/comparer.json?a=PO10&b=PO20');
    expect([groups.scrutins_communs, groups.accords]).toEqual([9, 2]);
    const stored = await db
      .selectFrom('group_proximity')
      .selectAll()
      .where('group_a', '=', 'PO10')
      .where('group_b', '=', 'PO20')
      .executeTakeFirstOrThrow();
    expect([stored.common, stored.agreements]).toEqual([9, 2]);
    // 9 common scrutins: the group pages mark that proximity as not significant.
    for (const group of ['AAA', 'BBB']) {
      const cell = /<td class="num muted" title="[^"]*\(non significatif\)">22,2 % <abbr/;
      expect((await get(`/groupes/${group}`)).body, group).toMatch(cell);
    }
  });

  it('names a former deputy outside the referential by uid', async () => {
    const { res, body } = await get('/comparer?a=PA99&b=PA1');
    expect(res.status).toBe(200);
    expect(body).toContain('PA99 <span class="muted">(ancien député, hors du référentiel)</span>');
    // n° 11 and 12: PA99 votes as PA1.
    expect(countText(body)).toBe('Même position dans 2 scrutins sur 2 scrutins communs');
    const data = await json('/comparer.json?a=PA99&b=PA1');
    expect(data.a).toMatchObject({ uid: 'PA99', type: 'depute', dans_le_referentiel: false });
    // PA7 is in the referential and never voted: no common scrutin, no rate.
    const none = await get('/comparer?a=PA7&b=PA1');
    expect(none.res.status).toBe(200);
    expect(none.body).toContain('Aucun scrutin commun : pas de taux d&#39;accord.');
  });

  it('pages the list and keeps a and b in the page links', async () => {
    const { body } = await get('/comparer?a=PA1&b=PA2&per_page=2&page=2');
    expect(listed(body)).toEqual([7, 3]);
    expect(body).toContain('page 2 sur 3');
    expect(body.replace(/&amp;/g, '&')).toContain('href="/comparer?a=PA1&b=PA2&per_page=2&page=3"');
  });

  it('exports the documented columns as CSV and JSON', async () => {
    const { header, records } = await csv('/comparer.csv?a=PA1&b=PA2&voir=tous');
    expect(header).toEqual(COMPARE_COLUMNS.map((c) => c.name));
    expect(records.map((r) => [r.numero, r.position_a, r.position_b, r.accord])).toEqual(
      expectedComparison('PA1', 'PA2').all.map((n) => [
        String(n),
        positionIn('PA1', n),
        positionIn('PA2', n),
        String(positionIn('PA1', n) === positionIn('PA2', n)),
      ]),
    );
    const data = await json('/comparer.json?a=PA1&b=PA2');
    expect(data).toMatchObject({
      total: 5,
      scrutins_communs: 12,
      accords: 7,
      desaccords: 5,
      taux_accord: 7 / 12,
      voir: 'desaccords',
      a: { uid: 'PA1', nom: 'Alice Dupré', type: 'depute' },
    });
    expect(data.source).toContain('Assemblée nationale');
  });

  it('answers 400 or 404 with a French message, still offering the form', async () => {
    const cases: [string, number, RegExp][] = [
      ['/comparer?a=PA1', 400, /Indiquez les deux députés ou groupes/],
      ['/comparer?b=PO10', 400, /Indiquez les deux députés ou groupes/],
      ['/comparer?a=PA1&b=PA1', 400, /a et b sont identiques/],
      ['/comparer?a=PA1&b=RN', 400, /Paramètre « b » invalide/],
      ['/comparer?a=%3Cscript%3Ealert(1)%3C/script%3E&b=PA1', 400, /Paramètre « a » invalide/],
      ['/comparer?a=PA1&b=PA123456', 404, /Aucun député ni groupe PA123456/],
      ['/comparer?a=PO999&b=PA1', 404, /Aucun député ni groupe PO999/],
      ['/comparer?a=PA1&b=PA2&page=abc', 400, /Paramètre « page » invalide/],
      ['/comparer?a=PA1&b=PA2&voir=%00', 400, /Paramètre « voir » invalide/],
      [`/comparer?a=${'9'.repeat(300)}&b=PA1`, 400, /Paramètre « a » invalide/],
    ];
    for (const [path, status, message] of cases) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(status);
      expect(body, path).toMatch(message);
      expect(body, path).toContain('<form class="filters" id="comparer"');
      expect(body, path).not.toContain('<script>alert');
    }
    for (const path of ['/comparer.json?a=PA1', '/comparer.csv?a=PA1&b=zz']) {
      expect((await get(path)).res.status, path).toBe(400);
    }
    const missing = await get('/comparer.json?a=PA1&b=PA123456');
    expect(missing.res.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatch(/PA123456/);
  });
});

const query = (answers: Record<number, string>) =>
  Object.entries(answers)
    .map(([n, p]) => `s${n}=${p}`)
    .join('&');

/** (uid, rank, "agreements/common") of a ranking table of the page, in order. */
const rankingRows = (page: string, id: string) => {
  const table = page.split(`<table id="${id}">`)[1]?.split('</table>')[0] ?? '';
  return [
    ...table.matchAll(
      /<tr data-uid="(P[AO]\d+)"><td class="num">([^<]*)<\/td>[\s\S]*?<td class="num">(\d+) sur (\d+)<\/td><\/tr>/g,
    ),
  ].map((m) => [m[1], m[2] === '–' ? null : Number(m[2]), `${m[3]}/${m[4]}`]);
};

describe('/vote-comme-moi', () => {
  // The solemn scrutins, answered.
  const SOLEMN: Record<number, Cast> = {
    1: 'contre',
    2: 'pour',
    4: 'contre',
    6: 'abstention',
    8: 'pour',
    10: 'pour',
    12: 'contre',
  };

  it('proposes the solemn scrutins, latest first, with four choices each and no answer', async () => {
    const { res, body } = await get('/vote-comme-moi');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const proposed = [...body.matchAll(/<input type="radio" name="s(\d+)" value="pour"/g)].map(
      (m) => Number(m[1]),
    );
    expect(proposed).toEqual([12, 10, 8, 6, 4, 2, 1]);
    expect(body).toContain("Rien n'est enregistré".replace("'", '&#39;'));
    expect(body).not.toContain('id="resultats"');
  });

  it('ranks nobody on fewer than 10 answers, as computed by hand', async () => {
    const { res, body } = await get(`/vote-comme-moi?${query(SOLEMN)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    // By hand (7 answers, fewer than the 10 common scrutins a rank needs): nobody is ranked,
    // all are listed by common scrutins, then rate, then name. PA3 agrees on all 7, PA4 on 6
    // (not n° 10), PA1 and PA6 on 4 (Dupré before Noël), PA2 on 1 (n° 8); PA5 voted in 3 of
    // them, PA99 in 1.
    expect(rankingRows(body, 'classement-deputes')).toEqual([
      ['PA3', null, '7/7'],
      ['PA4', null, '6/7'],
      ['PA1', null, '4/7'],
      ['PA6', null, '4/7'],
      ['PA2', null, '1/7'],
      ['PA5', null, '2/3'],
      ['PA99', null, '1/1'],
    ]);
    // BBB has a majority in 6 of them (not n° 10, a tie), AAA in 5.
    expect(rankingRows(body, 'classement-groupes')).toEqual([
      ['PO20', null, '6/6'],
      ['PO10', null, '2/5'],
    ]);
    expect(body).toContain('id="trop-peu"');
    // The answers are checked again in the form, and the share link holds them.
    expect(body).toContain('<input type="radio" name="s6" value="abstention" checked=""');
    expect(body.replace(/&amp;/g, '&')).toContain(
      'href="/vote-comme-moi?s1=contre&s2=pour&s4=contre&s6=abstention&s8=pour&s10=pour&s12=contre" id="partage"',
    );
  });

  it('ranks deputies and groups by agreement on 12 answers, as computed by hand', async () => {
    const allPour = Object.fromEntries(TABLE.map((t) => [t[0], 'pour' as const]));
    const { body } = await get(`/vote-comme-moi?${query(allPour)}`);
    expect(body).not.toContain('id="trop-peu"');
    // By hand, "pour" everywhere: PA1 voted in all 12, pour in 8 (n° 1, 2, 3, 4, 6, 8, 10,
    // 11); PA2 in 12, pour in 7; PA6 in 10, pour in 4 (n° 1, 2, 6, 8); PA4 in 11 (a
    // non-voter in n° 3), pour in 4 (n° 2, 5, 8, 9); PA3 in 12, pour in 4 (n° 2, 5, 8, 10).
    // PA5 (7 votes, pour in 5) and PA99 (2 votes, pour in 1) have fewer than 10: unranked.
    expect(rankingRows(body, 'classement-deputes')).toEqual([
      ['PA1', 1, '8/12'],
      ['PA2', 2, '7/12'],
      ['PA6', 3, '4/10'],
      ['PA4', 4, '4/11'],
      ['PA3', 5, '4/12'],
      ['PA5', null, '5/7'],
      ['PA99', null, '1/2'],
    ]);
    // BBB has a majority in 11 (a tie in n° 10), pour in 3 (n° 2, 5, 8); AAA in 9 only
    // (ties in n° 2, 3, 10), pour in 6 (n° 1, 4, 6, 7, 8, 11): unranked.
    expect(rankingRows(body, 'classement-groupes')).toEqual([
      ['PO20', 1, '3/11'],
      ['PO10', null, '6/9'],
    ]);
  });

  it('agrees with the computation from the table for other answers', async () => {
    const cases: Record<number, Cast>[] = [
      Object.fromEntries(TABLE.map((t) => [t[0], 'pour'])),
      Object.fromEntries(
        TABLE.map((t, i) => [t[0], (['pour', 'contre', 'abstention'] as const)[i % 3]!]),
      ),
      { 3: 'contre', 5: 'pour', 9: 'contre' },
      { 11: 'pour' },
    ];
    const deputies = ['PA1', 'PA2', 'PA3', 'PA4', 'PA5', 'PA6', 'PA99'];
    for (const answers of cases) {
      const page = (await get(`/vote-comme-moi?${query(answers)}`)).body;
      const shown = (rows: ReturnType<typeof expectedRanking>) =>
        rows.map((r) => [r.uid, r.rank, `${r.agreements}/${r.common}`]);
      const name = (uid: string) => SORT_NAMES[uid]!;
      expect(rankingRows(page, 'classement-deputes'), query(answers)).toEqual(
        shown(expectedRanking(deputies, answers, name)),
      );
      expect(rankingRows(page, 'classement-groupes'), query(answers)).toEqual(
        shown(expectedRanking(['PO10', 'PO20'], answers, name)),
      );
      const data = await json(`/vote-comme-moi.json?${query(answers)}`);
      expect(
        data.items.map((i: any) => [i.uid, i.rang, `${i.accords}/${i.scrutins_communs}`]),
      ).toEqual([
        ...shown(expectedRanking(['PO10', 'PO20'], answers, name)),
        ...shown(expectedRanking(deputies, answers, name)),
      ]);
    }
  });

  it('searches other scrutins by words and keeps the other answers in hidden fields', async () => {
    const { body } = await get(`/vote-comme-moi?q=energie&s2=pour&s12=contre&s6=`);
    const proposed = [...body.matchAll(/<input type="radio" name="s(\d+)" value="pour"/g)].map(
      (m) => Number(m[1]),
    );
    // "énergie" is in the titles of n° 2 and 3.
    expect(proposed).toEqual([3, 2]);
    expect(body).toContain('<input type="radio" name="s2" value="pour" checked=""');
    expect(body).toContain('<input type="hidden" name="s12" value="contre"/>');
    expect(body).not.toContain('name="s2" value="pour"/>');
    // s6= (sans avis) is no answer.
    expect(countText(body)).toBe('2 réponses');
  });

  it('ignores unknown scrutins with a notice; refuses bad answers with a 400 and the form', async () => {
    const unknown = await get('/vote-comme-moi?s2=pour&s999=contre&s0012=contre&x=1&s1234567=pour');
    expect(unknown.res.status).toBe(200);
    expect(unknown.body).toContain('scrutins absents des données : n° 999.');
    // s2 only: s0012 is not an answer (no leading zero), nor x, nor a 7-digit number.
    expect(countText(unknown.body)).toBe('1 réponse');
    const many = Array.from({ length: 201 }, (_, i) => `s${i + 1}=pour`).join('&');
    const cases: [string, RegExp][] = [
      ['/vote-comme-moi?s2=%3Cscript%3Ealert(1)%3C/script%3E', /Paramètre « s2 » invalide/],
      ['/vote-comme-moi?s2=oui', /valeurs possibles : pour, contre, abstention, sans-avis/],
      [`/vote-comme-moi?${many}`, /Trop de réponses \(201\)/],
      [`/vote-comme-moi?q=${'x'.repeat(201)}`, /Paramètre « q » invalide/],
      ['/vote-comme-moi?page=0', /Paramètre « page » invalide/],
    ];
    for (const [path, message] of cases) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(400);
      expect(body, path).toMatch(message);
      expect(body, path).toContain('<form id="questionnaire"');
      expect(body, path).not.toContain('<script>alert');
    }
    expect((await get('/vote-comme-moi.json?s2=maybe')).res.status).toBe(400);
    expect((await get(`/vote-comme-moi.csv?${many}`)).res.status).toBe(400);
  });

  it('exports the ranking with the documented columns', async () => {
    const allPour = query(Object.fromEntries(TABLE.map((t) => [t[0], 'pour' as const])));
    const { header, records } = await csv(`/vote-comme-moi.csv?${allPour}`);
    expect(header).toEqual(AGREEMENT_COLUMNS.map((c) => c.name));
    // The ranking computed by hand in the test above, groups first.
    expect(
      records.map((r) => [r.type, r.uid, r.rang, r.accords, r.scrutins_communs, r.significatif]),
    ).toEqual([
      ['groupe', 'PO20', '1', '3', '11', 'true'],
      ['groupe', 'PO10', '', '6', '9', 'false'],
      ['depute', 'PA1', '1', '8', '12', 'true'],
      ['depute', 'PA2', '2', '7', '12', 'true'],
      ['depute', 'PA6', '3', '4', '10', 'true'],
      ['depute', 'PA4', '4', '4', '11', 'true'],
      ['depute', 'PA3', '5', '4', '12', 'true'],
      ['depute', 'PA5', '', '5', '7', 'false'],
      ['depute', 'PA99', '', '1', '2', 'false'],
    ]);
    // The hostile name of PA4 comes out as text (the CSV is data, not markup).
    expect(records.find((r) => r.uid === 'PA4')!.nom).toBe('Chloé <script>alert(1)</script>');
    const data = await json(`/vote-comme-moi.json?${query(SOLEMN)}&s999=pour`);
    expect(data).toMatchObject({ total: 9, seuil_significatif: 10, scrutins_inconnus: [999] });
    expect(data.reponses).toEqual(
      Object.entries(SOLEMN).map(([n, p]) => ({ numero: Number(n), position: p })),
    );
  });
});
