// Deputies found from a misspelt name: an in-memory index of folded, compacted name forms,
// rebuilt when a crawl commits changed data (keyed on dataVersion), searched by edit distance.
import { distance } from 'fastest-levenshtein';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import { dataVersion } from '../state/data-version.ts';
import { fold } from '../../domain/text.ts';

/** A name folded (case, accents, hyphens, apostrophes) and without spaces: "lepen". */
export const compactName = (value: string) => fold(value).replace(/ /g, '');

/**
 * The edits forgiven for a query of `length` letters (spaces removed): none up to 3 letters,
 * one up to 5, two up to 9, three beyond.
 */
export function nameThreshold(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 9 ? 2 : 3;
}

interface NameEntry {
  uid: string;
  sort_name: string;
  /** Last name, first + last, last + first: compacted. */
  whole: string[];
  /** Each word of the name, of three letters or more. */
  words: string[];
}

/** The name forms of one deputy. */
export function nameForms(first: string, last: string): Omit<NameEntry, 'uid' | 'sort_name'> {
  return {
    whole: [compactName(last), compactName(`${first} ${last}`), compactName(`${last} ${first}`)],
    words: fold(`${first} ${last}`)
      .split(' ')
      .filter((w) => w.length >= 3),
  };
}

/** A deputy close to the query: `distance` edits on the closest form (0: same letters). */
export interface NameMatch {
  uid: string;
  distance: number;
}

/**
 * Ranks the entries within the threshold of the query: by edits, whole-name forms before single
 * words at equal edits, then by sort name.
 */
export function rankNames(
  entries: readonly NameEntry[],
  query: string,
  limit: number,
): NameMatch[] {
  const q = compactName(query);
  if (q.length < 2) return [];
  const threshold = nameThreshold(q.length);
  const scored: { uid: string; distance: number; word: number; sort: string }[] = [];
  for (const e of entries) {
    let best = Infinity;
    let word = 0;
    for (const form of e.whole) {
      // Lengths apart by more than the threshold cannot be within it.
      if (Math.abs(form.length - q.length) > threshold) continue;
      best = Math.min(best, distance(q, form));
    }
    for (const form of e.words) {
      if (Math.abs(form.length - q.length) > threshold) continue;
      const d = distance(q, form);
      if (d < best) {
        best = d;
        word = 1;
      }
    }
    if (best <= threshold) scored.push({ uid: e.uid, distance: best, word, sort: e.sort_name });
  }
  scored.sort((a, b) => a.distance - b.distance || a.word - b.word || a.sort.localeCompare(b.sort));
  return scored.slice(0, limit).map(({ uid, distance }) => ({ uid, distance }));
}

const indexes = new WeakMap<Kysely<Database>, { version: string; entries: NameEntry[] }>();

/** The name index of the deputies in office, built once per data version. */
async function nameIndex(db: Kysely<Database>): Promise<NameEntry[]> {
  const version = await dataVersion(db);
  const cached = indexes.get(db);
  if (cached && cached.version === version) return cached.entries;
  const rows = await db
    .selectFrom('acteur')
    .select(['uid', 'first_name', 'last_name', 'sort_name'])
    .where('in_office', '=', 1)
    .orderBy('uid')
    .execute();
  const entries = rows.map((r) => ({
    uid: r.uid,
    sort_name: r.sort_name,
    ...nameForms(r.first_name, r.last_name),
  }));
  indexes.set(db, { version, entries });
  return entries;
}

/** Deputies in office whose name is within a few edits of the query, best first. */
export async function approximateDeputies(
  db: Kysely<Database>,
  query: string,
  limit: number,
): Promise<NameMatch[]> {
  return rankNames(await nameIndex(db), query, limit);
}
