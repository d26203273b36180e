// Tables of the legislative dossiers (source `dossiers`): each dossier, its initiators, the
// tree of its steps flattened in document order, the texts (documents) and the links of the
// steps to texts and to scrutins; scrutin_dossier is the scrutin → dossier link read by the
// scrutin pages (filled by the dossiers ingest, so a votes ingest never touches it).
import type { Selectable } from 'kysely';
import type { DossierState } from '../../domain/dossiers.ts';

export interface DossierTable {
  uid: string;
  legislature: number;
  title: string;
  /** `titreChemin`: the slug of the AN's URL (PLF2025), null when absent. */
  path_title: string | null;
  /** Title folded for word search (accents and case ignored). */
  title_key: string;
  senat_url: string | null;
  procedure_code: string | null;
  procedure_label: string | null;
  /** Earliest dated step (usually the first deposit), AAAA-MM-JJ. */
  first_date: string | null;
  /** Latest dated step, AAAA-MM-JJ. */
  last_date: string | null;
  /** Code and label of the latest dated step. */
  last_step_code: string | null;
  last_step_label: string | null;
  state: DossierState;
  /** Dossier this one was merged into (`fusionDossier.dossierAbsorbantRef`). */
  absorbed_by: string | null;
  content_hash: string;
}

export interface DossierInitiatorTable {
  dossier_uid: string;
  /** Order in the source. */
  position: number;
  /** An acteur (PA…) or, for an organ's initiative, null. */
  acteur_uid: string | null;
  /** An organe (government, committee) or null. */
  organe_uid: string | null;
}

export interface DossierStepTable {
  dossier_uid: string;
  /** Index of the step in the dossier's tree, depth first in document order, from 0. */
  position: number;
  /** Position of the parent step, null at the top. */
  parent_position: number | null;
  depth: number;
  uid: string;
  /** codeActe: AN1, AN1-DEPOT, SN1-DEBATS-DEC, CMP, PROM-PUB… */
  code: string;
  /** @xsi:type of the step: DepotInitiative_Type, Decision_Type, Promulgation_Type… */
  kind: string | null;
  label: string | null;
  date: string | null;
  organe_uid: string | null;
  /** The decision's published outcome (statutConclusion or decision libellé), or null. */
  conclusion: string | null;
}

export interface DossierStepTextTable {
  dossier_uid: string;
  step_position: number;
  text_uid: string;
  /** 'associe' (texteAssocie, textesAssocies) or 'adopte' (texteAdopte). */
  role: string;
}

export interface DossierStepVoteTable {
  dossier_uid: string;
  step_position: number;
  scrutin_uid: string;
}

export interface ScrutinDossierTable {
  scrutin_uid: string;
  dossier_uid: string;
  /**
   * How the link was found (domain/scrutin-links.ts DOSSIER_METHODS): `etapes` (a step of the
   * dossier names the scrutin), `reference` (the scrutin file names the dossier), `amendement`
   * (the dossier of the amendment the scrutin decides, when neither names one).
   */
  method: string;
}

export interface DocumentTable {
  uid: string;
  dossier_uid: string | null;
  legislature: number | null;
  /** classification.type.code: PION, PRJL, RAPP, AVIS, TAP… */
  type_code: string | null;
  type_label: string | null;
  subtype_code: string | null;
  /** denominationStructurelle: Proposition de loi, Rapport… */
  denomination: string | null;
  title: string | null;
  short_title: string | null;
  /** notice.numNotice: the number printed on the text. */
  numero: string | null;
  deposit_date: string | null;
  publication_date: string | null;
  adoption_status: string | null;
  content_hash: string;
}

export type Dossier = Selectable<DossierTable>;
export type DossierStep = Selectable<DossierStepTable>;
export type DossierInitiator = Selectable<DossierInitiatorTable>;
export type DocumentRow = Selectable<DocumentTable>;
