// The activity figures of a deputy (committee attendance, weeks of activity) as JSON and CSV
// show them: `presence_commission` and `activite` of `/deputes/<uid>.json`, the same fields in
// each `/synthese.json` item. One mapper for both, so the names never drift.
import type { DeputyActivityStats } from '../../db/schema/index.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';
import { isSignificant, MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';

/** A deputy's committee attendance over one window; zeros when nothing is stored. */
export function presenceJson(stats: DeputyActivityStats | undefined, window: ActivityWindow) {
  const reunions = stats?.reunions ?? 0;
  const taux = stats?.presence_rate ?? null;
  return {
    fenetre: window,
    presents: stats?.presents ?? 0,
    absents: stats?.absents ?? 0,
    excuses: stats?.excuses ?? 0,
    reunions,
    reunions_non_listees: stats?.not_listed ?? 0,
    taux,
    taux_significatif: taux === null ? null : isSignificant(reunions),
    methodologie: '/methodologie#presence-commission',
  };
}

/** A deputy's weeks of activity over both windows; zeros when nothing is stored. */
export function activiteJson(stats: Partial<Record<ActivityWindow, DeputyActivityStats>>) {
  return {
    semaines_12_mois: stats['12_mois']?.active_weeks ?? 0,
    semaines_possibles_12_mois: stats['12_mois']?.weeks ?? 0,
    semaines_legislature: stats.legislature?.active_weeks ?? 0,
    semaines_possibles_legislature: stats.legislature?.weeks ?? 0,
    methodologie: '/methodologie#semaines-activite',
  };
}

/** The fields of `presence_commission`, documented on /donnees. */
export const PRESENCE_FIELDS: [string, string][] = [
  [
    'fenetre',
    'La période : legislature (depuis le début) ou 12_mois (les 12 derniers mois de données)',
  ],
  ['presents', 'Réunions où le député est noté présent, parmi celles comptées dans reunions'],
  ['absents', 'Réunions où il est noté absent'],
  ['excuses', 'Réunions où il est noté excusé'],
  [
    'reunions',
    'Le dénominateur : réunions tenues (ni annulées ni supprimées), avec liste de présence publiée, des commissions et organes dont il était membre ce jour-là',
  ],
  [
    'reunions_non_listees',
    'Dont réunions dont la liste ne le mentionne pas (comptées comme non présent)',
  ],
  ['taux', 'presents ÷ reunions (0 à 1) ; null quand reunions vaut 0'],
  [
    'taux_significatif',
    `false quand reunions est inférieur à ${MIN_SIGNIFICANT_VOTES} (à ne pas comparer ni classer) ; null sans taux`,
  ],
];

/** The fields of `activite`, documented on /donnees. */
export const ACTIVITE_FIELDS: [string, string][] = [
  [
    'semaines_12_mois, semaines_legislature',
    'Semaines d’activité : semaines ISO hors vacances parlementaires, le député en fonction, où il a été présent à une réunion, a voté ou a déposé un amendement',
  ],
  [
    'semaines_possibles_12_mois, semaines_possibles_legislature',
    'Le dénominateur : semaines de la période hors vacances (sans séance publique) où il était en fonction',
  ],
];
