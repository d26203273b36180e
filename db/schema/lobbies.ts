// Tables of HATVP's register of lobbyists (source `lobbies`): the 15 CSV tables normalised
// into typed rows joined by the register's own ids (representants_id, exercices_id,
// activite_id, action_representation_interet_id), plus what is derived at ingest (each
// organisation's latest exercise, the cross-checks with the deputies' declarations).
import type { Generated, Insertable, Selectable } from 'kysely';

/** 1_informations_generales: one registered organisation (représentant d'intérêts). */
export interface LobbyOrganisationTable {
  /** representants_id. */
  id: number;
  denomination: string;
  nom_usage: string | null;
  sigle: string | null;
  /** SIREN, RNA or HATVP number, as published. */
  identifiant_national: string | null;
  /** SIREN, RNA or HATVP. */
  type_identifiant: string | null;
  /** label_categorie_organisation: Société commerciale, Association… */
  categorie: string | null;
  adresse: string | null;
  code_postal: string | null;
  ville: string | null;
  pays: string | null;
  site_web: string | null;
  page_twitter: string | null;
  page_facebook: string | null;
  page_linkedin: string | null;
  /** ISO date-time (date_premiere_publication). */
  date_premiere_publication: string | null;
  derniere_publication_activite: string | null;
  /** 1/0 (activites_publiees, declaration_organisation_appartenance, declaration_tiers). */
  activites_publiees: number;
  declaration_organisation_appartenance: number;
  declaration_tiers: number;
  /** Denomination, usage name and acronym, folded, for the keyword filter. */
  text_key: string;
  /** The file line it was read from. */
  line: number;
}

/** 2_dirigeants and 3_collaborateurs: a person of an organisation, in file order. */
export interface LobbyPersonTable {
  organisation_id: number;
  position: number;
  civilite: string | null;
  nom: string;
  prenom: string | null;
  fonction: string | null;
  /** Folded "prénom nom", for the cross-checks. */
  name_key: string;
}

/** 4_clients and 5_affiliations: an organisation named by another, in file order. */
export interface LobbyRelatedTable {
  organisation_id: number;
  position: number;
  denomination: string;
  identifiant_national: string | null;
  type_identifiant: string | null;
}

/** 6_niveaux_intervention and 9_secteurs_activites: one label of an organisation. */
export interface LobbyLabelTable {
  organisation_id: number;
  label: string;
}

/** 15_exercices: one reporting period of an organisation, figures as published. */
export interface LobbyExerciseTable {
  /** exercices_id. */
  id: number;
  organisation_id: number;
  date_debut: string | null;
  date_fin: string | null;
  annee_debut: number | null;
  annee_fin: number | null;
  sans_activite: number;
  nombre_activites: number | null;
  declaration_incomplete: number;
  date_publication: string | null;
  sans_chiffre_affaires: number | null;
  /** The expense band as published (`< 10 000 €`, `> = 10 000 € et < 25 000 €`), null when none. */
  montant_depense: string | null;
  /** Its bounds in euros (montant_depense_inf, _sup); null when no band is published. */
  depense_min: number | null;
  depense_max: number | null;
  /** nombre_salaries as published (a number; null when not given). */
  nombre_salaries: number | null;
  /** The turnover band as published, and its bounds. */
  chiffre_affaires: string | null;
  ca_min: number | null;
  ca_max: number | null;
  line: number;
}

/** 8_objets_activites: one declared activity (its object) within an exercise. */
export interface LobbyActivityTable {
  /** activite_id. */
  id: number;
  exercise_id: number;
  /** The exercise's organisation, resolved at ingest. */
  organisation_id: number | null;
  date_publication: string | null;
  identifiant_fiche: string | null;
  objet: string;
  /** Object, domains and decisions folded, indexed by lobby_activity_fts. */
  text_key: string;
  line: number;
}

/** 7_domaines_intervention: a domain of an activity. */
export interface LobbyActivityDomainTable {
  activity_id: number;
  domaine: string;
}

