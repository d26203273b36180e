import { ageOn, type DeputyDetail, type DeputyRow } from '../../db/queries/deputes.ts';
import { groupHistory } from '../../domain/mandates.ts';
import type { DeputyVoteStats } from '../../db/schema/index.ts';
import type { GroupRow } from '../../db/queries/groupes.ts';
import type { Column } from '../lib/export.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';

/** The AN page of an acteur. */
export function anPageUrl(uid: string): string {
  return `https://www.assemblee-nationale.fr/dyn/deputes/${uid}`;
}

/** The AN's official photo of a deputy of a legislature. */
export function anPhotoUrl(uid: string, legislature: number): string {
  return `https://www.assemblee-nationale.fr/dyn/static/tribun/${legislature}/photos/carre/${uid.replace(/^PA/, '')}.jpg`;
}

/** One deputy as every list shows and exports it. */
export interface DeputyRecord {
  uid: string;
  civilite: string;
  prenom: string;
  nom: string;
  sexe: 'F' | 'H';
  date_naissance: string | null;
  age: number | null;
  en_exercice: boolean;
  groupe: string | null;
  groupe_libelle: string | null;
  groupe_couleur: string | null;
  parti: string | null;
  parti_libelle: string | null;
  departement: string | null;
  departement_nom: string | null;
  circonscription: number | null;
  profession: string | null;
  profession_normalisee: string | null;
  categorie_insee: string | null;
  famille_insee: string | null;
  debut_mandat: string | null;
  fin_mandat: string | null;
  url_an: string;
  url_hatvp: string | null;
}

/** The stored vote figures of a list row (deputy_vote_stats, null for a deputy without any). */
type VoteFigureKey =
  | 'participation'
  | 'eligible'
  | 'cast'
  | 'participation_solemn'
  | 'eligible_solemn'
  | 'cast_solemn'
  | 'loyalty'
  | 'loyal'
  | 'loyalty_base'
  | 'rebellions';

/** A deputy's identity as any query gives it, with or without their vote figures. */
export type DeputyIdentityRow = Omit<DeputyRow, VoteFigureKey>;

/**
 * One deputy as `/deputes` lists and exports them: the record plus their vote figures under
 * the names of `/deputes/<uid>.json` (`voteStatsJson`), rates from 0 to 1 beside their bases.
 */
export interface DeputyListRecord extends DeputyRecord {
  participation: number | null;
  scrutins_de_reference: number | null;
  votes_exprimes: number | null;
  participation_solennels: number | null;
  scrutins_solennels_de_reference: number | null;
  votes_solennels_exprimes: number | null;
  loyaute: number | null;
  votes_avec_majorite_du_groupe: number | null;
  votes_exprimes_loyaute: number | null;
  votes_frondeurs: number | null;
}

export function deputyRecord(row: DeputyIdentityRow, today: string): DeputyRecord {
  return {
    uid: row.uid,
    civilite: row.civility,
    prenom: row.first_name,
    nom: row.last_name,
    sexe: row.sex === 'F' ? 'F' : 'H',
    date_naissance: row.birth_date,
    age: ageOn(row.birth_date, today),
    en_exercice: row.in_office === 1,
    groupe: row.group_abbreviation,
    groupe_libelle: row.group_label,
    groupe_couleur: row.group_color,
    parti: row.party_abbreviation,
    parti_libelle: row.party_label,
    departement: row.departement_code,
    departement_nom: row.departement_name,
    circonscription: row.circo_number,
    profession: row.profession_label,
    profession_normalisee: row.profession_key,
    categorie_insee: row.insee_category,
    famille_insee: row.insee_family,
    debut_mandat: row.mandate_start,
    fin_mandat: row.mandate_end,
    url_an: anPageUrl(row.uid),
    url_hatvp: row.hatvp_url,
  };
}

/** A deputy of a list with their vote figures. */
export function deputyListRecord(row: DeputyRow, today: string): DeputyListRecord {
  // Not `{ ...record, more }`: V8 gives an object spread then extended with ten properties a
  // slow (dictionary) shape, which made building and rendering a page of 100 deputies ~10×
  // slower.
  return Object.assign(deputyRecord(row, today), {
    participation: row.participation,
    scrutins_de_reference: row.eligible,
    votes_exprimes: row.cast,
    participation_solennels: row.participation_solemn,
    scrutins_solennels_de_reference: row.eligible_solemn,
    votes_solennels_exprimes: row.cast_solemn,
    loyaute: row.loyalty,
    votes_avec_majorite_du_groupe: row.loyal,
    votes_exprimes_loyaute: row.loyalty_base,
    votes_frondeurs: row.rebellions,
  });
}

const field = <K extends keyof DeputyListRecord>(
  name: K,
  description: string,
): Column<DeputyListRecord> => ({
  name,
  description,
  value: (r) => r[name],
});

