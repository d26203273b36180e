// Vocabulary of the legislative dossiers: their states, the chambers of their steps, and the
// Assemblée's URL of a dossier. Read by the dossiers ingest and by the pages alike.

/** The state of a dossier, derived from its steps at ingest (see `dossierState`). */
export type DossierState = 'promulgue' | 'retire' | 'rejete' | 'adopte' | 'en-cours';

export const DOSSIER_STATES: readonly DossierState[] = [
  'en-cours',
  'adopte',
  'promulgue',
  'rejete',
  'retire',
];

export const DOSSIER_STATE_LABELS: Record<DossierState, string> = {
  'en-cours': 'En cours',
  adopte: 'Adopté',
  promulgue: 'Promulgué',
  rejete: 'Rejeté',
  retire: 'Retiré',
};

/** Where a step takes place, from its code's first segment (AN1, SN2, CMP, PROM, CC…). */
export type Chamber = 'AN' | 'SN' | 'CMP' | 'PROM' | 'CC' | 'autre';

export const CHAMBER_LABELS: Record<Chamber, string> = {
  AN: 'Assemblée nationale',
  SN: 'Sénat',
  CMP: 'Commission mixte paritaire',
  PROM: 'Promulgation',
  CC: 'Conseil constitutionnel',
  autre: 'Autre étape',
};

/** The chamber of a step code: `AN1-COM-FOND` → AN, `SN1-DEBATS` → SN, `CMP-DEC` → CMP. */
export function stepChamber(code: string): Chamber {
  const head = code.split('-')[0] ?? '';
  if (head === 'CMP' || head === 'PROM' || head === 'CC') return head;
  if (head.startsWith('AN')) return 'AN';
  if (head.startsWith('SN')) return 'SN';
  return 'autre';
}

/** The minimal facts of a step that the state is derived from. */
export interface StateStep {
  code: string;
  /** The step's `@xsi:type` (Promulgation_Type, RetraitInitiative_Type, Decision_Type…). */
  kind: string | null;
  date: string | null;
  /** The decision's outcome as published (`statutConclusion` or `decision` libellé). */
  conclusion: string | null;
  depth: number;
}

/**
 * The state of a dossier from its steps, in this order:
 * - `promulgue`: a promulgation step (PROM…);
 * - `retire`: a withdrawal of the initiative (RetraitInitiative_Type);
 * - otherwise the latest dated decision (a step with a published conclusion) decides:
 *   `rejete` when it starts with « rejet » (rejeté, rejetée), `adopte` when it starts with
 *   « adopt » or « considérée comme définitive » and the dossier has only one reading
 *   (ANLUNI, résolutions and the like), where that decision is final;
 * - `en-cours` in every other case (a bill adopted by one chamber waits for the other).
 */
export function dossierState(steps: readonly StateStep[]): DossierState {
  if (steps.some((s) => s.kind === 'Promulgation_Type' || s.code.startsWith('PROM')))
    return 'promulgue';
  if (steps.some((s) => s.kind === 'RetraitInitiative_Type')) return 'retire';
  const decisions = steps
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.conclusion !== null && s.date !== null)
    .sort((a, b) => (a.s.date! < b.s.date! ? -1 : a.s.date! > b.s.date! ? 1 : a.i - b.i));
  const last = decisions.at(-1)?.s;
  if (!last) return 'en-cours';
  const outcome = last.conclusion!.toLowerCase();
  if (outcome.startsWith('rejet')) return 'rejete';
  const singleReading = steps.filter((s) => s.depth === 0).every((s) => s.code === 'ANLUNI');
  if (singleReading && (outcome.startsWith('adopt') || outcome.startsWith('considérée')))
    return 'adopte';
  return 'en-cours';
}

/** The Assemblée's page of a dossier, from its `titreChemin`; null without one. */
export function anDossierUrl(legislature: number, pathTitle: string | null): string | null {
  return pathTitle
    ? `https://www.assemblee-nationale.fr/dyn/${legislature}/dossiers/${encodeURIComponent(pathTitle)}`
    : null;
}
