// The register of lobbyists as the pages and exports show it: the documented columns of
// `/lobbies` and `/lobbies/activites`, and the JSON document of one organisation.
import type { LobbyActivityRow, LobbyDetail, LobbyRow } from '../../db/queries/lobbies.ts';
import { LOBBY_OFFICIALS, lobbyRegisterUrl } from '../../domain/lobbies.ts';
import type { Column } from '../lib/export.ts';

/** The register's kind of official for a URL slug (`gouvernement`, `aai`). */
export const officialOf = (slug: keyof typeof LOBBY_OFFICIALS | undefined) =>
  slug ? LOBBY_OFFICIALS[slug] : null;

/** A short French label of a kind of official. */
export function officialLabel(responsable: string): string {
  if (responsable === LOBBY_OFFICIALS.gouvernement) return 'Gouvernement ou cabinet ministériel';
  if (responsable === LOBBY_OFFICIALS.aai)
    return 'Autorité administrative ou publique indépendante';
  return responsable;
}

/** The columns of `/lobbies` (`.csv`, `.json`). */
export const LOBBY_COLUMNS: Column<LobbyRow>[] = [
  {
    name: 'id',
    description: 'Identifiant du représentant au répertoire (representants_id)',
    value: (r) => r.id,
  },
  { name: 'denomination', description: 'Dénomination', value: (r) => r.denomination },
  { name: 'nom_usage', description: "Nom d'usage (nom_usage_HATVP)", value: (r) => r.nom_usage },
  { name: 'sigle', description: 'Sigle', value: (r) => r.sigle },
  {
    name: 'identifiant_national',
    description: 'SIREN, RNA ou numéro HATVP, tel que publié',
    value: (r) => r.identifiant_national,
  },
  {
    name: 'type_identifiant_national',
    description: 'SIREN, RNA ou HATVP',
    value: (r) => r.type_identifiant,
  },
  {
    name: 'categorie',
    description: "Catégorie d'organisation (label_categorie_organisation)",
    value: (r) => r.categorie,
  },
  { name: 'ville', description: 'Ville', value: (r) => r.ville },
  { name: 'pays', description: 'Pays', value: (r) => r.pays },
  {
    name: 'date_premiere_publication',
    description: 'Première publication au répertoire (AAAA-MM-JJTHH:MM:SS)',
    value: (r) => r.date_premiere_publication,
  },
  {
    name: 'activites',
    description: "Nombre d'activités déclarées (8_objets_activites)",
    value: (r) => r.activites ?? 0,
  },
  {
    name: 'actions',
    description: "Nombre d'actions de représentation d'intérêts de ces activités",
    value: (r) => r.actions ?? 0,
  },
  { name: 'exercices', description: "Nombre d'exercices déclarés", value: (r) => r.exercices ?? 0 },
  {
    name: 'derniere_annee',
    description: 'Année du dernier exercice avec une tranche de dépenses publiée',
    value: (r) => r.derniere_annee,
  },
  {
    name: 'derniere_depense',
    description: 'Tranche de dépenses de cet exercice, telle que publiée',
    value: (r) => r.derniere_depense,
  },
  {
    name: 'derniere_depense_min',
    description: 'Borne basse de cette tranche, en euros',
    value: (r) => r.derniere_depense_min,
  },
  {
    name: 'derniere_salaries',
    description:
      'Personnes employées à la représentation d’intérêts cet exercice (nombre_salaries, tel que publié)',
    value: (r) => r.derniere_salaries,
  },
];

/** The columns of `/lobbies/activites` (`.csv`, `.json`). */
export const LOBBY_ACTIVITY_COLUMNS: Column<LobbyActivityRow>[] = [
  { name: 'id', description: "Identifiant de l'activité (activite_id)", value: (r) => r.id },
  {
    name: 'representant_id',
    description: 'Représentant qui la déclare (representants_id)',
    value: (r) => r.organisation_id,
  },
  { name: 'denomination', description: 'Sa dénomination', value: (r) => r.denomination },
  { name: 'categorie', description: "Sa catégorie d'organisation", value: (r) => r.categorie },
  {
    name: 'exercice_id',
    description: 'Exercice déclaré (exercices_id)',
    value: (r) => r.exercise_id,
  },
  { name: 'annee', description: "Année de début de l'exercice", value: (r) => r.annee_debut },
  {
    name: 'montant_depense',
    description: "Tranche de dépenses de l'exercice, telle que publiée",
    value: (r) => r.montant_depense,
  },
  {
    name: 'date_publication',
    description: 'Date de publication (AAAA-MM-JJ)',
    value: (r) => r.date_publication,
  },
  {
    name: 'identifiant_fiche',
    description: 'Identifiant de la fiche au répertoire',
    value: (r) => r.identifiant_fiche,
  },
  { name: 'objet', description: "Objet de l'activité, tel que publié", value: (r) => r.objet },
  {
    name: 'domaines',
    description: "Domaines d'intervention, séparés par « ; »",
    value: (r) => r.domaines,
  },
  {
    name: 'ministeres',
    description:
      'Ministères et autorités visés par ses actions, séparés par « , » (reconstitués, voir /methodologie#lobbies)',
    value: (r) => r.ministeres,
  },
];

