// Change detection for the dossiers: a dossier that appears is a "new dossier" event; one
// whose state (en cours, adopté, promulgué…) or latest step changed gives a "dossier state
// changed" event per field, so a re-serialised file records nothing.
import type { Kysely } from 'kysely';
import type { Database, Dossier, NewChangeEvent } from '../../db/schema/index.ts';
import { DOSSIER_STATE_LABELS, type DossierState } from '../../domain/dossiers.ts';
import { changeEvent, initialImport, normText, type ChangeContext } from '../lib/changes.ts';

export type DossierFacts = Pick<
  Dossier,
  'uid' | 'title' | 'state' | 'last_step_label' | 'last_step_code' | 'last_date'
>;

/** The facts compared of every stored dossier, by uid. */
export async function dossierFacts(db: Kysely<Database>): Promise<Map<string, DossierFacts>> {
  const rows = await db
    .selectFrom('dossier')
    .select(['uid', 'title', 'state', 'last_step_label', 'last_step_code', 'last_date'])
    .execute();
  return new Map(rows.map((r) => [r.uid, r]));
}

const stateLabel = (s: string) => DOSSIER_STATE_LABELS[s as DossierState] ?? s;

/** Events between the dossiers stored before an ingest and after it. */
export function dossierChanges(
  ctx: ChangeContext,
  before: Map<string, DossierFacts>,
  after: Map<string, DossierFacts>,
): NewChangeEvent[] {
  if (before.size === 0) {
    return after.size === 0 ? [] : [initialImport(ctx, after.size, 'dossiers législatifs')];
  }
  const events: NewChangeEvent[] = [];
  for (const d of [...after.values()].sort((a, b) => (a.uid < b.uid ? -1 : 1))) {
    const base = {
      entity_type: 'dossier',
      entity_id: d.uid,
      entity_label: d.title.slice(0, 500),
    };
    const old = before.get(d.uid);
    if (!old) {
      events.push(
        changeEvent(ctx, {
          ...base,
          kind: 'new_dossier',
          field: 'état',
          new_value: stateLabel(d.state),
          detail: d.last_step_label ? `${d.last_date ?? ''} — ${d.last_step_label}`.trim() : null,
        }),
      );
      continue;
    }
    if (old.state !== d.state) {
      events.push(
        changeEvent(ctx, {
          ...base,
          kind: 'dossier_state_changed',
          field: 'état',
          old_value: stateLabel(old.state),
          new_value: stateLabel(d.state),
        }),
      );
    }
    if (normText(old.last_step_code) !== normText(d.last_step_code)) {
      events.push(
        changeEvent(ctx, {
          ...base,
          kind: 'dossier_state_changed',
          field: 'dernière étape',
          old_value: normText(old.last_step_label),
          new_value: normText(d.last_step_label),
          detail: d.last_date,
        }),
      );
    }
  }
  return events;
}
