// Twelve scrutins written as a table of positions, voted by the sample referential of seed.ts
// (PA1, PA2, PA5 in group AAA = PO10; PA3, PA4, PA6 in BBB = PO20) and by PA99, a former
// deputy outside the referential who sits in AAA; ingested for the comparison tests. The
// table is the raw data the tests compute their expectations from.
import type { DB } from '../../db/database.ts';
import { ingestScrutins } from '../../scrapers/votes/ingest.ts';
import { scrutinEntries, scrutinFiles, type GroupSpec, type ScrutinSpec } from './scrutin-json.ts';
import { seededDatabase } from './seed.ts';

export const GROUPS = { PO10: ['PA1', 'PA2', 'PA5', 'PA99'], PO20: ['PA3', 'PA4', 'PA6'] } as const;
const VOTERS = [...GROUPS.PO10, ...GROUPS.PO20];

/**
 * One line per scrutin: its number, type, title words, and one letter per voter in the order
 * PA1 PA2 PA5 PA99 | PA3 PA4 PA6: P pour, C contre, A abstention, N non-voting (member of the
 * government), - absent from the lists.
 */
export const TABLE: [number, 'SPO' | 'SPS', string, string][] = [
  [1, 'SPS', "l'ensemble du projet de loi de finances", 'PP--CCP'],
  [2, 'SPS', "l'ensemble du projet de loi sur l'énergie", 'PA--PPP'],
  [3, 'SPO', "l'amendement n° 3 sur l'énergie", 'PC--CNC'],
  [4, 'SPS', "l'ensemble de la proposition de loi sur l'eau", 'PPP-CCC'],
  [5, 'SPO', "l'amendement n° 5 sur l'eau", 'CCC-PPC'],
  [6, 'SPS', "l'ensemble du projet de loi sur les retraites", 'PPA-AAP'],
  [7, 'SPO', "l'amendement n° 7 sur les retraites", 'CPP-CC-'],
  [8, 'SPS', "l'ensemble du projet de loi sur la santé", 'PPP-PPP'],
  [9, 'SPO', "l'amendement n° 9 sur la santé", 'AAP-CPC'],
  [10, 'SPS', "l'ensemble de la proposition de loi sur le logement", 'PC--PCA'],
  [11, 'SPO', "l'amendement n° 11 sur le logement", 'PPPPCC-'],
  [12, 'SPS', "l'ensemble du projet de loi sur les transports", 'CP-CCCC'],
];

export type Cast = 'pour' | 'contre' | 'abstention';
const LETTERS: Record<string, Cast | 'nonVotant' | null> = {
  P: 'pour',
  C: 'contre',
  A: 'abstention',
  N: 'nonVotant',
  '-': null,
};

/** The position of each voter in scrutin `number`, as the table says (absent: none). */
export function positions(number: number): Map<string, Cast | 'nonVotant'> {
  const line = TABLE.find((t) => t[0] === number)![3];
  const out = new Map<string, Cast | 'nonVotant'>();
  VOTERS.forEach((uid, i) => {
    const p = LETTERS[line[i]!];
    if (p) out.set(uid, p);
  });
  return out;
}

function groupSpec(organe: keyof typeof GROUPS, number: number): GroupSpec {
  const votes = positions(number);
  const members = GROUPS[organe].filter((uid) => votes.has(uid));
  const of = (p: string) => members.filter((uid) => votes.get(uid) === p);
  return {
    organe,
    members: GROUPS[organe].length,
    position: 'pour',
    pour: of('pour'),
    contre: of('contre'),
    abstention: of('abstention'),
    nonVotant: of('nonVotant').map((acteur) => ({ acteur, cause: 'MG' as const })),
  };
}

export const COMPARER_SCRUTINS: ScrutinSpec[] = TABLE.map(([number, type, title]) => ({
  number,
  date: `2024-10-${String(number).padStart(2, '0')}`,
  type,
  title,
  groups: [groupSpec('PO10', number), groupSpec('PO20', number)],
}));

