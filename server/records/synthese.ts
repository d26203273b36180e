// One deputy of the synthesis table (`/synthese`) as the page, the JSON list and the CSV show
// them: identity, committee attendance of the chosen window and weeks of activity of both
// (the shapes of server/records/activite.ts), vote participation, amendments, and the marks.
import type { DeputyActivityStats } from '../../db/schema/index.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import {
  MARK_MIN_SEATED,
  MARK_SHARE,
  MARKED_COLUMNS,
  type MarkedColumn,
  type SyntheseRow,
} from '../../db/queries/synthese.ts';
import type { Column } from '../lib/export.ts';
import { activiteJson, presenceJson } from './activite.ts';
import { deputyListRecord, type DeputyListRecord } from './deputes.ts';

export type Mark = 'bas' | 'haut' | null;

export interface SyntheseRecord {
  depute: DeputyListRecord;
  fenetre: ActivityWindow;
  presence: ReturnType<typeof presenceJson>;
  activite: ReturnType<typeof activiteJson>;
  /** Weeks of activity of the chosen window and their denominator. */
  semaines: number;
  semaines_possibles: number;
  marques: Record<MarkedColumn, Mark>;
}

const stats = (
  row: SyntheseRow,
  window: ActivityWindow,
  which: 'w' | 'o',
): DeputyActivityStats | undefined => {
  if (which === 'o') {
    if (row.o_weeks === null || row.o_active_weeks === null) return undefined;
    // Only the weeks of the other window are read (activiteJson).
    return {
      acteur_uid: row.uid,
      window,
      presents: 0,
      absents: 0,
      excuses: 0,
      reunions: 0,
      not_listed: 0,
      presence_rate: null,
      active_weeks: row.o_active_weeks,
      weeks: row.o_weeks,
      seated_weeks: 0,
    };
  }
  if (row.w_weeks === null) return undefined;
  return {
    acteur_uid: row.uid,
    window,
    presents: row.w_presents ?? 0,
    absents: row.w_absents ?? 0,
    excuses: row.w_excuses ?? 0,
    reunions: row.w_reunions ?? 0,
    not_listed: row.w_not_listed ?? 0,
    presence_rate: row.w_presence_rate,
    active_weeks: row.w_active_weeks ?? 0,
    weeks: row.w_weeks,
    seated_weeks: row.w_seated_weeks ?? 0,
  };
};

const asMark = (v: string | null): Mark => (v === 'bas' || v === 'haut' ? v : null);

/** A row of listSynthese as the synthesis shows it. */
export function syntheseRecord(
  row: SyntheseRow,
  window: ActivityWindow,
  today: string,
): SyntheseRecord {
  const other: ActivityWindow = window === 'legislature' ? '12_mois' : 'legislature';
  const own = stats(row, window, 'w');
  return {
    depute: deputyListRecord(row, today),
    fenetre: window,
    presence: presenceJson(own, window),
    activite: activiteJson({ [window]: own, [other]: stats(row, other, 'o') }),
    semaines: own?.active_weeks ?? 0,
    semaines_possibles: own?.weeks ?? 0,
    marques: {
      semaines: asMark(row.mark_semaines),
      presence: asMark(row.mark_presence),
      participation: asMark(row.mark_participation),
      amendements: asMark(row.mark_amendements),
      adoptes: asMark(row.mark_adoptes),
    },
  };
}

/** One `/synthese.json` item: the deputy's identity, then the fields of /deputes/<uid>.json. */
export function syntheseJson(r: SyntheseRecord) {
  const d = r.depute;
  return {
    uid: d.uid,
    civilite: d.civilite,
    prenom: d.prenom,
    nom: d.nom,
    en_exercice: d.en_exercice,
    groupe: d.groupe,
    groupe_libelle: d.groupe_libelle,
    departement: d.departement,
    departement_nom: d.departement_nom,
    circonscription: d.circonscription,
    presence_commission: r.presence,
    activite: r.activite,
    participation: d.participation,
    scrutins_de_reference: d.scrutins_de_reference,
    votes_participation: d.votes_participation,
    amendements_deposes: d.amendements_deposes,
    amendements_adoptes: d.amendements_adoptes,
    marques: r.marques,
  };
}

const MARK_TEXT = `bas, haut ou vide : parmi les ${MARK_SHARE * 100} % de valeurs les plus basses ou les plus hautes des députés comparés (en fonction au moins ${MARK_MIN_SEATED * 100} % des semaines hors vacances de la période, base significative ; voir /methodologie#synthese)`;

