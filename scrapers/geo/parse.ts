import type { Selectable } from 'kysely';
import Papa from 'papaparse';
import type { GeoInseeRowTable, GeoLaposteRowTable } from '../../db/schema/index.ts';
import { fold } from '../../domain/text.ts';

/** A file that cannot be read; the message says where (sheet, row or line) and why. */
export class GeoParseError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'GeoParseError';
  }
}

/** One row of INSEE's commune → circonscription table, as stored in geo_insee_row. */
export type InseeRow = Omit<Selectable<GeoInseeRowTable>, 'id'>;

/** One row of La Poste's postcode base, as stored in geo_laposte_row. */
export type LaposteRow = Omit<Selectable<GeoLaposteRowTable>, 'id'>;

const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
const POSTCODE = /^\d{5}$/;

/** A cell as text: numbers written as numbers get their leading zeros back. */
function cellText(value: unknown, width = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).padStart(width, '0');
  return String(value).trim();
}

/**
 * Splits an INSEE circonscription code: département then number, the département having
 * three characters overseas ('97401' → 974, 1) and two elsewhere ('2A001' → 2A, 1).
 */
export function splitCircoCode(code: string): { departement: string; number: number } | null {
  const match = /^(97\d)(\d{2})$/.exec(code) ?? /^(\d{2}|2[AB])(\d{3})$/.exec(code);
  if (!match) return null;
  const number = Number(match[2]);
  return number > 0 ? { departement: match[1]!, number } : null;
}

const INSEE_COLUMNS = {
  departement_code: 'dep',
  departement_name: 'libdep',
  region_code: 'reg',
  region_name: 'libreg',
  commune_code: 'commune resid',
  commune_name: 'libcom',
  circo: 'circo',
  type: 'type com',
} as const;

const REQUIRED_INSEE = [
  'departement_code',
  'departement_name',
  'commune_code',
  'commune_name',
  'circo',
  'type',
] as const;

/**
 * Parses INSEE's table from the rows of a sheet (as read-excel-file returns them): a header
 * row (DEP, libdep, REG, libreg, COMMUNE_RESID, LIBcom, circo, type_com) then one row per
 * commune and circonscription. Returns null when the sheet has no such header.
 */
export function parseInseeSheet(data: readonly (readonly unknown[])[]): InseeRow[] | null {
  // The header is the row naming both the commune and the circonscription columns (the
  // "Lisez_moi" sheet lists the same names down one column).
  const headerIndex = data.findIndex((row) => {
    const names = row.map((cell) => (typeof cell === 'string' ? fold(cell) : ''));
    return names.includes(INSEE_COLUMNS.commune_code) && names.includes(INSEE_COLUMNS.circo);
  });
  if (headerIndex < 0) return null;
  const header = data[headerIndex]!.map((cell) => (typeof cell === 'string' ? fold(cell) : ''));
  const index = Object.fromEntries(
    Object.entries(INSEE_COLUMNS).map(([key, name]) => [key, header.indexOf(name)]),
  ) as Record<keyof typeof INSEE_COLUMNS, number>;
  const missing = REQUIRED_INSEE.filter((key) => index[key] < 0);
  if (missing.length > 0) {
    throw new GeoParseError(
      `missing column(s) ${missing.map((k) => INSEE_COLUMNS[k]).join(', ')} in the header`,
    );
  }
  const rows: InseeRow[] = [];
  for (let i = headerIndex + 1; i < data.length; i++) {
    const row = data[i]!;
    if (row.every((cell) => cellText(cell) === '')) continue;
    const at = (key: keyof typeof INSEE_COLUMNS, width = 0) =>
      index[key] < 0 ? '' : cellText(row[index[key]], width);
    const where = `row ${i + 1}`;
    const communeCode = at('commune_code', 5).toUpperCase();
    if (!COMMUNE_CODE.test(communeCode)) {
      throw new GeoParseError(`${where}: invalid commune code "${communeCode}"`);
    }
    const communeName = at('commune_name');
    const departement = at('departement_code', 2).toUpperCase();
    if (!communeName || !departement) {
      throw new GeoParseError(`${where}: commune ${communeCode} without name or département`);
    }
    const circoCode = at('circo', 5).toUpperCase();
    const type = fold(at('type'));
    let circo: { departement: string; number: number } | null = null;
    let whole: number | null = null;
    if (circoCode !== '') {
      circo = splitCircoCode(circoCode);
      if (!circo) throw new GeoParseError(`${where}: invalid circonscription code "${circoCode}"`);
      if (type === 'entiere') whole = 1;
      else if (type === 'partiel' || type === 'partielle') whole = 0;
      else throw new GeoParseError(`${where}: unknown type_com "${at('type')}"`);
    }
    rows.push({
      commune_code: communeCode,
      commune_name: communeName,
      departement_code: departement,
      departement_name: at('departement_name'),
      region_code: at('region_code', 2) || null,
      region_name: at('region_name') || null,
      circo_departement: circo?.departement ?? null,
      circo_number: circo?.number ?? null,
      whole,
    });
  }
  if (rows.length === 0) throw new GeoParseError('the table has a header but no row');
  return rows;
}

