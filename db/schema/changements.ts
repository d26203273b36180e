// The change log, shared by every source.
import type { Generated, Insertable, Selectable } from 'kysely';

/** Append-only change log (UPDATE and DELETE are refused by triggers). */
export interface ChangeEventTable {
  id: Generated<number>;
  /** The crawl run that detected it; null for changes made by a person (review, import). */
  run_id: number | null;
  /** Source id (an, votes, hatvp, geo, trackers, facts). */
  source: string;
  /** depute, groupe, scrutin, declaration, page, fact, source. */
  entity_type: string;
  /** e.g. PA1008, PO800490, VTANR5L17V42. */
  entity_id: string;
  /** Readable name of the entity at detection time. */
  entity_label: string | null;
  /** The deputy's group at detection time, for filtering by group. */
  group_uid: string | null;
  /** initial_import, took_office, left_office, group_change, new_scrutin… */
  kind: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  /** Readable diff or note (text, not JSON to be cast back). */
  detail: string | null;
  detected_at: string;
  source_url: string | null;
}

export type ChangeEvent = Selectable<ChangeEventTable>;

export type NewChangeEvent = Insertable<ChangeEventTable>;
