// The page and export cache: public GET/HEAD answers kept in memory by URL, htmx or not,
// content coding and data version, with validators (ETag, Last-Modified, 304) and headers
// that let a reverse proxy or CDN keep them too. See "How a CDN or reverse proxy may cache"
// in the README.
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { DB } from '../../db/database.ts';
import { readDataVersion, type DataVersion } from '../../db/state/data-version.ts';
import {
  MIN_COMPRESSED_BYTES,
  compressBody,
  compressStream,
  negotiateEncoding,
  type Encoding,
} from './compression.ts';
import { isHtmx } from './htmx.ts';

/**
 * `max-age=0`: browsers revalidate every time (a 304 costs one lookup here). `s-maxage=300`:
 * a shared cache serves its copy for five minutes without asking, so new data shows there at
 * most five minutes after a crawl commits. `stale-while-revalidate=86400`: after that it may
 * still answer from its copy while one revalidation (usually a 304) runs in the background.
 */
export const CACHE_CONTROL = 'public, max-age=0, s-maxage=300, stale-while-revalidate=86400';

/** Every cached or compressed answer varies on these request headers. */
export const VARY = 'Accept-Encoding, HX-Request';

/** Bulk dumps stream: never buffered, their validators come from the data version alone. */
const STREAMED = /^\/exports\//;

/** Paths never cached here: the admin pages, and static files (which have their own). */
const UNCACHED = /^\/(suivi|static)(\/|$)/;

/** One stored answer: one body in one coding, with what its headers need. */
interface Variant {
  body: Uint8Array;
  headers: [string, string][];
  etag: string;
  /** Seconds since the epoch (HTTP dates have no milliseconds). */
  modified: number;
}

/** A map of variants bounded by the bytes of their bodies, least recently used out first. */
export class ByteLru {
  readonly #entries = new Map<string, Variant>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes() {
    return this.#bytes;
  }

  get(key: string): Variant | undefined {
    const v = this.#entries.get(key);
    if (v) {
      this.#entries.delete(key);
      this.#entries.set(key, v);
    }
    return v;
  }

  /** Keeps a variant unless it alone would take more than an eighth of the budget. */
  set(key: string, v: Variant): void {
    const size = sizeOf(key, v);
    if (size > this.maxBytes / 8) return;
    this.delete(key);
    this.#entries.set(key, v);
    this.#bytes += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= sizeOf(oldest, old);
    }
  }

  delete(key: string): void {
    const v = this.#entries.get(key);
    if (!v) return;
    this.#entries.delete(key);
    this.#bytes -= sizeOf(key, v);
  }
}

const sizeOf = (key: string, v: Variant) =>
  v.body.byteLength + key.length + v.headers.reduce((n, [k, h]) => n + k.length + h.length, 0);

export interface PageCacheOptions {
  db: DB;
  /** Bytes of bodies kept (PAGE_CACHE_MB); 0 keeps none but still sends validators. */
  maxBytes: number;
  /** Renders a request again without the cache (the app's own fetch). */
  render: (request: Request, env: unknown) => Response | Promise<Response>;
}

const httpDate = (seconds: number) => new Date(seconds * 1000).toUTCString();
const secondsOf = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * True when the client's copy is current: If-None-Match lists the ETag (weak comparison, as
 * RFC 9110 §13.1.2 asks for GET) or is `*`; without If-None-Match, If-Modified-Since is not
 * older than the last modification. An unreadable header is ignored.
 */
export function notModified(c: Context, etag: string, modified: number): boolean {
  const inm = c.req.header('if-none-match');
  if (inm !== undefined) {
    if (inm.length > 8192) return false;
    return inm.split(',').some((t) => {
      const tag = t.trim().replace(/^W\//, '');
      return tag === '*' || tag === etag;
    });
  }
  const ims = c.req.header('if-modified-since');
  if (ims === undefined || ims.length > 100) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && modified <= Math.floor(since / 1000);
}

function validators(etag: string, modified: number): Record<string, string> {
  return {
    etag,
    'last-modified': httpDate(modified),
    'cache-control': CACHE_CONTROL,
    vary: VARY,
  };
}

/** Replaces the context's response outright (Hono's setter would copy the old headers in). */
function replace(c: Context, response: Response): void {
  c.res = undefined;
  c.res = response;
}

function answer(c: Context, v: Variant): Response {
  const headers = validators(v.etag, v.modified);
  if (notModified(c, v.etag, v.modified)) return new Response(null, { status: 304, headers });
  return new Response(v.body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: [...v.headers, ...Object.entries(headers)],
  });
}

