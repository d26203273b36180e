import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

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

export function staticRoutes() {
  const app = new Hono();
  const loaded = new Map(
    Object.entries(ASSETS).map(([name, a]) => [name, { body: readFileSync(a.file), type: a.type }]),
  );
  app.get('/static/:name', (c) => {
    const asset = loaded.get(c.req.param('name'));
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=3600',
    });
  });
  return app;
}
