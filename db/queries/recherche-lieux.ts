// Départements (by name or code) and countries or cities abroad (by name) for the search: small
// in-memory indexes, rebuilt when a crawl commits changed data (keyed on dataVersion).
import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import { dataVersion } from '../state/data-version.ts';
import { ABROAD_CITIES, COUNTRY_ALIASES, FRENCH_TERRITORIES } from '../../domain/abroad.ts';
import { countryLabel, placeKey } from '../../domain/places.ts';

/** A département the search recognised. */
export interface DepartementHit {
  code: string;
  name: string;
}

/** A country (or a city abroad) and the circonscription of French people abroad it belongs to. */
export interface AbroadHit {
  /** ISO 3166-1 alpha-2 code. */
  code: string;
  /** The country's name, without the file's article in brackets. */
  country: string;
  /** The city searched for, when the query named one. */
  city: string | null;
  /** 1–11, or null: France and its territories, or a country the file attaches to none. */
  number: number | null;
  /** For a French territory that elects its own deputies: its AN département code. */
  departement: string | null;
  /** True for France and its territories (the file's 0). */
  french: boolean;
}

/** A name's key without spaces and without a leading article: "La Réunion" → "reunion". */
export function lieuKey(value: string): string {
  return placeKey(value)
    .replace(/^(?:la|le|les|l) (?=.)/, '')
    .replace(/ /g, '');
}

interface Indexes {
  version: string;
  departementsByKey: Map<string, DepartementHit>;
  departementsByCode: Map<string, DepartementHit>;
  countryByKey: Map<string, string>;
  countries: Map<string, { name: string; number: number | null }>;
  cityByKey: Map<string, { city: string; code: string }>;
}

const cache = new WeakMap<Kysely<Database>, Indexes>();

async function indexes(db: Kysely<Database>, legislature: number): Promise<Indexes> {
  const version = `${legislature}/${await dataVersion(db)}`;
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached;
  const [organes, insee, countries] = await Promise.all([
    db
      .selectFrom('organe')
      .select(['departement_code', 'departement_name'])
      .distinct()
      .where('code_type', '=', 'CIRCONSCRIPTION')
      .where('legislature', '=', legislature)
      .where('departement_code', 'is not', null)
      .execute(),
    db
      .selectFrom('geo_circonscription')
      .select(['departement_code', 'departement_name'])
      .distinct()
      .execute(),
    db.selectFrom('geo_abroad_country').select(['code', 'name', 'name_key', 'number']).execute(),
  ]);
  const departementsByKey = new Map<string, DepartementHit>();
  const departementsByCode = new Map<string, DepartementHit>();
  // The AN's names first: they name the département on its pages.
  for (const row of [...organes, ...insee]) {
    const code = row.departement_code!;
    const name = row.departement_name || code;
    if (!departementsByCode.has(code)) departementsByCode.set(code, { code, name });
    const hit = departementsByCode.get(code)!;
    if (row.departement_name) {
      for (const key of [
        lieuKey(row.departement_name),
        placeKey(row.departement_name).replace(/ /g, ''),
      ])
        if (!departementsByKey.has(key)) departementsByKey.set(key, hit);
    }
  }
  const countryByKey = new Map<string, string>();
  const countryRows = new Map<string, { name: string; number: number | null }>();
  for (const row of countries) {
    countryRows.set(row.code, { name: countryLabel(row.name), number: row.number });
    countryByKey.set(lieuKey(row.name_key), row.code);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES))
    if (!countryByKey.has(lieuKey(alias))) countryByKey.set(lieuKey(alias), code);
  const cityByKey = new Map<string, { city: string; code: string }>();
  for (const [city, code] of Object.entries(ABROAD_CITIES))
    cityByKey.set(lieuKey(city), { city, code });
  const built = {
    version,
    departementsByKey,
    departementsByCode,
    countryByKey,
    countries: countryRows,
    cityByKey,
  };
  cache.set(db, built);
  return built;
}

/** The département a code ("62", "2a", "971") or a name ("pas de calais", "La Réunion") names. */
export async function findDepartement(
  db: Kysely<Database>,
  legislature: number,
  query: string,
): Promise<DepartementHit | null> {
  const { departementsByCode, departementsByKey } = await indexes(db, legislature);
  const code = query.replace(/\s+/g, '').toUpperCase();
  if (/^(?:\d{2,3}|2[AB])$/.test(code)) return departementsByCode.get(code) ?? null;
  return departementsByKey.get(lieuKey(query)) ?? null;
}

/** The country a query names, directly ("Belgique", "Etats Unis") or by a big city ("Londres"). */
export async function findAbroad(
  db: Kysely<Database>,
  legislature: number,
  query: string,
): Promise<AbroadHit | null> {
  const { countryByKey, countries, cityByKey } = await indexes(db, legislature);
  const key = lieuKey(query);
  const city = countryByKey.has(key) ? null : (cityByKey.get(key) ?? null);
  const code = countryByKey.get(key) ?? city?.code;
  const row = code ? countries.get(code) : undefined;
  if (!code || !row) return null;
  const french = code in FRENCH_TERRITORIES;
  return {
    code,
    country: row.name,
    city: city?.city ?? null,
    number: row.number,
    departement: french ? (FRENCH_TERRITORIES[code] ?? null) : null,
    french,
  };
}
