import { fold } from './text.ts';

/** The declared label without its INSEE code prefix: `(33) - Cadre` → `Cadre`. */
export function professionLabel(raw: string | null): string | null {
  if (raw === null) return null;
  const label = raw
    .replace(/^\s*\(\s*\d+\s*\)\s*[-–—:]?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return label === '' ? null : label;
}

// Feminine (and plural) endings mapped to one common form, longest first.
const ENDINGS: [RegExp, string][] = [
  [/trices?$/, 'teur'],
  [/euses?$/, 'eur'],
  [/eures?$/, 'eur'],
  [/ieres?$/, 'ier'],
  [/eres?$/, 'er'],
  [/iennes?$/, 'ien'],
  [/ennes?$/, 'en'],
  [/onnes?$/, 'on'],
  [/ives?$/, 'if'],
  [/ettes?$/, 'et'],
  [/elles?$/, 'el'],
  [/ines?$/, 'in'],
  [/aux$/, 'al'],
];

function neutralWord(word: string): string {
  if (word.length <= 3) return word;
  for (const [ending, replacement] of ENDINGS) {
    if (ending.test(word)) return word.replace(ending, replacement);
  }
  return word.replace(/e?s$/, '').replace(/e$/, '');
}

/**
 * A key that the same profession written in either gender, any case, with or without
 * accents or INSEE prefix maps to: `Avocate`, `AVOCAT`, `(18) - avocat` → `avocat`.
 * Queries go through the same function, so a substring match on keys finds all forms.
 */
export function professionKey(value: string | null): string | null {
  const label = professionLabel(value);
  if (label === null) return null;
  const key = fold(label).split(' ').filter(Boolean).map(neutralWord).join(' ');
  return key === '' ? null : key;
}
