// Tables of the amendments (source `amendements`): one row per amendment, its co-signers in
// order. The dispositif and exposé are stored sanitised (allow-list applied at ingest).
import type { Insertable, Selectable } from 'kysely';
import type { AmendementSort } from '../../domain/amendements.ts';

export interface AmendementTable {
  uid: string;
  legislature: number;
  /** numeroOrdreDepot: the number within the text and the examining organ. */
  numero: number | null;
  /** numeroLong as published, with the committee prefix: `CL12`, `I-CF123`, `828`. */
  numero_long: string;
  /** How many times it was rectified (0 for none). */
  numero_rect: number;
  texte_uid: string;
  /** The dossier named by the archive path `json/<dossier>/<texte>/`. */
  dossier_uid: string | null;
  /** examenRef (EXANR5L17PO…B…P0D1). */
  examen_uid: string | null;
  /** The organ examining it (the PO… of examenRef): a committee, or the séance. */
  organe_examen_uid: string | null;
  /** prefixeOrganeExamen: `AN` for the séance publique, `CION_LOIS`, `CION_FIN`… */
  organe_prefix: string | null;
  /** 1 when examined in séance publique (prefix AN), 0 in committee. */
  seance: number;
  /** articleDesignationCourte: `ART. 3`, `APRÈS ART. 3 BIS`. */
  article: string | null;
  /** articleDesignation, in full. */
  article_designation: string | null;
  /** Député, Gouvernement or Rapporteur. */
  author_type: string;
  /** The author's acteur (PA…), null for the Gouvernement. */
  author_uid: string | null;
  /** The author's group at filing (groupePolitiqueRef). */
  author_group_uid: string | null;
  gouvernement_uid: string | null;
  /** signataires.libelle, entities decoded: "M. Le Fur, M. Ray…". */
  signatories_label: string | null;
  /** The amendment this one amends (sub-amendment), or null. */
  parent_uid: string | null;
  /** cycleDeVie.sort as published; null while pending. */
  sort_label: string | null;
  /** Normalised outcome (domain/amendements.ts `sortKey`). */
  sort: AmendementSort;
  etat_code: string | null;
  etat_label: string | null;
  sous_etat_code: string | null;
  sous_etat_label: string | null;
  date_depot: string | null;
  date_publication: string | null;
  date_sort: string | null;
  /** seanceDiscussionRef (RUANR5L17S…), the sitting where it was discussed. */
  seance_ref: string | null;
  /** Sanitised HTML (allow-list of domain/amendement-html.ts, applied at ingest and at render), or null. */
  dispositif_html: string | null;
  expose_html: string | null;
  /** Dispositif and exposé as plain text, folded (lower case, no accents), for search. */
  text_key: string;
  /** The archive entry it was read from. */
  file_name: string;
  /** SHA-256 of that entry: an unchanged entry is not parsed again. */
  content_hash: string;
}

export interface AmendementCosignataireTable {
  amendement_uid: string;
  acteur_uid: string;
  /** Order among the co-signers, from 1. */
  position: number;
}

export type Amendement = Selectable<AmendementTable>;
export type NewAmendement = Insertable<AmendementTable>;
export type AmendementCosignataire = Selectable<AmendementCosignataireTable>;

/**
 * A deputy's amendment figures, derived at the end of each amendements ingest
 * (scrapers/amendements/figures.ts): one row per acteur who filed or co-signed an amendment.
 * `decided` is the base of the adoption rate: amendments filed as député (not as rapporteur)
 * with a published outcome (`sort_label`) reached in an examination (adopte, rejete, tombe,
 * retire, non-soutenu); `rate_adopted` its numerator, the adopted among them. Left out: the
 * irrecevable, the en-cours, those withdrawn before any examination (no published outcome)
 * and those filed as rapporteur. The same by place of examination: séance or committee.
 */
export interface DeputyAmendementStatsTable {
  acteur_uid: string;
  /** Amendments filed as author (any author type, the rapporteur's included). */
  filed: number;
  /** Of which filed as rapporteur. */
  filed_rapporteur: number;
  /** Amendments whose co-signers name this acteur. */
  cosigned: number;
  /** Filed and adopted, whatever the author type. */
  adopted: number;
  /** Of which filed as rapporteur. */
  adopted_rapporteur: number;
  /** The rate's base (see above). */
  decided: number;
  /** The rate's numerator: adopted, filed as député. */
  rate_adopted: number;
  inadmissible: number;
  pending: number;
  /** Withdrawn (state RT) with no published outcome: never examined, out of the base. */
  withdrawn_unexamined: number;
  /** rate_adopted ÷ decided, null when decided is 0. */
  adoption_rate: number | null;
  filed_seance: number;
  adopted_seance: number;
  decided_seance: number;
  rate_adopted_seance: number;
  adoption_rate_seance: number | null;
  filed_committee: number;
  adopted_committee: number;
  decided_committee: number;
  rate_adopted_committee: number;
  adoption_rate_committee: number | null;
}

/** How many amendments of an author a co-signer signed (derived at ingest, like the stats). */
export interface CosignaturePairTable {
  author_uid: string;
  cosigner_uid: string;
  amendements: number;
  /** Of which adopted. */
  adopted: number;
}

export type DeputyAmendementStats = Selectable<DeputyAmendementStatsTable>;

/**
 * A scrutin linked to an amendment it decides (computed at ingest by
 * scrapers/lib/scrutin-links.ts): one row per amendment number the scrutin names (several
 * for a joint vote), resolved or not.
 */
export interface ScrutinAmendementTable {
  scrutin_uid: string;
  /** Order of the number in the title, from 1 (1 is the amendment the scrutin is about). */
  position: number;
  /** The number read (null when the link comes from a reference). */
  numero: number | null;
  /** Rectifications named by the title. */
  rect: number;
  /** The author as the title names them (`M. Tanguy`, `le Gouvernement`), or null. */
  author: string | null;
  /** The amendment, null when unresolved. */
  amendement_uid: string | null;
  /** How it was found (domain/scrutin-links.ts LINK_METHODS), null when unresolved. */
  method: string | null;
  /** Why it is unresolved (domain/scrutin-links.ts UNRESOLVED_REASONS), null when linked. */
  reason: string | null;
  /** Amendments examined in séance with this number (before narrowing by author and sitting). */
  candidates: number;
  /** 1 when the archive holds amendments of the text voted on (same sitting or same dossier). */
  text_in_archive: number;
}

export type ScrutinAmendement = Selectable<ScrutinAmendementTable>;
