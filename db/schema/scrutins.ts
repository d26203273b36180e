// Tables of the votes (source `votes`): scrutins, group positions, individual votes, and the
// derived figures computed at ingest.
import type { Selectable } from 'kysely';
import type { Position } from '../../domain/votes.ts';

export interface ScrutinTable {
  uid: string;
  number: number;
  legislature: number;
  date: string;
  session_ref: string | null;
  sitting_ref: string | null;
  /** SPO (ordinary), SPS (solemn), MOC (motion of censure)… */
  type_code: string;
  type_label: string | null;
  majority_rule: string | null;
  /** 'adopté' or 'rejeté'. */
  result_code: string;
  result_label: string | null;
  title: string;
  object: string | null;
  /** Title and object folded for word search. */
  title_key: string;
  requesters: string | null;
  /** The amendment (AMANR…) named by objet.referenceLegislative, when the file names one. */
  amendement_ref: string | null;
  /** The dossier (DLR…) named by objet.dossierLegislatif, when the file names one. */
  dossier_ref: string | null;
  voters: number | null;
  expressed: number | null;
  required: number | null;
  /** Official synthesis counts. */
  for_count: number;
  against_count: number;
  abstention_count: number;
  non_voting_count: number;
  voluntary_non_voting_count: number | null;
  /** Counts of the nominative lists. */
  listed_for: number;
  listed_against: number;
  listed_abstention: number;
  listed_non_voting: number;
  /** What differs between the nominative lists and the synthesis, or null. */
  counts_mismatch: string | null;
  rebels: number;
  content_hash: string;
}

export interface ScrutinGroupTable {
  scrutin_uid: string;
  /** The group at the time of the vote. */
  group_uid: string;
  members: number | null;
  /** The group's positionMajoritaire as the AN publishes it. */
  position: Position;
  /** The majority of the group's votes cast (pour, contre, abstention); null on a tie or none. */
  majority_position: Exclude<Position, 'nonVotant'> | null;
  /** 1 when the group cast votes and the published position is not their majority. */
  position_mismatch: number;
  for_count: number;
  against_count: number;
  abstention_count: number;
  non_voting_count: number;
  /** Hix–Noury–Roland Agreement Index of the group's votes cast, null when none. */
  agreement_index: number | null;
}

export interface VoteTable {
  scrutin_uid: string;
  acteur_uid: string;
  mandat_uid: string | null;
  /** The group at the time of the vote. */
  group_uid: string;
  position: Position;
  /** Why a non-voter did not vote: PAN, PSE, MG. */
  cause: string | null;
  delegation: number;
  seat: string | null;
  /** 1 when a vote cast differs from the majority of the group's votes (never on a tie). */
  rebel: number;
  /** 1 when a vote cast differs from the group's published positionMajoritaire. */
  rebel_published: number;
}

export interface DeputyVoteStatsTable {
  acteur_uid: string;
  eligible: number;
  cast: number;
  delegated: number;
  function_excluded: number;
  participation: number | null;
  eligible_solemn: number;
  cast_solemn: number;
  participation_solemn: number | null;
  loyalty_base: number;
  loyal: number;
  loyalty: number | null;
  rebellions: number;
  /** The same against the group's published positionMajoritaire. */
  loyalty_base_published: number;
  loyal_published: number;
  loyalty_published: number | null;
}

export interface GroupVoteStatsTable {
  group_uid: string;
  scrutins: number;
  cohesion: number | null;
}

export interface GroupProximityTable {
  group_a: string;
  group_b: string;
  common: number;
  agreements: number;
  proximity: number | null;
}

export type Scrutin = Selectable<ScrutinTable>;

export type ScrutinGroup = Selectable<ScrutinGroupTable>;

export type Vote = Selectable<VoteTable>;

export type DeputyVoteStats = Selectable<DeputyVoteStatsTable>;
