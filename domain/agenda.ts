// Vocabulary of the meetings and of the activity figures: attendance values, meeting kinds
// and states, the windows of the figures. Read by the agenda source (at ingest), by the
// figures and by the pages.

/** A member's attendance as stored and as the URLs and exports name it. */
export const PRESENCES = ['present', 'absent', 'excuse'] as const;
export type Presence = (typeof PRESENCES)[number];

export const PRESENCE_LABELS: Record<Presence, string> = {
  present: 'Présent',
  absent: 'Absent',
  excuse: 'Excusé',
};

/** Meeting kinds, from the file's `@xsi:type`. */
export const REUNION_KINDS = ['commission', 'seance', 'initiative'] as const;
export type ReunionKind = (typeof REUNION_KINDS)[number];

export const REUNION_KIND_LABELS: Record<ReunionKind, string> = {
  commission: 'Réunion de commission ou d’organe',
  seance: 'Séance publique',
  initiative: 'Réunion à l’initiative de députés',
};

/** Meeting states (`cycleDeVie.etat`) that never count: the meeting did not take place. */
export const UNCOUNTED_ETATS: readonly string[] = ['Annulé', 'Supprimé'];

/** Windows of the activity figures: the whole legislature, the last 12 months of data. */
export const ACTIVITY_WINDOWS = ['legislature', '12_mois'] as const;
export type ActivityWindow = (typeof ACTIVITY_WINDOWS)[number];

export const ACTIVITY_WINDOW_LABELS: Record<ActivityWindow, string> = {
  legislature: 'Depuis le début de la législature',
  '12_mois': 'Sur les 12 derniers mois',
};
