// Route tests of the vote figures of every acteur who voted: former deputies outside the
// referential (PA90, PA91), rates under the significance threshold, the deprecated JSON
// names, and /scrutins?ecart_position=oui. Twelve hand-written scrutins on top of the sample
// referential of test/helpers/seed.ts; expected values are worked out in this file from the
// scrutin descriptions below, with counting code of its own.
import Papa from 'papaparse';
import { appClient } from '../helpers/app-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { ingestScrutins } from '../../scrapers/votes/ingest.ts';
import { ingestIndex, refreshLinks } from '../../scrapers/hatvp/ingest.ts';
import { parseIndex } from '../../scrapers/hatvp/parse-index.ts';
import { createApp } from '../../server/app.tsx';
import { SCRUTIN_COLUMNS } from '../../server/records/scrutins.ts';
import { scrutinEntries, scrutinFiles, type ScrutinSpec } from '../helpers/scrutin-json.ts';
import { seededDatabase } from '../helpers/seed.ts';

const AAA = 'PO10';
const BBB = 'PO20';
type P = 'pour' | 'contre' | 'abstention';

/**
 * Who votes what in scrutin n (1 to 12, one a day from 2025-02-01, all SPO):
 * - AAA (published "pour", but "abstention" in n° 9): PA1 pour in all twelve; PA2 pour in n° 1
 *   to 9 but contre in n° 7; PA90 (not in the referential) from n° 5 on: contre in n° 6 and 8,
 *   abstention in n° 7 (a three-way tie there), pour otherwise; PA91 (not in the referential)
 *   pour in n° 11 and 12.
 * - BBB (published "contre", but "pour" in n° 4): PA3, PA4, PA6 contre in all twelve; PA90 in
 *   n° 1 to 4: contre, but pour in n° 3.
 */
function ballots(n: number): Record<string, Record<string, P>> {
  const aaa: Record<string, P> = { PA1: 'pour' };
  if (n <= 9) aaa.PA2 = n === 7 ? 'contre' : 'pour';
  if (n >= 5) aaa.PA90 = n === 6 || n === 8 ? 'contre' : n === 7 ? 'abstention' : 'pour';
  if (n >= 11) aaa.PA91 = 'pour';
  const bbb: Record<string, P> = { PA3: 'contre', PA4: 'contre', PA6: 'contre' };
  if (n <= 4) bbb.PA90 = n === 3 ? 'pour' : 'contre';
  return { [AAA]: aaa, [BBB]: bbb };
}

const published = (n: number, group: string): P =>
  group === AAA ? (n === 9 ? 'abstention' : 'pour') : n === 4 ? 'pour' : 'contre';

const NUMBERS = Array.from({ length: 12 }, (_, i) => i + 1);
const dateOf = (n: number) => `2025-02-${String(n).padStart(2, '0')}`;

const SPECS: ScrutinSpec[] = NUMBERS.map((n) => ({
  number: n,
  date: dateOf(n),
  title: `le scrutin d'essai n° ${n}`,
  groups: Object.entries(ballots(n)).map(([organe, votes]) => {
    const of = (p: P) =>
      Object.entries(votes)
        .filter(([, v]) => v === p)
        .map(([uid]) => uid);
    return {
      organe,
      members: Object.keys(votes).length,
      position: published(n, organe),
      pour: of('pour'),
      contre: of('contre'),
      abstention: of('abstention'),
    };
  }),
}));

// --- Expected figures, counted here ---------------------------------------------------------

/** The position with strictly the most votes, or null. */
function majorityOf(votes: P[]): P | null {
  const tally = new Map<P, number>();
  for (const v of votes) tally.set(v, (tally.get(v) ?? 0) + 1);
  const sorted = [...tally].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0) return null;
  return sorted.length === 1 || sorted[0]![1] > sorted[1]![1] ? sorted[0]![0] : null;
}

function expectedFigures(uid: string) {
  let base = 0;
  let loyal = 0;
  let cast = 0;
  let loyalPublished = 0;
  const groups = new Map<string, { votes: number; first: string; last: string }>();
  for (const n of NUMBERS) {
    for (const [group, votes] of Object.entries(ballots(n))) {
      const mine = votes[uid];
      if (!mine) continue;
      cast++;
      if (mine === published(n, group)) loyalPublished++;
      const majority = majorityOf(Object.values(votes));
      if (majority !== null) {
        base++;
        if (mine === majority) loyal++;
      }
      const g = groups.get(group);
      if (g) {
        g.votes++;
        g.last = dateOf(n);
      } else groups.set(group, { votes: 1, first: dateOf(n), last: dateOf(n) });
    }
  }
  return { base, loyal, rebels: base - loyal, cast, loyalPublished, groups };
}

