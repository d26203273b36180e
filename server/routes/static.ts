import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compressBody, negotiateEncoding, type Encoding } from '../lib/compression.ts';
import { notModified } from '../lib/http-cache.ts';

const require = createRequire(import.meta.url);

/** Fixed list of static assets, read once: no path from the request ever reaches the disk. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'htmx.min.js': {
    file: require.resolve('htmx.org/dist/htmx.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'locate.js': {
    file: fileURLToPath(new URL('../../views/static/locate.js', import.meta.url)),
    type: 'text/javascript; charset=utf-8',
  },
  'style.css': {
    file: fileURLToPath(new URL('../../views/static/style.css', import.meta.url)),
    type: 'text/css; charset=utf-8',
  },
};

interface Asset {
  type: string;
  /** The file in each coding, compressed once with the smallest settings. */
  bodies: Record<Encoding, Uint8Array>;
  /** Strong validator of the file's bytes (suffixed per coding). */
  hash: string;
  modified: number;
}

let loading: Promise<Map<string, Asset>> | null = null;

/** Reads and precompresses every asset once per process (shared by every app built). */
function loadAssets(): Promise<Map<string, Asset>> {
  loading ??= (async () => {
    const modified = Math.floor(Date.now() / 1000);
    const entries = await Promise.all(
      Object.entries(ASSETS).map(async ([name, a]): Promise<[string, Asset]> => {
        const body = readFileSync(a.file);
        const [br, gzip] = await Promise.all([
          compressBody(body, 'br', true),
          compressBody(body, 'gzip', true),
        ]);
        const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
        return [name, { type: a.type, bodies: { identity: body, br, gzip }, hash, modified }];
      }),
    );
    return new Map(entries);
  })();
  return loading;
}

export function staticRoutes() {
  const app = new Hono();
  const assets = loadAssets();
  app.get('/static/:name', async (c) => {
    const asset = (await assets).get(c.req.param('name'));
    if (!asset) return c.notFound();
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const etag = `"${asset.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const headers: Record<string, string> = {
      'cache-control': 'public, max-age=3600',
      etag,
      'last-modified': new Date(asset.modified * 1000).toUTCString(),
      vary: 'Accept-Encoding',
    };
    if (notModified(c, etag, asset.modified)) return c.body(null, 304, headers);
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    return c.body(asset.bodies[encoding] as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'content-type': asset.type,
    });
  });
  return app;
}
