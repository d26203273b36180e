// Tables of the HATVP declarations (source `hatvp`): the index, the items of each declaration
// of interests, declarants and their links to deputies, reading problems.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface DeclarationTable {
  /** XML file name without `.xml`, or `attente-<hash>` for a declaration not yet published. */
  id: string;
  /** SHA-256 of the index line: a change means the file is read again. */
  row_hash: string;
  /** HATVP's key of the person (`classement`). */
  declarant_key: string;
  civility: string | null;
  first_name: string;
  last_name: string;
  /** `type_mandat`: depute, senateur, commune, epci, gouvernement… */
  mandate_type: string;
  qualite: string | null;
  /** Lower case as in the index: di, dia, dim, diam, dsp, dspm, dspfm. */
  document_type: string;
  family: 'interets' | 'patrimoine' | 'autre';
  number: number | null;
  departement: string | null;
  published_on: string | null;
  deposited_on: string | null;
  pdf_file: string | null;
  hatvp_path: string | null;
  xml_file: string | null;
  publication_status: string | null;
  origin_id: string | null;
  xml_status: XmlStatus;
  xml_error: string | null;
  xml_checked_at: string | null;
  xml_hash: string | null;
  /** 1 once items were stored from a successful parse. */
  parsed: Generated<number>;
  uuid: string | null;
  /** ISO date and time of deposit, from the XML. */
  deposited_at: string | null;
  /** DI, DIA or DSP, from the XML. */
  xml_type: string | null;
  /** `declarationModificative`: 1, 0 or null when the XML does not say. */
  modifying: number | null;
  office: string | null;
  mandate_start: string | null;
  mandate_end: string | null;
  asset_sections: Generated<number>;
  items: Generated<number>;
  /** 1 for the latest parsed version of a person's series (same mandate type and family). */
  current: Generated<number>;
  /** The next version of the series, parsed or not. */
  superseded_by: string | null;
}

/**
 * none: no file yet; skipped: a declaration of assets, not fetched; pending: to fetch;
 * ok: parsed; missing: 404; failed: HTTP error or timeout; invalid: not a readable declaration.
 */
export type XmlStatus = 'none' | 'skipped' | 'pending' | 'ok' | 'missing' | 'failed' | 'invalid';

export interface DeclarationItemTable {
  id: Generated<number>;
  declaration_id: string;
  /** activite, consultant, dirigeant, participation, conjoint, benevole, mandat, collaborateur, observation. */
  section: string;
  position: number;
  organisation: string | null;
  description: string | null;
  person: string | null;
  comment: string | null;
  advisory_org: string | null;
  /** ISO months (YYYY-MM). */
  start_month: string | null;
  end_month: string | null;
  kept: number | null;
  gross_net: string | null;
  value: number | null;
  capital_share: number | null;
  shares: number | null;
  income: number | null;
  income_text: string | null;
  advisory: number | null;
  redacted: number;
  amount_total: number | null;
  last_year: number | null;
  last_amount: number | null;
  search_key: string;
}

export interface DeclarationAmountTable {
  item_id: number;
  position: number;
  year: number | null;
  amount: number | null;
  text: string | null;
}

export interface DeclarantTable {
  key: string;
  civility: string | null;
  first_name: string;
  last_name: string;
  name_key: string;
  /** 1 when the person has declarations as a deputy. */
  is_deputy: number;
  departement: string | null;
  origin_id: string | null;
  hatvp_path: string | null;
  declarations: number;
  acteur_uid: string | null;
  /** id_origine, url_dossier or nom_departement. */
  link_method: string | null;
  unlinked_reason: string | null;
}

export interface DeputyInterestTable {
  acteur_uid: string;
  declarant_key: string;
  declarations: number;
  /** The deputy's current declaration of interests (latest parsed version), if any. */
  current_id: string | null;
  current_deposited_on: string | null;
  /** 1 when a later version exists but could not be read yet. */
  update_pending: number;
  /** Items of the current declaration, per section. */
  activite: number;
  consultant: number;
  dirigeant: number;
  participation: number;
  conjoint: number;
  benevole: number;
  mandat: number;
  collaborateur: number;
  observation: number;
  /** Sum of the declared values of the financial participations. */
  participation_value: number | null;
  /** Profession keys of the declared activities, ` | `-separated, for the profession filter. */
  activities_key: string | null;
}

export interface DeclarationProblemTable {
  id: Generated<number>;
  declaration_id: string | null;
  /** Line of the index, for a line that could not be read. */
  line: number | null;
  /** ligne, absent, http, xml, robots, section, champ, montant, date. */
  kind: string;
  message: string;
  recorded_at: Generated<string>;
}

export type Declaration = Selectable<DeclarationTable>;

export type NewDeclaration = Insertable<DeclarationTable>;

export type DeclarationItem = Selectable<DeclarationItemTable>;

export type NewDeclarationItem = Insertable<DeclarationItemTable>;

export type Declarant = Selectable<DeclarantTable>;

export type NewDeclarant = Insertable<DeclarantTable>;

export type DeputyInterest = Selectable<DeputyInterestTable>;

export type NewDeputyInterest = Insertable<DeputyInterestTable>;
