// The vote figures in the lists (issue 14, part 5): /deputes columns and sorts, /groupes
// cohesion and members' participation, a scrutin page's "frondeurs seulement" filter and its
// votes folded by group. The sample referential (test/helpers/seed.ts), the five scrutins of
// test/helpers/seed-votes.ts, and ten more solemn scrutins written below, so that some rates
// rest on 10 votes or more and others do not. Every expected figure is worked out by hand.
import { appClient } from '../helpers/app-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { DEPUTY_COLUMNS, GROUP_COLUMNS } from '../../server/records/deputes.ts';
import { SCRUTIN_VOTE_COLUMNS } from '../../server/records/scrutins.ts';
import { ingestScrutins } from '../../scrapers/votes/ingest.ts';
import { ROUTE_SCRUTINS } from '../helpers/seed-votes.ts';
import { scrutinEntries, scrutinFiles, type ScrutinSpec } from '../helpers/scrutin-json.ts';
import { seededDatabase } from '../helpers/seed.ts';

const AAA = 'PO10';
const BBB = 'PO20';
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * n° 6–15, solemn, 2025-09-01 to 2025-09-10 (after PA5 left office):
 * - AAA: pour PA1 and five voters outside the referential (PA93–PA95, PA98, PA99) in all;
 *   PA2 pour in 6–9, contre in 10–12 (a rebel: AAA's majority is pour), absent in 13–15;
 * - BBB: contre PA4 and PA97 (outside the referential) in all; PA3 contre in 6–7 only, absent
 *   after; PA6 contre in 6–14, abstention in 15 (a rebel: BBB's majority is contre, 2 to 1).
 */
const EXTRA: ScrutinSpec[] = range(6, 15).map((n) => ({
  number: n,
  date: `2025-09-${String(n - 5).padStart(2, '0')}`,
  type: 'SPS',
  title: `le projet de loi n° ${n}`,
  groups: [
    {
      organe: AAA,
      members: 3,
      position: 'pour',
      pour: ['PA1', 'PA93', 'PA94', 'PA95', 'PA98', 'PA99', ...(n <= 9 ? ['PA2'] : [])],
      contre: n >= 10 && n <= 12 ? ['PA2'] : [],
    },
    {
      organe: BBB,
      members: 3,
      position: 'contre',
      contre: ['PA4', 'PA97', ...(n <= 7 ? ['PA3'] : []), ...(n <= 14 ? ['PA6'] : [])],
      abstention: n === 15 ? ['PA6'] : [],
    },
  ],
}));

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  const specs = [...ROUTE_SCRUTINS, ...EXTRA];
  const result = await db
    .transaction()
    .execute((trx) => ingestScrutins(trx, scrutinFiles(scrutinEntries(specs)), 17));
  if (result.errors.length > 0 || result.added !== specs.length)
    throw new Error(`seeding scrutins failed: ${JSON.stringify(result)}`);
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const { get, html, json, csv } = appClient(() => app);

const HTMX = { 'HX-Request': 'true' };

/**
 * Figures by hand over the 15 scrutins (solemn: n° 2 and 6–15). Terms start on 2024-07-08;
 * PA5 left on 2025-01-31 (held: n° 1, where PA5 presided, and n° 2). Loyalty leaves out
 * n° 3 for AAA (a 1–1 tie).
 */
const FIGURES: Record<string, Record<string, number | null>> = {
  // Cast n° 1, 2, 3, 5 and 6–15; loyal everywhere AAA had a majority (n° 1, 2, 5, 6–15).
  PA1: {
    participation: 14 / 15,
    scrutins_de_reference: 15,
    votes_participation: 14,
    participation_solennels: 1,
    scrutins_solennels_de_reference: 11,
    votes_solennels: 11,
    loyaute: 1,
    votes_avec_majorite_du_groupe: 13,
    votes_loyaute: 13,
    votes_frondeurs: 0,
  },
  // Cast n° 1, 2 (abstention, a rebel), 3 (tie) and 6–12 (rebel in 10–12).
  PA2: {
    participation: 10 / 15,
    scrutins_de_reference: 15,
    votes_participation: 10,
    participation_solennels: 8 / 11,
    scrutins_solennels_de_reference: 11,
    votes_solennels: 8,
    loyaute: 5 / 9,
    votes_avec_majorite_du_groupe: 5,
    votes_loyaute: 9,
    votes_frondeurs: 4,
  },
  // Cast n° 1, 2, 3, 5, 6, 7, always with BBB.
  PA3: {
    participation: 6 / 15,
    scrutins_de_reference: 15,
    votes_participation: 6,
    participation_solennels: 3 / 11,
    scrutins_solennels_de_reference: 11,
    votes_solennels: 3,
    loyaute: 1,
    votes_avec_majorite_du_groupe: 6,
    votes_loyaute: 6,
    votes_frondeurs: 0,
  },
  // Member of the government in n° 3 (left out); cast n° 1, 2, 4 and 6–15.
  PA4: {
    participation: 13 / 14,
    scrutins_de_reference: 14,
    votes_participation: 13,
    participation_solennels: 1,
    scrutins_solennels_de_reference: 11,
    votes_solennels: 11,
    loyaute: 1,
    votes_avec_majorite_du_groupe: 13,
    votes_loyaute: 13,
    votes_frondeurs: 0,
  },
  // Cast n° 1 (a rebel), 2, 3 and 6–15 (a rebel in 15).
  PA6: {
    participation: 13 / 15,
    scrutins_de_reference: 15,
    votes_participation: 13,
    participation_solennels: 1,
    scrutins_solennels_de_reference: 11,
    votes_solennels: 11,
    loyaute: 11 / 13,
    votes_avec_majorite_du_groupe: 11,
    votes_loyaute: 13,
    votes_frondeurs: 2,
  },
  // Former deputy: presided n° 1 (left out), cast n° 2 by delegation.
  PA5: {
    participation: 1,
    scrutins_de_reference: 1,
    votes_participation: 1,
    participation_solennels: 1,
    scrutins_solennels_de_reference: 1,
    votes_solennels: 1,
    loyaute: 1,
    votes_avec_majorite_du_groupe: 1,
    votes_loyaute: 1,
    votes_frondeurs: 0,
  },
};
const NO_FIGURES = Object.fromEntries(Object.keys(FIGURES.PA1!).map((k) => [k, null]));

const order = (body: { items: Record<string, any>[] }) => body.items.map((i) => i.uid);

describe('/deputes vote figures', () => {
  it('gives each deputy their figures and bases, rates from 0 to 1', async () => {
    const body = await json('/deputes.json?en_exercice=tous');
    expect(body.total).toBe(7);
    for (const item of body.items) {
      const expected = FIGURES[item.uid] ?? NO_FIGURES;
      for (const [name, value] of Object.entries(expected)) {
        if (value === null) expect(item[name], `${item.uid} ${name}`).toBeNull();
        else expect(item[name], `${item.uid} ${name}`).toBeCloseTo(value, 12);
      }
    }
    // PA7 has no mandate and no vote.
    expect(body.items.find((i) => i.uid === 'PA7')).toMatchObject(NO_FIGURES);
  });

  it('uses the names and values of /deputes/<uid>.json', async () => {
    const row = (await json('/deputes.json?nom=martin')).items[0]!;
    const votes = (await json('/deputes/PA2.json')).votes as Record<string, unknown>;
    for (const name of Object.keys(FIGURES.PA2!)) expect(row[name], name).toEqual(votes[name]);
  });

  it('appends the new columns to the CSV header, after the existing ones', async () => {
    const { header, records } = await csv('/deputes.csv?nom=noel');
    expect(header).toEqual(DEPUTY_COLUMNS.map((c) => c.name));
    expect(header.slice(0, 24)).toEqual([
      'uid',
      'civilite',
      'prenom',
      'nom',
      'sexe',
      'date_naissance',
      'age',
      'en_exercice',
      'groupe',
      'groupe_libelle',
      'groupe_couleur',
      'parti',
      'parti_libelle',
      'departement',
      'departement_nom',
      'circonscription',
      'profession',
      'profession_normalisee',
      'categorie_insee',
      'famille_insee',
      'debut_mandat',
      'fin_mandat',
      'url_an',
      'url_hatvp',
    ]);
    // The vote figures, then the amendment figures (test/server/deputes-amendements.test.ts).
    const votes = Object.keys(FIGURES.PA6!);
    expect(header.slice(24, 24 + votes.length)).toEqual(votes);
    expect(header[24 + votes.length]).toBe('amendements_deposes');
    expect(records).toHaveLength(1);
    expect(Number(records[0]!.loyaute)).toBeCloseTo(11 / 13, 12);
    expect(records[0]!.votes_frondeurs).toBe('2');
    expect(records[0]!.scrutins_de_reference).toBe('15');
    // No figures: empty cells.
    const none = await csv('/deputes.csv?nom=sansmandat&en_exercice=tous');
    expect(none.records[0]!.participation).toBe('');
    expect(none.records[0]!.votes_frondeurs).toBe('');
  });
});

describe('/deputes sorted by a vote figure', () => {
  // Significant: a base of 10 or more. Not significant (or no rate) rows come last, by name
  // (sort names: "<script>…" PA4, Ancien PA5, Dupré PA1, Lefèvre PA3, Martin PA2, Noël PA6,
  // Sansmandat PA7).
  const cases: [string, string[]][] = [
    // 14/15 = .933, 13/14 = .929, 13/15, 10/15, 6/15.
    ['tri=participation&ordre=desc', ['PA1', 'PA4', 'PA6', 'PA2', 'PA3']],
    ['tri=participation', ['PA3', 'PA2', 'PA6', 'PA4', 'PA1']],
    // PA5 (1 of 1) and PA7 (none) are not ranked: last, whichever the direction.
    [
      'tri=participation&ordre=desc&en_exercice=tous',
      ['PA1', 'PA4', 'PA6', 'PA2', 'PA3', 'PA5', 'PA7'],
    ],
    [
      'tri=participation&ordre=asc&en_exercice=tous',
      ['PA3', 'PA2', 'PA6', 'PA4', 'PA1', 'PA5', 'PA7'],
    ],
    // Every deputy in office has 11 solemn scrutins: 1, 1, 1 (by name), 8/11, 3/11.
    ['tri=participation-solennelle&ordre=desc', ['PA4', 'PA1', 'PA6', 'PA2', 'PA3']],
    ['tri=participation-solennelle', ['PA3', 'PA2', 'PA4', 'PA1', 'PA6']],
    // PA3 (1 over 6 votes) and PA2 (5/9) are not significant: after PA4, PA1 (1) and PA6
    // (11/13) in both directions, although PA3 has the highest rate and PA2 the lowest.
    ['tri=loyaute&ordre=desc', ['PA4', 'PA1', 'PA6', 'PA3', 'PA2']],
    ['tri=loyaute&ordre=asc', ['PA6', 'PA4', 'PA1', 'PA3', 'PA2']],
    ['tri=loyaute&ordre=asc&en_exercice=tous', ['PA6', 'PA4', 'PA1', 'PA5', 'PA3', 'PA2', 'PA7']],
    // A count over the votes of loyalty: PA2 (4 over 9 votes), PA3 (6) and PA5 (1) are not
    // ranked, after PA6 (2) and the zeros PA4 and PA1 (by name); no figures (PA7) last.
    ['tri=frondeurs&ordre=desc', ['PA6', 'PA4', 'PA1', 'PA3', 'PA2']],
    ['tri=frondeurs&en_exercice=tous', ['PA4', 'PA1', 'PA6', 'PA5', 'PA3', 'PA2', 'PA7']],
    // Combined with filters.
    ['groupe=BBB&tri=loyaute&ordre=asc', ['PA6', 'PA4', 'PA3']],
    ['sexe=F&tri=participation&ordre=desc', ['PA1', 'PA4', 'PA6']],
    ['profession=avocat&tri=frondeurs&ordre=desc', ['PA6', 'PA1', 'PA3', 'PA2']],
    ['scrutin=12&position=contre&tri=loyaute', ['PA6', 'PA4', 'PA2']],
    ['scrutin=2&tri=participation&ordre=desc', ['PA1', 'PA4', 'PA6', 'PA2', 'PA3', 'PA5']],
  ];
  for (const [query, expected] of cases) {
    it(query, async () => {
      expect(order(await json(`/deputes.json?${query}`))).toEqual(expected);
      const { records } = await csv(`/deputes.csv?${query}`);
      expect(records.map((r) => r.uid)).toEqual(expected);
      const page = await html(`/deputes?${query}`);
      const listed = [...page.matchAll(/<tr><td><a href="\/deputes\/(PA\d+)">/g)].map((m) => m[1]);
      expect(listed).toEqual(expected);
    });
  }

  it('pages a sorted list without losing the order', async () => {
    const first = await json('/deputes.json?tri=loyaute&ordre=desc&per_page=2');
    const second = await json('/deputes.json?tri=loyaute&ordre=desc&per_page=2&page=2');
    const third = await json('/deputes.json?tri=loyaute&ordre=desc&per_page=2&page=3');
    expect([...order(first), ...order(second), ...order(third)]).toEqual([
      'PA4',
      'PA1',
      'PA6',
      'PA3',
      'PA2',
    ]);
  });

  it('refuses an unknown sort', async () => {
    for (const path of [
      '/deputes?tri=loyalty',
      '/deputes.json?tri=frondeurs-desc',
      '/deputes.csv?tri=%27',
    ]) {
      expect((await get(path)).res.status, path).toBe(400);
    }
  });
});

describe('/deputes page with the figures', () => {
  it('shows rates as percentages with their bases, marks the non-significant ones', async () => {
    const page = await html('/deputes?en_exercice=tous');
    // PA6: 13/15 participation, 11/13 loyalty, 2 rebel votes.
    const row = (uid: string) => {
      const m = new RegExp(`<tr><td><a href="/deputes/${uid}">.*?</tr>`).exec(page);
      expect(m, uid).not.toBeNull();
      return m![0];
    };
    expect(row('PA6')).toContain('86,7 %<br/><small class="muted">13/15</small>');
    expect(row('PA6')).toContain('84,6 %<br/><small class="muted">11/13</small>');
    // The rebel votes' cell, then the amendment figures' (none in this seed: 0).
    expect(row('PA6')).toMatch(/<td class="num">2<\/td><td class="num">0<\/td>/);
    // PA2: loyalty 5 of 9 votes, not significant.
    expect(row('PA2')).toContain('55,6 %<br/><small class="muted">5/9 · non significatif</small>');
    expect(row('PA2')).toContain('66,7 %<br/><small class="muted">10/15</small>');
    // PA5: 1 of 1.
    expect(row('PA5')).toContain('100 %<br/><small class="muted">1/1 · non significatif</small>');
    // PA7: no figure, and why.
    expect(row('PA7')).toContain('pas de scrutin de référence');
    expect(row('PA7')).toContain('aucun vote là où le groupe avait une majorité');
  });

  it('links the figure headers, highest first, and keeps the filters', async () => {
    const page = await html('/deputes?groupe=BBB');
    expect(page).toContain('href="/deputes?groupe=BBB&amp;tri=loyaute&amp;ordre=desc"');
    expect(page).toContain('href="/deputes?groupe=BBB&amp;tri=frondeurs&amp;ordre=desc"');
    const sorted = await html('/deputes?groupe=BBB&tri=loyaute&ordre=desc');
    expect(sorted).toContain('href="/deputes?groupe=BBB&amp;tri=loyaute&amp;ordre=asc"');
    expect(sorted).toMatch(/<th scope="col" class="num" aria-sort="descending">/);
    // The solemn column is hidden on a phone, unless the list is sorted by it.
    expect(page).toMatch(/<th scope="col" class="num opt"><a [^>]*>Scrutins solennels</);
    const bySolemn = await html('/deputes?tri=participation-solennelle&ordre=desc');
    expect(bySolemn).toMatch(
      /<th scope="col" class="num" aria-sort="descending"><a [^>]*>Scrutins solennels ▼/,
    );
    expect(bySolemn).toContain('/deputes.csv?tri=participation-solennelle&amp;ordre=desc');
  });

  it('answers htmx with the sorted fragment only', async () => {
    const { res, body } = await get('/deputes?tri=participation&ordre=desc', HTMX);
    expect(res.status).toBe(200);
    expect(body).toMatch(/^<div id="resultats"/);
    expect(body).toContain(
      '<input type="hidden" form="filtres" name="tri" value="participation"/>',
    );
  });
});

describe('/groupes vote figures', () => {
  it('gives each group its cohesion and its members’ pooled participation', async () => {
    const body = await json('/groupes.json');
    const byGroup = Object.fromEntries(body.items.map((g) => [g.sigle, g]));
    // Agreement index per scrutin. AAA: n° 1: 1; 2: (2 − ½)/3; 3: (1 − ½)/2; 4: no vote;
    // 5: 1; 6–9: 1; 10–12: (6 − ½)/7; 13–15: 1 (14 scrutins).
    const aaa = (1 + 1.5 / 3 + 0.25 + 1 + 4 + (3 * 5.5) / 7 + 3) / 14;
    // BBB: n° 1: (2 − ½)/3; 2–14: 1; 15: (2 − ½)/3 (15 scrutins).
    const bbb = (0.5 + 13 + 0.5) / 15;
    expect(byGroup.AAA!.cohesion).toBeCloseTo(aaa, 12);
    expect(byGroup.AAA!.scrutins_cohesion).toBe(14);
    expect(byGroup.BBB!.cohesion).toBeCloseTo(bbb, 12);
    expect(byGroup.BBB!.scrutins_cohesion).toBe(15);
    // Members in office. AAA: PA1 14/15, PA2 10/15 (PA5 has left). BBB: PA3 6/15, PA4 13/14,
    // PA6 13/15.
    expect(byGroup.AAA).toMatchObject({
      votes_membres: 24,
      scrutins_de_reference_membres: 30,
      participation_membres: 0.8,
    });
    expect(byGroup.BBB).toMatchObject({
      votes_membres: 32,
      scrutins_de_reference_membres: 44,
    });
    expect(byGroup.BBB!.participation_membres).toBeCloseTo(32 / 44, 12);

    const { header, records } = await csv('/groupes.csv');
    expect(header).toEqual(GROUP_COLUMNS.map((c) => c.name));
    expect(header.slice(0, 8)).toEqual([
      'uid',
      'sigle',
      'libelle',
      'couleur',
      'date_debut',
      'date_fin',
      'membres',
      'femmes',
    ]);
    expect(records.find((r) => r.sigle === 'AAA')).toMatchObject({
      participation_membres: '0.8',
      scrutins_de_reference_membres: '30',
    });
  });

  it('shows them on /groupes', async () => {
    const page = await html('/groupes');
    expect(page).toContain(
      `${(100 * ((1 + 1.5 / 3 + 0.25 + 1 + 4 + (3 * 5.5) / 7 + 3) / 14)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %<br/><small class="muted">14 scrutins</small>`,
    );
    expect(page).toContain('80 %<br/><small class="muted">24/30</small>');
    expect(page).toContain('72,7 %<br/><small class="muted">32/44</small>');
  });
});

/** Deputies listed in a scrutin's votes, by group section, in order. */
function sections(page: string) {
  return [...page.matchAll(/<details class="group-votes"( open="")?>(.*?)<\/details>/gs)].map(
    (m) => ({
      open: m[1] !== undefined,
      group: /<span class="badge"[^>]*>([^<]+)<\/span>/.exec(m[2]!)?.[1],
      summary: /<summary>(.*?)<\/summary>/s.exec(m[2]!)![1]!.replace(/<[^>]+>/g, ''),
      rows: [...m[2]!.matchAll(/<tr( class="rebel")?><td><a href="\/deputes\/(PA\d+)">/g)].map(
        (r) => `${r[2]}${r[1] ? '!' : ''}`,
      ),
    }),
  );
}

describe('a scrutin page by group, and its frondeurs filter', () => {
  it('folds the votes by group, rebels first, large groups closed', async () => {
    const page = await html('/scrutins/12');
    const found = sections(page);
    // AAA: PA1 and five others pour, PA2 contre, a rebel, listed first (7 listed: closed);
    // then by name, voters outside the referential (no name) after the named ones, by uid.
    // BBB: PA4, PA6, PA97 contre (3 listed: open).
    expect(found.map((s) => [s.group, s.open, s.rows])).toEqual([
      ['AAA', false, ['PA2!', 'PA1', 'PA93', 'PA94', 'PA95', 'PA98', 'PA99']],
      ['BBB', true, ['PA4', 'PA6', 'PA97']],
    ]);
    expect(found[0]!.summary).toContain(
      '6 pour · 1 contre · 0 abstention · 0 non-votant · majorité : pour · 1 frondeur',
    );
    expect(found[1]!.summary).toContain(
      '0 pour · 3 contre · 0 abstention · 0 non-votant · majorité : contre · 0 frondeur',
    );
    expect(found[0]!.summary).not.toContain('listé');
    // The frondeurs checkbox, unchecked.
    expect(page).toContain('<input type="checkbox" name="frondeurs" value="oui"/>');
  });

  it('says when a group ties', async () => {
    const found = sections(await html('/scrutins/3'));
    expect(found.find((s) => s.group === 'AAA')!.summary).toContain(
      'majorité : égalité · 0 frondeur',
    );
  });

  it('lists only the rebels with frondeurs=oui, combined with groupe and position', async () => {
    const cases: [string, string[]][] = [
      ['/scrutins/12?frondeurs=oui', ['PA2!']],
      ['/scrutins/15?frondeurs=oui', ['PA6!']],
      ['/scrutins/1?frondeurs=oui', ['PA6!']],
      ['/scrutins/2?frondeurs=oui', ['PA2!']],
      // AAA tied in n° 3: nobody rebels.
      ['/scrutins/3?frondeurs=oui', []],
      ['/scrutins/12?frondeurs=oui&groupe=BBB', []],
      ['/scrutins/12?frondeurs=oui&groupe=aaa', ['PA2!']],
      ['/scrutins/12?frondeurs=oui&position=contre', ['PA2!']],
      ['/scrutins/12?frondeurs=oui&position=pour', []],
      ['/scrutins/15?frondeurs=1&position=abstention&groupe=BBB', ['PA6!']],
    ];
    for (const [path, expected] of cases) {
      const page = await html(path);
      const found = sections(page);
      expect(
        found.flatMap((s) => s.rows),
        path,
      ).toEqual(expected);
      // A filter opens every section it leaves.
      expect(
        found.every((s) => s.open),
        path,
      ).toBe(true);
      expect(/<p class="count">([^<]*)<\/p>/.exec(page)?.[1], path).toBe(
        `${expected.length} député${expected.length > 1 ? 's' : ''}`,
      );
    }
    const page = await html('/scrutins/12?frondeurs=oui');
    expect(page).toContain('<input type="checkbox" name="frondeurs" value="oui" checked=""/>');
    expect(sections(page)[0]!.summary).toContain('1 frondeur · 1 député listé');
    expect(page).toContain('/scrutins/12/votes.csv?frondeurs=oui');
    expect(await html('/scrutins/3?frondeurs=oui')).toContain('Aucun vote ne correspond');
  });

  it('answers htmx with the votes fragment only', async () => {
    const { res, body } = await get('/scrutins/12?frondeurs=oui&groupe=AAA', HTMX);
    expect(res.status).toBe(200);
    expect(body).toMatch(/^<div id="votes"/);
    expect(body).not.toContain('<h1>');
    expect(sections(body).flatMap((s) => s.rows)).toEqual(['PA2!']);
  });

  it('filters the votes CSV and JSON the same way', async () => {
    const { header, records } = await csv('/scrutins/12/votes.csv?frondeurs=oui');
    expect(header).toEqual(SCRUTIN_VOTE_COLUMNS.map((c) => c.name));
    expect(records.map((r) => [r.uid, r.position, r.frondeur])).toEqual([
      ['PA2', 'contre', 'true'],
    ]);
    const body = await json('/scrutins/15/votes.json?frondeurs=oui&groupe=BBB');
    expect(body.total).toBe(1);
    expect(body.items.map((i) => [i.uid, i.position, i.frondeur])).toEqual([
      ['PA6', 'abstention', true],
    ]);
    expect((await json('/scrutins/12/votes.json?frondeurs=oui&position=pour')).total).toBe(0);
    // Without the filter, every vote.
    expect((await json('/scrutins/12/votes.json')).total).toBe(10);
  });

  it('refuses a bad frondeurs value', async () => {
    for (const path of [
      '/scrutins/12?frondeurs=peut-etre',
      '/scrutins/12/votes.csv?frondeurs=%3Cscript%3E',
      '/scrutins/12/votes.json?frondeurs=2',
    ]) {
      expect((await get(path)).res.status, path).toBe(400);
    }
  });
});

describe('/methodologie and /donnees', () => {
  it('document the sorts, the significance rule and the group participation', async () => {
    const page = await html('/methodologie');
    expect(page).toContain('id="listes"');
    expect(page).toContain('participation_membres');
    expect(page).toContain('non significatif');
    const donnees = await html('/donnees');
    for (const word of ['participation-solennelle', 'loyaute', 'frondeurs=oui'])
      expect(donnees).toContain(word);
  });
});
