// Trackers (watched pages), the review queue and admin access (/suivi).
import type { Generated, Selectable } from 'kysely';

/** A watched web page: the part matching `selector` is compared from one check to the next. */
export interface TrackerTable {
  id: Generated<number>;
  label: string;
  /** Canonical URL (SOURCES_MIRROR applies when fetching). */
  url: string;
  /** CSS selector of the part that matters. */
  selector: string;
  /** The page is checked again once this many minutes have passed since the last check. */
  interval_minutes: number;
  /** The deputy the page is about (their own site, a party page…), if any. */
  acteur_uid: string | null;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  checked_at: string | null;
  /** Why the last check failed (HTTP error, selector not found), null when it succeeded. */
  last_error: string | null;
}

/** A regular expression whose matches are ignored when comparing (dates, counters, tokens). */
export interface TrackerNoiseTable {
  id: Generated<number>;
  tracker_id: number;
  pattern: string;
  /** The dismissed review item that added it, if any. */
  review_item_id: number | null;
  created_at: string;
}

/** A distinct normalised text read from a tracker's page (before noise patterns apply). */
export interface TrackerSnapshotTable {
  id: Generated<number>;
  tracker_id: number;
  fetched_at: string;
  text: string;
  content_hash: string;
}

export type ReviewStatus = 'pending' | 'confirmed' | 'dismissed';

/** A difference between two snapshots, once noise is removed, waiting for a person. */
export interface ReviewItemTable {
  id: Generated<number>;
  tracker_id: number;
  old_snapshot_id: number;
  new_snapshot_id: number;
  /** Texts compared (noise patterns applied). */
  old_text: string;
  new_text: string;
  /** Readable line diff: `- ` removed, `+ ` added, `  ` context, `…` between hunks. */
  diff: string;
  detected_at: string;
  status: Generated<ReviewStatus>;
  decided_at: string | null;
  /** Why it was dismissed as a false positive. */
  reason: string | null;
  /** The change_event a confirmation appended. */
  change_event_id: number | null;
}

export interface AdminSessionTable {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  token_hash: string;
  /** Synchronizer token every state-changing form must send back. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** Remote address of the client. */
  client: string;
  at: string;
  success: number;
}

export type Tracker = Selectable<TrackerTable>;

export type TrackerSnapshot = Selectable<TrackerSnapshotTable>;

export type ReviewItem = Selectable<ReviewItemTable>;

export type AdminSession = Selectable<AdminSessionTable>;
