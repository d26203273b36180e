import type { Transaction } from 'kysely';
import { insertRows } from '../../db/insert.ts';
import type { Database } from '../../db/schema/index.ts';
import { deriveGeo, type GeoTables } from './derive.ts';
import type { InseeRow, LaposteRow } from './parse.ts';

export interface GeoIngestCounts {
  /** Areas (communes, arrondissements) new, changed (name, postcodes or circonscriptions) or gone. */
  added: number;
  changed: number;
  removed: number;
  areas: number;
  postcodes: number;
  circonscriptions: number;
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
export function geoRowCount(
  insee: readonly InseeRow[] | null,
  laposte: readonly LaposteRow[] | null,
) {
  return (insee?.length ?? 0) + (laposte?.length ?? 0);
}

/**
 * Stores the files that changed (null = unchanged, kept as stored) and rebuilds the derived
 * tables from both, inside the caller's transaction.
 */
export async function ingestGeo(
  trx: Transaction<Database>,
  files: { insee: readonly InseeRow[] | null; laposte: readonly LaposteRow[] | null },
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
  const insee =
    files.insee ?? (await trx.selectFrom('geo_insee_row').selectAll().orderBy('id').execute());
  const laposte =
    files.laposte ?? (await trx.selectFrom('geo_laposte_row').selectAll().orderBy('id').execute());
  const tables: GeoTables = deriveGeo(insee, laposte);
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
  };
}
