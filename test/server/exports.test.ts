// The bulk dump /exports/votes.csv over real loopback HTTP: at most EXPORT_MAX_PER_CLIENT
// downloads per client at once (a slot freed when a download ends or its client goes away),
// and, over the real data crawled by the real crawlers, a site that keeps answering while
// the dump downloads.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { createApp } from '../../server/app.tsx';
import { listen } from '../../server/listen.ts';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { SCRUTINS_MIRROR_PATH } from '../helpers/scrutin-json.ts';

/**
 * 400 scrutins of 577 votes each (about 14 MB of CSV): far more than the loopback socket
 * buffers hold, so a download whose client stops reading stays in progress.
 */
async function seedManyVotes(db: DB): Promise<void> {
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < 400)
    insert into scrutin (uid, number, legislature, date, type_code, result_code, title,
      title_key, for_count, against_count, abstention_count, non_voting_count, listed_for,
      listed_against, listed_abstention, listed_non_voting, rebels, content_hash)
    select 'VTANR5L17V' || i, i, 17, '2025-01-01', 'SPO', 'adopté', 'Scrutin ' || i,
      'scrutin ' || i, 577, 0, 0, 0, 577, 0, 0, 0, 0, '' from n`.execute(db);
  await sql`
    with recursive d(j) as (select 1 union all select j + 1 from d where j < 577)
    insert into vote (scrutin_uid, acteur_uid, group_uid, position, delegation, rebel)
    select s.uid, 'PA' || j, 'PO1', 'pour', 0, 0 from scrutin s, d`.execute(db);
}

interface Download {
  status: number;
  headers: http.IncomingHttpHeaders;
  response: http.IncomingMessage;
  request: http.ClientRequest;
}

/** Starts a download and resolves at its status line, without reading the body. */
function startDownload(url: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) =>
      resolve({ status: response.statusCode!, headers: response.headers, response, request }),
    );
    request.on('error', reject);
  });
}

/** Reads a started download to its end; resolves with its number of lines. */
function finish(download: Download): Promise<number> {
  let lines = 0;
  download.response.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 0x0a) lines++;
  });
  return new Promise((resolve) => download.response.on('end', () => resolve(lines)));
}

describe('/exports/votes.csv: downloads per client', () => {
  let tmp: TempDatabase;
  let server: { url: string; close: () => Promise<void> };
  const open: Download[] = [];
  const dump = () => `${server.url}/exports/votes.csv`;

  beforeEach(async () => {
    tmp = await tempDatabase();
    await seedManyVotes(tmp.db);
    server = await listen(
      createApp({ db: tmp.db, config: { legislature: 17, exportMaxPerClient: 2 } }),
      0,
      '127.0.0.1',
    );
  });

  afterEach(async () => {
    for (const d of open.splice(0)) d.request.destroy();
    await server.close();
    await tmp.cleanup();
  });

  const download = async () => {
    const d = await startDownload(dump());
    open.push(d);
    return d;
  };

  it('refuses a third download at once with a 429 and Retry-After, and frees a slot when a download ends', async () => {
    const first = await download();
    const second = await download();
    expect([first.status, second.status]).toEqual([200, 200]);

    const third = await fetch(dump());
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.text()).toContain('au plus 2 à la fois');
    // Other pages are not limited.
    expect((await fetch(`${server.url}/`)).status).toBe(200);

    // The first download, read at last, is complete (a header and every vote).
    expect(await finish(first)).toBe(1 + 400 * 577);
    const next = await download();
    expect(next.status).toBe(200);
    expect((await fetch(dump())).status).toBe(429);
  });

  it('answers HEAD requests without holding a slot', async () => {
    for (let i = 0; i < 3; i++) {
      const head = await fetch(dump(), { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/^text\/csv/);
    }
    // The two slots are still free, and the third download is refused.
    expect([(await download()).status, (await download()).status]).toEqual([200, 200]);
    expect((await fetch(dump())).status).toBe(429);
  });

  it('frees the slot of a client that goes away in the middle of a download', async () => {
    const first = await download();
    const second = await download();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await fetch(dump())).status).toBe(429);

    first.request.destroy();
    // The server learns of the closed socket asynchronously: ask again for a few seconds.
    let status = 429;
    for (let i = 0; i < 50 && status === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const retry = await download();
      status = retry.status;
    }
    expect(status).toBe(200);
  });
});

// --- Real data: the site answers while the dump downloads -------------------------------------

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const realData =
  existsSync(path.join(MIRROR, AMO40_MIRROR_PATH)) &&
  existsSync(path.join(MIRROR, SCRUTINS_MIRROR_PATH));
if (!realData) {
  console.warn(
    `\n[exports-real] Real-data suite SKIPPED: ${existsSync(SHARED_FIXTURES) ? path.join(MIRROR, SCRUTINS_MIRROR_PATH) : SHARED_FIXTURES} ` +
      `not found (the real open-data fixtures are expected in ../shared/fixtures, next to the project).\n`,
  );
}

describe.skipIf(!realData)('/exports/votes.csv on the real data', () => {
  let mirror: StaticServer;
  let tmp: TempDatabase;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    mirror = await serveFolder(MIRROR);
    tmp = await tempDatabase();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: mirror.url });
    const summaries = await runCrawl(tmp.db, config, { only: ['an', 'votes'] });
    expect(summaries.map((s) => s.status)).toEqual(['ok', 'ok']);
    server = await listen(createApp({ db: tmp.db, config }), 0, '127.0.0.1');
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
    await mirror?.close();
  });

  it('answers / in under 200 ms while the dump downloads, and the dump holds every vote', async () => {
    const home = async () => {
      const start = performance.now();
      const res = await fetch(`${server.url}/`);
      await res.text();
      expect(res.status).toBe(200);
      return performance.now() - start;
    };
    await home(); // warm-up: the first request pays for compiling the page's queries

    let done = false;
    let lines = 0;
    const downloaded = (async () => {
      const res = await fetch(`${server.url}/exports/votes.csv`);
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        for (const byte of r.value) if (byte === 0x0a) lines++;
      }
      done = true;
    })();

    const during: number[] = [];
    while (!done) {
      const t = await home();
      if (!done) during.push(t);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await downloaded;

    const { n } = await tmp.db
      .selectFrom('vote')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(lines - 1).toBe(Number(n));
    const sorted = [...during].sort((a, b) => a - b);
    console.info(
      `[exports-real] ${lines - 1} votes; / during the dump: ${during.length} requests, median ${sorted[sorted.length >> 1]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`,
    );
    expect(during.length).toBeGreaterThanOrEqual(5);
    // The median, so that one pause of a busy machine does not decide the result.
    expect(sorted[sorted.length >> 1]).toBeLessThan(200);
  }, 120_000);
});
