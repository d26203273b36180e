// The vocabulary of roll-call votes (scrutins): positions, who counts as having voted, the
// placeholder of an unidentified group, and the cohesion index of a group in one vote.

/** A deputy's position in a scrutin, as the Assemblée publishes it. */
export type Position = 'pour' | 'contre' | 'abstention' | 'nonVotant';

/** Prefix of the placeholder id of a group published without its own id. */
export const UNKNOWN_GROUP = 'INCONNU-';

/** Seats of the Assemblée nationale since 1986: no count of one scrutin goes beyond it. */
export const SEATS = 577;

export const CAST: ReadonlySet<Position> = new Set(['pour', 'contre', 'abstention']);

/** Causes of a non-vote by function: president of the Assembly, presiding the sitting, government member. */
export const FUNCTION_CAUSES: ReadonlySet<string> = new Set(['PAN', 'PSE', 'MG']);

/**
 * Hix–Noury–Roland Agreement Index of one group in one vote:
 * (max(Y, N, A) − ½·(Y + N + A − max(Y, N, A))) ÷ (Y + N + A); null when nobody voted.
 * 1 when all vote alike, 0 when split evenly in three.
 */
export function agreementIndex(yes: number, no: number, abstain: number): number | null {
  const total = yes + no + abstain;
  if (total === 0) return null;
  const max = Math.max(yes, no, abstain);
  return (max - 0.5 * (total - max)) / total;
}

/** A group's majority among its members' votes cast: a position, or none on a tie. */
export type Majority = Exclude<Position, 'nonVotant'> | null;

/**
 * The position most of a group's members took among those who cast a vote (pour, contre or
 * abstention; delegated votes included, non-voters excluded). A tie for the most votes, or no
 * vote cast, is no majority: then nobody in the group is a rebel on that scrutin.
 */
export function groupMajority(pour: number, contre: number, abstention: number): Majority {
  const top = Math.max(pour, contre, abstention);
  if (top === 0) return null;
  const leaders = (['pour', 'contre', 'abstention'] as const).filter(
    (p) => ({ pour, contre, abstention })[p] === top,
  );
  return leaders.length === 1 ? leaders[0]! : null;
}

/** Below this many votes a rate is shown with its count, marked as not significant, and never ranked. */
export const MIN_SIGNIFICANT_VOTES = 10;

/** Whether a rate computed over `base` votes is significant (see MIN_SIGNIFICANT_VOTES). */
export function isSignificant(base: number): boolean {
  return base >= MIN_SIGNIFICANT_VOTES;
}
