// Change detection for the meetings: one event per new meeting, one when a meeting is
// cancelled or deleted (its state leaves the counted ones), one when its attendance list is
// published, one per meeting gone from the archive; a re-serialised file or another edit
// records nothing. The first import records a single initial-import event instead.
import type { NewChangeEvent } from '../../db/schema/index.ts';
import { REUNION_KIND_LABELS, type ReunionKind } from '../../domain/agenda.ts';
import { changeEvent, type ChangeContext } from '../lib/changes.ts';
import type { ParsedReunion, ParsedReunionRow } from './parse.ts';

/** What is compared of a stored meeting. */
export interface StoredReunion {
  hash: string;
  etat: string;
  counted: number;
  attendance_published: number;
}

type Labelled = Pick<ParsedReunionRow, 'uid' | 'kind' | 'day' | 'organe_uid'>;

const base = (r: Labelled) => ({
  entity_type: 'reunion',
  entity_id: r.uid,
  entity_label: `${REUNION_KIND_LABELS[r.kind as ReunionKind] ?? r.kind} du ${r.day}${r.organe_uid ? ` (${r.organe_uid})` : ''}`,
});

/** The events of a meeting read by an ingest, given what was stored (undefined: new). */
export function reunionChanges(
  ctx: ChangeContext,
  before: StoredReunion | undefined,
  after: ParsedReunion,
): NewChangeEvent[] {
  const r = after.reunion;
  if (!before) {
    return [
      changeEvent(ctx, {
        ...base(r),
        kind: 'new_reunion',
        field: 'etat',
        new_value: r.etat,
        detail: after.items[0]?.slice(0, 500) ?? null,
      }),
    ];
  }
  const events: NewChangeEvent[] = [];
  if (before.counted === 1 && r.counted === 0) {
    events.push(
      changeEvent(ctx, {
        ...base(r),
        kind: 'reunion_cancelled',
        field: 'etat',
        old_value: before.etat,
        new_value: r.etat,
      }),
    );
  }
  if (before.attendance_published === 0 && r.attendance_published === 1) {
    events.push(
      changeEvent(ctx, {
        ...base(r),
        kind: 'reunion_attendance_published',
        field: 'presences',
        new_value: String(after.presences.length),
        detail: `${after.presences.filter((p) => p.presence === 'present').length} présents sur ${after.presences.length} membres listés`,
      }),
    );
  }
  return events;
}

/** The event of a meeting deleted because the archive no longer holds it. */
export function reunionRemoved(ctx: ChangeContext, r: Labelled & { etat: string }): NewChangeEvent {
  return changeEvent(ctx, {
    ...base(r),
    kind: 'reunion_removed',
    field: 'etat',
    old_value: r.etat,
    detail: "Absente de l'archive de l'Assemblée : retirée des données",
  });
}