/** A handler's answer is kept only when it is a plain public 200 that decided nothing itself. */
function cacheable(res: Response): boolean {
  return (
    res.status === 200 &&
    !res.headers.has('set-cookie') &&
    !res.headers.has('cache-control') &&
    !res.headers.has('content-encoding')
  );
}

/** The headers kept with a body: the handler's, less those the cache sets per variant. */
function keptHeaders(res: Response): [string, string][] {
  const dropped = new Set([
    'content-length',
    'content-encoding',
    'etag',
    'last-modified',
    'vary',
    'cache-control',
  ]);
  return [...res.headers].filter(([name]) => !dropped.has(name));
}

async function variantOf(identity: Variant, encoding: Encoding): Promise<Variant> {
  if (encoding === 'identity' || identity.body.byteLength < MIN_COMPRESSED_BYTES) return identity;
  return {
    body: await compressBody(identity.body, encoding),
    headers: [...identity.headers, ['content-encoding', encoding]],
    etag: identity.etag.replace(/"$/, `-${encoding}"`),
    modified: identity.modified,
  };
}

function identityVariant(res: Response, body: Uint8Array, version: DataVersion): Variant {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  // The key holds the UTC day (ages and "today" on the pages): a body may change at midnight.
  const dayStart = secondsOf(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  return {
    body,
    headers: keptHeaders(res),
    etag: `"${version.version}-${hash}"`,
    modified: Math.max(secondsOf(version.changedAt), dayStart),
  };
}

/**
 * The cache middleware. Pages, `.csv`, `.json` and `.atom` answers are kept per (data
 * version, UTC day, htmx or not, path and query string, coding); a body rendered while the
 * version changed is rendered once more, and kept only if the version then held still, so
 * that no half-updated view is ever kept. Bulk dumps get validators and a compressed stream.
 */
export function pageCache({ db, maxBytes, render }: PageCacheOptions): MiddlewareHandler {
  const lru = new ByteLru(maxBytes);
  const rerendering = new WeakSet<Request>();
  return async (c, next) => {
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || rerendering.has(c.req.raw)) return next();
    const url = new URL(c.req.url);
    if (UNCACHED.test(url.pathname)) return next();
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const before = await readDataVersion(db);

    if (STREAMED.test(url.pathname)) {
      const etag = `"${before.version}-dump-${encoding}"`;
      const modified = secondsOf(before.changedAt);
      if (notModified(c, etag, modified))
        return new Response(null, { status: 304, headers: validators(etag, modified) });
      await next();
      const res = c.res;
      if (res.status !== 200) return;
      const headers = new Headers(res.headers);
      for (const [name, value] of Object.entries(validators(etag, modified)))
        headers.set(name, value);
      let body: ReadableStream<Uint8Array> | null = res.body;
      if (body && encoding !== 'identity') {
        body = compressStream(body, encoding);
        headers.set('content-encoding', encoding);
        headers.delete('content-length');
      }
      replace(c, new Response(body as BodyInit | null, { status: 200, headers }));
      return;
    }

    const base = `${before.version}\n${new Date().toISOString().slice(0, 10)}\n${isHtmx(c) ? 1 : 0}\n${url.pathname}${url.search}\n`;
    const hit = lru.get(base + encoding);
    if (hit) return answer(c, hit);
    const stored = encoding === 'identity' ? undefined : lru.get(base + 'identity');
    if (stored) {
      const v = await variantOf(stored, encoding);
      lru.set(base + encoding, v);
      return answer(c, v);
    }

    await next();
    let res = c.res;
    if (!cacheable(res)) return;
    let body = new Uint8Array(await res.arrayBuffer());
    let version = before;
    let after = await readDataVersion(db);
    let keep = after.version === version.version;
    if (!keep) {
      // A crawl committed during the rendering: the body may mix both states. Once more.
      const again = new Request(c.req.url, { method: 'GET', headers: c.req.raw.headers });
      rerendering.add(again);
      res = await render(again, c.env);
      if (!cacheable(res)) {
        replace(c, res);
        return;
      }
      body = new Uint8Array(await res.arrayBuffer());
      version = after;
      after = await readDataVersion(db);
      keep = after.version === version.version;
    }
    const identity = identityVariant(res, body, version);
    const v = await variantOf(identity, encoding);
    if (keep) {
      const key = `${version.version}${base.slice(base.indexOf('\n'))}`;
      lru.set(key + 'identity', identity);
      if (v !== identity) lru.set(key + encoding, v);
    }
    replace(c, answer(c, v));
  };
}
