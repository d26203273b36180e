// Tables of the meetings (source `agenda`) and of the activity figures derived at ingest from
// the meetings, the votes and the amendments (scrapers/lib/activity-figures.ts).
import type { Selectable } from 'kysely';

/** A meeting: a committee's or another body's meeting, or a plenary sitting. */
export interface ReunionTable {
  /** RUANR5L17S2024IDC453226 */
  uid: string;
  /** `commission` (reunionCommission_type), `seance` (seance_type) or `initiative` (reunionInitParlementaire_type). */
  kind: string;
  /** organeReuniRef: the committee or body meeting (the séance publique's organe for a sitting). */
  organe_uid: string | null;
  /** timeStampDebut as published (ISO with offset). */
  start: string;
  /** timeStampFin as published, or null. */
  end: string | null;
  /** The day in Paris time, yyyy-mm-dd. */
  day: string;
  /** Its ISO week, `2024-W29`. */
  week: string;
  /** cycleDeVie.etat as published: Confirmé, Annulé, Supprimé, Eventuel. */
  etat: string;
  /** 0 when cancelled (Annulé) or deleted (Supprimé): such a meeting never counts. */
  counted: number;
  /** 1 when the meeting lists members with a presence (présent, absent, excusé). */
  attendance_published: number;
  /** lieu.libelleLong, or null. */
  place: string | null;
  compte_rendu_uid: string | null;
  /** The archive entry it was read from. */
  file_name: string;
  content_hash: string;
}

/** An agenda item of a meeting, in order. */
export interface ReunionItemTable {
  reunion_uid: string;
  position: number;
  text: string;
}

/** One member's attendance at a meeting, as published. */
export interface ReunionPresenceTable {
  reunion_uid: string;
  acteur_uid: string;
  /** `present`, `absent` or `excuse` (domain/agenda.ts). */
  presence: string;
}

/** The bounds of a window of the activity figures: `legislature` or `12_mois`. */
export interface ActivityWindowTable {
  window: string;
  start_day: string | null;
  end_day: string | null;
  /** ISO weeks in the window. */
  weeks: number;
  /** Of which vacation weeks (no plenary sitting), out of every denominator. */
  vacation_weeks: number;
}

/** One ISO week of the legislature, with the median activity of the deputies in office. */
export interface ActivityWeekTable {
  week: string;
  /** Its Monday, yyyy-mm-dd. */
  start_day: string;
  /** Plenary sittings held that week (confirmed). */
  sittings: number;
  /** 1 when no plenary sitting was held: a vacation week. */
  vacation: number;
  /** Deputies in office that week. */
  deputes: number;
  median_presences: number | null;
  median_votes: number | null;
  median_amendements: number | null;
}

/** One deputy's activity in one week (rows only for weeks with some activity). */
export interface DeputyActivityWeekTable {
  acteur_uid: string;
  week: string;
  /** Meetings where marked présent. */
  presences: number;
  /** Scrutins voted in (pour, contre, abstention). */
  votes: number;
  /** Amendments filed as author. */
  amendements: number;
}

/** One deputy's attendance and weeks of activity over a window. */
export interface DeputyActivityStatsTable {
  acteur_uid: string;
  window: string;
  presents: number;
  absents: number;
  excuses: number;
  /** Meetings with published attendance of the bodies the deputy belonged to that day. */
  reunions: number;
  /** Of which meetings that do not list the deputy at all. */
  not_listed: number;
  /** presents ÷ reunions, null when reunions is 0. */
  presence_rate: number | null;
  /** Non-vacation weeks seated with a presence, a vote or an amendment filed. */
  active_weeks: number;
  /** Non-vacation weeks seated: the denominator of active_weeks. */
  weeks: number;
  /** Weeks of the window in office, vacation included. */
  seated_weeks: number;
}

/** A group's mean and median of its members' figures over a window. */
export interface GroupActivityStatsTable {
  group_uid: string;
  window: string;
  deputes: number;
  mean_active_weeks: number | null;
  median_active_weeks: number | null;
  /** Members with a presence rate (reunions > 0). */
  rated: number;
  mean_presence_rate: number | null;
  median_presence_rate: number | null;
}

export type Reunion = Selectable<ReunionTable>;
export type DeputyActivityStats = Selectable<DeputyActivityStatsTable>;
export type ActivityWeek = Selectable<ActivityWeekTable>;
