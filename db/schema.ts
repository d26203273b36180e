import type { Generated, Insertable, Selectable } from 'kysely';
import type { FactKind } from '../domain/facts.ts';
import type { Position } from '../domain/votes.ts';

// Types say what better-sqlite3 returns: integers for booleans, ISO text for dates.

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

export interface SyncStateTable {
  source: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
  checked_at: string;
  changed_at: string | null;
  last_error: string | null;
}

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
  /** The group's official positionMajoritaire. */
  position: Position;
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
  /** 1 when a vote cast differs from the group's official position. */
  rebel: number;
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

export type CrawlRunStatus = 'running' | 'ok' | 'unchanged' | 'partial' | 'failed' | 'interrupted';

/** One run of one source; `running` rows left by a crash are closed as `interrupted`. */
export interface CrawlRunTable {
  id: Generated<number>;
  source: string;
  /** schedule, startup, retry, cli. */
  trigger: string;
  /** The process running it (null for runs recorded before this column). */
  pid: number | null;
  started_at: string;
  finished_at: string | null;
  status: CrawlRunStatus;
  fetched: Generated<number>;
  unchanged: Generated<number>;
  added: Generated<number>;
  changed: Generated<number>;
  removed: Generated<number>;
  failed: Generated<number>;
  /** Change events this run appended. */
  events: Generated<number>;
  error: string | null;
}

/** Append-only change log (UPDATE and DELETE are refused by triggers). */
export interface ChangeEventTable {
  id: Generated<number>;
  /** The crawl run that detected it; null for changes made by a person (review, import). */
  run_id: number | null;
  /** Source id (an, votes, hatvp, geo, trackers, facts). */
  source: string;
  /** depute, groupe, scrutin, declaration, page, fact, source. */
  entity_type: string;
  /** e.g. PA1008, PO800490, VTANR5L17V42. */
  entity_id: string;
  /** Readable name of the entity at detection time. */
  entity_label: string | null;
  /** The deputy's group at detection time, for filtering by group. */
  group_uid: string | null;
  /** initial_import, took_office, left_office, group_change, new_scrutin… */
  kind: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  /** Readable diff or note (text, not JSON to be cast back). */
  detail: string | null;
  detected_at: string;
  source_url: string | null;
}

export interface Database {
  organe: OrganeTable;
  acteur: ActeurTable;
  mandat: MandatTable;
  adresse: AdresseTable;
  deport: DeportTable;
  pays: PaysTable;
  sync_state: SyncStateTable;
  scrutin: ScrutinTable;
  scrutin_group: ScrutinGroupTable;
  vote: VoteTable;
  deputy_vote_stats: DeputyVoteStatsTable;
  group_vote_stats: GroupVoteStatsTable;
  group_proximity: GroupProximityTable;
  geo_insee_row: GeoInseeRowTable;
  geo_laposte_row: GeoLaposteRowTable;
  geo_area: GeoAreaTable;
  geo_area_circo: GeoAreaCircoTable;
  geo_postcode: GeoPostcodeTable;
  geo_circonscription: GeoCirconscriptionTable;
  declaration: DeclarationTable;
  declaration_item: DeclarationItemTable;
  declaration_amount: DeclarationAmountTable;
  declarant: DeclarantTable;
  deputy_interest: DeputyInterestTable;
  declaration_problem: DeclarationProblemTable;
  crawl_run: CrawlRunTable;
  change_event: ChangeEventTable;
  tracker: TrackerTable;
  tracker_noise: TrackerNoiseTable;
  tracker_snapshot: TrackerSnapshotTable;
  review_item: ReviewItemTable;
  fact: FactTable;
  admin_session: AdminSessionTable;
  login_attempt: LoginAttemptTable;
}

export type CrawlRun = Selectable<CrawlRunTable>;
export type ChangeEvent = Selectable<ChangeEventTable>;
export type NewChangeEvent = Insertable<ChangeEventTable>;
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
export type SyncState = Selectable<SyncStateTable>;
export type Scrutin = Selectable<ScrutinTable>;
export type ScrutinGroup = Selectable<ScrutinGroupTable>;
export type Vote = Selectable<VoteTable>;
export type DeputyVoteStats = Selectable<DeputyVoteStatsTable>;

// Geography (source `geo`): INSEE's commune → circonscription table, La Poste's postcodes.

/** One row of INSEE's table; a commune in several circonscriptions has one row for each. */
export interface GeoInseeRowTable {
  id: Generated<number>;
  commune_code: string;
  commune_name: string;
  departement_code: string;
  departement_name: string;
  region_code: string | null;
  region_name: string | null;
  /** Null for the communes INSEE attaches to no circonscription. */
  circo_departement: string | null;
  circo_number: number | null;
  /** 1 for a whole commune, 0 for a part of it, null without a circonscription. */
  whole: number | null;
}

/** One row of La Poste's base: a postcode serving a commune (and a locality, line 5). */
export interface GeoLaposteRowTable {
  id: Generated<number>;
  commune_code: string;
  commune_name: string;
  postcode: string;
  delivery_label: string;
  locality: string | null;
}

