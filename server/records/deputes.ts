import {
  ageOn,
  type DeputyDetail,
  type DeputyRow,
  type NameCandidate,
} from '../../db/queries/deputes.ts';
import type { VotingGroupRow } from '../../db/queries/scrutins.ts';
import { groupHistory } from '../../domain/mandates.ts';
import { isSignificant, MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import type { DeputyAmendementStats, DeputyVoteStats } from '../../db/schema/index.ts';
import type { GroupRow } from '../../db/queries/groupes.ts';
import type { Column } from '../lib/export.ts';

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
  | 'rebellions'
  | 'amendements_filed'
  | 'amendements_cosigned'
  | 'amendements_adopted'
  | 'amendements_rate_adopted'
  | 'amendements_decided'
  | 'amendements_adoption_rate';

/** A deputy's identity as any query gives it, with or without their vote figures. */
export type DeputyIdentityRow = Omit<DeputyRow, VoteFigureKey>;

/**
 * One deputy as `/deputes` lists and exports them: the record plus their vote figures under
 * the names of `/deputes/<uid>.json` (`voteStatsJson`), rates from 0 to 1 beside their bases.
 */
export interface DeputyListRecord extends DeputyRecord {
  participation: number | null;
  scrutins_de_reference: number | null;
  votes_participation: number | null;
  participation_solennels: number | null;
  scrutins_solennels_de_reference: number | null;
  votes_solennels: number | null;
  loyaute: number | null;
  votes_avec_majorite_du_groupe: number | null;
  votes_loyaute: number | null;
  votes_frondeurs: number | null;
  amendements_deposes: number;
  amendements_cosignes: number;
  amendements_adoptes: number;
  amendements_adoptes_comme_depute: number;
  amendements_avec_sort: number;
  taux_adoption: number | null;
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
    votes_participation: row.cast,
    participation_solennels: row.participation_solemn,
    scrutins_solennels_de_reference: row.eligible_solemn,
    votes_solennels: row.cast_solemn,
    loyaute: row.loyalty,
    votes_avec_majorite_du_groupe: row.loyal,
    votes_loyaute: row.loyalty_base,
    votes_frondeurs: row.rebellions,
    // A deputy without a row filed and co-signed nothing.
    amendements_deposes: row.amendements_filed ?? 0,
    amendements_cosignes: row.amendements_cosigned ?? 0,
    amendements_adoptes: row.amendements_adopted ?? 0,
    amendements_adoptes_comme_depute: row.amendements_rate_adopted ?? 0,
    amendements_avec_sort: row.amendements_decided ?? 0,
    taux_adoption: row.amendements_adoption_rate ?? null,
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
    `Participation, de 0 à 1 : votes_participation ÷ scrutins_de_reference ; vide sans scrutin de référence, non significative sur moins de ${MIN_SIGNIFICANT_VOTES} (voir /methodologie)`,
  ),
  field(
    'scrutins_de_reference',
    'Scrutins tenus pendant le mandat, moins ceux où le député était non-votant par fonction',
  ),
  field(
    'votes_participation',
    'Votes pour, contre ou abstention (délégations comprises) dans ces scrutins',
  ),
  field(
    'participation_solennels',
    `Participation aux scrutins solennels, de 0 à 1 : votes_solennels ÷ scrutins_solennels_de_reference (même règle)`,
  ),
  field('scrutins_solennels_de_reference', 'Scrutins solennels de référence (même règle)'),
  field('votes_solennels', 'Votes pour, contre ou abstention aux scrutins solennels'),
  field(
    'loyaute',
    `Loyauté, de 0 à 1 : votes_avec_majorite_du_groupe ÷ votes_loyaute ; vide sans aucun tel vote, non significative sur moins de ${MIN_SIGNIFICANT_VOTES}`,
  ),
  field(
    'votes_avec_majorite_du_groupe',
    'Votes égaux à la majorité des votes du groupe (groupe au moment du vote)',
  ),
  field(
    'votes_loyaute',
    'Votes pour, contre ou abstention dans les scrutins où le groupe avait une majorité (pas d’égalité)',
  ),
  field(
    'votes_frondeurs',
    'Votes contraires à la majorité des votes du groupe (votes_loyaute − votes_avec_majorite_du_groupe)',
  ),
  field(
    'amendements_deposes',
    'Amendements déposés comme auteur (y compris comme rapporteur), toute la législature',
  ),
  field('amendements_cosignes', 'Amendements dont il ou elle est cosignataire'),
  field(
    'amendements_adoptes',
    'Amendements déposés comme auteur et adoptés (y compris comme rapporteur)',
  ),
  field(
    'amendements_adoptes_comme_depute',
    'Adoptés parmi les amendements_avec_sort : le numérateur de taux_adoption',
  ),
  field(
    'amendements_avec_sort',
    'Amendements déposés comme député (pas comme rapporteur) dont le sort publié est issu d’un examen : adoptés, rejetés, tombés, retirés, non soutenus (ni irrecevables, ni en cours, ni retirés avant examen)',
  ),
  field(
    'taux_adoption',
    `Taux d’adoption, de 0 à 1 : amendements_adoptes_comme_depute ÷ amendements_avec_sort (les amendements de rapporteur n’y comptent pas) ; vide si ce total est nul, non significatif sur moins de ${MIN_SIGNIFICANT_VOTES}`,
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
      'Participation cumulée des membres en exercice, de 0 à 1 : votes_membres ÷ scrutins_de_reference_membres ; vide si ce total est nul',
    value: (g) => g.members_participation,
  },
  {
    name: 'scrutins_de_reference_membres',
    description:
      'Somme des scrutins de référence des membres en exercice (chacun sur tout son mandat)',
    value: (g) => g.members_eligible,
  },
  {
    name: 'votes_membres',
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

/** What is known of an acteur's place in the referential, which decides what can be computed. */
export interface ReferentialStatus {
  /** The acteur is in the referential (AMO40: deputies in office and a few others). */
  inReferential: boolean;
  /** The referential gives them a deputy's mandate (ASSEMBLEE) of the legislature. */
  hasTerm: boolean;
}

/** The referential the `acteur` table holds, as pages and JSON name it. */
export const REFERENTIAL_NAME = "référentiel de l'Assemblée (AMO40, députés en exercice)";

/**
 * Why participation (or solemn participation) is not computed, or null when it is: its
 * denominator needs the dates of a mandate, which only the referential gives.
 */
export function participationReason(
  rate: number | null,
  who: ReferentialStatus,
  solemn = false,
): string | null {
  if (rate !== null) return null;
  if (!who.inReferential)
    return `Mandat inconnu : cet ancien député n'est pas dans le ${REFERENTIAL_NAME}, qui seul publie les dates de mandat dont dépend la participation.`;
  if (!who.hasTerm)
    return "Mandat inconnu : le référentiel de l'Assemblée ne publie aucun mandat de député de la législature pour cet acteur, donc aucune date de mandat.";
  return solemn
    ? 'Aucun scrutin solennel de référence pendant son mandat.'
    : 'Aucun scrutin de référence pendant son mandat.';
}

/** Whether a rate is significant (see MIN_SIGNIFICANT_VOTES); null when there is no rate. */
const significance = (rate: number | null, base: number) =>
  rate === null ? null : isSignificant(base);

/** Deprecated names of `votes` in `/deputes/<uid>.json`, each with its new name (same value). */
export const DEPRECATED_VOTE_FIELDS = {
  votes_exprimes: 'votes_participation',
  votes_solennels_exprimes: 'votes_solennels',
  votes_exprimes_loyaute: 'votes_loyaute',
  votes_exprimes_loyaute_position_publiee: 'votes_loyaute_position_publiee',
  votes_avec_position_du_groupe: 'votes_avec_position_publiee',
} as const;

/** The fields of `votes` in `/deputes/<uid>.json`, documented on /donnees. */
export const VOTE_STATS_FIELDS: [string, string][] = [
  [
    'participation',
    'votes_participation ÷ scrutins_de_reference (0 à 1) ; null quand le mandat est inconnu ou sans scrutin',
  ],
  [
    'participation_significative',
    `false quand le taux repose sur moins de ${MIN_SIGNIFICANT_VOTES} scrutins de référence (à ne pas comparer ni classer) ; null sans taux`,
  ],
  ['participation_raison', 'Pourquoi la participation n’est pas calculée ; null quand elle l’est'],
  [
    'scrutins_de_reference',
    'Scrutins tenus pendant le mandat, moins ceux où sa fonction l’empêchait de voter',
  ],
  [
    'votes_participation',
    'Votes (pour, contre, abstention, délégations comprises) dans ces scrutins',
  ],
  ['votes_par_delegation', 'Dont votes par délégation'],
  ['non_votant_par_fonction', 'Scrutins exclus : président, président de séance, Gouvernement'],
  ['participation_solennels', 'La même chose sur les scrutins solennels (SPS)'],
  ['participation_solennels_significative', 'Comme participation_significative'],
  ['participation_solennels_raison', 'Comme participation_raison'],
  ['scrutins_solennels_de_reference', 'Scrutins solennels de référence'],
  ['votes_solennels', 'Votes dans ces scrutins solennels'],
  [
    'loyaute',
    'votes_avec_majorite_du_groupe ÷ votes_loyaute (0 à 1), contre la majorité calculée des votes du groupe ; pour tout acteur ayant voté',
  ],
  ['loyaute_significative', `false sous ${MIN_SIGNIFICANT_VOTES} votes_loyaute ; null sans taux`],
  ['votes_avec_majorite_du_groupe', 'Votes égaux à la majorité du groupe au moment du vote'],
  [
    'votes_loyaute',
    'Votes (pour, contre, abstention) dans les scrutins où son groupe avait une majorité (pas d’égalité)',
  ],
  [
    'votes_frondeurs',
    'Votes différents de cette majorité (votes_loyaute − votes_avec_majorite_du_groupe)',
  ],
  [
    'loyaute_position_publiee',
    'votes_avec_position_publiee ÷ votes_loyaute_position_publiee, contre la position publiée par l’Assemblée (positionMajoritaire)',
  ],
  [
    'loyaute_position_publiee_significative',
    `false sous ${MIN_SIGNIFICANT_VOTES} votes_loyaute_position_publiee ; null sans taux`,
  ],
  ['votes_avec_position_publiee', 'Votes égaux à la position publiée du groupe'],
  ['votes_loyaute_position_publiee', 'Tous ses votes (pour, contre, abstention)'],
  ['seuil_significativite', `Le seuil : ${MIN_SIGNIFICANT_VOTES}`],
  ...Object.entries(DEPRECATED_VOTE_FIELDS).map(([old, name]): [string, string] => [
    old,
    `Obsolète : ancien nom de ${name}, même valeur, gardé pour les lecteurs existants`,
  ]),
  ['champs_obsoletes', 'Chaque ancien nom avec son nouveau nom'],
];

/** A deputy's vote figures for JSON, with their numerators, denominators and significance. */
export function voteStatsJson(stats: DeputyVoteStats | null, who: ReferentialStatus) {
  if (!stats) return null;
  return {
    participation: stats.participation,
    participation_significative: significance(stats.participation, stats.eligible),
    participation_raison: participationReason(stats.participation, who),
    scrutins_de_reference: stats.eligible,
    votes_participation: stats.cast,
    votes_par_delegation: stats.delegated,
    non_votant_par_fonction: stats.function_excluded,
    participation_solennels: stats.participation_solemn,
    participation_solennels_significative: significance(
      stats.participation_solemn,
      stats.eligible_solemn,
    ),
    participation_solennels_raison: participationReason(stats.participation_solemn, who, true),
    scrutins_solennels_de_reference: stats.eligible_solemn,
    votes_solennels: stats.cast_solemn,
    // Against the majority of the group's own votes (a tie counts neither way).
    loyaute: stats.loyalty,
    loyaute_significative: significance(stats.loyalty, stats.loyalty_base),
    votes_avec_majorite_du_groupe: stats.loyal,
    votes_loyaute: stats.loyalty_base,
    votes_frondeurs: stats.rebellions,
    // Against the group's positionMajoritaire as the AN publishes it.
    loyaute_position_publiee: stats.loyalty_published,
    loyaute_position_publiee_significative: significance(
      stats.loyalty_published,
      stats.loyalty_base_published,
    ),
    votes_avec_position_publiee: stats.loyal_published,
    votes_loyaute_position_publiee: stats.loyalty_base_published,
    seuil_significativite: MIN_SIGNIFICANT_VOTES,
    // Deprecated names ("exprimés" counted abstentions, which are not suffrages exprimés),
    // kept with the same values for existing readers.
    votes_exprimes: stats.cast,
    votes_solennels_exprimes: stats.cast_solemn,
    votes_exprimes_loyaute: stats.loyalty_base,
    votes_exprimes_loyaute_position_publiee: stats.loyalty_base_published,
    votes_avec_position_du_groupe: stats.loyal_published,
    champs_obsoletes: DEPRECATED_VOTE_FIELDS,
    methodologie: '/methodologie',
  };
}

/** The groups an acteur voted in (group at the time of each vote), for JSON. */
export function votingGroupsJson(groups: VotingGroupRow[]) {
  return groups.map((g) => ({
    groupe_uid: g.group_uid,
    groupe: g.abbreviation,
    groupe_libelle: g.label,
    scrutins: g.scrutins,
    votes: g.votes,
    premier_scrutin: g.first_date,
    dernier_scrutin: g.last_date,
  }));
}

/** Where a candidate name comes from, in French, for the page and the JSON. */
export function candidateEvidence(uid: string, c: NameCandidate): string {
  const plural = c.count > 1 ? 's' : '';
  if (c.source === 'journal')
    return (
      `Nom que le référentiel de l'Assemblée publiait quand il listait ${uid}, relevé dans le ` +
      `journal des changements (${c.count} événement${plural}` +
      (c.last_date ? `, le dernier détecté le ${c.last_date.slice(0, 10)})` : ')')
    );
  return (
    `${c.count} déclaration${plural} à la HATVP au titre d'un mandat de député portant ` +
    `l'identifiant AN ${uid.replace(/^PA/, '')} (colonne id_origine de liste.csv)` +
    (c.last_date ? `, la dernière déposée le ${c.last_date}` : '')
  );
}

/**
 * `/deputes/<uid>.json` of an acteur who voted but is not in the referential: the same keys
 * as a referential deputy's, the fields only the referential gives set to null (lists empty),
 * `dans_le_referentiel: false`, and names other sources suggest, as candidates.
 */
export function formerVoterJson(uid: string, candidates: NameCandidate[]) {
  return {
    uid,
    dans_le_referentiel: false,
    referentiel: `Absent du ${REFERENTIAL_NAME} : identité, mandat et groupe inconnus ; noms_candidats donne les noms que d'autres données associent à cet identifiant, sans les confirmer.`,
    civilite: null,
    prenom: null,
    nom: null,
    sexe: null,
    date_naissance: null,
    age: null,
    en_exercice: false,
    groupe: null,
    groupe_libelle: null,
    groupe_couleur: null,
    parti: null,
    parti_libelle: null,
    departement: null,
    departement_nom: null,
    circonscription: null,
    profession: null,
    profession_normalisee: null,
    categorie_insee: null,
    famille_insee: null,
    debut_mandat: null,
    fin_mandat: null,
    url_an: anPageUrl(uid),
    url_hatvp: null,
    lieu_naissance: null,
    departement_naissance: null,
    pays_naissance: null,
    profession_brute: null,
    groupes: [],
    mandats: [],
    adresses: [],
    deports: [],
    noms_candidats: candidates.map((c) => ({
      prenom: c.first_name,
      nom: c.last_name,
      source: c.source,
      preuve: candidateEvidence(uid, c),
    })),
  } satisfies Record<keyof DeputyRecord, unknown> & Record<string, unknown>;
}

/** The fields of `amendements` in `/deputes/<uid>.json`, documented on /donnees. */
export const AMENDEMENT_STATS_FIELDS: [string, string][] = [
  ['deposes', 'Amendements déposés comme auteur (y compris comme rapporteur)'],
  ['deposes_rapporteur', 'Dont déposés comme rapporteur (hors taux d’adoption)'],
  ['cosignes', 'Amendements dont il ou elle est cosignataire'],
  ['adoptes', 'Amendements déposés et adoptés (y compris comme rapporteur)'],
  ['adoptes_rapporteur', 'Dont adoptés comme rapporteur (hors taux d’adoption)'],
  ['adoptes_comme_depute', 'Adoptés parmi les déposés comme député : le numérateur du taux'],
  [
    'avec_sort',
    'Base du taux : amendements déposés comme député dont le sort publié, issu d’un examen, est adopté, rejeté, tombé, retiré ou non soutenu (ni irrecevables, ni en cours, ni retirés avant examen, ni déposés comme rapporteur)',
  ],
  ['irrecevables', 'Amendements déposés déclarés irrecevables (jamais examinés, hors base)'],
  ['en_cours', 'Amendements déposés encore sans sort (hors base)'],
  [
    'retires_avant_examen',
    'Amendements déposés retirés avant toute discussion, sans sort publié (hors base)',
  ],
  ['taux_adoption', 'adoptes_comme_depute ÷ avec_sort (0 à 1) ; null quand avec_sort vaut 0'],
  [
    'taux_adoption_significatif',
    `false quand avec_sort est inférieur à ${MIN_SIGNIFICANT_VOTES} (à ne pas comparer ni classer) ; null sans taux`,
  ],
  [
    'seance, commission',
    'Les mêmes chiffres (deposes, adoptes, adoptes_comme_depute, avec_sort, taux_adoption, taux_adoption_significatif) pour les amendements examinés en séance publique, puis en commission',
  ],
  ['seuil_significativite', `Le seuil : ${MIN_SIGNIFICANT_VOTES}`],
  ['url_deposes, url_cosignes, url_adoptes', 'Les listes filtrées sur /amendements'],
];

/**
 * A deputy's amendment figures for JSON (`amendements` of `/deputes/<uid>.json`): counts,
 * the adoption rate (over the amendments filed as député) with its numerator, base and
 * significance, the same in séance and in committee, and the filtered lists. An acteur
 * without a stored row filed and co-signed nothing: zeros.
 */
export function amendementStatsJson(uid: string, stats: DeputyAmendementStats | null) {
  const n = (v: number | undefined) => v ?? 0;
  const place = (where: 'seance' | 'committee') => {
    const base = n(stats?.[`decided_${where}`]);
    const taux = stats?.[`adoption_rate_${where}`] ?? null;
    return {
      deposes: n(stats?.[`filed_${where}`]),
      adoptes: n(stats?.[`adopted_${where}`]),
      adoptes_comme_depute: n(stats?.[`rate_adopted_${where}`]),
      avec_sort: base,
      taux_adoption: taux,
      taux_adoption_significatif: significance(taux, base),
    };
  };
  const base = n(stats?.decided);
  const taux = stats?.adoption_rate ?? null;
  return {
    deposes: n(stats?.filed),
    deposes_rapporteur: n(stats?.filed_rapporteur),
    cosignes: n(stats?.cosigned),
    adoptes: n(stats?.adopted),
    adoptes_rapporteur: n(stats?.adopted_rapporteur),
    adoptes_comme_depute: n(stats?.rate_adopted),
    avec_sort: base,
    irrecevables: n(stats?.inadmissible),
    en_cours: n(stats?.pending),
    retires_avant_examen: n(stats?.withdrawn_unexamined),
    taux_adoption: taux,
    taux_adoption_significatif: significance(taux, base),
    seance: place('seance'),
    commission: place('committee'),
    seuil_significativite: MIN_SIGNIFICANT_VOTES,
    url_deposes: `/amendements?auteur=${uid}`,
    url_cosignes: `/amendements?cosignataire=${uid}`,
    url_adoptes: `/amendements?auteur=${uid}&sort=adopte`,
    methodologie: '/methodologie#amendements-deputes',
  };
}