/** The scrutins where some group's published position is not the majority of its votes. */
function expectedMismatches() {
  const found = new Map<number, string[]>();
  for (const n of NUMBERS) {
    for (const [group, votes] of Object.entries(ballots(n))) {
      if (majorityOf(Object.values(votes)) !== published(n, group))
        found.set(n, [...(found.get(n) ?? []), group]);
    }
  }
  return found;
}

// --- The app --------------------------------------------------------------------------------

const HATVP_INDEX = [
  'civilite;prenom;nom;classement;type_mandat;qualite;type_document;departement;date_publication;date_depot;nom_fichier;url_dossier;open_data;statut_publication;id_origine;url_photo',
  'Mme;Hélène;PARTIE;partiehelene1;depute;Députée du Nord;dia;59;2024-09-01;2024-08-20;partie-helene-dia1-depute-59.pdf;/pages_nominatives/partie-helene;;Livrée;90;',
].join('\n');

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  const result = await db
    .transaction()
    .execute((trx) => ingestScrutins(trx, scrutinFiles(scrutinEntries(SPECS)), 17));
  if (result.errors.length > 0 || result.added !== SPECS.length)
    throw new Error(`seeding scrutins failed: ${JSON.stringify(result)}`);
  // A HATVP declaration filed as a deputy under PA90's AN number, and a change event naming
  // PA91 (as if the referential had listed them before): the only names anyone has for them.
  await db.transaction().execute(async (trx) => {
    await ingestIndex(trx, parseIndex(HATVP_INDEX));
    await refreshLinks(trx);
  });
  await db
    .insertInto('change_event')
    .values({
      run_id: null,
      source: 'an',
      entity_type: 'depute',
      entity_id: 'PA91',
      entity_label: 'Octave Sortant',
      group_uid: AAA,
      kind: 'left_office',
      field: 'en_exercice',
      old_value: 'oui',
      new_value: 'non',
      detail: 'Retiré du référentiel',
      detected_at: '2025-03-01T00:00:00.000Z',
      source_url: null,
    })
    .execute();
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const { get, json } = appClient(() => app);