/** Parses the first sheet of a workbook that holds INSEE's table. */
export function parseInseeWorkbook(
  sheets: readonly { sheet: string; data: readonly (readonly unknown[])[] }[],
): InseeRow[] {
  for (const { sheet, data } of sheets) {
    let rows: InseeRow[] | null;
    try {
      rows = parseInseeSheet(data);
    } catch (error) {
      throw new GeoParseError(`sheet "${sheet}", ${(error as Error).message}`);
    }
    if (rows) return rows;
  }
  throw new GeoParseError(
    `no sheet has a COMMUNE_RESID column (sheets: ${sheets.map((s) => s.sheet).join(', ') || 'none'})`,
  );
}

const LAPOSTE_COLUMNS = {
  commune_code: ['code commune insee'],
  commune_name: ['nom de la commune', 'nom commune'],
  postcode: ['code postal'],
  delivery_label: ['libelle d acheminement'],
  locality: ['ligne 5'],
} as const;

/**
 * Parses La Poste's base: `;`-separated, a header that may start with `#`, columns found by
 * name (the classic and the 2020 layouts), a trailing `;` when line 5 is empty.
 */
export function parseLaPoste(text: string): LaposteRow[] {
  const parsed = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: 'greedy' });
  const [header, ...lines] = parsed.data;
  if (!header) throw new GeoParseError('empty file');
  const names = header.map((h) => fold(h));
  const index = Object.fromEntries(
    Object.entries(LAPOSTE_COLUMNS).map(([key, aliases]) => [
      key,
      names.findIndex((n) => (aliases as readonly string[]).includes(n)),
    ]),
  ) as Record<keyof typeof LAPOSTE_COLUMNS, number>;
  const missing = (['commune_code', 'commune_name', 'postcode'] as const).filter(
    (k) => index[k] < 0,
  );
  if (missing.length > 0) {
    throw new GeoParseError(
      `missing column(s) ${missing.map((k) => LAPOSTE_COLUMNS[k][0]).join(', ')} in the header "${header.join(';').slice(0, 120)}"`,
    );
  }
  return lines.map((line, i) => {
    const at = (key: keyof typeof LAPOSTE_COLUMNS) =>
      index[key] < 0 ? '' : (line[index[key]] ?? '').trim();
    const where = `line ${i + 2}`;
    const communeCode = at('commune_code').toUpperCase();
    const postcode = at('postcode');
    if (!COMMUNE_CODE.test(communeCode)) {
      throw new GeoParseError(`${where}: invalid commune code "${communeCode.slice(0, 40)}"`);
    }
    if (!POSTCODE.test(postcode)) {
      throw new GeoParseError(`${where}: invalid postcode "${postcode.slice(0, 40)}"`);
    }
    const communeName = at('commune_name');
    if (!communeName) throw new GeoParseError(`${where}: commune ${communeCode} without name`);
    return {
      commune_code: communeCode,
      commune_name: communeName,
      postcode,
      delivery_label: at('delivery_label') || communeName,
      locality: at('locality') || null,
    };
  });
}
