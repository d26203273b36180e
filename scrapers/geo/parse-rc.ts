// Pure parsers of Regards Citoyens' two tables (NosDéputés.fr, ODbL): commune → circonscription
// → postcodes (circo_insee_2012.csv) and country → circonscription of French people abroad
// (circo_etranger.csv).
import Papa from 'papaparse';
import type { GeoAbroadCountryTable, GeoRcRowTable } from '../../db/schema/index.ts';
import type { Insertable } from 'kysely';
import { countryLabel, placeKey } from '../../domain/places.ts';
import { GeoParseError } from './parse.ts';

/** One row of circo_insee_2012.csv, as stored in geo_rc_row. */
export type RcRow = Omit<Insertable<GeoRcRowTable>, 'id'>;

/** One row of circo_etranger.csv, as stored in geo_abroad_country. */
export type AbroadCountry = Insertable<GeoAbroadCountryTable>;

const RC_LINE = /^(\d{3});(\d{2});([^;]*);(\d{2});(.*)$/;
const POSTCODES = /^\d{5}(?: \d{5})*$/;

/**
 * Parses circo_insee_2012.csv: `;`-separated, no header, UTF-8, five fields per line (the
 * commune's three digits, its two-digit département, its name, the two-digit circonscription,
 * its postcodes there, space-separated). Metropolitan France only, without Corsica.
 */
export function parseRcCirconscriptions(text: string): RcRow[] {
  const rows: RcRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const where = `line ${i + 1}`;
    const fields = raw.split(';').length;
    if (fields !== 5) throw new GeoParseError(`${where}: ${fields} fields instead of 5`);
    const match = RC_LINE.exec(raw);
    if (!match) {
      throw new GeoParseError(
        `${where}: expected "ddd;dd;name;dd;postcodes", got "${raw.slice(0, 60)}"`,
      );
    }
    const [, commune, departement, name, circo, postcodes] = match as unknown as string[];
    const number = Number(circo);
    if (number < 1) throw new GeoParseError(`${where}: invalid circonscription "${circo}"`);
    const trimmed = name!.trim();
    if (!trimmed)
      throw new GeoParseError(`${where}: commune ${departement}${commune} without name`);
    const codes = postcodes!.trim().replace(/\s+/g, ' ');
    if (!POSTCODES.test(codes)) {
      throw new GeoParseError(`${where}: invalid postcodes "${postcodes!.slice(0, 60)}"`);
    }
    rows.push({
      commune_code: `${departement}${commune}`,
      commune_name: trimmed,
      departement_code: departement!,
      number,
      postcodes: codes,
    });
  }
  if (rows.length === 0) throw new GeoParseError('empty file');
  return rows;
}

const ETRANGER_HEADER = ['ID', 'NAME', 'iso_a3', 'iso_n3', 'circo'];

/**
 * Parses circo_etranger.csv: `,`-separated with the header ID,NAME,iso_a3,iso_n3,circo; circo
 * 1–11, 0 for France and its overseas territories, -1 for a country attached to none (both
 * stored as a null number).
 */
export function parseRcEtranger(text: string): AbroadCountry[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: ',',
    skipEmptyLines: 'greedy',
  });
  const [header, ...lines] = parsed.data;
  if (!header) throw new GeoParseError('empty file');
  if (header.map((h) => h.trim()).join(',') !== ETRANGER_HEADER.join(',')) {
    throw new GeoParseError(
      `line 1: expected the header ${ETRANGER_HEADER.join(',')}, got "${header.join(',').slice(0, 80)}"`,
    );
  }
  const seen = new Set<string>();
  return lines.map((line, i) => {
    const where = `line ${i + 2}`;
    if (line.length !== 5) throw new GeoParseError(`${where}: ${line.length} fields instead of 5`);
    const [code, name, iso3, , circo] = line.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^[A-Z]{2}$/.test(code)) {
      throw new GeoParseError(`${where}: invalid country code "${code.slice(0, 20)}"`);
    }
    if (seen.has(code)) throw new GeoParseError(`${where}: country ${code} listed twice`);
    seen.add(code);
    if (!name) throw new GeoParseError(`${where}: country ${code} without name`);
    if (!/^(?:-1|0|[1-9]|1[01])$/.test(circo)) {
      throw new GeoParseError(`${where}: invalid circonscription "${circo.slice(0, 20)}"`);
    }
    const number = Number(circo);
    return {
      code,
      name,
      name_key: placeKey(countryLabel(name)),
      iso_a3: /^[A-Z]{3}$/.test(iso3) ? iso3 : null,
      number: number > 0 ? number : null,
    };
  });
}
