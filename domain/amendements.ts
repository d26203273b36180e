// Vocabulary of the amendments: the normalised outcome (`sort`) used in URLs, exports and
// pages, and the author types. Read by the scrapers (at ingest) and by the pages.

/** Normalised outcome of an amendment, as the Interface names it (`?sort=`). */
export const AMENDEMENT_SORTS = [
  'adopte',
  'rejete',
  'tombe',
  'retire',
  'non-soutenu',
  'irrecevable',
  'en-cours',
] as const;
export type AmendementSort = (typeof AMENDEMENT_SORTS)[number];

export const SORT_LABELS: Record<AmendementSort, string> = {
  adopte: 'Adopté',
  rejete: 'Rejeté',
  tombe: 'Tombé',
  retire: 'Retiré',
  'non-soutenu': 'Non soutenu',
  irrecevable: 'Irrecevable',
  'en-cours': 'En cours',
};

/**
 * Outcomes reached in an examination: the base of an adoption rate, counted only with a
 * published outcome (`sort_label`): a `retire` from the state alone (RT, no published sort)
 * was withdrawn before any examination. Left out: `irrecevable` (declared inadmissible,
 * never examined) and `en-cours` (no outcome yet). Withdrawn, not moved and fallen
 * amendments stay in: each was filed and did not pass.
 */
export const DECIDED_SORTS: readonly AmendementSort[] = [
  'adopte',
  'rejete',
  'tombe',
  'retire',
  'non-soutenu',
];

/** `cycleDeVie.sort` as published → its key. */
const PUBLISHED_SORTS: Record<string, AmendementSort> = {
  Adopté: 'adopte',
  Rejeté: 'rejete',
  Tombé: 'tombe',
  Retiré: 'retire',
  'Non soutenu': 'non-soutenu',
};

/**
 * The normalised outcome: the published `cycleDeVie.sort` when there is one (Adopté, Rejeté,
 * Tombé, Retiré, Non soutenu); else `irrecevable` when `etatDesTraitements.etat` says so
 * (codes IR and IRR…, "Irrecevable 40", "Irrecevable"); else `retire` when the state is
 * Retiré (code RT: withdrawn before or after publication, never discussed); else `en-cours`
 * (En traitement, A discuter, or discussed with no outcome yet). An unknown published sort
 * is kept as `en-cours` and its label stored as published.
 */
export function sortKey(
  published: string | null,
  etatCode: string | null,
  etatLabel: string | null,
): AmendementSort {
  if (published !== null && PUBLISHED_SORTS[published]) return PUBLISHED_SORTS[published];
  if (/^IR/.test(etatCode ?? '') || /^irrecevable/i.test(etatLabel ?? '')) return 'irrecevable';
  if (etatCode === 'RT' || /^retir/i.test(etatLabel ?? '')) return 'retire';
  return 'en-cours';
}

/** Author types as published (`signataires.auteur.typeAuteur`) and their URL keys. */
export const AUTHOR_TYPES = {
  depute: 'Député',
  gouvernement: 'Gouvernement',
  rapporteur: 'Rapporteur',
} as const;
export type AuthorTypeKey = keyof typeof AUTHOR_TYPES;

/** The AN's page of an amendment: /dyn/<l>/amendements/<text number>/<organ prefix>/<number>. */
export function anAmendementUrl(a: {
  legislature: number;
  texte_uid: string;
  organe_prefix: string | null;
  numero: number | null;
}): string | null {
  const texte = /B(?:TC)?(\d+)$/.exec(a.texte_uid)?.[1];
  if (!texte || !a.organe_prefix || a.numero === null) return null;
  return `https://www.assemblee-nationale.fr/dyn/${a.legislature}/amendements/${texte}/${encodeURIComponent(a.organe_prefix)}/${a.numero}`;
}
