import type { Migration } from 'kysely';
import * as createReferential from './2026_11_25_00_00_00_create_referential.ts';
import * as createVotes from './2026_11_25_01_00_00_create_votes.ts';
import * as createGeo from './2026_11_25_03_00_00_create_geo.ts';
import * as createDeclarations from './2026_11_25_02_00_00_create_declarations.ts';
import * as createChanges from './2026_11_25_04_00_00_create_changes.ts';
import * as createTrackers from './2026_11_25_05_00_00_create_trackers.ts';
import * as crawlRunPid from './2026_11_25_06_00_00_crawl_run_pid.ts';
import * as groupMajority from './2026_12_01_00_00_00_group_majority.ts';
import * as comparisonIndexes from './2026_12_02_00_00_00_comparison_indexes.ts';
import * as createDossiers from './2026_12_03_00_00_00_create_dossiers.ts';
import * as createAmendements from './2026_12_03_01_00_00_create_amendements.ts';
import * as amendementFigures from './2026_12_04_00_00_00_amendement_figures.ts';
import * as scrutinLinks from './2026_12_04_01_00_00_scrutin_links.ts';
import * as amendementCosignataireClustered from './2026_12_04_05_00_00_amendement_cosignataire_clustered.ts';
import * as amendementRateBase from './2026_12_05_00_00_00_amendement_rate_base.ts';
import * as amendementListOrder from './2026_12_05_02_00_00_amendement_list_order.ts';
import * as createAgenda from './2026_12_06_00_00_00_create_agenda.ts';
import * as createLobbies from './2026_12_07_00_00_00_create_lobbies.ts';
import * as lobbyMatches from './2026_12_07_01_00_00_lobby_matches.ts';
import * as lobbyDossier from './2026_12_07_02_00_00_lobby_dossier.ts';
import * as geoContours from './2026_12_08_00_00_00_geo_contours.ts';
import * as dataVersion from './2026_12_09_00_00_00_data_version.ts';

/** Every migration by name, in order; a new migration file is added here. */
export const migrations: Record<string, Migration> = {
  '2026_11_25_00_00_00_create_referential': createReferential,
  '2026_11_25_01_00_00_create_votes': createVotes,
  '2026_11_25_03_00_00_create_geo': createGeo,
  '2026_11_25_02_00_00_create_declarations': createDeclarations,
  '2026_11_25_04_00_00_create_changes': createChanges,
  '2026_11_25_05_00_00_create_trackers': createTrackers,
  '2026_11_25_06_00_00_crawl_run_pid': crawlRunPid,
  '2026_12_01_00_00_00_group_majority': groupMajority,
  '2026_12_02_00_00_00_comparison_indexes': comparisonIndexes,
  '2026_12_03_00_00_00_create_dossiers': createDossiers,
  '2026_12_03_01_00_00_create_amendements': createAmendements,
  '2026_12_04_00_00_00_amendement_figures': amendementFigures,
  '2026_12_04_01_00_00_scrutin_links': scrutinLinks,
  '2026_12_04_05_00_00_amendement_cosignataire_clustered': amendementCosignataireClustered,
  '2026_12_05_00_00_00_amendement_rate_base': amendementRateBase,
  '2026_12_05_02_00_00_amendement_list_order': amendementListOrder,
  '2026_12_06_00_00_00_create_agenda': createAgenda,
  '2026_12_07_00_00_00_create_lobbies': createLobbies,
  '2026_12_07_01_00_00_lobby_matches': lobbyMatches,
  '2026_12_07_02_00_00_lobby_dossier': lobbyDossier,
  '2026_12_08_00_00_00_geo_contours': geoContours,
  '2026_12_09_00_00_00_data_version': dataVersion,
};
