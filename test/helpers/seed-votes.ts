// Five scrutins written by hand in the Assemblée nationale's JSON format, voted by the sample
// referential of seed.ts (PA1, PA2, PA5 in group AAA; PA3, PA4, PA6 in BBB; PA5 left office on
// 2025-01-31; PA7 has no mandate), parsed and ingested on top of it for the route tests.
import type { DB } from '../../db/database.ts';
import { ingestScrutins } from '../../scrapers/votes/ingest.ts';
import { scrutinEntries, scrutinFiles, type ScrutinSpec } from './scrutin-json.ts';
import { seededDatabase } from './seed.ts';

const AAA = 'PO10';
const BBB = 'PO20';

/** A title with markup and quotes, as a hostile or careless source could publish it. */
export const HOSTILE_TITLE = `l'amendement <script>alert("x")</script> & "budget" n° 3`;

/** A title a spreadsheet would run as a formula. */
export const FORMULA_TITLE =
  '=HYPERLINK("http://evil") projet de loi de finances rectificative, budget';

/**
 * - n° 1, 2024-10-01, ordinary, adopted: AAA pour (PA1, PA2; PA5 presides, PSE); BBB contre
 *   (PA3, PA4; PA6 votes pour, a rebel).
 * - n° 2, 2024-12-10, solemn, rejected: AAA contre (PA1, PA5 by delegation; PA2 abstains, a
 *   rebel); BBB pour (PA3, PA4, PA6).
 * - n° 3, 2025-03-05, ordinary, rejected, hostile title: AAA pour (PA1; PA2 contre, a rebel);
 *   BBB contre (PA3, PA6; PA4 member of the government, MG).
 * - n° 4, 2025-05-20, motion of censure, rejected: signed by PA4 alone; the synthesis
 *   announces 3 non-voters that no list names.
 * - n° 5, 2025-06-15, ordinary, adopted, formula title: AAA pour (PA1 and PA99, who is not in
 *   the referential); BBB pour (PA3).
 * 21 individual votes in all.
 */
export const ROUTE_SCRUTINS: ScrutinSpec[] = [
  {
    number: 1,
    date: '2024-10-01',
    title: "l'amendement n° 1 sur le budget de l'État",
    groups: [
      {
        organe: AAA,
        members: 4,
        position: 'pour',
        pour: ['PA1', 'PA2'],
        nonVotant: [{ acteur: 'PA5', cause: 'PSE' }],
      },
      { organe: BBB, members: 3, position: 'contre', contre: ['PA3', 'PA4'], pour: ['PA6'] },
    ],
  },
  {
    number: 2,
    date: '2024-12-10',
    type: 'SPS',
    result: 'rejeté',
    title: "l'ensemble du projet de loi relatif à l'énergie",
    groups: [
      {
        organe: AAA,
        members: 4,
        position: 'contre',
        contre: ['PA1', { acteur: 'PA5', delegation: true }],
        abstention: ['PA2'],
      },
      { organe: BBB, members: 3, position: 'pour', pour: ['PA3', 'PA4', 'PA6'] },
    ],
  },
  {
    number: 3,
    date: '2025-03-05',
    result: 'rejeté',
    title: HOSTILE_TITLE,
    groups: [
      { organe: AAA, members: 3, position: 'pour', pour: ['PA1'], contre: ['PA2'] },
      {
        organe: BBB,
        members: 3,
        position: 'contre',
        contre: ['PA3', 'PA6'],
        nonVotant: [{ acteur: 'PA4', cause: 'MG' }],
      },
    ],
  },
  {
    number: 4,
    date: '2025-05-20',
    type: 'MOC',
    result: 'rejeté',
    title: 'la motion de censure déposée par M. Untel',
    groups: [
      { organe: AAA, members: 3, position: 'pour' },
      { organe: BBB, members: 3, position: 'pour', pour: ['PA4'] },
    ],
    decompte: { nonVotants: 3 },
  },
  {
    number: 5,
    date: '2025-06-15',
    title: FORMULA_TITLE,
    groups: [
      { organe: AAA, members: 4, position: 'pour', pour: ['PA1', 'PA99'] },
      { organe: BBB, members: 3, position: 'pour', pour: ['PA3'] },
    ],
  },
];

/** The sample referential and ROUTE_SCRUTINS in a fresh temporary database. */
export async function votesDatabase(): Promise<{ db: DB; close: () => Promise<void> }> {
  const seeded = await seededDatabase();
  const result = await seeded.db
    .transaction()
    .execute((trx) => ingestScrutins(trx, scrutinFiles(scrutinEntries(ROUTE_SCRUTINS)), 17));
  if (result.errors.length > 0 || result.added !== ROUTE_SCRUTINS.length)
    throw new Error(`seeding scrutins failed: ${JSON.stringify(result)}`);
  return seeded;
}