/** Columns of `/deputes.csv` and `/deputes.json`, in order; documented on /donnees. */
export const DEPUTY_COLUMNS: Column<DeputyListRecord>[] = [
  field('uid', "Identifiant de l'acteur à l'Assemblée nationale (PA…)"),
  field('civilite', 'M. ou Mme'),
  field('prenom', 'Prénom'),
  field('nom', 'Nom'),
  field('sexe', 'F ou H, déduit de la civilité'),
  field('date_naissance', 'Date de naissance (AAAA-MM-JJ)'),
  field('age', 'Âge en années révolues le jour de la requête'),
  field(
    'en_exercice',
    'true si le député détient un mandat de député ouvert de la législature courante',
  ),
  field('groupe', 'Sigle du groupe politique actuel (ou au départ, pour un ancien député)'),
  field('groupe_libelle', 'Nom du groupe politique'),
  field('groupe_couleur', 'Couleur du groupe (code hexadécimal publié par l’AN)'),
  field('parti', 'Sigle du parti de rattachement financier'),
  field('parti_libelle', 'Nom du parti de rattachement'),
  field('departement', "Code du département d'élection (099 : Français établis hors de France)"),
  field('departement_nom', "Nom du département d'élection"),
  field('circonscription', 'Numéro de la circonscription dans le département'),
  field('profession', 'Profession déclarée, sans le code INSEE en préfixe'),
  field(
    'profession_normalisee',
    'Profession en minuscules, sans accents, formes féminine et masculine confondues',
  ),
  field('categorie_insee', 'Catégorie socioprofessionnelle INSEE'),
  field('famille_insee', 'Famille socioprofessionnelle INSEE'),
  field('debut_mandat', 'Date de prise de fonction du mandat en cours (ou du dernier)'),
  field('fin_mandat', 'Date de fin du mandat (vide si en cours)'),
  field('url_an', 'Page du député sur le site de l’Assemblée nationale'),
  field('url_hatvp', 'Page du député sur le site de la HATVP'),
  field(
    'participation',
    `Participation, de 0 à 1 : votes_exprimes ÷ scrutins_de_reference ; vide sans scrutin de référence, non significative sur moins de ${MIN_SIGNIFICANT_VOTES} (voir /methodologie)`,
  ),
  field(
    'scrutins_de_reference',
    'Scrutins tenus pendant le mandat, moins ceux où le député était non-votant par fonction',
  ),
  field(
    'votes_exprimes',
    'Votes pour, contre ou abstention (délégations comprises) dans ces scrutins',
  ),
  field(
    'participation_solennels',
    `Participation aux scrutins solennels, de 0 à 1 : votes_solennels_exprimes ÷ scrutins_solennels_de_reference (même règle)`,
  ),
  field('scrutins_solennels_de_reference', 'Scrutins solennels de référence (même règle)'),
  field('votes_solennels_exprimes', 'Votes pour, contre ou abstention aux scrutins solennels'),
  field(
    'loyaute',
    `Loyauté, de 0 à 1 : votes_avec_majorite_du_groupe ÷ votes_exprimes_loyaute ; vide sans aucun tel vote, non significative sur moins de ${MIN_SIGNIFICANT_VOTES}`,
  ),
  field(
    'votes_avec_majorite_du_groupe',
    'Votes égaux à la majorité des votes du groupe (groupe au moment du vote)',
  ),
  field(
    'votes_exprimes_loyaute',
    'Votes pour, contre ou abstention dans les scrutins où le groupe avait une majorité (pas d’égalité)',
  ),
  field(
    'votes_frondeurs',
    'Votes contraires à la majorité des votes du groupe (votes_exprimes_loyaute − votes_avec_majorite_du_groupe)',
  ),
];

/** Columns of `/groupes.csv` and `/groupes.json`. */
export const GROUP_COLUMNS: Column<GroupRow>[] = [
  { name: 'uid', description: "Identifiant de l'organe (PO…)", value: (g) => g.uid },
  { name: 'sigle', description: 'Sigle du groupe', value: (g) => g.abbreviation },
  { name: 'libelle', description: 'Nom du groupe', value: (g) => g.label },
  { name: 'couleur', description: 'Couleur du groupe', value: (g) => g.color },
  { name: 'date_debut', description: 'Date de création', value: (g) => g.start_date },
  {
    name: 'date_fin',
    description: 'Date de dissolution (vide si actif)',
    value: (g) => g.end_date,
  },
  {
    name: 'membres',
    description: 'Députés en exercice membres du groupe',
    value: (g) => g.members,
  },
  { name: 'femmes', description: 'Dont femmes', value: (g) => g.women },
  {
    name: 'cohesion',
    description:
      "Cohésion, de 0 à 1 : moyenne de l'indice d'accord (Hix–Noury–Roland) du groupe sur scrutins_cohesion ; vide sans vote",
    value: (g) => g.cohesion,
  },
  {
    name: 'scrutins_cohesion',
    description: 'Scrutins où au moins un membre du groupe a voté pour, contre ou abstention',
    value: (g) => g.cohesion_scrutins,
  },
  {
    name: 'participation_membres',
    description:
      'Participation cumulée des membres en exercice, de 0 à 1 : votes_exprimes_membres ÷ scrutins_de_reference_membres ; vide si ce total est nul',
    value: (g) => g.members_participation,
  },
  {
    name: 'scrutins_de_reference_membres',
    description:
      'Somme des scrutins de référence des membres en exercice (chacun sur tout son mandat)',
    value: (g) => g.members_eligible,
  },
  {
    name: 'votes_exprimes_membres',
    description: 'Somme des votes pour, contre ou abstention des membres en exercice',
    value: (g) => g.members_cast,
  },
];

