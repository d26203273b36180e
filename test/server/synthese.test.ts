// Route tests of /synthese over the sample referential (test/helpers/seed.ts, PA1–PA7; PA5 a
// former deputy), the hand-written amendments (test/helpers/seed-amendements.ts) and the
// hand-written activity figures (test/helpers/seed-agenda.ts). The expected marks are
// recomputed here from the specs by the rule of /methodologie#synthese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';
import { createApp } from '../../server/app.tsx';
import { SYNTHESE_COLUMNS } from '../../server/records/synthese.ts';
import { appClient } from '../helpers/app-client.ts';
import { AMENDEMENT_SPECS, seedAmendements } from '../helpers/seed-amendements.ts';
import {
  PRESENCE_ROWS,
  REUNIONS,
  seedAgenda,
  seedReunions,
  statsSpecs,
  WINDOWS,
  type StatsSpec,
} from '../helpers/seed-agenda.ts';
import { PRESENCE_DUMP_COLUMNS } from '../../server/records/agenda.ts';
import { seededDatabase } from '../helpers/seed.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;
const { get, html, json, csv } = appClient(() => app);

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  await seedAmendements(db);
  await seedAgenda(db);
  await seedReunions(db);
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const IN_OFFICE = ['PA1', 'PA2', 'PA3', 'PA4', 'PA6'];
const reunions = (s: StatsSpec) => s.presents + s.absents + s.excuses + s.notListed;
const filed = (uid: string) => AMENDEMENT_SPECS.filter((a) => a.author === uid).length;
const adopted = (uid: string) =>
  AMENDEMENT_SPECS.filter((a) => a.author === uid && a.sort === 'adopte').length;

/** The marks by the stated rule: cume_dist ≤ 10 % among deputies seated ≥ 75 % of the weeks. */
function expectedMarks(window: ActivityWindow) {
  const w = WINDOWS[window];
  const compared = statsSpecs().filter(
    (s) => s.window === window && s.weeks >= 0.75 * (w.weeks - w.vacation_weeks),
  );
  const mark = (values: Map<string, number>) => {
    const all = [...values.values()];
    const out = new Map<string, 'bas' | 'haut' | null>();
    for (const [uid, v] of values) {
      const low = all.filter((x) => x <= v).length / all.length;
      const high = all.filter((x) => x >= v).length / all.length;
      out.set(uid, low <= 0.1 ? 'bas' : high <= 0.1 ? 'haut' : null);
    }
    return out;
  };
  return {
    semaines: mark(new Map(compared.map((s) => [s.acteur, s.activeWeeks]))),
    presence: mark(
      new Map(
        compared.filter((s) => reunions(s) >= 10).map((s) => [s.acteur, s.presents / reunions(s)]),
      ),
    ),
    amendements: mark(new Map(compared.map((s) => [s.acteur, filed(s.acteur)]))),
    adoptes: mark(new Map(compared.map((s) => [s.acteur, adopted(s.acteur)]))),
  };
}

