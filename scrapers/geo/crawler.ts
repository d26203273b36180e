// Sources: INSEE, "Composition communale des circonscriptions législatives"
// (https://www.insee.fr/fr/statistiques/6436476, xlsx), and La Poste, "Base officielle des
// codes postaux" (https://datanova.laposte.fr, CSV in ISO-8859-1), both Licence Ouverte 2.0;
// Regards Citoyens' circo_insee_2012.csv and circo_etranger.csv (NosDéputés.fr, on GitHub) and
// the circonscriptions' contours (data.gouv.fr GeoJSON), ODbL.
// Writes: geo_insee_row, geo_laposte_row, geo_rc_row, geo_abroad_country, geo_contour and the
// tables derived from them (geo_area, geo_area_circo, geo_postcode, geo_circonscription,
// geo_postcode_circo); sync_state rows "geo" (INSEE), "geo:laposte", "geo:circo_insee",
// "geo:circo_etranger", "geo:contours". Each file is fetched conditionally; an unchanged one is
// kept as stored; the changed ones are stored together in one transaction.
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
import {
  circonscriptionContours,
  inseeCirconscriptions,
  laPostePostcodes,
  regardsCitoyensCirconscriptions,
  regardsCitoyensEtranger,
  type SourceFile,
} from '../../domain/sources.ts';
import { geoRowCount, ingestGeo, type FileCounts, type GeoFiles } from './ingest.ts';
import { parseInseeWorkbook, parseLaPoste, type InseeRow, type LaposteRow } from './parse.ts';
import { parseContours } from './parse-contours.ts';
import { parseRcCirconscriptions, parseRcEtranger } from './parse-rc.ts';
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

/** The file name an error names: the last segment of its URL. */
const fileName = (info: SourceFile) => new URL(info.url).pathname.split('/').pop()!;

/** Reads a UTF-8 text file with a pure parser; any failure names the file. */
function readText<T>(info: SourceFile, bytes: Uint8Array, parse: (text: string) => T): T {
  const name = fileName(info);
  const text = decodeText(bytes, name, 'utf-8');
  try {
    return parse(text);
  } catch (error) {
    throw new SourceError(name, (error as Error).message);
  }
}

interface Fetched {
  info: SourceFile;
  url: string;
  download: Download;
}

const summary = (label: string, counts: FileCounts | null) =>
  counts && counts.added + counts.changed + counts.removed > 0
    ? [`${label} : ${counts.added} ajoutés, ${counts.changed} modifiés, ${counts.removed} retirés`]
    : [];

export async function crawlGeo(ctx: CrawlContext): Promise<CrawlCounts> {
  const fetched: Fetched[] = [];
  const sources = [
    inseeCirconscriptions(),
    laPostePostcodes(),
    regardsCitoyensCirconscriptions(),
    regardsCitoyensEtranger(),
    circonscriptionContours(),
  ];
  for (const [i, info] of sources.entries()) {
    ctx.progress({ phase: 'téléchargement', done: i, total: sources.length });
    const url = sourceUrl(info.url, ctx.config.sourcesMirror);
    const previous = await ctx.syncState.get(info.id);
    const download = await downloadIfChanged(url, previous, politeness(ctx));
    fetched.push({ info, url, download });
  }
  const [insee, laposte, rc, abroad, contours] = fetched as [
    Fetched,
    Fetched,
    Fetched,
    Fetched,
    Fetched,
  ];
  const unchanged = fetched.filter((f) => f.download.kind === 'unchanged');
  const n = fetched.length;
  if (unchanged.length === n) {
    for (const f of fetched) await ctx.syncState.checked(f.info.id, f.url);
    return { fetched: n, unchanged: n, added: 0, changed: 0, removed: 0, failed: 0 };
  }
  ctx.progress({ phase: 'lecture', done: 0, total: 1 });
  const body = (f: Fetched) => (f.download.kind === 'changed' ? f.download.body : null);
  const inseeBody = body(insee);
  const laposteBody = body(laposte);
  const rcBody = body(rc);
  const abroadBody = body(abroad);
  const contoursBody = body(contours);
  const files: GeoFiles = {
    insee: inseeBody ? await readInseeWorkbook(inseeBody) : null,
    laposte: laposteBody ? readLaPoste(laposteBody) : null,
    rc: rcBody ? readText(rc.info, rcBody, parseRcCirconscriptions) : null,
    abroad: abroadBody ? readText(abroad.info, abroadBody, parseRcEtranger) : null,
    contours: contoursBody ? readText(contours.info, contoursBody, parseContours) : null,
  };
  const measure = async (
    rows: readonly unknown[] | null,
    file: string,
    what: string,
    table:
      'geo_insee_row' | 'geo_laposte_row' | 'geo_rc_row' | 'geo_abroad_country' | 'geo_contour',
  ) => (rows ? [{ file, what, stored: await rowCount(ctx.db, table), next: rows.length }] : []);
  const accepted = checkPlausible(ctx, [
    ...(await measure(files.insee, 'circo_composition.xlsx', 'lignes INSEE', 'geo_insee_row')),
    ...(await measure(files.laposte, LAPOSTE_FILE, 'lignes La Poste', 'geo_laposte_row')),
    ...(await measure(files.rc, fileName(rc.info), 'lignes Regards Citoyens', 'geo_rc_row')),
    ...(await measure(files.abroad, fileName(abroad.info), 'pays', 'geo_abroad_country')),
    ...(await measure(
      files.contours,
      fileName(contours.info),
      'contours de circonscription',
      'geo_contour',
    )),
  ]);
  const total = geoRowCount(files);
  const imported = (await Promise.all(sources.map((i) => ctx.syncState.get(i.id)))).some(
    (state) => state?.content_hash,
  );
  let done = 0;
  const counts = await ctx.db.transaction().execute(async (trx) => {
    const result = await ingestGeo(trx, files, (k) => {
      done += k;
      ctx.progress({ phase: 'enregistrement', done, total });
    });
    for (const f of fetched) {
      if (f.download.kind === 'changed')
        await ctx.syncState.changed(trx, f.info.id, f.url, f.download);
    }
    // The geography is logged as a whole: its first import, then each update with its counts.
    const { added, changed, removed } = result;
    const details = [
      ...(added + changed + removed > 0
        ? [`${added} lignes ajoutées, ${changed} modifiées, ${removed} retirées`]
        : []),
      ...summary('lignes Regards Citoyens', result.rc),
      ...summary('pays', result.abroad),
      ...summary('contours', result.contours),
    ];
    await appendChanges(trx, accepted);
    await appendChanges(
      trx,
      !imported
        ? [
            initialImport(
              ctx.changes,
              added,
              `lignes (communes et codes postaux), ${files.rc?.length ?? 0} lignes Regards Citoyens, ${files.abroad?.length ?? 0} pays, ${files.contours?.length ?? 0} contours`,
            ),
          ]
        : details.length > 0
          ? [
              changeEvent(ctx.changes, {
                entity_type: 'source',
                entity_id: 'geo',
                entity_label: 'geo',
                kind: 'source_updated',
                detail: details.join(' ; '),
              }),
            ]
          : [],
    );
    return result;
  });
  for (const f of unchanged) await ctx.syncState.checked(f.info.id, f.url);
  const extra = [counts.rc, counts.abroad, counts.contours];
  const sum = (key: keyof FileCounts) => extra.reduce((s, c) => s + (c?.[key] ?? 0), counts[key]);
  return {
    fetched: n,
    unchanged: unchanged.length,
    added: sum('added'),
    changed: sum('changed'),
    removed: sum('removed'),
    failed: 0,
  };
}
