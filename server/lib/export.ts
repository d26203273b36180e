import { setImmediate as nextTurn } from 'node:timers/promises';
import Papa from 'papaparse';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import type { SourceInfo } from '../../domain/sources.ts';

/**
 * Most rows one CSV or JSON list export answers. Above it the request is refused (413) with a
 * hint to page with `page`/`per_page`, rather than cut silently; the largest list of the real
 * data (La Poste's ~39,000 postcodes) fits. The bulk `/exports/votes.csv` streams instead.
 */
export const MAX_EXPORT_ROWS = 50_000;

function checkExportSize(rows: number, total = rows): void {
  if (rows > MAX_EXPORT_ROWS) {
    throw new HTTPException(413, {
      message: `Export trop volumineux (${Math.max(rows, total)} lignes, au plus ${MAX_EXPORT_ROWS} par requête) : découpez-le avec les paramètres page et per_page.`,
    });
  }
}

/** A documented export column: its name in CSV/JSON, what it holds, and how to read it. */
export interface Column<R> {
  name: string;
  description: string;
  value: (record: R) => string | number | boolean | null;
}

type Cell = string | number | boolean | null;

/** Cells starting with = + - @ (or a tab/CR) are prefixed with ' so spreadsheets never run them. */
export function neutraliseCell(value: Cell): Cell {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** A CSV document: header from the columns, one line per record, UTF-8, optional Excel flavour. */
export function toCsv<R>(columns: Column<R>[], records: R[], excel = false): string {
  const csv = Papa.unparse(
    {
      fields: columns.map((c) => c.name),
      data: records.map((r) => columns.map((c) => neutraliseCell(c.value(r)))),
    },
    { delimiter: excel ? ';' : ',', newline: '\r\n', quotes: false },
  );
  return (excel ? '\uFEFF' : '') + csv + '\r\n';
}

/** Where exported rows come from and under which licence: the metadata of every export. */
export interface ExportSource {
  source: string;
  licence: string;
}

/** The export metadata of rows drawn from these sources ("publisher – URL", joined by " ; "). */
export function sourceMeta(
  ...sources: Pick<SourceInfo, 'publisher' | 'url' | 'licence'>[]
): ExportSource {
  return {
    source: sources.map((s) => `${s.publisher} – ${s.url}`).join(' ; '),
    licence: [...new Set(sources.map((s) => s.licence))].join(' ; '),
  };
}

export interface ListMeta extends ExportSource {
  page: number;
  per_page: number | null;
}

/** Sends a CSV download named `<name>-<date>.csv`; `total`, the rows matching, for the refusal. */
export function sendCsv<R>(
  c: Context,
  name: string,
  columns: Column<R>[],
  records: R[],
  total = records.length,
): Response {
  checkExportSize(records.length, total);
  const excel = ['1', 'oui', 'true'].includes(c.req.query('excel') ?? '');
  const date = new Date().toISOString().slice(0, 10);
  return c.body(toCsv(columns, records, excel), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}-${date}.csv"`,
  });
}

/**
 * Sends a JSON list: `{ total, items, …metadata }`, items keyed by the documented column names,
 * or shaped by `item` for a list whose items nest objects (the CSV stays flat).
 */
export function sendJsonList<R>(
  c: Context,
  columns: Column<R>[],
  records: R[],
  total: number,
  meta: ListMeta,
  item: (record: R) => object = (r) =>
    Object.fromEntries(columns.map((col) => [col.name, col.value(r)])),
): Response {
  checkExportSize(records.length, total);
  return c.json({
    total,
    ...meta,
    generated_at: new Date().toISOString(),
    items: records.map(item),
  });
}

/** Sends one JSON document (a deputy, a scrutin…): its sources, `generated_at`, then the body. */
export function sendJsonDocument(c: Context, meta: ExportSource, body: object): Response {
  return c.json({ ...meta, generated_at: new Date().toISOString(), ...body });
}

/** Cells Papa Parse quotes (a quote, comma, line break or BOM, or an edge space): the same here. */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

/** One CSV line of a dump, as Papa.unparse writes it, without its per-call setup. */
function csvLine(cells: Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const value = neutraliseCell(cells[i]!);
    const text = value === null ? '' : String(value);
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return line + '\r\n';
}

/** Seconds a client refused a dump download is asked to wait (`Retry-After`). */
const DUMP_RETRY_AFTER_SECONDS = 30;

/** The dump downloads each client holds at once, at most `max` per client. */
export function dumpSlots(max: number) {
  const held = new Map<string, number>();
  return {
    max,
    /** Takes one of the client's slots: its release (once is enough), or null when all are held. */
    take(client: string): (() => void) | null {
      const count = held.get(client) ?? 0;
      if (count >= max) return null;
      held.set(client, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(client) ?? 1) - 1;
        if (left > 0) held.set(client, left);
        else held.delete(client);
      };
    },
  };
}

export type DumpSlots = ReturnType<typeof dumpSlots>;

/** A bulk CSV dump: its file name, header, batches of records and the cells of one record. */
export interface CsvDump<R> {
  filename: string;
  header: readonly string[];
  batches: AsyncIterable<R[]>;
  cells: (record: R) => Cell[];
}

/**
 * Streams a bulk CSV dump batch by batch, giving the event loop a turn after each batch so
 * that other requests are served during a download of several seconds; memory stays at a
 * batch (writes wait for the client). The client holds one of its slots until the download
 * ends or it goes away; without a free slot it gets a 429 with `Retry-After`.
 */
export function sendCsvDump<R>(
  c: Context,
  slots: DumpSlots,
  client: string,
  dump: CsvDump<R>,
): Response {
  const headers = {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${dump.filename}"`,
  };
  // A HEAD request reads no body: it must neither hold a slot nor start a stream nobody reads.
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  const release = slots.take(client);
  if (!release) {
    return c.text(
      `Trop de téléchargements en cours depuis votre adresse (au plus ${slots.max} à la fois) : attendez la fin de l'un d'eux, puis réessayez.`,
      429,
      { 'retry-after': String(DUMP_RETRY_AFTER_SECONDS) },
    );
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return stream(c, async (out) => {
    out.onAbort(release);
    try {
      await out.write(dump.header.join(',') + '\r\n');
      for await (const batch of dump.batches) {
        let text = '';
        for (const r of batch) text += csvLine(dump.cells(r));
        await out.write(text);
        await nextTurn();
        // A client gone away reads no more batches.
        if (out.aborted) break;
      }
    } finally {
      release();
    }
  });
}