describe('/synthese', () => {
  it.each(['legislature', '12_mois'] as const)(
    'gives each deputy the %s figures, the other window’s weeks and the marks',
    async (window) => {
      const body = await json(`/synthese.json?fenetre=${window}`);
      expect(body.total).toBe(IN_OFFICE.length);
      expect(body.fenetre).toBe(window);
      expect(body.items.map((i) => i.uid).sort()).toEqual(IN_OFFICE);
      const specs = statsSpecs();
      const marks = expectedMarks(window);
      let marked = 0;
      for (const item of body.items) {
        const s = specs.find((x) => x.acteur === item.uid && x.window === window)!;
        const r = reunions(s);
        expect(item.presence_commission).toEqual({
          fenetre: window,
          presents: s.presents,
          absents: s.absents,
          excuses: s.excuses,
          reunions: r,
          reunions_non_listees: s.notListed,
          taux: s.presents / r,
          taux_significatif: r >= 10,
          methodologie: '/methodologie#presence-commission',
        });
        const leg = specs.find((x) => x.acteur === item.uid && x.window === 'legislature')!;
        const year = specs.find((x) => x.acteur === item.uid && x.window === '12_mois')!;
        expect(item.activite).toMatchObject({
          semaines_legislature: leg.activeWeeks,
          semaines_possibles_legislature: leg.weeks,
          semaines_12_mois: year.activeWeeks,
          semaines_possibles_12_mois: year.weeks,
        });
        expect(item.amendements_deposes).toBe(filed(item.uid));
        expect(item.amendements_adoptes).toBe(adopted(item.uid));
        for (const col of ['semaines', 'presence', 'amendements', 'adoptes'] as const) {
          expect(item.marques[col], `${item.uid} ${col}`).toBe(marks[col].get(item.uid) ?? null);
          if (item.marques[col]) marked++;
        }
        // No vote was seeded: no participation, so never marked.
        expect(item.marques.participation).toBeNull();
      }
      // The seeded figures do give marks (PA1 high, PA2 low), so the check above can fail.
      expect(marked).toBeGreaterThan(0);
    },
  );

  it('answers CSV with the documented columns, one row per deputy', async () => {
    const { header, records } = await csv('/synthese.csv?fenetre=12_mois');
    expect(header).toEqual(SYNTHESE_COLUMNS.map((c) => c.name));
    expect(records.map((r) => r.uid).sort()).toEqual(IN_OFFICE);
    const pa1 = records.find((r) => r.uid === 'PA1')!;
    const s = statsSpecs().find((x) => x.acteur === 'PA1' && x.window === '12_mois')!;
    expect(pa1.semaines_activite).toBe(String(s.activeWeeks));
    expect(pa1.semaines_possibles).toBe(String(s.weeks));
    expect(pa1.reunions).toBe(String(reunions(s)));
    expect(pa1.marque_semaines).toBe(expectedMarks('12_mois').semaines.get('PA1') ?? '');
    // A hostile profession or name never starts a cell with a formula.
    const { body } = await get('/synthese.csv');
    expect(body).not.toMatch(/(^|,)=/m);
  });

  it('filters like /deputes and sorts each column both ways', async () => {
    const uids = async (q: string) => (await json(`/synthese.json?${q}`)).items.map((i) => i.uid);
    expect((await uids('groupe=AAA')).sort()).toEqual(['PA1', 'PA2']);
    expect(await uids('departement=33')).toEqual(['PA1', 'PA6']);
    expect((await uids('en_exercice=tous')).sort()).toEqual([...IN_OFFICE, 'PA5', 'PA7'].sort());
    expect(await uids('nom=dupre')).toEqual(['PA1']);
    const leg = (uid: string) =>
      statsSpecs().find((x) => x.acteur === uid && x.window === 'legislature')!;
    const byWeeks = [...IN_OFFICE].sort((a, b) => leg(b).activeWeeks - leg(a).activeWeeks);
    expect(await uids('tri=semaines')).toEqual(byWeeks);
    expect(await uids('tri=semaines&ordre=asc')).toEqual([...byWeeks].reverse());
    // PA3's rate rests on fewer than 10 meetings: after every significant one, both ways.
    const rate = (uid: string) => leg(uid).presents / reunions(leg(uid));
    const significant = IN_OFFICE.filter((u) => u !== 'PA3');
    const byRate = [...significant].sort((a, b) => rate(b) - rate(a));
    expect(await uids('tri=presence')).toEqual([...byRate, 'PA3']);
    expect(await uids('tri=presence&ordre=asc')).toEqual([...byRate.reverse(), 'PA3']);
    expect((await uids('tri=amendements'))[0]).toBe('PA1');
  });

  it('shows the page, its rule and the group summary, and an htmx fragment', async () => {
    const page = await html('/synthese');
    expect(page).toContain('<h1>Synthèse de l’activité des députés</h1>');
    expect(page).toContain('au plus 10 % des députés comparés');
    expect(page).toContain('href="/methodologie#synthese"');
    expect(page).toContain('Groupe Alpha');
    expect(page).toContain('▲ parmi les plus hauts');
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('<script>alert');
    const fragment = await html('/synthese?fenetre=12_mois', { 'HX-Request': 'true' });
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('id="resultats"');
    expect(fragment).toContain('sur les 12 derniers mois');
  });

  it.each([
    '?fenetre=semaine',
    '?tri=%3Cscript%3E',
    '?ordre=up',
    '?departement=ABC',
    `?nom=${'x'.repeat(300)}`,
    '?groupe=%27%20or%201=1',
    '?age_min=-1',
  ])('refuses %s with a 400', async (q) => {
    for (const ext of ['', '.csv', '.json']) {
      const { res } = await get(`/synthese${ext}${q}`);
      expect(res.status, `${ext}${q}`).toBe(400);
    }
  });
});

describe('/exports/presences.csv', () => {
  it('streams one row per published attendance with the documented columns', async () => {
    const { header, records } = await csv('/exports/presences.csv');
    expect(header).toEqual(PRESENCE_DUMP_COLUMNS.map((c) => c.name));
    expect(records.map((r) => [r.reunion_uid, r.acteur_uid, r.presence])).toEqual(
      PRESENCE_ROWS.map((r) => [...r]),
    );
    // The cancelled meeting is there, flagged as not counted.
    for (const r of records) {
      const meeting = REUNIONS.find((m) => m.uid === r.reunion_uid)!;
      expect(r.comptee).toBe(String(meeting.counted === 1));
      expect(r.etat).toBe(meeting.etat);
      expect(r.jour).toBe(meeting.day);
      expect(r.organe).toBe('Commission des lois');
    }
  });

  it('is documented on /donnees with its columns, and /synthese’s too', async () => {
    const page = await html('/donnees');
    for (const col of [...PRESENCE_DUMP_COLUMNS, ...SYNTHESE_COLUMNS])
      expect(page).toContain(`<code>${col.name}</code>`);
    expect(page).toContain('href="/exports/presences.csv"');
    const methodologie = await html('/methodologie');
    expect(methodologie).toContain('id="synthese"');
  });
});