/** `/lobbies/<id>.json`: the organisation with its people, exercises and activities. */
export function lobbyDetailJson(d: LobbyDetail) {
  const o = d.organisation;
  return {
    id: o.id,
    denomination: o.denomination,
    nom_usage: o.nom_usage,
    sigle: o.sigle,
    identifiant_national: o.identifiant_national,
    type_identifiant_national: o.type_identifiant,
    categorie: o.categorie,
    adresse: o.adresse,
    code_postal: o.code_postal,
    ville: o.ville,
    pays: o.pays,
    site_web: o.site_web,
    date_premiere_publication: o.date_premiere_publication,
    derniere_publication_activite: o.derniere_publication_activite,
    declaration_tiers: o.declaration_tiers === 1,
    declaration_organisation_appartenance: o.declaration_organisation_appartenance === 1,
    url_hatvp: lobbyRegisterUrl(o.identifiant_national),
    niveaux_intervention: d.niveaux,
    secteurs: d.secteurs,
    dirigeants: d.dirigeants.map((p) => ({
      civilite: p.civilite,
      nom: p.nom,
      prenom: p.prenom,
      fonction: p.fonction,
    })),
    collaborateurs: d.collaborateurs.map((p) => ({
      civilite: p.civilite,
      nom: p.nom,
      prenom: p.prenom,
      fonction: p.fonction,
    })),
    clients: d.clients.map((c) => ({
      denomination: c.denomination,
      identifiant_national: c.identifiant_national,
      type_identifiant_national: c.type_identifiant,
    })),
    affiliations: d.affiliations.map((c) => ({
      denomination: c.denomination,
      identifiant_national: c.identifiant_national,
      type_identifiant_national: c.type_identifiant,
    })),
    exercices: d.exercices.map((e) => ({
      id: e.id,
      date_debut: e.date_debut,
      date_fin: e.date_fin,
      annee_debut: e.annee_debut,
      annee_fin: e.annee_fin,
      montant_depense: e.montant_depense,
      depense_min: e.depense_min,
      depense_max: e.depense_max,
      nombre_salaries: e.nombre_salaries,
      chiffre_affaires: e.chiffre_affaires,
      nombre_activites: e.nombre_activites,
      sans_activite: e.sans_activite === 1,
      declaration_incomplete: e.declaration_incomplete === 1,
      date_publication: e.date_publication,
    })),
    activites: d.activites.map((a) => ({
      id: a.id,
      exercice_id: a.exercise_id,
      date_publication: a.date_publication,
      identifiant_fiche: a.identifiant_fiche,
      objet: a.objet,
      domaines: a.domaines,
      actions: a.actions.map((x) => ({
        id: x.id,
        actions_menees: x.types.map((t) =>
          t.autre ? `${t.action_menee} : ${t.autre}` : t.action_menee,
        ),
        beneficiaires: x.beneficiaires.map((b) => ({
          denomination: b.beneficiaire,
          en_propre: b.en_propre === null ? null : b.en_propre === 1,
        })),
        decisions: x.decisions,
        responsables_publics: x.cibles.map((t) => ({
          responsable: t.responsable,
          ministere: t.ministere,
          autre: t.autre,
        })),
        observation: x.observation,
      })),
    })),
  };
}

/** What a declaration section says the deputy's link to the organisation is. */
export const MATCH_SECTIONS: Record<string, string> = {
  activite: 'employeur déclaré',
  consultant: 'client de conseil déclaré',
  dirigeant: 'organe dirigeant déclaré',
  participation: 'participation financière déclarée',
  conjoint: 'employeur du conjoint déclaré',
  collaborateur: 'collaborateur parlementaire déclaré, homonyme d’un dirigeant ou collaborateur',
};

/** A candidate's evidence in French: the section and the method. */
export function matchLabel(m: { section: string; method: string }): string {
  const what = MATCH_SECTIONS[m.section] ?? m.section;
  return m.method === 'siren' ? `${what} (même SIREN)` : what;
}

/** A candidate as the JSON documents give it. */
export function lobbyMatchJson(m: {
  kind: string;
  organisation_id: number;
  acteur_uid: string;
  section: string;
  declared: string;
  registered: string;
  declaration_id: string;
  method: string;
  confidence: string;
}) {
  return {
    type: m.kind,
    representant_id: m.organisation_id,
    acteur_uid: m.acteur_uid,
    rubrique: m.section,
    declare: m.declared,
    au_repertoire: m.registered,
    declaration: m.declaration_id,
    methode: m.method,
    confiance: m.confidence,
  };
}