/** Labels of the AN organ types a deputy page lists. */
export const ORGAN_TYPES: Record<string, string> = {
  ASSEMBLEE: 'Mandat de député',
  GP: 'Groupe politique',
  PARPOL: 'Parti politique',
  COMPER: 'Commission permanente',
  COMSPSENAT: 'Commission spéciale',
  CMP: 'Commission mixte paritaire',
  CNPE: "Commission d'enquête",
  CNPS: 'Commission spéciale',
  COMNL: 'Commission non législative',
  DELEG: 'Délégation',
  DELEGBUREAU: 'Délégation du Bureau',
  BUREAU: "Bureau de l'Assemblée",
  GA: "Groupe d'amitié",
  GE: "Groupe d'études",
  GEVI: "Groupe d'études à vocation internationale",
  API: 'Assemblée parlementaire internationale',
  MISINFO: "Mission d'information",
  MISINFOCOM: "Mission d'information commune",
  MISINFOPRE: "Mission d'information de la Conférence des présidents",
  OFFPAR: 'Office parlementaire',
  ORGEXTPARL: 'Organisme extraparlementaire',
  CONFPT: 'Conférence des présidents',
  GOUVERNEMENT: 'Gouvernement',
  MINISTERE: 'Ministère',
  PRESREP: 'Présidence de la République',
  CJR: 'Cour de justice de la République',
};

/**
 * `/deputes/<uid>.json`: the list record (its vote figures apart: the route puts them under
 * `votes`, same names) plus mandates, group history, addresses and déports.
 */
export function deputyDetailJson(detail: DeputyDetail, today: string) {
  const { acteur, mandats, adresses, deports } = detail;
  return {
    ...deputyRecord(acteur, today),
    lieu_naissance: acteur.birth_place,
    departement_naissance: acteur.birth_departement,
    pays_naissance: acteur.birth_country,
    profession_brute: acteur.profession_raw,
    groupes: groupHistory(mandats).map((m) => ({
      groupe: m.organe_abbreviation,
      groupe_libelle: m.organe_label,
      qualite: m.role_label,
      date_debut: m.start_date,
      date_fin: m.end_date,
    })),
    mandats: mandats.map((m) => ({
      uid: m.uid,
      type_organe: m.organe_type,
      organe: m.organe_uid,
      organe_libelle: m.organe_label,
      qualite: m.role_label,
      legislature: m.legislature,
      date_debut: m.start_date,
      date_fin: m.end_date,
    })),
    adresses: adresses.map((a) => ({
      type: a.kind,
      libelle: a.type_label,
      intitule: a.title,
      rue: a.street,
      code_postal: a.postcode,
      ville: a.city,
      valeur: a.value,
    })),
    deports: deports.map((d) => ({
      uid: d.uid,
      date: d.created_at,
      portee: d.scope,
      instance: d.instance,
      cible: d.target_text,
      explication: d.explanation,
    })),
  };
}

/** A deputy's vote figures for JSON, with their numerators and denominators. */
export function voteStatsJson(stats: DeputyVoteStats | null) {
  if (!stats) return null;
  return {
    participation: stats.participation,
    scrutins_de_reference: stats.eligible,
    votes_exprimes: stats.cast,
    votes_par_delegation: stats.delegated,
    non_votant_par_fonction: stats.function_excluded,
    participation_solennels: stats.participation_solemn,
    scrutins_solennels_de_reference: stats.eligible_solemn,
    votes_solennels_exprimes: stats.cast_solemn,
    // Against the majority of the group's own votes (a tie counts neither way).
    loyaute: stats.loyalty,
    votes_avec_majorite_du_groupe: stats.loyal,
    votes_exprimes_loyaute: stats.loyalty_base,
    votes_frondeurs: stats.rebellions,
    // Against the group's positionMajoritaire as the AN publishes it.
    loyaute_position_publiee: stats.loyalty_published,
    votes_avec_position_publiee: stats.loyal_published,
    votes_exprimes_loyaute_position_publiee: stats.loyalty_base_published,
    // Deprecated: the old name of votes_avec_position_publiee, kept for existing readers.
    votes_avec_position_du_groupe: stats.loyal_published,
    methodologie: '/methodologie',
  };
}
