// Hand-written activity figures written straight into the tables the agenda source and its
// figures fill (no archive), for the tests of /synthese: the windows, each deputy's stats per
// window and the group stats. The counts are chosen here; tests derive expectations from them.
import type { DB } from '../../db/database.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';

export interface StatsSpec {
  acteur: string;
  window: ActivityWindow;
  presents: number;
  absents: number;
  excuses: number;
  /** Meetings not listing the deputy: reunions = presents + absents + excuses + not_listed. */
  notListed: number;
  activeWeeks: number;
  weeks: number;
}

/** Window bounds: legislature 40 weeks (4 of vacation), 12 months 52 weeks (6 of vacation). */
export const WINDOWS = {
  legislature: { start_day: '2024-07-18', end_day: '2025-04-24', weeks: 40, vacation_weeks: 4 },
  '12_mois': { start_day: '2024-04-25', end_day: '2025-04-24', weeks: 52, vacation_weeks: 6 },
} as const;

/**
 * PA1–PA6 of the sample referential, plus PA101–PA112 (stats only, outside the referential) so
 * that the comparison of the marks has more than ten deputies. PA5 (former) was seated a third
 * of the legislature; PA3 has fewer than ten meetings.
 */
export function statsSpecs(): StatsSpec[] {
  const specs: StatsSpec[] = [];
  const add = (
    acteur: string,
    [presents, absents, excuses, notListed]: [number, number, number, number],
    activeWeeks: number,
    weeks: number,
  ) => {
    for (const window of ['legislature', '12_mois'] as const) {
      // The 12-month window: a little more of everything.
      const k = window === '12_mois' ? 1 : 0;
      specs.push({
        acteur,
        window,
        presents: presents + k,
        absents,
        excuses,
        notListed,
        activeWeeks: activeWeeks + k,
        weeks: weeks + (window === '12_mois' ? 10 : 0),
      });
    }
  };
  add('PA1', [30, 2, 1, 1], 35, 36);
  add('PA2', [5, 20, 4, 1], 8, 36);
  add('PA3', [3, 2, 1, 0], 20, 36);
  add('PA4', [18, 8, 2, 2], 25, 34);
  add('PA5', [10, 2, 0, 0], 11, 12);
  add('PA6', [15, 10, 5, 0], 22, 30);
  for (let i = 1; i <= 12; i++) add(`PA${100 + i}`, [10 + i, 10, 2, 0], 14 + i, 36);
  return specs;
}

/** Group stats of the sample groups (PO10 Alpha, PO20 Bêta) for the two windows. */
export const GROUP_STATS = [
  { group_uid: 'PO10', deputes: 2, mean_active_weeks: 21.5, median_active_weeks: 21.5, rated: 2 },
  { group_uid: 'PO20', deputes: 3, mean_active_weeks: 22.3, median_active_weeks: 22, rated: 3 },
];

export async function seedAgenda(db: DB, specs: StatsSpec[] = statsSpecs()) {
  await db.transaction().execute(async (trx) => {
    // In place of any figures a crawl computed (an ingest recomputes them, empty).
    for (const table of [
      'activity_window',
      'deputy_activity_stats',
      'group_activity_stats',
    ] as const)
      await trx.deleteFrom(table).execute();
    for (const [window, w] of Object.entries(WINDOWS))
      await trx
        .insertInto('activity_window')
        .values({ window, ...w })
        .execute();
    for (const s of specs) {
      const reunions = s.presents + s.absents + s.excuses + s.notListed;
      await trx
        .insertInto('deputy_activity_stats')
        .values({
          acteur_uid: s.acteur,
          window: s.window,
          presents: s.presents,
          absents: s.absents,
          excuses: s.excuses,
          reunions,
          not_listed: s.notListed,
          presence_rate: reunions === 0 ? null : s.presents / reunions,
          active_weeks: s.activeWeeks,
          weeks: s.weeks,
          seated_weeks: s.weeks + 2,
        })
        .execute();
    }
    for (const window of Object.keys(WINDOWS))
      for (const g of GROUP_STATS)
        await trx
          .insertInto('group_activity_stats')
          .values({
            ...g,
            window,
            mean_presence_rate: 0.5,
            median_presence_rate: 0.45,
          })
          .execute();
  });
}

/** Two committee meetings of PO40 with attendance: RU1 held, RU2 cancelled (Annulé). */
export const REUNIONS = [
  { uid: 'RU1', day: '2025-03-12', etat: 'Confirmé', counted: 1 },
  { uid: 'RU2', day: '2025-03-19', etat: 'Annulé', counted: 0 },
] as const;
export const PRESENCE_ROWS = [
  ['RU1', 'PA1', 'present'],
  ['RU1', 'PA2', 'excuse'],
  ['RU1', 'PA4', 'absent'],
  ['RU2', 'PA1', 'absent'],
] as const;

/** Agenda items: RU1 has two, RU2 one. */
export const ITEMS = [
  ['RU1', 1, 'Audition du ministre de la justice'],
  ['RU1', 2, 'Examen du projet de loi sur les <script>prisons</script>'],
  ['RU2', 1, 'Audition de la Défenseure des droits'],
] as const;

/** Writes REUNIONS, ITEMS and PRESENCE_ROWS. */
export async function seedReunions(db: DB) {
  for (const r of REUNIONS)
    await db
      .insertInto('reunion')
      .values({
        uid: r.uid,
        kind: 'commission',
        organe_uid: 'PO40',
        start: `${r.day}T09:30:00.000+01:00`,
        end: null,
        day: r.day,
        week: r.day === '2025-03-12' ? '2025-W11' : '2025-W12',
        etat: r.etat,
        counted: r.counted,
        attendance_published: 1,
        place: 'Salle Lamartine',
        compte_rendu_uid: null,
        file_name: `json/reunion/${r.uid}.json`,
        content_hash: 'h',
      })
      .execute();
  for (const [reunion_uid, position, text] of ITEMS)
    await db.insertInto('reunion_item').values({ reunion_uid, position, text }).execute();
  for (const [reunion_uid, acteur_uid, presence] of PRESENCE_ROWS)
    await db.insertInto('reunion_presence').values({ reunion_uid, acteur_uid, presence }).execute();
}
