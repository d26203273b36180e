// Sources: INSEE, "Composition communale des circonscriptions législatives"
// (https://www.insee.fr/fr/statistiques/6436476, xlsx), and La Poste, "Base officielle des
// codes postaux" (https://datanova.laposte.fr, CSV in ISO-8859-1); both Licence Ouverte 2.0.
// Writes: geo_insee_row, geo_laposte_row and the tables derived from both (geo_area,
// geo_area_circo, geo_postcode, geo_circonscription); sync_state rows "geo" (INSEE) and
// "geo:laposte". Each file is fetched conditionally; an unchanged one is kept as stored.
import readXlsxFile from 'read-excel-file/node';
import { appendChanges } from '../../db/state/changes.ts';
import { rowCount } from '../../db/insert.ts';
import { changeEvent, initialImport } from '../lib/changes.ts';
import { downloadIfChanged, type Download } from '../lib/download.ts';
import {
  SourceError,
  checkPlausible,
  politeness,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { inseeCirconscriptions, laPostePostcodes, type SourceFile } from '../../domain/sources.ts';
import { geoRowCount, ingestGeo } from './ingest.ts';
import { parseInseeWorkbook, parseLaPoste, type InseeRow, type LaposteRow } from './parse.ts';
import { sourceUrl } from '../lib/source.ts';
import { decodeText } from '../lib/encoding.ts';

/** Reads INSEE's workbook; any failure names the file. */
export async function readInseeWorkbook(bytes: Buffer): Promise<InseeRow[]> {
  try {
    return parseInseeWorkbook(await readXlsxFile(bytes));
  } catch (error) {
    throw new SourceError('circo_composition.xlsx', (error as Error).message);
  }
}

const LAPOSTE_FILE = 'laposte-hexasmal (raw)';

/**
 * Reads La Poste's base, published in ISO-8859-1 (a UTF-8 copy, as some republications are,
 * is read as such); any failure names the file.
 */
export function readLaPoste(bytes: Uint8Array): LaposteRow[] {
  const text = decodeText(bytes, LAPOSTE_FILE, laPostePostcodes().encoding!);
  try {
    return parseLaPoste(text);
  } catch (error) {
    throw new SourceError(LAPOSTE_FILE, (error as Error).message);
  }
}

interface Fetched {
  info: SourceFile;
  url: string;
  download: Download;
}

export async function crawlGeo(ctx: CrawlContext): Promise<CrawlCounts> {
  const fetched: Fetched[] = [];
  const sources = [inseeCirconscriptions(), laPostePostcodes()];
  for (const [i, info] of sources.entries()) {
    ctx.progress({ phase: 'téléchargement', done: i, total: sources.length });
    const url = sourceUrl(info.url, ctx.config.sourcesMirror);
    const previous = await ctx.syncState.get(info.id);
    const download = await downloadIfChanged(url, previous, politeness(ctx));
    fetched.push({ info, url, download });
  }
  const [insee, laposte] = fetched as [Fetched, Fetched];
  const unchanged = fetched.filter((f) => f.download.kind === 'unchanged');
  if (unchanged.length === fetched.length) {
    for (const f of fetched) await ctx.syncState.checked(f.info.id, f.url);
    return { fetched: 2, unchanged: 2, added: 0, changed: 0, removed: 0, failed: 0 };
  }
  ctx.progress({ phase: 'lecture', done: 0, total: 1 });
  const inseeRows =
    insee.download.kind === 'changed' ? await readInseeWorkbook(insee.download.body) : null;
  const laposteRows =
    laposte.download.kind === 'changed' ? readLaPoste(laposte.download.body) : null;
  const stored = (table: 'geo_insee_row' | 'geo_laposte_row') => rowCount(ctx.db, table);
  const accepted = checkPlausible(ctx, [
    ...(inseeRows
      ? [
          {
            file: 'circo_composition.xlsx',
            what: 'lignes INSEE',
            stored: await stored('geo_insee_row'),
            next: inseeRows.length,
          },
        ]
      : []),
    ...(laposteRows
      ? [
          {
            file: LAPOSTE_FILE,
            what: 'lignes La Poste',
            stored: await stored('geo_laposte_row'),
            next: laposteRows.length,
          },
        ]
      : []),
  ]);
  const total = geoRowCount(inseeRows, laposteRows);
  const imported = (await Promise.all(sources.map((i) => ctx.syncState.get(i.id)))).some(
    (state) => state?.content_hash,
  );
  let done = 0;
  const counts = await ctx.db.transaction().execute(async (trx) => {
    const result = await ingestGeo(trx, { insee: inseeRows, laposte: laposteRows }, (n) => {
      done += n;
      ctx.progress({ phase: 'enregistrement', done, total });
    });
    for (const f of fetched) {
      if (f.download.kind === 'changed')
        await ctx.syncState.changed(trx, f.info.id, f.url, f.download);
    }
    // The geography is logged as a whole: its first import, then each update with its counts.
    const { added, changed, removed } = result;
    await appendChanges(trx, accepted);
    await appendChanges(
      trx,
      !imported
        ? [initialImport(ctx.changes, added, 'lignes (communes et codes postaux)')]
        : added + changed + removed > 0
          ? [
              changeEvent(ctx.changes, {
                entity_type: 'source',
                entity_id: 'geo',
                entity_label: 'geo',
                kind: 'source_updated',
                detail: `${added} lignes ajoutées, ${changed} modifiées, ${removed} retirées`,
              }),
            ]
          : [],
    );
    return result;
  });
  for (const f of unchanged) await ctx.syncState.checked(f.info.id, f.url);
  return {
    fetched: 2,
    unchanged: unchanged.length,
    added: counts.added,
    changed: counts.changed,
    removed: counts.removed,
    failed: 0,
  };
}
