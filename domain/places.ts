import { fold } from './text.ts';

const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

/**
 * The search key of a place name or a query: folded (case, accents, hyphens, apostrophes),
 * "St"/"Ste" spelt out, ordinals reduced to their number ("15e", "1er" → "15", "1").
 */
export function placeKey(value: string): string {
  return fold(value)
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word.replace(/^(\d+)(?:er|re|e|eme|ieme)$/, '$1'))
    .join(' ');
}

/** A La Poste name (upper case, no accents, "ST PIERRE") made readable: "Saint Pierre". */
export function laPosteDisplayName(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Cities INSEE's table lists whole while La Poste lists their arrondissements. */
export const ARRONDISSEMENT_CITIES = [
  { city: '75056', name: 'Paris', first: 75101, last: 75120 },
  { city: '69123', name: 'Lyon', first: 69381, last: 69389 },
  { city: '13055', name: 'Marseille', first: 13201, last: 13216 },
] as const;

/** The whole city and the arrondissement number of an arrondissement code, or null. */
export function arrondissementOf(code: string): { city: string; name: string; n: number } | null {
  if (!/^\d{5}$/.test(code)) return null;
  const value = Number(code);
  const city = ARRONDISSEMENT_CITIES.find((c) => value >= c.first && value <= c.last);
  return city ? { city: city.city, name: city.name, n: value - city.first + 1 } : null;
}

/** "Paris 15e arrondissement", "Lyon 1er arrondissement". */
export function arrondissementName(name: string, n: number): string {
  return `${name} ${n === 1 ? '1er' : `${n}e`} arrondissement`;
}

/**
 * The département of a commune code as the Assemblée nationale codes it: two characters in
 * metropolitan France ('33', '2A'), three overseas ('971', '988'); Saint-Barthélemy (977..)
 * and Saint-Martin (978..) share the AN's '977'. Null for a foreign code (99…).
 */
export function anDepartementOf(communeCode: string): string | null {
  if (communeCode.startsWith('99')) return null;
  if (communeCode.startsWith('978')) return '977';
  if (/^9[78]/.test(communeCode)) return communeCode.slice(0, 3);
  return communeCode.slice(0, 2);
}

/**
 * How a place was matched to its circonscriptions: INSEE's table, Regards Citoyens' table (the
 * postcodes of Paris, Lyon and Marseille), a whole city, the whole département, or not at all.
 */
export type Basis = 'insee' | 'regards_citoyens' | 'ville' | 'departement' | 'aucune';