async function page(path: string) {
  const { res, body } = await get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
  return body
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('a former deputy outside the referential', () => {
  it('has /deputes/<uid>.json with loyalty and rebels counted from their votes, no participation', async () => {
    const e = expectedFigures('PA90');
    // By hand: 12 votes cast; n° 7 (tie) left out: 11; against the majority in n° 3, 6, 8.
    expect([e.cast, e.base, e.rebels, e.loyal]).toEqual([12, 11, 3, 8]);
    const body = await json('/deputes/PA90.json');
    expect(body).toMatchObject({
      uid: 'PA90',
      dans_le_referentiel: false,
      prenom: null,
      nom: null,
      groupe: null,
      en_exercice: false,
      url_an: 'https://www.assemblee-nationale.fr/dyn/deputes/PA90',
      mandats: [],
    });
    expect(body.votes).toMatchObject({
      loyaute: e.loyal / e.base,
      loyaute_significative: true,
      votes_avec_majorite_du_groupe: e.loyal,
      votes_loyaute: e.base,
      votes_frondeurs: e.rebels,
      loyaute_position_publiee: e.loyalPublished / e.cast,
      votes_avec_position_publiee: e.loyalPublished,
      votes_loyaute_position_publiee: e.cast,
      loyaute_position_publiee_significative: true,
      participation: null,
      participation_significative: null,
      scrutins_de_reference: 0,
      participation_solennels: null,
    });
    expect(body.votes.participation_raison).toMatch(/n'est pas dans le référentiel/);
    expect(body.groupes_de_vote).toEqual(
      [...e.groups].map(([uid, g]) => ({
        groupe_uid: uid,
        groupe: uid === AAA ? 'AAA' : 'BBB',
        groupe_libelle: uid === AAA ? 'Groupe Alpha' : 'Groupe Bêta',
        scrutins: g.votes,
        votes: g.votes,
        premier_scrutin: g.first,
        dernier_scrutin: g.last,
      })),
    );
    // BBB first (n° 1 to 4), then AAA (n° 5 to 12).
    expect(body.groupes_de_vote.map((g: { groupe: string }) => g.groupe)).toEqual(['BBB', 'AAA']);
  });

  it('gives the names other stored data suggest as candidates, with their evidence', async () => {
    const pa90 = await json('/deputes/PA90.json');
    expect(pa90.prenom).toBeNull();
    expect(pa90.noms_candidats).toEqual([
      {
        prenom: 'Hélène',
        nom: 'PARTIE',
        source: 'hatvp',
        preuve: expect.stringContaining('identifiant AN 90 (colonne id_origine'),
      },
    ]);
    const pa91 = await json('/deputes/PA91.json');
    expect(pa91.noms_candidats).toEqual([
      {
        prenom: null,
        nom: 'Octave Sortant',
        source: 'journal',
        preuve: expect.stringContaining('journal des changements'),
      },
    ]);
  });

  it('has a page saying why participation is not computed, with groups, loyalty and votes', async () => {
    const text = await page('/deputes/PA90');
    expect(text).toContain(
      "Ancien député : hors du référentiel de l'Assemblée (AMO40, députés en exercice)",
    );
    expect(text).toContain(
      "Mandat inconnu : cet ancien député n'est pas dans le référentiel de l'Assemblée (AMO40, députés en exercice), qui seul publie les dates de mandat dont dépend la participation.",
    );
    const e = expectedFigures('PA90');
    expect(text).toContain(
      `${e.loyal} votes conformes à la majorité des votes de son groupe sur ${e.base} votes`,
    );
    expect(text).toContain(`${e.rebels} votes frondeurs`);
    // Groups with their first and last scrutin, in French dates.
    expect(text).toMatch(
      /Groupe Bêta\s*4 votes \(4 scrutins\)\s*1er février 2025\s*4 février 2025/,
    );
    expect(text).toMatch(
      /Groupe Alpha\s*8 votes \(8 scrutins\)\s*5 février 2025\s*12 février 2025/,
    );
    expect(text).toContain('Hélène PARTIE');
    expect(text).toContain('non confirmées');
    expect(text).toContain('Derniers votes contre la majorité de son groupe');
    const { body } = await get('/deputes/PA90');
    expect(body).toContain('href="https://www.assemblee-nationale.fr/dyn/deputes/PA90"');
    expect(body).toContain('href="/scrutins/8"');
  });

  it('has a votes list in HTML, CSV and JSON', async () => {
    const list = await json('/deputes/PA90/votes.json?frondes=1');
    expect(list.items.map((i: { numero: number }) => i.numero)).toEqual([8, 6, 3]);
    const { res, body } = await get('/deputes/PA90/votes.csv');
    expect(res.status).toBe(200);
    const rows = Papa.parse<string[]>(body.trimEnd(), { newline: '\r\n' }).data;
    expect(rows).toHaveLength(1 + expectedFigures('PA90').cast);
    expect(await page('/deputes/PA90/votes')).toContain("Votes de l'ancien député PA90");
    expect((await get('/deputes/PA90/changements.atom')).res.status).toBe(200);
  });

  it('answers 404 for a uid nobody voted with and that is not in the referential', async () => {
    for (const path of [
      '/deputes/PA98',
      '/deputes/PA98.json',
      '/deputes/PA98/votes',
      '/deputes/PA98/votes.csv',
      '/deputes/PA98/changements.atom',
    ])
      expect((await get(path)).res.status, path).toBe(404);
  });
});

describe('significance of a rate', () => {
  it('marks rates under 10 votes as not significant, in JSON and on the page', async () => {
    const e = expectedFigures('PA91');
    expect([e.cast, e.base]).toEqual([2, 2]);
    const pa91 = (await json('/deputes/PA91.json')).votes;
    expect(pa91).toMatchObject({
      loyaute: 1,
      votes_loyaute: 2,
      loyaute_significative: false,
      loyaute_position_publiee_significative: false,
    });
    // PA2: in office for all 12 scrutins, voted in 9 (participation significant), 8 of them
    // where AAA had a majority (loyalty not significant).
    const pa2e = expectedFigures('PA2');
    expect([pa2e.cast, pa2e.base]).toEqual([9, 8]);
    const pa2 = (await json('/deputes/PA2.json')).votes;
    expect(pa2).toMatchObject({
      participation: 9 / 12,
      participation_significative: true,
      participation_raison: null,
      scrutins_de_reference: 12,
      votes_participation: 9,
      loyaute: pa2e.loyal / pa2e.base,
      votes_loyaute: 8,
      loyaute_significative: false,
      loyaute_position_publiee_significative: false,
      // No solemn scrutin: no rate, no significance.
      participation_solennels: null,
      participation_solennels_significative: null,
      participation_solennels_raison: 'Aucun scrutin solennel de référence pendant son mandat.',
    });
    const text = await page('/deputes/PA2');
    expect(text).toContain('Non significatif : calculé sur 8 votes, moins de 10.');
    expect(text).toContain('9 votes (pour, contre ou abstention) sur 12 scrutins');
    expect(text).not.toContain('Non significatif : calculé sur 12 scrutins');
    // PA1: twelve votes, eleven where AAA had a majority: nothing is marked.
    expect((await json('/deputes/PA1.json')).votes).toMatchObject({
      loyaute: 1,
      votes_loyaute: 11,
      loyaute_significative: true,
      participation_significative: true,
    });
    expect(await page('/deputes/PA1')).not.toContain('Non significatif');
  });

  it('keeps the deprecated names with the values of the new ones', async () => {
    for (const uid of ['PA1', 'PA2', 'PA90', 'PA91']) {
      const v = (await json(`/deputes/${uid}.json`)).votes;
      expect(v.votes_exprimes, uid).toBe(v.votes_participation);
      expect(v.votes_solennels_exprimes, uid).toBe(v.votes_solennels);
      expect(v.votes_exprimes_loyaute, uid).toBe(v.votes_loyaute);
      expect(v.votes_exprimes_loyaute_position_publiee, uid).toBe(v.votes_loyaute_position_publiee);
      expect(v.votes_avec_position_du_groupe, uid).toBe(v.votes_avec_position_publiee);
      for (const [old, name] of Object.entries(v.champs_obsoletes as Record<string, string>))
        expect(v[old], `${uid} ${old}`).toBe(v[name]);
    }
  });

  it('says why a deputy of the referential without a mandate has no participation', async () => {
    // PA7 is in the referential without any mandate and never voted: no figures at all.
    expect((await json('/deputes/PA7.json')).votes).toBeNull();
    expect((await json('/deputes/PA7.json')).dans_le_referentiel).toBe(true);
  });
});

describe('/scrutins?ecart_position=oui', () => {
  it('lists exactly the scrutins where a published position is not the majority', async () => {
    const expected = expectedMismatches();
    // By hand: n° 4 (BBB published pour, PA3, PA4, PA6, PA90 contre), n° 7 (AAA tied), n° 9 (AAA published
    // abstention, voted pour).
    expect([...expected.keys()]).toEqual([4, 7, 9]);
    const body = await json('/scrutins.json?ecart_position=oui');
    expect(body.total).toBe(expected.size);
    expect(body.items.map((i: { numero: number }) => i.numero)).toEqual(
      [...expected.keys()].sort((a, b) => b - a),
    );
    const byNumber = new Map(body.items.map((i: any) => [i.numero, i]));
    expect((byNumber.get(4) as any).groupes_en_ecart).toBe(
      'BBB : publiée pour, majorité contre (0 pour, 4 contre, 0 abstention)',
    );
    expect((byNumber.get(7) as any).groupes_en_ecart).toBe(
      'AAA : publiée pour, majorité aucune (égalité) (1 pour, 1 contre, 1 abstention)',
    );
    expect((byNumber.get(9) as any).url_an).toBe(
      'https://www.assemblee-nationale.fr/dyn/17/scrutins/9',
    );
    // The whole list has every scrutin, the column empty where no group disagrees.
    const all = await json('/scrutins.json?per_page=100');
    expect(all.total).toBe(12);
    expect(
      all.items.filter((i: { groupes_en_ecart: string | null }) => i.groupes_en_ecart).length,
    ).toBe(expected.size);
    expect((await json('/scrutins.json?ecart_position=non')).total).toBe(12);
  });

  it('gives the same rows as CSV and as a page linking to the AN', async () => {
    const { res, body } = await get('/scrutins.csv?ecart_position=oui');
    expect(res.status).toBe(200);
    const [header, ...rows] = Papa.parse<string[]>(body.trimEnd(), { newline: '\r\n' }).data;
    expect(header).toEqual(SCRUTIN_COLUMNS.map((c) => c.name));
    expect(rows.map((r) => r[0])).toEqual(['9', '7', '4']);
    const html = (await get('/scrutins?ecart_position=oui')).body;
    expect(html).toContain('href="https://www.assemblee-nationale.fr/dyn/17/scrutins/4"');
    expect(html).toContain('name="ecart_position" value="oui" checked=""');
    const text = await page('/scrutins?ecart_position=oui');
    expect(text).toContain('3 scrutins où la position publiée');
    expect(text).toContain('BBB : publiée pour, majorité contre (0 pour, 4 contre, 0 abstention)');
  });

  it('is linked from /methodologie beside the count of disagreements', async () => {
    const { body } = await get('/methodologie');
    expect(body).toContain('href="/scrutins?ecart_position=oui"');
    const text = await page('/methodologie');
    // 12 scrutins × 2 groups, all with votes; 3 pairs disagree, in 3 scrutins.
    expect(text).toContain('3 cas sur 24 couples (scrutin, groupe ayant voté)');
    expect(text).toContain('répartis sur 3 scrutins');
  });

  it('refuses a hostile value', async () => {
    for (const path of ['/scrutins?ecart_position=peut-etre', '/scrutins.csv?ecart_position=1'])
      expect((await get(path)).res.status, path).toBe(400);
  });
});
