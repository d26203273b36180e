import type {
  DeputyVoteRow,
  MismatchedGroup,
  ScrutinRow,
  ScrutinVoteRow,
} from '../../db/queries/scrutins.ts';
import type { Column } from '../lib/export.ts';

/** The AN page of a scrutin. */
export function anScrutinUrl(legislature: number, number: number): string {
  return `https://www.assemblee-nationale.fr/dyn/${legislature}/scrutins/${number}`;
}

export const POSITION_LABELS: Record<string, string> = {
  pour: 'Pour',
  contre: 'Contre',
  abstention: 'Abstention',
  nonVotant: 'Non-votant',
};

export const CAUSE_LABELS: Record<string, string> = {
  PAN: "président de l'Assemblée",
  PSE: 'présidait la séance',
  MG: 'membre du Gouvernement',
};

export const TYPE_LABELS: Record<string, string> = {
  SPO: 'Scrutin public ordinaire',
  SPS: 'Scrutin public solennel',
  MOC: 'Motion de censure',
};

/** `29 pour, 3 contre, 0 abstention`: a group's votes cast. */
export function groupVotesText(
  g: Pick<MismatchedGroup, 'for_count' | 'against_count' | 'abstention_count'>,
) {
  const abst = g.abstention_count > 1 ? 'abstentions' : 'abstention';
  return `${g.for_count} pour, ${g.against_count} contre, ${g.abstention_count} ${abst}`;
}

/**
 * One group whose published position is not its majority:
 * `LFI-NFP : publiée contre, majorité pour (29 pour, 3 contre, 0 abstention)`.
 */
export function mismatchText(g: MismatchedGroup): string {
  const majority = g.majority_position ? g.majority_position : 'aucune (égalité)';
  return `${g.abbreviation ?? g.group_uid} : publiée ${g.position}, majorité ${majority} (${groupVotesText(g)})`;
}

/** A scrutin of the list with the AN page of the scrutin. */
export type ScrutinListRow = ScrutinRow & { url_an: string };

/** Columns of `/scrutins.csv` and `/scrutins.json`. */
export const SCRUTIN_COLUMNS: Column<ScrutinListRow>[] = [
  { name: 'numero', description: 'Numéro du scrutin dans la législature', value: (s) => s.number },
  { name: 'uid', description: 'Identifiant AN (VTANR5L17V…)', value: (s) => s.uid },
  { name: 'date', description: 'Date du scrutin (AAAA-MM-JJ)', value: (s) => s.date },
  {
    name: 'type',
    description: 'SPO (ordinaire), SPS (solennel), MOC (motion de censure)',
    value: (s) => s.type_code,
  },
  { name: 'titre', description: 'Intitulé du scrutin', value: (s) => s.title },
  { name: 'resultat', description: 'adopté ou rejeté', value: (s) => s.result_code },
  { name: 'demandeur', description: 'Qui a demandé le scrutin public', value: (s) => s.requesters },
  { name: 'votants', description: 'Nombre de votants (décompte officiel)', value: (s) => s.voters },
  {
    name: 'exprimes',
    description: 'Suffrages exprimés : pour + contre, abstentions exclues (décompte officiel)',
    value: (s) => s.expressed,
  },
  { name: 'requis', description: "Suffrages requis pour l'adoption", value: (s) => s.required },
  { name: 'pour', description: 'Voix pour (décompte officiel)', value: (s) => s.for_count },
  { name: 'contre', description: 'Voix contre (décompte officiel)', value: (s) => s.against_count },
  {
    name: 'abstention',
    description: 'Abstentions (décompte officiel)',
    value: (s) => s.abstention_count,
  },
  {
    name: 'non_votants',
    description: 'Non-votants (décompte officiel)',
    value: (s) => s.non_voting_count,
  },
  {
    name: 'frondeurs',
    description:
      'Votes (pour, contre ou abstention) contraires à la majorité des votes de leur groupe (aucun dans un groupe à égalité)',
    value: (s) => s.rebels,
  },
  {
    name: 'ecart_decompte',
    description: 'Différence entre les listes nominatives et le décompte officiel, vide si aucune',
    value: (s) => s.counts_mismatch,
  },
  {
    name: 'groupes_en_ecart',
    description:
      'Groupes dont la position publiée par l’Assemblée (positionMajoritaire) diffère de la majorité de leurs votes, séparés par « ; » : « sigle : publiée …, majorité … (votes pour, contre, abstention) » ; vide si aucun',
    value: (s) => s.mismatches.map(mismatchText).join(' ; ') || null,
  },
  {
    name: 'url_an',
    description: 'Page du scrutin sur le site de l’Assemblée nationale',
    value: (s) => s.url_an,
  },
];