/** The sample referential and COMPARER_SCRUTINS in a fresh temporary database. */
export async function comparerDatabase(): Promise<{ db: DB; close: () => Promise<void> }> {
  const seeded = await seededDatabase();
  const result = await seeded.db
    .transaction()
    .execute((trx) => ingestScrutins(trx, scrutinFiles(scrutinEntries(COMPARER_SCRUTINS)), 17));
  if (result.errors.length > 0 || result.added !== COMPARER_SCRUTINS.length)
    throw new Error(`seeding scrutins failed: ${JSON.stringify(result)}`);
  return seeded;
}

// The tests' own computation of the expected figures, from the table alone.

/** A deputy's vote cast, or a group's majority (a unique top among its members' votes cast). */
export function positionIn(side: string, number: number): Cast | null {
  const votes = positions(number);
  if (side.startsWith('PA')) {
    const p = votes.get(side);
    return p && p !== 'nonVotant' ? p : null;
  }
  const tally = { pour: 0, contre: 0, abstention: 0 };
  for (const uid of GROUPS[side as keyof typeof GROUPS]) {
    const p = votes.get(uid);
    if (p && p !== 'nonVotant') tally[p]++;
  }
  const top = Math.max(...Object.values(tally));
  const leaders = (Object.keys(tally) as Cast[]).filter((p) => tally[p] === top);
  return top > 0 && leaders.length === 1 ? leaders[0]! : null;
}

/** Common scrutins, agreements and disagreements (latest first) of two sides, from the table. */
export function expectedComparison(a: string, b: string) {
  const common = TABLE.map((t) => t[0]).filter(
    (n) => positionIn(a, n) !== null && positionIn(b, n) !== null,
  );
  const disagreements = common.filter((n) => positionIn(a, n) !== positionIn(b, n));
  return {
    common: common.length,
    agreements: common.length - disagreements.length,
    disagreements: disagreements.sort((x, y) => y - x),
    all: common.sort((x, y) => y - x),
  };
}

/** Ranking computed from the table: rate, common scrutins, rank (null when not significant). */
export function expectedRanking(
  sides: string[],
  answers: Record<number, Cast>,
  name: (s: string) => string,
) {
  // The rule of /methodologie: fewer than 10 common scrutins is never ranked.
  const threshold = 10;
  const rows = sides
    .map((uid) => {
      const asked = Object.keys(answers).map(Number);
      const common = asked.filter((s) => positionIn(uid, s) !== null);
      const agreements = common.filter((s) => positionIn(uid, s) === answers[s]).length;
      return { uid, common: common.length, agreements };
    })
    .filter((r) => r.common > 0);
  const significant = rows
    .filter((r) => r.common >= threshold)
    .sort(
      (x, y) =>
        y.agreements / y.common - x.agreements / x.common ||
        y.common - x.common ||
        name(x.uid).localeCompare(name(y.uid), 'fr'),
    );
  const ranked = significant.map((r) => ({
    ...r,
    rank: 1 + significant.filter((o) => o.agreements / o.common > r.agreements / r.common).length,
  }));
  const others = rows
    .filter((r) => r.common < threshold)
    .sort(
      (x, y) =>
        y.common - x.common ||
        y.agreements / y.common - x.agreements / x.common ||
        name(x.uid).localeCompare(name(y.uid), 'fr'),
    )
    .map((r) => ({ ...r, rank: null }));
  return [...ranked, ...others];
}

/** The names the ranking orders ties by (the referential's sort names; the uid outside it). */
export const SORT_NAMES: Record<string, string> = {
  PA1: 'Dupré',
  PA2: 'Martin',
  PA3: 'Lefèvre',
  PA4: '<script>alert(1)</script>',
  PA5: 'Ancien',
  PA6: 'Noël',
  PA99: 'PA99',
  PO10: 'Groupe Alpha',
  PO20: 'Groupe Bêta',
};
