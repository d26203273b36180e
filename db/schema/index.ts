// The database schema, assembled from one file per area; types say what better-sqlite3
// returns: integers for booleans, ISO text for dates.
import type { CrawlRunTable, DataVersionTable, SyncStateTable } from './sources.ts';
import type { ChangeEventTable } from './changements.ts';
import type {
  DeputyVoteStatsTable,
  GroupProximityTable,
  GroupVoteStatsTable,
  ScrutinGroupTable,
  ScrutinTable,
  VoteTable,
} from './scrutins.ts';
import type {
  DeclarantTable,
  DeclarationAmountTable,
  DeclarationItemTable,
  DeclarationProblemTable,
  DeclarationTable,
  DeputyInterestTable,
} from './declarations.ts';
import type {
  GeoAbroadCountryTable,
  GeoAreaCircoTable,
  GeoAreaTable,
  GeoCirconscriptionTable,
  GeoContourTable,
  GeoInseeRowTable,
  GeoLaposteRowTable,
  GeoPostcodeCircoTable,
  GeoPostcodeTable,
  GeoRcRowTable,
} from './geo.ts';
import type {
  AdminSessionTable,
  LoginAttemptTable,
  ReviewItemTable,
  TrackerNoiseTable,
  TrackerSnapshotTable,
  TrackerTable,
} from './suivi.ts';
import type { FactTable } from './faits.ts';
import type {
  AmendementCosignataireTable,
  AmendementTable,
  CosignaturePairTable,
  DeputyAmendementStatsTable,
  ScrutinAmendementTable,
} from './amendements.ts';
import type {
  DocumentTable,
  DossierInitiatorTable,
  DossierStepTable,
  DossierStepTextTable,
  DossierStepVoteTable,
  DossierTable,
  ScrutinDossierTable,
} from './dossiers.ts';
import type {
  ActivityWeekTable,
  ActivityWindowTable,
  DeputyActivityStatsTable,
  DeputyActivityWeekTable,
  GroupActivityStatsTable,
  ReunionItemTable,
  ReunionPresenceTable,
  ReunionTable,
} from './agenda.ts';
import type {
  LobbyActionTable,
  LobbyActionTypeTable,
  LobbyActivityDomainTable,
  LobbyActivityTable,
  LobbyBeneficiaryTable,
  LobbyDecisionTable,
  LobbyDossierLinkTable,
  LobbyExerciseTable,
  LobbyFileTable,
  LobbyLabelTable,
  LobbyMatchDismissalTable,
  LobbyMatchTable,
  LobbyOrganisationTable,
  LobbyPersonTable,
  LobbyRelatedTable,
  LobbySummaryTable,
  LobbyTargetTable,
} from './lobbies.ts';
import type {
  ActeurTable,
  AdresseTable,
  DeportTable,
  MandatTable,
  OrganeTable,
  PaysTable,
} from './deputes.ts';

export interface Database {
  organe: OrganeTable;
  acteur: ActeurTable;
  mandat: MandatTable;
  adresse: AdresseTable;
  deport: DeportTable;
  pays: PaysTable;
  sync_state: SyncStateTable;
  data_version: DataVersionTable;
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
  geo_rc_row: GeoRcRowTable;
  geo_postcode_circo: GeoPostcodeCircoTable;
  geo_abroad_country: GeoAbroadCountryTable;
  geo_contour: GeoContourTable;
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
  dossier: DossierTable;
  dossier_initiator: DossierInitiatorTable;
  dossier_step: DossierStepTable;
  dossier_step_text: DossierStepTextTable;
  dossier_step_vote: DossierStepVoteTable;
  document: DocumentTable;
  scrutin_dossier: ScrutinDossierTable;
  amendement: AmendementTable;
  amendement_cosignataire: AmendementCosignataireTable;
  deputy_amendement_stats: DeputyAmendementStatsTable;
  cosignature_pair: CosignaturePairTable;
  scrutin_amendement: ScrutinAmendementTable;
  reunion: ReunionTable;
  reunion_item: ReunionItemTable;
  reunion_presence: ReunionPresenceTable;
  activity_window: ActivityWindowTable;
  activity_week: ActivityWeekTable;
  deputy_activity_week: DeputyActivityWeekTable;
  deputy_activity_stats: DeputyActivityStatsTable;
  group_activity_stats: GroupActivityStatsTable;
  lobby_organisation: LobbyOrganisationTable;
  lobby_director: LobbyPersonTable;
  lobby_collaborator: LobbyPersonTable;
  lobby_client: LobbyRelatedTable;
  lobby_affiliation: LobbyRelatedTable;
  lobby_level: LobbyLabelTable;
  lobby_sector: LobbyLabelTable;
  lobby_exercise: LobbyExerciseTable;
  lobby_activity: LobbyActivityTable;
  lobby_activity_domain: LobbyActivityDomainTable;
  lobby_action: LobbyActionTable;
  lobby_action_type: LobbyActionTypeTable;
  lobby_beneficiary: LobbyBeneficiaryTable;
  lobby_decision: LobbyDecisionTable;
  lobby_target: LobbyTargetTable;
  lobby_file: LobbyFileTable;
  lobby_summary: LobbySummaryTable;
  lobby_match: LobbyMatchTable;
  lobby_match_dismissal: LobbyMatchDismissalTable;
  lobby_dossier_link: LobbyDossierLinkTable;
}

export type * from './sources.ts';
export type * from './changements.ts';
export type * from './scrutins.ts';
export type * from './declarations.ts';
export type * from './geo.ts';
export type * from './suivi.ts';
export type * from './faits.ts';
export type * from './deputes.ts';
export type * from './dossiers.ts';
export type * from './amendements.ts';
export type * from './agenda.ts';
export type * from './lobbies.ts';
