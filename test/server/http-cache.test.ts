// The page cache and compression: ETags that follow the data version (bumped by the real `an`
// crawl over loopback HTTP), 304s, compressed answers that decompress to the uncompressed
// ones, no answer ever served for another request, admin pages never kept, hostile headers.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { bumpDataVersion, readDataVersion } from '../../db/state/data-version.ts';
import { createApp } from '../../server/app.tsx';
import { negotiateEncoding } from '../../server/lib/compression.ts';
import { CACHE_CONTROL, pageCache } from '../../server/lib/http-cache.ts';
import { AMO40_MIRROR_PATH, amo40Zip, editedActeur } from '../helpers/an-zip.ts';
import { crawlAn } from '../helpers/crawl.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { votesDatabase } from '../helpers/seed-votes.ts';

const decode = (body: ArrayBuffer, encoding: string | null) => {
  const bytes = Buffer.from(body);
  if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  expect(encoding).toBeNull();
  return bytes.toString('utf8');
};

describe('pages over the data crawled', () => {
  let tmp: TempDatabase;
  let server: TestServer;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    tmp = await tempDatabase();
    server = await startTestServer();
    server.serve(AMO40_MIRROR_PATH, amo40Zip());
    const first = await crawlAn(tmp.db, tmp.file, server.url);
    if (first.status !== 'ok') throw new Error(`first crawl: ${first.error}`);
    app = createApp({ db: tmp.db, config: { legislature: 17 } });
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  const etagOf = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    await res.arrayBuffer();
    return res.headers.get('etag');
  };

  it('keeps the ETag over an unchanged re-crawl and changes it when a crawl commits new data', async () => {
    const paths = ['/deputes/PA900002', '/deputes', '/deputes.csv'];
    const before = await Promise.all(paths.map(etagOf));
    for (const tag of before) expect(tag).toMatch(/^"\d+-[\w-]{22}"$/);
    expect(new Set(before).size).toBe(paths.length);

    const unchanged = await crawlAn(tmp.db, tmp.file, server.url);
    expect(unchanged.status).toBe('unchanged');
    expect(await Promise.all(paths.map(etagOf))).toEqual(before);

    server.serve(
      AMO40_MIRROR_PATH,
      amo40Zip({
        'acteur/PA900002.json': editedActeur('PA900002', (a) => {
          (a.etatCivil as { ident: { nom: string } }).ident.nom = 'Martinez';
        }),
      }),
    );
    const changed = await crawlAn(tmp.db, tmp.file, server.url);
    expect(changed).toMatchObject({ status: 'ok', changed: 1 });
    const after = await Promise.all(paths.map(etagOf));
    for (let i = 0; i < paths.length; i++) expect(after[i], paths[i]).not.toBe(before[i]);
    expect(await (await app.request('/deputes/PA900002')).text()).toContain('Martinez');
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with the validators', async () => {
    const first = await app.request('/deputes/PA900002');
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    expect(first.headers.get('cache-control')).toBe(CACHE_CONTROL);
    expect(first.headers.get('vary')).toBe('Accept-Encoding, HX-Request');
    expect(Date.parse(modified)).toBeLessThanOrEqual(Date.now());

    for (const headers of [
      { 'if-none-match': etag } as Record<string, string>,
      { 'if-none-match': `"other", W/${etag}` },
      { 'if-modified-since': modified },
    ]) {
      const res = await app.request('/deputes/PA900002', { headers });
      expect(res.status, JSON.stringify(headers)).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
    }
    // An ETag that does not match wins over a date that would.
    const stale = await app.request('/deputes/PA900002', {
      headers: { 'if-none-match': '"1-old"', 'if-modified-since': modified },
    });
    expect(stale.status).toBe(200);
    const older = new Date(Date.parse(modified) - 1000).toUTCString();
    expect(
      (await app.request('/deputes/PA900002', { headers: { 'if-modified-since': older } })).status,
    ).toBe(200);
  });

  it('never answers a request with the body of another one', async () => {
    // The same app without a cache renders each request afresh: the reference.
    const fresh = createApp({ db: tmp.db, config: { legislature: 17, pageCacheBytes: 0 } });
    const paths = [
      '/deputes',
      '/deputes?sexe=F',
      '/deputes?sexe=H',
      '/deputes?sexe=F&tri=age',
      '/deputes.csv',
      '/deputes.csv?sexe=F',
      '/deputes.json?sexe=F',
      '/deputes/PA900001',
      '/deputes/PA900003',
    ];
    const variants: Record<string, string>[] = [
      {},
      { 'hx-request': 'true' },
      { 'accept-encoding': 'gzip' },
      { 'accept-encoding': 'br' },
      { 'accept-encoding': 'gzip, br;q=0.5', 'hx-request': 'true' },
      { 'accept-encoding': 'identity' },
    ];
    const withoutDate = (text: string) => text.replace(/"generated_at":"[^"]+"/, '');
    // Twice through: the first pass fills the cache, the second reads it back.
    for (let pass = 0; pass < 2; pass++) {
      for (const path of paths) {
        for (const headers of variants) {
          const label = `${path} ${JSON.stringify(headers)}`;
          const res = await app.request(path, { headers });
          expect(res.status, label).toBe(200);
          const body = decode(await res.arrayBuffer(), res.headers.get('content-encoding'));
          const reference = await fresh.request(path, {
            headers: { ...headers, 'accept-encoding': '' },
          });
          expect(reference.headers.get('content-encoding')).toBeNull();
          expect(withoutDate(body), label).toBe(withoutDate(await reference.text()));
          expect(res.headers.get('content-type'), label).toBe(
            reference.headers.get('content-type'),
          );
          const wanted = negotiateEncoding(headers['accept-encoding']);
          if (wanted !== 'identity' && body.length >= 1024)
            expect(res.headers.get('content-encoding'), label).toBe(wanted);
        }
      }
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await app.request('/deputes?sexe=F', { headers: { 'accept-encoding': 'gzip' } });
    await get.arrayBuffer();
    const head = await app.request('/deputes?sexe=F', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const name of ['etag', 'last-modified', 'content-encoding', 'content-type', 'vary'])
      expect(head.headers.get(name), name).toBe(get.headers.get(name));
  });

  it('never keeps admin pages, error pages or answers that set a cookie', async () => {
    const admin = createApp({ db: tmp.db, config: { legislature: 17, adminToken: 'secret' } });
    for (const path of ['/suivi', '/suivi/connexion', '/deputes/PA404', '/deputes?page=abc']) {
      const res = await admin.request(path);
      await res.arrayBuffer();
      expect(res.headers.get('etag'), path).toBeNull();
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('public');
    }
  });

  it('answers hostile Accept-Encoding, If-None-Match and If-Modified-Since without an error', async () => {
    const hostile: Record<string, string>[] = [
      { 'accept-encoding': 'br;q=abc, gzip;q=-1, *;q=2' },
      { 'accept-encoding': `${'x,'.repeat(5000)}gzip` },
      { 'accept-encoding': ';;;,,,q=;' },
      { 'accept-encoding': '*;q=0.001, identity;q=0' },
      { 'if-none-match': '"'.repeat(10000) },
      { 'if-none-match': 'W/, ,,,*' },
      { 'if-none-match': '\u00e9t\u00e9' },
      { 'if-modified-since': 'le 3 mars' },
      { 'if-modified-since': 'Thu, 01 Jan 275760 00:00:00 GMT' },
      { 'if-modified-since': '9'.repeat(5000) },
    ];
    for (const headers of hostile) {
      for (const path of ['/deputes', '/static/style.css', '/exports/votes.csv']) {
        const res = await app.request(path, { headers });
        await res.arrayBuffer();
        expect([200, 304], `${path} ${JSON.stringify(headers).slice(0, 80)}`).toContain(res.status);
      }
    }
  });

  it('serves static files precompressed, with their own validators', async () => {
    const plain = await app.request('/static/style.css');
    const css = await plain.text();
    for (const encoding of ['gzip', 'br']) {
      const res = await app.request('/static/style.css', {
        headers: { 'accept-encoding': encoding },
      });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(decode(await res.arrayBuffer(), encoding)).toBe(css);
      const etag = res.headers.get('etag')!;
      expect(etag).not.toBe(plain.headers.get('etag'));
      const again = await app.request('/static/style.css', {
        headers: { 'accept-encoding': encoding, 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    }
  });
});

describe('bulk dumps', () => {
  let db: DB;
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ({ db, close } = await votesDatabase());
    app = createApp({ db, config: { legislature: 17, exportMaxPerClient: 10 } });
  });
  afterAll(() => close());

  it('streams /exports/votes.csv compressed, decompressing to exactly the uncompressed dump', async () => {
    const plain = await app.request('/exports/votes.csv');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const csv = await plain.text();
    // The seeded votes and the header: one line each.
    const votes = Number(
      (
        await db
          .selectFrom('vote')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(csv.trimEnd().split('\r\n')).toHaveLength(votes + 1);
    for (const encoding of ['gzip', 'br']) {
      const res = await app.request('/exports/votes.csv', {
        headers: { 'accept-encoding': encoding },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(decode(await res.arrayBuffer(), encoding)).toBe(csv);
    }
  });

  it('gives the dump validators from the data version alone, and 304 until it changes', async () => {
    const first = await app.request('/exports/votes.csv', {
      headers: { 'accept-encoding': 'gzip' },
    });
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    const { version } = await readDataVersion(db);
    expect(etag).toBe(`"${version}-dump-gzip"`);
    const headers = { 'accept-encoding': 'gzip', 'if-none-match': etag };
    expect((await app.request('/exports/votes.csv', { headers })).status).toBe(304);
    // Another coding is another representation.
    expect(
      (await app.request('/exports/votes.csv', { headers: { 'if-none-match': etag } })).status,
    ).toBe(200);
    await db.transaction().execute((trx) => bumpDataVersion(trx));
    const after = await app.request('/exports/votes.csv', { headers });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toBe(`"${version + 1}-dump-gzip"`);
    await after.arrayBuffer();
  });
});

describe('a crawl committing while a page renders', () => {
  it('renders once more and keeps only the body of a version that held still', async () => {
    const tmp = await tempDatabase();
    try {
      let renders = 0;
      const app = new Hono();
      app.use(
        pageCache({
          db: tmp.db,
          maxBytes: 1024 * 1024,
          render: (request, env) => app.fetch(request, env),
        }),
      );
      app.get('/page', async (c) => {
        renders++;
        // The first rendering reads half, then a crawl commits, then it reads the rest.
        if (renders === 1) await tmp.db.transaction().execute((trx) => bumpDataVersion(trx));
        return c.text(`rendering ${renders}`);
      });
      const first = await app.request('/page');
      expect(await first.text()).toBe('rendering 2');
      const { version } = await readDataVersion(tmp.db);
      expect(first.headers.get('etag')).toMatch(new RegExp(`^"${version}-`));
      const second = await app.request('/page');
      expect(await second.text()).toBe('rendering 2');
      expect(renders).toBe(2);
    } finally {
      await tmp.cleanup();
    }
  });
});
