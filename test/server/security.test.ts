// Response headers, limits and failure modes seen by a hostile or unlucky client: CSP and
// companions on every kind of response, no inline script, no stack trace, request body,
// URL and export size limits, and path traversal on static files over real HTTP.
import http from 'node:http';
import { Hono } from 'hono';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { MAX_EXPORT_ROWS, sendCsv, sendJsonList, type Column } from '../../server/lib/export.ts';
import { listRoute } from '../../server/lib/list-route.ts';
import { listen } from '../../server/listen.ts';
import { seededDatabase } from '../helpers/seed.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

/** One path of each kind: pages, fragment, CSV, JSON, static, redirect, 404, 400. */
const SAMPLES = [
  '/',
  '/deputes',
  '/deputes/PA1',
  '/deputes.csv',
  '/deputes.json',
  '/groupes',
  '/scrutins',
  '/donnees',
  '/methodologie',
  '/static/style.css',
  '/static/htmx.min.js',
  '/nulle-part',
  '/deputes?age_min=abc',
];

function cspDirectives(res: Response): Map<string, string> {
  const csp = res.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

describe('response headers', () => {
  it.each(SAMPLES)(
    '%s carries the CSP, nosniff, a referrer policy and frame protection',
    async (path) => {
      const res = await app.request(path);
      const csp = cspDirectives(res);
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('script-src-attr')).toBe("'none'");
      expect(csp.get('style-src-elem')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'self'");
      expect(csp.get('form-action')).toBe("'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-powered-by')).toBeNull();
    },
  );

  it('serves pages without inline script or event handler attributes', async () => {
    for (const path of ['/', '/deputes', '/deputes/PA1', '/groupes', '/scrutins', '/donnees']) {
      const page = await (await app.request(path)).text();
      const scripts = [...page.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toMatch(/\ssrc="\/static\/[\w.-]+\.js"/);
      expect(page, path).not.toMatch(/<style\b/i);
      expect(page, path).not.toMatch(/\son[a-z]+=/i);
      expect(page, path).not.toMatch(/(href|src|action)="\s*javascript:/i);
      // htmx's own indicator <style> stays off: the CSP would refuse it.
      expect(page, path).toMatch(/includeIndicatorStyles(&quot;|"):false/);
    }
  });
});

describe('errors', () => {
  it('shows no stack trace, SQL or file path when a handler fails', async () => {
    const broken = await seededDatabase();
    const failing = createApp({ db: broken.db, config: { legislature: 17 } });
    await broken.close(); // every query now throws
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (const path of ['/deputes', '/deputes.csv', '/deputes.json', '/deputes/PA1']) {
        const res = await failing.request(path);
        expect(res.status, path).toBe(500);
        const body = await res.text();
        expect(body, path).toContain('Une erreur interne est survenue');
        expect(body, path).not.toMatch(
          /\bat .+:\d+:\d+|Error:|sqlite|select |node_modules|\/work\//i,
        );
      }
    } finally {
      console.error = original;
    }
    // The details go to the server's log instead.
    expect(errors.length).toBe(4);
  });
});

describe('limits', () => {
  it('refuses a URL longer than 4096 characters with a 414', async () => {
    const res = await app.request(`/deputes?nom=${'a'.repeat(4100)}`);
    expect(res.status).toBe(414);
    expect(await res.text()).toContain('Adresse trop longue');
    expect((await app.request(`/deputes?nom=${'a'.repeat(150)}`)).status).toBe(200);
  });

  it('refuses a request body over 16 KiB with a 413, before any route', async () => {
    const big = await app.request('/deputes', { method: 'POST', body: 'x'.repeat(17 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('Requête trop volumineuse');
    const small = await app.request('/deputes', { method: 'POST', body: 'x' });
    expect(small.status).toBe(404);
  });

  it(`refuses an export of more than ${MAX_EXPORT_ROWS} rows instead of cutting it`, async () => {
    const columns: Column<number>[] = [{ name: 'n', description: 'n', value: (n) => n }];
    const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
    const exports = new Hono();
    exports.get('/x.csv', (c) => sendCsv(c, 'x', columns, rows(Number(c.req.query('n')))));
    exports.get('/x.json', (c) => {
      const r = rows(Number(c.req.query('n')));
      return sendJsonList(c, columns, r, r.length, {
        source: '',
        licence: '',
        page: 1,
        per_page: null,
      });
    });
    exports.onError((e, c) => c.text(e.message, (e as { status?: 413 }).status ?? 500));
    for (const ext of ['csv', 'json']) {
      expect((await exports.request(`/x.${ext}?n=${MAX_EXPORT_ROWS}`)).status).toBe(200);
      const over = await exports.request(`/x.${ext}?n=${MAX_EXPORT_ROWS + 1}`);
      expect(over.status).toBe(413);
      expect(await over.text()).toContain('per_page');
    }
  });

  it('refuses a whole list export past the limit without loading every row', async () => {
    const total = MAX_EXPORT_ROWS * 3;
    const asked: (number | null)[] = [];
    const list = new Hono<any>();
    listRoute(list, {
      path: '/x',
      query: z.object({}),
      columns: [{ name: 'n', description: 'n', value: (n: number) => n }],
      meta: () => ({ source: '', licence: '' }),
      csvName: 'x',
      perPage: null,
      // A loader honouring its limit, as the db/queries list functions do.
      load: async (_c, { limit, offset }) => {
        asked.push(limit);
        const n = Math.min(limit ?? total, total - offset);
        return { total, rows: Array.from({ length: n }, (_, i) => offset + i) };
      },
    });
    list.onError((e, c) => c.text(e.message, (e as { status?: 413 }).status ?? 500));
    for (const ext of ['csv', 'json']) {
      const res = await list.request(`/x.${ext}`);
      expect(res.status).toBe(413);
      expect(await res.text()).toContain(`${total} lignes`);
    }
    expect(asked).toEqual([MAX_EXPORT_ROWS + 1, MAX_EXPORT_ROWS + 1]);
  });

  it('bounds per_page on paged lists', async () => {
    expect((await app.request('/deputes.json?per_page=1000')).status).toBe(200);
    expect((await app.request('/deputes.json?per_page=1001')).status).toBe(400);
    expect((await app.request('/scrutins.json?per_page=100000')).status).toBe(400);
    expect((await app.request('/declarations/items.json?per_page=100000')).status).toBe(400);
  });
});

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  it.each([
    '/static/../package.json',
    '/static/..%2fpackage.json',
    '/static/%2e%2e%2fpackage.json',
    '/static/%2e%2e/%2e%2e/package.json',
    '/static/..%5cpackage.json',
    '/static/..\\package.json',
    '/static/%2e%2e%5c%2e%2e%5cpackage.json',
    '/static/....//package.json',
    '/static/style.css%00.json',
    '/static/%252e%252e%252fpackage.json',
    '/static/../../../../etc/passwd',
    '/static/',
    '/static/views',
  ])('%s reveals nothing', async (path) => {
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const res = await rawGet(server.url, path);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('"dependencies"');
      expect(res.body).not.toContain('root:');
    } finally {
      await server.close();
    }
  });

  it('serves the listed assets only', async () => {
    const server = await listen(app, 0, '127.0.0.1');
    try {
      expect((await rawGet(server.url, '/static/style.css')).status).toBe(200);
      expect((await rawGet(server.url, '/static/htmx.min.js')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