/** An action (action_representation_interet) of an activity, with its observation (14_observations). */
export interface LobbyActionTable {
  /** action_representation_interet_id. */
  id: number;
  activity_id: number | null;
  observation: string | null;
}

/** 10_actions_menees: what was done within an action. */
export interface LobbyActionTypeTable {
  action_id: number;
  position: number;
  action_menee: string;
  autre: string | null;
}

/** 11_beneficiaires: on whose behalf an action was carried out. */
export interface LobbyBeneficiaryTable {
  action_id: number;
  position: number;
  beneficiaire: string;
  en_propre: number | null;
}

/** 12_decisions_concernees: the kind of public decision an action aimed at. */
export interface LobbyDecisionTable {
  action_id: number;
  decision: string;
}

/**
 * 13_ministeres_aai_api: the officials an action targeted, rebuilt from the published rows
 * (a ministry named with commas is split over several rows there): the kind of official and,
 * when given, the ministry or authority.
 */
export interface LobbyTargetTable {
  action_id: number;
  /** The kind of official (responsable_public), its trailing " - <list>" removed. */
  responsable: string;
  /** The ministry or independent authority, or null. */
  ministere: string | null;
  /** responsable_public_ou_dpt_ministeriel_autre, as published. */
  autre: string | null;
}

/** The archive entry each table was last read from, for incremental ingests. */
export interface LobbyFileTable {
  /** The table's name without its number: informations_generales, dirigeants… */
  table_name: string;
  file_name: string;
  content_hash: string;
}

/**
 * Derived at ingest: per organisation, its counts and its latest exercise with a published
 * expense band (the list's columns and filters read it).
 */
export interface LobbySummaryTable {
  organisation_id: number;
  activites: number;
  actions: number;
  exercices: number;
  derniere_annee: number | null;
  derniere_depense: string | null;
  derniere_depense_min: number | null;
  derniere_salaries: number | null;
}

/**
 * Derived at ingest: a candidate link between a registered organisation and a deputy, from
 * what the deputy declared to the HATVP (an organisation, or a collaborator who is a person
 * of the organisation). Never a fact: it carries its evidence and a confidence; a person can
 * dismiss it (dismissed = 1, kept in lobby_match_dismissal across rebuilds).
 */
export interface LobbyMatchTable {
  id: Generated<number>;
  /** organisation (a declared organisation) or collaborateur (a declared collaborator). */
  kind: string;
  organisation_id: number;
  acteur_uid: string;
  /** Stable across declaration versions: `<section>:<folded declared text>`. */
  evidence_key: string;
  /** The declaration section (activite, consultant, dirigeant, participation, conjoint, collaborateur). */
  section: string;
  /** What the deputy declared, as published; and the register's name it matched. */
  declared: string;
  registered: string;
  /** The declaration (XML file name) the item comes from. */
  declaration_id: string;
  /** siren, nom (organisation name), personne (a person's name). */
  method: string;
  /** haute, moyenne, faible. */
  confidence: string;
  dismissed: number;
}

/** A dismissed candidate, from the admin review queue, kept across rebuilds. */
export interface LobbyMatchDismissalTable {
  kind: string;
  organisation_id: number;
  acteur_uid: string;
  evidence_key: string;
  reason: string;
  dismissed_at: string;
}

/**
 * Derived at ingest: an activity whose object and domains contain a dossier's whole title
 * (folded, at least 4 words), a candidate for "représentants d'intérêts déclarant une action
 * sur ce texte".
 */
export interface LobbyDossierLinkTable {
  dossier_uid: string;
  activity_id: number;
  organisation_id: number;
}

export type LobbyOrganisation = Selectable<LobbyOrganisationTable>;
export type NewLobbyOrganisation = Insertable<LobbyOrganisationTable>;
export type LobbyExercise = Selectable<LobbyExerciseTable>;
export type NewLobbyExercise = Insertable<LobbyExerciseTable>;
export type LobbyActivity = Selectable<LobbyActivityTable>;
export type NewLobbyActivity = Insertable<LobbyActivityTable>;
export type LobbyMatch = Selectable<LobbyMatchTable>;
export type NewLobbyMatch = Insertable<LobbyMatchTable>;
