// Pure helpers of the trackers: noise patterns, and the comparison of two texts of a page.
import { structuredPatch } from 'diff';
import { RE2JS } from 're2js';

/** What a noise pattern's match is replaced with, so its place stays visible in the text. */
export const NOISE_MARK = '…';

/** Longest accepted noise pattern. */
export const MAX_PATTERN_LENGTH = 200;

/** A noise pattern that cannot be used, with its French reason. */
export class NoiseError extends Error {}

/**
 * Reads a noise pattern: a regular expression in JavaScript syntax (without slashes), matched
 * case-insensitively by RE2 (re2js), whose matching time grows linearly with the text, so a
 * pattern like `(a+)+$` cannot hang a crawl. Lookarounds and backreferences, which need
 * backtracking, are refused. Throws a NoiseError with a French reason when it is not usable.
 */
export function compileNoise(pattern: string): RE2JS {
  if (pattern.trim() === '') throw new NoiseError('motif vide');
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new NoiseError(`motif trop long (au plus ${MAX_PATTERN_LENGTH} caractères)`);
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    throw new NoiseError(
      'expression régulière invalide ou non prise en charge (ni assertion avant ou arrière, ' +
        `ni référence arrière) : ${(error as Error).message}`,
    );
  }
  if (regex.test('')) throw new NoiseError('le motif reconnaît un texte vide');
  return regex;
}

/** The text with every match of every noise pattern replaced by NOISE_MARK. */
export function removeNoise(text: string, patterns: readonly string[]): string {
  let result = text;
  for (const pattern of patterns)
    result = compileNoise(pattern).matcher(result).replaceAll(RE2JS.quoteReplacement(NOISE_MARK));
  return result;
}

/** Lines of context kept around each change in a readable diff. */
const CONTEXT = 2;

/**
 * A readable line diff of `before` → `after`: removed lines start with `- `, added ones with
 * `+ `, context lines with two spaces, and a line `…` separates distant hunks. Empty when
 * the texts are equal.
 */
export function readableDiff(before: string, after: string): string {
  if (before === after) return '';
  const patch = structuredPatch('avant', 'après', `${before}\n`, `${after}\n`, '', '', {
    context: CONTEXT,
  });
  const lines: string[] = [];
  for (const [i, hunk] of patch.hunks.entries()) {
    if (i > 0) lines.push('…');
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      lines.push(`${line[0] === ' ' ? ' ' : line[0]} ${line.slice(1)}`);
    }
  }
  return lines.join('\n');
}

export type DiffLineKind = 'removed' | 'added' | 'context' | 'gap';

/** The lines of a readable diff with their kind, for display. */
export function diffLines(diff: string): { kind: DiffLineKind; text: string }[] {
  if (diff === '') return [];
  return diff.split('\n').map((line) => {
    if (line === '…') return { kind: 'gap', text: line };
    const kind = line[0] === '-' ? 'removed' : line[0] === '+' ? 'added' : 'context';
    return { kind, text: line.slice(2) };
  });
}

export type Comparison =
  /** Nothing to compare with: the first text becomes the reference. */
  | { kind: 'first' }
  /** Same text. */
  | { kind: 'same' }
  /** Different text, but the same once noise is removed. */
  | { kind: 'noise' }
  | { kind: 'changed'; before: string; after: string; diff: string };

/** Compares a page's new text with its previous one, noise patterns applied to both. */
export function compareTexts(
  previous: string | null,
  current: string,
  patterns: readonly string[],
): Comparison {
  if (previous === null) return { kind: 'first' };
  if (previous === current) return { kind: 'same' };
  const before = removeNoise(previous, patterns);
  const after = removeNoise(current, patterns);
  if (before === after) return { kind: 'noise' };
  return { kind: 'changed', before, after, diff: readableDiff(before, after) };
}

/** True when a tracker last checked at `checkedAt` is due again at `now`. */
export function isDue(checkedAt: string | null, intervalMinutes: number, now: Date): boolean {
  if (checkedAt === null) return true;
  return Date.parse(checkedAt) + intervalMinutes * 60_000 <= now.getTime();
}
