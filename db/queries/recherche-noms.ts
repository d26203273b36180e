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
  /** 1 for a former deputy of the legislature, ranked after those in office. */
  former: number;
  /** Last name, first + last, last + first: compacted. */
  whole: string[];
  /** Each word of the name, of three letters or more. */
  words: string[];
}

/** The name forms of one deputy. */
export function nameForms(
  first: string,
  last: string,
): Omit<NameEntry, 'uid' | 'sort_name' | 'former'> {
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
  former: boolean;
}

/**
 * Ranks the entries within the threshold of the query: deputies in office before former ones,
 * then by edits, whole-name forms before single words at equal edits, then by sort name.
 */
export function rankNames(
  entries: readonly NameEntry[],
  query: string,
  limit: number,
): NameMatch[] {
  const q = compactName(query);
  if (q.length < 2) return [];
  const threshold = nameThreshold(q.length);
  const scored: { uid: string; distance: number; word: number; sort: string; former: number }[] =
    [];
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
    if (best <= threshold)
      scored.push({ uid: e.uid, distance: best, word, sort: e.sort_name, former: e.former });
  }
  scored.sort(
    (a, b) =>
      a.former - b.former ||
      a.distance - b.distance ||
      a.word - b.word ||
      a.sort.localeCompare(b.sort),
  );
  return scored
    .slice(0, limit)
    .map(({ uid, distance, former }) => ({ uid, distance, former: former === 1 }));
}

const indexes = new WeakMap<Kysely<Database>, { version: string; entries: NameEntry[] }>();

/** The name index of the deputies of the legislature (in office or not), built once per data version. */
async function nameIndex(db: Kysely<Database>, legislature: number): Promise<NameEntry[]> {
  const version = `${legislature}/${await dataVersion(db)}`;
  const cached = indexes.get(db);
  if (cached && cached.version === version) return cached.entries;
  const rows = await db
    .selectFrom('acteur as a')
    .select(['a.uid', 'a.first_name', 'a.last_name', 'a.sort_name', 'a.in_office'])
    .where((eb) =>
      eb.or([
        eb('a.in_office', '=', 1),
        eb.exists(
          eb
            .selectFrom('mandat as m')
            .select('m.uid')
            .whereRef('m.acteur_uid', '=', 'a.uid')
            .where('m.organe_type', '=', 'ASSEMBLEE')
            .where('m.legislature', '=', legislature),
        ),
      ]),
    )
    .orderBy('a.uid')
    .execute();
  const entries = rows.map((r) => ({
    uid: r.uid,
    sort_name: r.sort_name,
    former: r.in_office === 1 ? 0 : 1,
    ...nameForms(r.first_name, r.last_name),
  }));
  indexes.set(db, { version, entries });
  return entries;
}

/**
 * Deputies of the legislature whose name is within a few edits of the query: those in office
 * first, best first.
 */
export async function approximateDeputies(
  db: Kysely<Database>,
  legislature: number,
  query: string,
  limit: number,
): Promise<NameMatch[]> {
  return rankNames(await nameIndex(db, legislature), query, limit);
}
