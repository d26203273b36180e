// Shared pieces of change detection: the run a change belongs to, value normalisation,
// and the one "initial import" event a source records the first time it is ingested.
import type { NewChangeEvent } from '../../db/schema/index.ts';

/** Who detected a change: the crawl run, its source and the source's canonical URL. */
export interface ChangeContext {
  runId: number | null;
  source: string;
  sourceUrl: string | null;
  detectedAt: string;
}

/** The fields of an event that vary; the context fills in the rest. */
export type EventFields = Pick<NewChangeEvent, 'entity_type' | 'entity_id' | 'kind'> &
  Partial<
    Pick<
      NewChangeEvent,
      'entity_label' | 'group_uid' | 'field' | 'old_value' | 'new_value' | 'detail'
    >
  >;

/** A change event stamped with its run, source, URL and detection time. */
export function changeEvent(ctx: ChangeContext, fields: EventFields): NewChangeEvent {
  return {
    run_id: ctx.runId,
    source: ctx.source,
    source_url: ctx.sourceUrl,
    detected_at: ctx.detectedAt,
    entity_label: null,
    group_uid: null,
    field: null,
    old_value: null,
    new_value: null,
    detail: null,
    ...fields,
  };
}

/** The single event of a source's first import, instead of one per record. */
export function initialImport(ctx: ChangeContext, records: number, what: string): NewChangeEvent {
  return changeEvent(ctx, {
    entity_type: 'source',
    entity_id: ctx.source,
    entity_label: ctx.source,
    kind: 'initial_import',
    new_value: String(records),
    detail: `Premier import : ${records} ${what}.`,
  });
}

/**
 * A text value for comparison: whitespace collapsed and trimmed (including non-breaking
 * spaces); empty, null and missing are the same (null).
 */
export function normText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value)
    .replace(/[\s\u00a0\u202f]+/gu, ' ')
    .trim();
  return text === '' ? null : text;
}

/** A set of texts compared regardless of order and duplicates: normalised, sorted, unique. */
export function normSet(values: Iterable<string | null | undefined>): string[] {
  const set = new Set<string>();
  for (const v of values) {
    const n = normText(v);
    if (n !== null) set.add(n);
  }
  return [...set].sort();
}
