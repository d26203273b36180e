// Pure computations of the vote figures; their formulas are documented on /methodologie.
import type { DeputyVoteStats, GroupProximityTable } from '../../db/schema/index.ts';
import { CAST, FUNCTION_CAUSES, type Position } from '../../domain/votes.ts';

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
  rebel: number;
}

export interface ScrutinInput {
  uid: string;
  date: string;
  type_code: string;
}

/** A deputy's figures, as stored in deputy_vote_stats. */
export type DeputyStats = DeputyVoteStats;

/**
 * Participation and loyalty of every deputy with a known term of office.
 * - eligible: scrutins dated within one of the deputy's terms, less those where the deputy
 *   was a non-voter by function (PAN, PSE, MG);
 * - participation: votes cast (pour, contre, abstention) in eligible scrutins ÷ eligible;
 *   the same over solemn scrutins (SPS) only; delegated votes count as cast;
 * - loyalty: votes cast equal to the group's official position (group at the time of the
 *   vote) ÷ all votes cast; rebellions are the others.
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
  const stats: DeputyStats[] = [];
  for (const [acteur, acteurTerms] of termsByActeur) {
    const inOffice = (date: string) =>
      acteurTerms.some((t) => t.start <= date && (t.end === null || date <= t.end));
    const held = new Map(scrutins.filter((s) => inOffice(s.date)).map((s) => [s.uid, s]));
    const own = votesByActeur.get(acteur) ?? [];
    let excluded = 0;
    let excludedSolemn = 0;
    let cast = 0;
    let castSolemn = 0;
    let delegated = 0;
    let loyal = 0;
    let rebellions = 0;
    let loyaltyBase = 0;
    for (const v of own) {
      const s = held.get(v.scrutin_uid);
      if (CAST.has(v.position)) {
        loyaltyBase++;
        if (v.rebel) rebellions++;
        else loyal++;
      }
      if (!s) continue;
      if (v.position === 'nonVotant' && v.cause && FUNCTION_CAUSES.has(v.cause)) {
        excluded++;
        if (s.type_code === 'SPS') excludedSolemn++;
      } else if (CAST.has(v.position)) {
        cast++;
        if (v.delegation) delegated++;
        if (s.type_code === 'SPS') castSolemn++;
      }
    }
    const solemnHeld = [...held.values()].filter((s) => s.type_code === 'SPS').length;
    const eligible = held.size - excluded;
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
    });
  }
  return stats;
}

export interface GroupPositionInput {
  scrutin_uid: string;
  group_uid: string;
  position: Position;
  agreement_index: number | null;
}

/**
 * Proximity of every ordered pair of groups: over the scrutins where both cast at least one
 * vote (agreement index not null) and took a position other than non-voting, the share in
 * which their official positions are equal.
 */
export function groupProximity(rows: readonly GroupPositionInput[]): GroupProximityTable[] {
  const byScrutin = new Map<string, GroupPositionInput[]>();
  for (const row of rows) {
    if (row.agreement_index === null || row.position === 'nonVotant') continue;
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
        if (a.position === b.position) pair.agreements++;
      }
    }
  }
  return [...pairs.values()].map((p) => ({ ...p, proximity: p.agreements / p.common }));
}
