// One filterable list, declared once: its query schema, its loader, its documented columns,
// the metadata of its exports and its HTML view. `listRoute` registers `<path>.csv`,
// `<path>.json` and `<path>` (the page, or its htmx fragment) with the same query string,
// the same paging and the same export limits.
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app.tsx';
import {
  MAX_EXPORT_ROWS,
  sendCsv,
  sendJsonList,
  type Column,
  type ExportSource,
} from './export.ts';
import { badQuery } from './query.ts';

/** The page asked for: `page` (from 1) and `per_page`, as limit and offset for the loader. */
export interface ListPage<Q> {
  q: Q;
  page: number;
  /** Rows per page; null for the whole list (a CSV without per_page, or a list never paged). */
  perPage: number | null;
  limit: number | null;
  offset: number;
}

/** What a loader returns: the rows of the page and how many match in all. */
export interface Loaded<R> {
  total: number;
  rows: R[];
  /** More metadata of the JSON list (what a search understood, say). */
  meta?: Record<string, unknown>;
}

/** What the HTML view is given: the page, its rows, and the canonical query string. */
export type ListView<Q, L> = ListPage<Q> &
  L & {
    perPage: number;
    /** The filter's canonical query string (defaults and `page` left out), for links. */
    query: string;
  };

type ListContext = Context<AppEnv>;

export interface ListSpec<S extends z.ZodType, R, L extends Loaded<R> = Loaded<R>> {
  /** Path of the page; the exports are the same path with `.csv` and `.json`. */
  path: string;
  query: S;
  columns: Column<R>[];
  /** A JSON item, when it nests objects; by default the columns, keyed by name. */
  jsonItem?: (record: R) => object;
  /** Where the rows come from and their licence, in every JSON export. */
  meta: (c: ListContext) => ExportSource;
  /** Name of the CSV download, before its date. */
  csvName: string | ((c: ListContext) => string);
  /** Rows per page of the page and the JSON list without `per_page`; null: never paged. */
  perPage: number | null;
  /** The rows of a page, and whatever else the HTML view needs (returned in `L`). */
  load: (c: ListContext, page: ListPage<z.infer<S>>) => Promise<L>;
  /** The canonical query string; by default every given parameter but `page`, in schema order. */
  canonical?: (q: z.infer<S>) => string;
  /** The HTML page (full page or htmx fragment); absent for a list only published as data. */
  html?: (c: ListContext, view: ListView<z.infer<S>, L>) => Response | Promise<Response>;
}

type Paged = { page?: number; per_page?: number };

/**
 * The page bounds of a request: the page and the JSON list are paged (`per_page`, by default
 * the list's own size), a CSV is whole unless `per_page` is given.
 */
export function pageOf<Q>(q: Q, perPage: number | null, whole: boolean): ListPage<Q> {
  const { page = 1, per_page } = q as Paged;
  const size = per_page ?? (whole ? null : perPage);
  return { q, page, perPage: size, limit: size, offset: size ? (page - 1) * size : 0 };
}

/**
 * An export's bounds: a whole list is loaded up to one row past the export limit, enough for
 * sendCsv/sendJsonList to refuse it (413) without reading every row of a large table.
 */
export function exportPage<Q>(page: ListPage<Q>): ListPage<Q> {
  return page.limit === null ? { ...page, limit: MAX_EXPORT_ROWS + 1 } : page;
}

/** Every given parameter of a validated query but `page` (and `omit`), in the schema's order. */
export function canonicalQuery(
  shape: readonly string[],
  q: Record<string, unknown>,
  omit: readonly string[] = [],
): string {
  const params = new URLSearchParams();
  for (const key of shape) {
    if (key === 'page' || omit.includes(key)) continue;
    const value = q[key];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
    }
  }
  return params.toString();
}

/** Registers the CSV, JSON and HTML endpoints of a list on `app`. */
export function listRoute<S extends z.ZodObject, R, L extends Loaded<R> = Loaded<R>>(
  app: Hono<AppEnv>,
  spec: ListSpec<S, R, L>,
) {
  type Q = z.infer<S>;
  const valid = zValidator('query', spec.query, badQuery);
  const query = (c: ListContext) => c.req.valid('query' as never) as Q;
  const shape = Object.keys(spec.query.shape);
  const canonical =
    spec.canonical ?? ((q: Q) => canonicalQuery(shape, q as Record<string, unknown>));

  app.get(`${spec.path}.csv`, valid, async (c) => {
    const { rows, total } = await spec.load(c, exportPage(pageOf(query(c), spec.perPage, true)));
    const name = typeof spec.csvName === 'string' ? spec.csvName : spec.csvName(c);
    return sendCsv(c, name, spec.columns, rows, total);
  });

  app.get(`${spec.path}.json`, valid, async (c) => {
    const page = pageOf(query(c), spec.perPage, false);
    const { rows, total, meta } = await spec.load(c, exportPage(page));
    return sendJsonList(
      c,
      spec.columns,
      rows,
      total,
      {
        ...spec.meta(c),
        page: page.page,
        per_page: page.perPage,
        ...meta,
      },
      spec.jsonItem,
    );
  });

  const html = spec.html;
  if (html) {
    app.get(spec.path, valid, async (c) => {
      const q = query(c);
      const page = pageOf(q, spec.perPage, false);
      const loaded = await spec.load(c, page);
      return html(c, {
        ...page,
        ...loaded,
        perPage: page.perPage ?? loaded.rows.length,
        query: canonical(q),
      });
    });
  }
}
