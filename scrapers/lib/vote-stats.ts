// Pure computations of the vote figures; their formulas are documented on /methodologie.
import type { DeputyVoteStats, GroupProximityTable } from '../../db/schema/index.ts';
import { CAST, FUNCTION_CAUSES, type Majority, type Position } from '../../domain/votes.ts';

export interface TermInput {
  acteur_uid: string;
  /** First day in office (inclusive). */
  start: string;
  /** Last day in office (inclusive), null while in office. */
  end: string | null;
}

export interface VoteInput {
  scrutin_uid: string;
  acteur_uid: string;
  position: Position;
  cause: string | null;
  delegation: number;
  rebel_published: number;
  /** The majority of the voter's group on that scrutin (null on a tie). */
  majority: Majority;
}

export interface ScrutinInput {
  uid: string;
  date: string;
  type_code: string;
}

/** A deputy's figures, as stored in deputy_vote_stats. */
export type DeputyStats = DeputyVoteStats;

/**
 * Participation of every deputy with a known term of office, loyalty of everyone who voted
 * (a former deputy outside the referential too: participation then stays null).
 * - eligible: scrutins dated within one of the deputy's terms, less those where the deputy
 *   was a non-voter by function (PAN, PSE, MG);
 * - participation: votes cast (pour, contre, abstention) in eligible scrutins ÷ eligible;
 *   the same over solemn scrutins (SPS) only; delegated votes count as cast;
 * - loyalty: votes cast equal to the majority of the group's votes (group at the time of
 *   the vote) ÷ votes cast where the group had a majority (a tie has none); rebellions are
 *   the others. The same against the group's published position: ÷ all votes cast.
 */
export function deputyStats(
  scrutins: ScrutinInput[],
  terms: TermInput[],
  votes: VoteInput[],
): DeputyStats[] {
  const termsByActeur = new Map<string, TermInput[]>();
  for (const t of terms)
    termsByActeur.set(t.acteur_uid, [...(termsByActeur.get(t.acteur_uid) ?? []), t]);
  const votesByActeur = new Map<string, VoteInput[]>();
  for (const v of votes) {
    const list = votesByActeur.get(v.acteur_uid);
    if (list) list.push(v);
    else votesByActeur.set(v.acteur_uid, [v]);
  }
  // Scrutins by position in one array, so that a deputy's terms become a bitmap over it.
  const index = new Map(scrutins.map((s, i) => [s.uid, i]));
  const solemn = scrutins.map((s) => s.type_code === 'SPS');
  const held = new Uint8Array(scrutins.length);
  const stats: DeputyStats[] = [];
  for (const acteur of new Set([...termsByActeur.keys(), ...votesByActeur.keys()])) {
    const acteurTerms = termsByActeur.get(acteur) ?? [];
    held.fill(0);
    let heldCount = 0;
    let solemnHeld = 0;
    if (acteurTerms.length > 0) {
      scrutins.forEach((s, i) => {
        if (acteurTerms.some((t) => t.start <= s.date && (t.end === null || s.date <= t.end))) {
          held[i] = 1;
          heldCount++;
          if (solemn[i]) solemnHeld++;
        }
      });
    }
    const own = votesByActeur.get(acteur) ?? [];
    let excluded = 0;
    let excludedSolemn = 0;
    let cast = 0;
    let castSolemn = 0;
    let delegated = 0;
    let loyal = 0;
    let rebellions = 0;
    let loyaltyBase = 0;
    let loyalPublished = 0;
    let castAll = 0;
    for (const v of own) {
      const isCast = CAST.has(v.position);
      if (isCast) {
        castAll++;
        if (!v.rebel_published) loyalPublished++;
        if (v.majority !== null) {
          loyaltyBase++;
          if (v.position === v.majority) loyal++;
          else rebellions++;
        }
      }
      const i = index.get(v.scrutin_uid);
      if (i === undefined || !held[i]) continue;
      if (v.position === 'nonVotant' && v.cause && FUNCTION_CAUSES.has(v.cause)) {
        excluded++;
        if (solemn[i]) excludedSolemn++;
      } else if (isCast) {
        cast++;
        if (v.delegation) delegated++;
        if (solemn[i]) castSolemn++;
      }
    }
    const eligible = heldCount - excluded;
    const eligibleSolemn = solemnHeld - excludedSolemn;
    stats.push({
      acteur_uid: acteur,
      eligible,
      cast,
      delegated,
      function_excluded: excluded,
      participation: eligible > 0 ? cast / eligible : null,
      eligible_solemn: eligibleSolemn,
      cast_solemn: castSolemn,
      participation_solemn: eligibleSolemn > 0 ? castSolemn / eligibleSolemn : null,
      loyalty_base: loyaltyBase,
      loyal,
      loyalty: loyaltyBase > 0 ? loyal / loyaltyBase : null,
      rebellions,
      loyalty_base_published: castAll,
      loyal_published: loyalPublished,
      loyalty_published: castAll > 0 ? loyalPublished / castAll : null,
    });
  }
  return stats;
}

export interface GroupPositionInput {
  scrutin_uid: string;
  group_uid: string;
  majority_position: Majority;
}

/**
 * Proximity of every ordered pair of groups: over the scrutins where both had a majority
 * among their votes cast (no tie), the share in which those majorities are equal.
 */
export function groupProximity(rows: readonly GroupPositionInput[]): GroupProximityTable[] {
  const byScrutin = new Map<string, GroupPositionInput[]>();
  for (const row of rows) {
    if (row.majority_position === null) continue;
    const list = byScrutin.get(row.scrutin_uid);
    if (list) list.push(row);
    else byScrutin.set(row.scrutin_uid, [row]);
  }
  const pairs = new Map<string, GroupProximityTable>();
  for (const groups of byScrutin.values()) {
    for (const a of groups) {
      for (const b of groups) {
        if (a.group_uid === b.group_uid) continue;
        const key = `${a.group_uid} ${b.group_uid}`;
        let pair = pairs.get(key);
        if (!pair) {
          pair = {
            group_a: a.group_uid,
            group_b: b.group_uid,
            common: 0,
            agreements: 0,
            proximity: null,
          };
          pairs.set(key, pair);
        }
        pair.common++;
        if (a.majority_position === b.majority_position) pair.agreements++;
      }
    }
  }
  return [...pairs.values()].map((p) => ({ ...p, proximity: p.agreements / p.common }));
}
