// Change detection for the register of lobbyists: one event per organisation registered, per
// activity published, per exercise whose expense band changed. The first import records a
// single initial-import event instead.
import type { NewChangeEvent } from '../../db/schema/index.ts';
import { changeEvent, type ChangeContext } from '../lib/changes.ts';

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A new organisation in 1_informations_generales. */
export function organisationRegistered(
  ctx: ChangeContext,
  o: { id: number; denomination: string; categorie: string | null },
): NewChangeEvent {
  return changeEvent(ctx, {
    entity_type: 'lobby',
    entity_id: String(o.id),
    entity_label: clip(o.denomination),
    kind: 'lobby_registered',
    new_value: o.categorie,
    detail: "Inscrit au répertoire des représentants d'intérêts",
  });
}

/** A new activity in 8_objets_activites. */
export function activityAdded(
  ctx: ChangeContext,
  a: { id: number; objet: string; denomination: string | null; organisation_id: number | null },
): NewChangeEvent {
  return changeEvent(ctx, {
    entity_type: 'lobby',
    entity_id: a.organisation_id === null ? `activite-${a.id}` : String(a.organisation_id),
    entity_label: clip(a.denomination ?? `Activité ${a.id}`),
    kind: 'lobby_activity_new',
    field: 'activite',
    new_value: String(a.id),
    detail: clip(a.objet),
  });
}

/** An exercise of 15_exercices whose published expense band changed. */
export function expenseChanged(
  ctx: ChangeContext,
  e: {
    organisation_id: number;
    denomination: string | null;
    annee_debut: number | null;
    before: string | null;
    after: string | null;
  },
): NewChangeEvent {
  return changeEvent(ctx, {
    entity_type: 'lobby',
    entity_id: String(e.organisation_id),
    entity_label: clip(e.denomination ?? `Représentant ${e.organisation_id}`),
    kind: 'lobby_expense_changed',
    field: 'montant_depense',
    old_value: e.before,
    new_value: e.after,
    detail: e.annee_debut === null ? null : `Exercice ${e.annee_debut}`,
  });
}
