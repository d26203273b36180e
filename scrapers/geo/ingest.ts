import type { Transaction } from 'kysely';
import { insertRows } from '../../db/insert.ts';
import type { Database } from '../../db/schema/index.ts';
import { deriveGeo, derivePostcodeCircos, type GeoTables } from './derive.ts';
import type { InseeRow, LaposteRow } from './parse.ts';
import type { ContourRow } from './parse-contours.ts';
import type { AbroadCountry, RcRow } from './parse-rc.ts';

/** Records of one of Regards Citoyens' tables or of the contours new, changed or gone. */
export interface FileCounts {
  added: number;
  changed: number;
  removed: number;
}

export interface GeoIngestCounts {
  /** Areas (communes, arrondissements) new, changed (name, postcodes or circonscriptions) or gone. */
  added: number;
  changed: number;
  removed: number;
  areas: number;
  postcodes: number;
  circonscriptions: number;
  /** Per file of the three added later; null when the file was unchanged. */
  rc: FileCounts | null;
  abroad: FileCounts | null;
  contours: FileCounts | null;
  /** Rows of geo_postcode_circo (Paris, Lyon, Marseille postcodes × circonscriptions). */
  postcodeCircos: number;
}

/** Compares two states of a table by key and content signature. */
function diff(before: Map<string, string>, after: Map<string, string>): FileCounts {
  let added = 0;
  let changed = 0;
  for (const [key, signature] of after) {
    const previous = before.get(key);
    if (previous === undefined) added++;
    else if (previous !== signature) changed++;
  }
  const removed = [...before.keys()].filter((k) => !after.has(k)).length;
  return { added, changed, removed };
}

const rcSignatures = (rows: readonly RcRow[]) =>
  new Map(rows.map((r) => [`${r.commune_code}|${r.number}`, `${r.commune_name}|${r.postcodes}`]));
const abroadSignatures = (rows: readonly AbroadCountry[]) =>
  new Map(rows.map((r) => [r.code, `${r.name}|${r.iso_a3}|${r.number}`]));
const contourSignatures = (rows: readonly ContourRow[]) =>
  new Map(rows.map((r) => [`${r.departement_code}-${r.number}`, r.geometry]));

/** The files of the `geo` source that changed; null = unchanged, kept as stored. */
export interface GeoFiles {
  insee: readonly InseeRow[] | null;
  laposte: readonly LaposteRow[] | null;
  rc: readonly RcRow[] | null;
  abroad: readonly AbroadCountry[] | null;
  contours: readonly ContourRow[] | null;
}

/** What identifies an area's content, to count changes between two ingests. */
function signatures(
  areas: readonly { code: string; name: string; basis: string; postcodes: string }[],
  links: readonly { area_code: string; departement_code: string; number: number; whole: number }[],
): Map<string, string> {
  const circos = new Map<string, string[]>();
  for (const l of links) {
    const list = circos.get(l.area_code) ?? [];
    list.push(`${l.departement_code}-${l.number}:${l.whole}`);
    circos.set(l.area_code, list);
  }
  return new Map(
    areas.map((a) => [
      a.code,
      [a.name, a.basis, a.postcodes, ...(circos.get(a.code) ?? []).sort()].join('|'),
    ]),
  );
}

/** Rows the ingest writes for the given files, for progress totals. */
export function geoRowCount(files: GeoFiles) {
  return Object.values(files).reduce((n, rows) => n + (rows?.length ?? 0), 0);
}

/**
 * Stores the files that changed (null = unchanged, kept as stored) and rebuilds the derived
 * tables from the new and stored rows, inside the caller's transaction.
 */
export async function ingestGeo(
  trx: Transaction<Database>,
  files: GeoFiles,
  onRows: (n: number) => void = () => {},
): Promise<GeoIngestCounts> {
  const before = signatures(
    await trx.selectFrom('geo_area').select(['code', 'name', 'basis', 'postcodes']).execute(),
    await trx.selectFrom('geo_area_circo').selectAll().execute(),
  );
  if (files.insee) {
    await trx.deleteFrom('geo_insee_row').execute();
    await insertRows(trx, 'geo_insee_row', files.insee, onRows);
  }
  if (files.laposte) {
    await trx.deleteFrom('geo_laposte_row').execute();
    await insertRows(trx, 'geo_laposte_row', files.laposte, onRows);
  }
  let rc: FileCounts | null = null;
  if (files.rc) {
    const stored = await trx.selectFrom('geo_rc_row').selectAll().execute();
    rc = diff(rcSignatures(stored), rcSignatures(files.rc));
    await trx.deleteFrom('geo_rc_row').execute();
    await insertRows(trx, 'geo_rc_row', files.rc, onRows);
  }
  let abroad: FileCounts | null = null;
  if (files.abroad) {
    const stored = await trx.selectFrom('geo_abroad_country').selectAll().execute();
    abroad = diff(abroadSignatures(stored), abroadSignatures(files.abroad));
    await trx.deleteFrom('geo_abroad_country').execute();
    await insertRows(trx, 'geo_abroad_country', files.abroad, onRows);
  }
  let contours: FileCounts | null = null;
  if (files.contours) {
    const stored = await trx.selectFrom('geo_contour').selectAll().execute();
    contours = diff(contourSignatures(stored), contourSignatures(files.contours));
    await trx.deleteFrom('geo_contour').execute();
    await insertRows(trx, 'geo_contour', files.contours, onRows);
  }
  const rcRows =
    files.rc ?? (await trx.selectFrom('geo_rc_row').selectAll().orderBy('id').execute());
  const postcodeCircos = derivePostcodeCircos(rcRows);
  await trx.deleteFrom('geo_postcode_circo').execute();
  await insertRows(trx, 'geo_postcode_circo', postcodeCircos, () => {});

  const insee =
    files.insee ?? (await trx.selectFrom('geo_insee_row').selectAll().orderBy('id').execute());
  const laposte =
    files.laposte ?? (await trx.selectFrom('geo_laposte_row').selectAll().orderBy('id').execute());
  // Regards Citoyens' 2012 communes name the former communes La Poste still lists as localities.
  const tables: GeoTables = deriveGeo(
    insee,
    laposte,
    rcRows.map((r) => r.commune_name),
  );
  for (const table of [
    'geo_area',
    'geo_area_circo',
    'geo_postcode',
    'geo_circonscription',
  ] as const)
    await trx.deleteFrom(table).execute();
  const quiet = () => {};
  await insertRows(trx, 'geo_area', tables.areas, quiet);
  await insertRows(trx, 'geo_area_circo', tables.areaCircos, quiet);
  await insertRows(trx, 'geo_postcode', tables.postcodes, quiet);
  await insertRows(trx, 'geo_circonscription', tables.circonscriptions, quiet);

  const after = signatures(tables.areas, tables.areaCircos);
  let added = 0;
  let changed = 0;
  for (const [code, signature] of after) {
    const previous = before.get(code);
    if (previous === undefined) added++;
    else if (previous !== signature) changed++;
    before.delete(code);
  }
  return {
    added,
    changed,
    removed: before.size,
    areas: tables.areas.length,
    postcodes: new Set(tables.postcodes.map((p) => p.postcode)).size,
    circonscriptions: tables.circonscriptions.length,
    rc,
    abroad,
    contours,
    postcodeCircos: postcodeCircos.length,
  };
}
