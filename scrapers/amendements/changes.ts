// Change detection for the amendments: one event per new amendment, one when an amendment's
// outcome (its normalised sort) changes, one per amendment gone from the archive; a
// re-serialised file records nothing. The first
// import records a single initial-import event instead.
import type { NewChangeEvent } from '../../db/schema/index.ts';
import { SORT_LABELS, type AmendementSort } from '../../domain/amendements.ts';
import { changeEvent, type ChangeContext } from '../lib/changes.ts';
import type { ParsedAmendement } from './parse.ts';

/** What is compared of a stored amendment. */
export interface StoredAmendement {
  hash: string;
  sort: AmendementSort;
}

const label = (a: Pick<ParsedAmendement, 'numero_long' | 'article'>) =>
  `Amendement n° ${a.numero_long}${a.article ? ` (${a.article})` : ''}`.slice(0, 500);

/** The event of an amendment read by an ingest, given what was stored (undefined: new). */
export function amendementChange(
  ctx: ChangeContext,
  before: StoredAmendement | undefined,
  after: ParsedAmendement,
): NewChangeEvent | null {
  const base = { entity_type: 'amendement', entity_id: after.uid, entity_label: label(after) };
  if (!before) {
    return changeEvent(ctx, {
      ...base,
      kind: 'new_amendement',
      field: 'sort',
      new_value: SORT_LABELS[after.sort],
      detail: [after.date_depot, after.signatories_label].filter(Boolean).join(' — ') || null,
    });
  }
  if (before.sort === after.sort) return null;
  return changeEvent(ctx, {
    ...base,
    kind: 'amendement_sort_changed',
    field: 'sort',
    old_value: SORT_LABELS[before.sort],
    new_value: SORT_LABELS[after.sort],
    detail: after.date_sort ? `Sort du ${after.date_sort}` : null,
  });
}

/** A stored amendment absent from the archive read, as the ingest deletes it. */
export interface RemovedAmendement {
  uid: string;
  numero_long: string;
  article: string | null;
  sort: AmendementSort;
}

/** The event of an amendment deleted because the archive no longer holds it. */
export function amendementRemoved(ctx: ChangeContext, a: RemovedAmendement): NewChangeEvent {
  return changeEvent(ctx, {
    entity_type: 'amendement',
    entity_id: a.uid,
    entity_label: label(a),
    kind: 'amendement_removed',
    field: 'sort',
    old_value: SORT_LABELS[a.sort],
    detail: "Absent de l'archive de l'Assemblée : retiré des données",
  });
}