/**
 * A place a search can land on: an INSEE commune, a Paris/Lyon/Marseille arrondissement, or a
 * commune only La Poste knows (overseas collectivities, Mayotte, newer communes).
 */
export interface GeoAreaTable {
  code: string;
  /** 'commune', 'arrondissement' or 'hors_insee'. */
  kind: string;
  name: string;
  /** Folded name for search (see placeKey). */
  name_key: string;
  /** The code INSEE's table uses for it: itself, or the whole city for an arrondissement. */
  city_code: string | null;
  /** Département as the AN codes it ('33', '2A', '971', '977'), null abroad. */
  departement_code: string | null;
  departement_name: string | null;
  /** How its circonscriptions are known: 'insee', 'ville', 'departement' or 'aucune'. */
  basis: string;
  /** Circonscriptions in geo_area_circo for it (0 for 'departement' and 'aucune'). */
  circo_count: number;
  /** Its postcodes, space-separated, sorted. */
  postcodes: string;
}

export interface GeoAreaCircoTable {
  area_code: string;
  departement_code: string;
  number: number;
  /** 1 when the whole area lies in the circonscription. */
  whole: number;
}

export interface GeoPostcodeTable {
  postcode: string;
  area_code: string;
  /** La Poste's localities (line 5) of this postcode in this area, ' · '-separated. */
  localities: string | null;
}

/** Counts per circonscription of INSEE's table, derived at ingest. */
export interface GeoCirconscriptionTable {
  departement_code: string;
  number: number;
  departement_name: string;
  /** Communes wholly or partly in it. */
  communes: number;
  whole_communes: number;
  /** Distinct postcodes serving those communes (or their arrondissements). */
  postcodes: number;
}

export type GeoArea = Selectable<GeoAreaTable>;
export type NewGeoInseeRow = Insertable<GeoInseeRowTable>;
export type NewGeoLaposteRow = Insertable<GeoLaposteRowTable>;
export type Declaration = Selectable<DeclarationTable>;
export type NewDeclaration = Insertable<DeclarationTable>;
export type DeclarationItem = Selectable<DeclarationItemTable>;
export type NewDeclarationItem = Insertable<DeclarationItemTable>;
export type Declarant = Selectable<DeclarantTable>;
export type NewDeclarant = Insertable<DeclarantTable>;
export type DeputyInterest = Selectable<DeputyInterestTable>;
export type NewDeputyInterest = Insertable<DeputyInterestTable>;

// Trackers, review queue, curated facts and admin access (issue 7).

/** A watched web page: the part matching `selector` is compared from one check to the next. */
export interface TrackerTable {
  id: Generated<number>;
  label: string;
  /** Canonical URL (SOURCES_MIRROR applies when fetching). */
  url: string;
  /** CSS selector of the part that matters. */
  selector: string;
  /** The page is checked again once this many minutes have passed since the last check. */
  interval_minutes: number;
  /** The deputy the page is about (their own site, a party page…), if any. */
  acteur_uid: string | null;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  checked_at: string | null;
  /** Why the last check failed (HTTP error, selector not found), null when it succeeded. */
  last_error: string | null;
}

/** A regular expression whose matches are ignored when comparing (dates, counters, tokens). */
export interface TrackerNoiseTable {
  id: Generated<number>;
  tracker_id: number;
  pattern: string;
  /** The dismissed review item that added it, if any. */
  review_item_id: number | null;
  created_at: string;
}

/** A distinct normalised text read from a tracker's page (before noise patterns apply). */
export interface TrackerSnapshotTable {
  id: Generated<number>;
  tracker_id: number;
  fetched_at: string;
  text: string;
  content_hash: string;
}

export type ReviewStatus = 'pending' | 'confirmed' | 'dismissed';

/** A difference between two snapshots, once noise is removed, waiting for a person. */
export interface ReviewItemTable {
  id: Generated<number>;
  tracker_id: number;
  old_snapshot_id: number;
  new_snapshot_id: number;
  /** Texts compared (noise patterns applied). */
  old_text: string;
  new_text: string;
  /** Readable line diff: `- ` removed, `+ ` added, `  ` context, `…` between hunks. */
  diff: string;
  detected_at: string;
  status: Generated<ReviewStatus>;
  decided_at: string | null;
  /** Why it was dismissed as a false positive. */
  reason: string | null;
  /** The change_event a confirmation appended. */
  change_event_id: number | null;
}

/** A fact verified by a person, imported from CSV; (acteur_uid, kind, label) identifies it. */
export interface FactTable {
  id: Generated<number>;
  acteur_uid: string;
  kind: FactKind;
  label: string;
  value: string;
  source_url: string;
  /** ISO date (YYYY-MM-DD) the fact was checked against its source. */
  verified_on: string;
  imported_at: string;
  updated_at: string;
}

export interface AdminSessionTable {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  token_hash: string;
  /** Synchronizer token every state-changing form must send back. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** Remote address of the client. */
  client: string;
  at: string;
  success: number;
}

export type Tracker = Selectable<TrackerTable>;
export type TrackerSnapshot = Selectable<TrackerSnapshotTable>;
export type ReviewItem = Selectable<ReviewItemTable>;
export type Fact = Selectable<FactTable>;
export type AdminSession = Selectable<AdminSessionTable>;