/** The group's position beside a vote: its majority (what `frondeur` measures), then the AN's. */
const GROUP_POSITION_COLUMNS: Column<{
  group_majority: string | null;
  group_position: string;
  rebel: number;
  rebel_published: number;
}>[] = [
  {
    name: 'position_groupe',
    description:
      'Majorité des votes (pour, contre, abstention) des membres du groupe, vide en cas d’égalité',
    value: (v) => v.group_majority,
  },
  {
    name: 'frondeur',
    description:
      'true si le vote (pour, contre ou abstention) diffère de la majorité des votes de son groupe',
    value: (v) => v.rebel === 1,
  },
  {
    name: 'position_publiee_groupe',
    description: 'Position du groupe publiée par l’Assemblée (positionMajoritaire)',
    value: (v) => v.group_position,
  },
  {
    name: 'frondeur_position_publiee',
    description:
      'true si le vote (pour, contre ou abstention) diffère de la position publiée du groupe',
    value: (v) => v.rebel_published === 1,
  },
];

/** Columns of `/scrutins/<numero>/votes.csv`. */
export const SCRUTIN_VOTE_COLUMNS: Column<ScrutinVoteRow>[] = [
  { name: 'uid', description: 'Identifiant du député (PA…)', value: (v) => v.acteur_uid },
  { name: 'prenom', description: 'Prénom', value: (v) => v.first_name },
  { name: 'nom', description: 'Nom', value: (v) => v.last_name },
  {
    name: 'groupe',
    description: 'Sigle du groupe au moment du vote',
    value: (v) => v.group_abbreviation ?? v.group_uid,
  },
  {
    name: 'position',
    description: 'pour, contre, abstention ou nonVotant',
    value: (v) => v.position,
  },
  {
    name: 'cause_non_vote',
    description: 'PAN, PSE ou MG pour un non-votant par fonction',
    value: (v) => v.cause,
  },
  {
    name: 'par_delegation',
    description: 'true si le vote a été émis par délégation',
    value: (v) => v.delegation === 1,
  },
  ...GROUP_POSITION_COLUMNS,
];

/** Columns of `/deputes/<uid>/votes.csv`. */
export const DEPUTY_VOTE_COLUMNS: Column<DeputyVoteRow>[] = [
  { name: 'numero', description: 'Numéro du scrutin', value: (v) => v.number },
  { name: 'date', description: 'Date du scrutin', value: (v) => v.date },
  { name: 'type', description: 'Type de scrutin', value: (v) => v.type_code },
  { name: 'titre', description: 'Intitulé', value: (v) => v.title },
  { name: 'resultat', description: 'adopté ou rejeté', value: (v) => v.result_code },
  {
    name: 'position',
    description: 'pour, contre, abstention ou nonVotant',
    value: (v) => v.position,
  },
  { name: 'cause_non_vote', description: 'PAN, PSE ou MG', value: (v) => v.cause },
  { name: 'par_delegation', description: 'Vote par délégation', value: (v) => v.delegation === 1 },
  { name: 'groupe', description: 'Groupe au moment du vote', value: (v) => v.group_abbreviation },
  ...GROUP_POSITION_COLUMNS,
];

/** Columns of the bulk `/exports/votes.csv`, one row per individual vote. */
export const BULK_VOTE_COLUMNS = [
  'numero',
  'date',
  'type',
  'uid',
  'prenom',
  'nom',
  'groupe_uid',
  'groupe',
  'position',
  'cause_non_vote',
  'par_delegation',
  'frondeur',
  'frondeur_position_publiee',
] as const;
