// Vocabulary of HATVP's register of lobbyists (source `lobbies`): its tables, the kinds of
// officials it names, and the change events its ingest records.

/** The register's 15 tables, by file name without its number (`8_objets_activites.csv`). */
export const LOBBY_TABLES = [
  'informations_generales',
  'dirigeants',
  'collaborateurs',
  'clients',
  'affiliations',
  'niveaux_intervention',
  'domaines_intervention',
  'objets_activites',
  'secteurs_activites',
  'actions_menees',
  'beneficiaires',
  'decisions_concernees',
  'ministeres_aai_api',
  'observations',
  'exercices',
] as const;

export type LobbyTableName = (typeof LOBBY_TABLES)[number];

/** The kinds of targeted officials, as the register names them, with a short slug for URLs. */
export const LOBBY_OFFICIALS = {
  gouvernement: 'Membre du Gouvernement ou membre de cabinet ministériel',
  aai: "Directeur ou secrétaire général, ou leur adjoint, ou membre du collège ou d'une commission des sanctions d'une autorité administrative ou publique indépendante",
} as const;

/** The register's page of an organisation (its public sheet on hatvp.fr). */
export const lobbyRegisterUrl = (identifiant: string | null) =>
  identifiant
    ? `https://www.hatvp.fr/fiche-organisation/?organisation=${encodeURIComponent(identifiant)}`
    : null;
