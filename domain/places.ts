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

/** Words written in lower case inside a French place name (after its first word). */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'et',
  'sur',
  'sous',
  'en',
  'aux',
  'au',
  'lez',
]);

/**
 * An upper-case La Poste name in French title case: "LA NEUVILLETTE" → "La Neuvillette",
 * "ST JEAN D ANGELY" → "Saint Jean d'Angely", "L ISLE ADAM" → "L'Isle Adam". Accents and hyphens
 * cannot be recovered: none are invented.
 */
export function frenchTitleCase(value: string): string {
  const words = value
    .trim()
    .toLowerCase()
    .split(/[\s]+/)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const first = out.length === 0;
    // La Poste writes an elided article as a word of its own: "D ANGELY", "L ISLE".
    if ((word === 'd' || word === 'l') && i + 1 < words.length) {
      const next = capitalise(words[++i]!);
      out.push(`${first ? word.toUpperCase() : word}'${next}`);
      continue;
    }
    out.push(!first && PARTICLES.has(word) ? word : capitalise(word));
  }
  return out.join(' ');
}

const capitalise = (word: string) =>
  word
    .split(/([-'])/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** Known accented names (INSEE's communes and former communes) by their search key. */
export function placeNameIndex(names: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const name of names) {
    const key = placeKey(name);
    if (!index.has(key)) index.set(key, name);
  }
  return index;
}

/**
 * A La Poste locality (line 5, upper case without accents) as people write it: the accented
 * INSEE name when a known commune or former commune has the same key ("ST BOIS" → "Saint-Bois"),
 * else French title case ("LA NEUVILLETTE" → "La Neuvillette").
 */
export function localityLabel(value: string, known: ReadonlyMap<string, string>): string {
  return known.get(placeKey(value)) ?? frenchTitleCase(value);
}

/**
 * A country as Regards Citoyens' file writes it, as people write it: its article in brackets
 * dropped ("Canada (le)" → "Canada", "Argentine (l')" → "Argentine"), another word in brackets
 * put first ("Marshall (Îles)" → "Îles Marshall").
 */
export function countryLabel(name: string): string {
  const match = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name);
  if (!match) return name.trim();
  const [, base, part] = match as unknown as [string, string, string];
  return /^(?:le|la|les|l['’])$/i.test(part.trim()) ? base.trim() : `${part.trim()} ${base.trim()}`;
}
