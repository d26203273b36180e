// Tables of the referential (source `an`): organs, acteurs with their derived fields, mandates,
// addresses, deports, countries.
import type { Insertable, Selectable } from 'kysely';

export interface OrganeTable {
  uid: string;
  /** AN organ type: GP (group), PARPOL (party), COMPER (standing committee), CIRCONSCRIPTION… */
  code_type: string;
  label: string;
  short_label: string | null;
  abbreviation: string | null;
  start_date: string | null;
  end_date: string | null;
  legislature: number | null;
  color: string | null;
  parent_uid: string | null;
  departement_code: string | null;
  departement_name: string | null;
  region: string | null;
  number: number | null;
}

export interface ActeurTable {
  uid: string;
  civility: string;
  /** 'F' or 'M', from the civility. */
  sex: 'F' | 'M';
  first_name: string;
  last_name: string;
  sort_name: string;
  /** Name folded for search: lower case, no accents, no punctuation. */
  name_key: string;
  birth_date: string | null;
  birth_place: string | null;
  birth_departement: string | null;
  birth_country: string | null;
  death_date: string | null;
  profession_raw: string | null;
  /** Raw label without its INSEE code prefix. */
  profession_label: string | null;
  /** Folded, gender-neutral key used for matching (see professionKey). */
  profession_key: string | null;
  insee_category: string | null;
  insee_family: string | null;
  hatvp_url: string | null;
  /** 1 when the acteur holds an open ASSEMBLEE mandate of the current legislature. */
  in_office: number;
  group_uid: string | null;
  party_uid: string | null;
  departement_code: string | null;
  departement_name: string | null;
  circo_number: number | null;
  circo_uid: string | null;
  mandate_start: string | null;
  mandate_end: string | null;
  /** Hash of the parsed record, to count added and changed acteurs between crawls. */
  record_hash: string;
}

export interface MandatTable {
  uid: string;
  acteur_uid: string;
  organe_uid: string;
  organe_type: string;
  legislature: number | null;
  start_date: string | null;
  end_date: string | null;
  role_code: string | null;
  role_label: string | null;
  principal: number;
  precedence: number | null;
  departement_code: string | null;
  departement_name: string | null;
  region: string | null;
  circo_number: number | null;
  circo_uid: string | null;
  election_cause: string | null;
  took_office_date: string | null;
  end_cause: string | null;
  seat: string | null;
}

export interface AdresseTable {
  uid: string;
  acteur_uid: string;
  /** 'postale', 'mail', 'site', 'telephone', 'reseau' or 'autre'. */
  kind: string;
  type_code: number | null;
  type_label: string | null;
  weight: number | null;
  title: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  value: string | null;
}

export interface DeportTable {
  uid: string;
  acteur_uid: string;
  legislature: number | null;
  created_at: string | null;
  published_at: string | null;
  scope: string | null;
  instance: string | null;
  target_type: string | null;
  target_text: string | null;
  explanation: string | null;
}

export interface PaysTable {
  uid: string;
  insee_code: string | null;
  name: string;
  official_name: string | null;
  iso3: string | null;
}

export type Organe = Selectable<OrganeTable>;

export type NewOrgane = Insertable<OrganeTable>;

export type Acteur = Selectable<ActeurTable>;

export type NewActeur = Insertable<ActeurTable>;

export type Mandat = Selectable<MandatTable>;

export type NewMandat = Insertable<MandatTable>;

export type NewAdresse = Insertable<AdresseTable>;

export type Adresse = Selectable<AdresseTable>;

export type NewDeport = Insertable<DeportTable>;

export type Deport = Selectable<DeportTable>;

export type NewPays = Insertable<PaysTable>;

export type Pays = Selectable<PaysTable>;
