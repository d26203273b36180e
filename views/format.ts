const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** `2024-07-19` → `19 juillet 2024`. */
export function frenchDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

// Built once: toLocaleString builds a formatter at each call (tens of µs, felt in long tables).
const INTEGER = new Intl.NumberFormat('fr-FR');
const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** An integer with French thousands separators: `3 876`. */
export function integer(n: number): string {
  return INTEGER.format(n);
}

/** `22 députés`, `1 député`, `0 député`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${INTEGER.format(n)} ${n > 1 ? plural : singular}`;
}

/** A share as a French percentage with one decimal. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${ONE_DECIMAL.format((100 * part) / whole)} %`;
}

/** `1re` for circonscription 1, `2e` otherwise. */
export function ordinal(n: number): string {
  return n === 1 ? '1re' : `${n}e`;
}

/** No-break space: after `n°`, so a number never wraps away from its sign. */
export const NBSP = '\u00a0';
/** Narrow no-break space: before `:` and `;`, so a line never starts with the sign. */
export const NNBSP = '\u202f';

/** `n° 12` with a no-break space. */
export function numero(n: string | number): string {
  return `n°${NBSP}${n}`;
}

/** A distance in kilometres: "0,39 km", "1,2 km". */
export function km(n: number): string {
  return `${n.toLocaleString('fr-FR', { maximumFractionDigits: n < 1 ? 2 : 1 })} km`;
}