const MARK_LABELS: Record<MarkedColumn, string> = {
  semaines: 'des semaines d’activité de la période',
  presence: 'du taux de présence en commission',
  participation: 'de la participation aux scrutins',
  amendements: 'des amendements déposés',
  adoptes: 'des amendements adoptés',
};

/** Columns of `/synthese.csv`, in order; documented on /donnees and /synthese. */
export const SYNTHESE_COLUMNS: Column<SyntheseRecord>[] = [
  { name: 'uid', description: 'Identifiant de l’acteur (PA…)', value: (r) => r.depute.uid },
  { name: 'prenom', description: 'Prénom', value: (r) => r.depute.prenom },
  { name: 'nom', description: 'Nom', value: (r) => r.depute.nom },
  {
    name: 'en_exercice',
    description: 'true si le député est en fonction',
    value: (r) => r.depute.en_exercice,
  },
  { name: 'groupe', description: 'Sigle du groupe politique', value: (r) => r.depute.groupe },
  {
    name: 'departement',
    description: 'Code du département d’élection',
    value: (r) => r.depute.departement,
  },
  {
    name: 'circonscription',
    description: 'Numéro de la circonscription',
    value: (r) => r.depute.circonscription,
  },
  {
    name: 'fenetre',
    description:
      'Période des semaines et de la présence : legislature ou 12_mois (paramètre fenetre)',
    value: (r) => r.fenetre,
  },
  {
    name: 'semaines_activite',
    description:
      'Semaines d’activité de la période : semaines hors vacances, en fonction, avec une présence en réunion, un vote ou un amendement déposé',
    value: (r) => r.semaines,
  },
  {
    name: 'semaines_possibles',
    description: 'Le dénominateur : semaines de la période hors vacances où il était en fonction',
    value: (r) => r.semaines_possibles,
  },
  {
    name: 'semaines_12_mois',
    description: 'Semaines d’activité sur les 12 derniers mois de données',
    value: (r) => r.activite.semaines_12_mois,
  },
  {
    name: 'semaines_possibles_12_mois',
    description: 'Leur dénominateur',
    value: (r) => r.activite.semaines_possibles_12_mois,
  },
  {
    name: 'semaines_legislature',
    description: 'Semaines d’activité depuis le début de la législature',
    value: (r) => r.activite.semaines_legislature,
  },
  {
    name: 'semaines_possibles_legislature',
    description: 'Leur dénominateur',
    value: (r) => r.activite.semaines_possibles_legislature,
  },
  {
    name: 'presents',
    description: 'Réunions de commission de la période où il est noté présent',
    value: (r) => r.presence.presents,
  },
  { name: 'absents', description: 'Noté absent', value: (r) => r.presence.absents },
  { name: 'excuses', description: 'Noté excusé', value: (r) => r.presence.excuses },
  {
    name: 'reunions',
    description:
      'Le dénominateur : réunions tenues, avec liste de présence publiée, des organes dont il était membre ce jour-là',
    value: (r) => r.presence.reunions,
  },
  {
    name: 'reunions_non_listees',
    description: 'Dont réunions dont la liste ne le mentionne pas',
    value: (r) => r.presence.reunions_non_listees,
  },
  {
    name: 'taux_presence',
    description: `presents ÷ reunions (0 à 1) ; vide sans réunion, non significatif sous ${MIN_SIGNIFICANT_VOTES} réunions`,
    value: (r) => r.presence.taux,
  },
  {
    name: 'participation',
    description:
      'Participation aux scrutins sur la législature, de 0 à 1 : votes_participation ÷ scrutins_de_reference',
    value: (r) => r.depute.participation,
  },
  {
    name: 'scrutins_de_reference',
    description: 'Scrutins tenus pendant le mandat, hors non-votant par fonction',
    value: (r) => r.depute.scrutins_de_reference,
  },
  {
    name: 'votes_participation',
    description: 'Scrutins où il a voté (pour, contre, abstention)',
    value: (r) => r.depute.votes_participation,
  },
  {
    name: 'amendements_deposes',
    description: 'Amendements déposés comme auteur sur la législature',
    value: (r) => r.depute.amendements_deposes,
  },
  {
    name: 'amendements_adoptes',
    description: 'Dont adoptés',
    value: (r) => r.depute.amendements_adoptes,
  },
  ...MARKED_COLUMNS.map((col): Column<SyntheseRecord> => ({
    name: `marque_${col}`,
    description: `Marque ${MARK_LABELS[col]} : ${MARK_TEXT}`,
    value: (r) => r.marques[col],
  })),
];
