import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { createTracker, listReviewItems } from '../../../db/queries/suivi.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { deputySite } from '../../helpers/deputy-site.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';

let server: TestServer;
let temp: TempDatabase;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  temp = await tempDatabase();
});
afterEach(() => temp.cleanup());

const PAGE = 'https://www.alice-dupre.fr/accueil';
const MIRROR_PATH = '/www.alice-dupre.fr/accueil';

async function crawl(
  env: Record<string, string> = { SOURCES_MIRROR: server.url },
): Promise<SourceSummary> {
  const config = loadConfig({ DATABASE_PATH: temp.file, ...env });
  const [summary] = await runCrawl(temp.db, config, {
    only: ['trackers'],
    download: { maxRetries: 0 },
  });
  return summary!;
}

/** Makes every tracker due again, as if its interval had passed. */
const makeDue = () => temp.db.updateTable('tracker').set({ checked_at: null }).execute();

async function tracker(noise: string[], url = PAGE) {
  return createTracker(
    temp.db,
    {
      label: 'Site de Alice Dupré',
      url,
      selector: '#contenu',
      intervalMinutes: 60,
      acteurUid: null,
      active: true,
      noise,
    },
    new Date().toISOString(),
  );
}

const count = async (table: 'tracker_snapshot' | 'review_item') =>
  Number(
    (
      await temp.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('trackers crawl over loopback', () => {
  it('ignores a counter and a date covered by noise patterns, flags a real change with its diff', async () => {
    await tracker(['Visiteurs : \\d+', 'Nous sommes le [^.]+']);
    const news = ['Secrétaire nationale du Parti A', 'Conseillère régionale'];

    server.page(MIRROR_PATH, deputySite({ visitors: 1041, date: '3 mars 2026', news }));
    const first = await crawl();
    expect(first).toMatchObject({ status: 'ok', fetched: 1, added: 1, failed: 0 });
    expect(await count('tracker_snapshot')).toBe(1);

    // Only the counter, the date and the session token (outside the selector) change.
    server.page(
      MIRROR_PATH,
      deputySite({ visitors: 1187, date: '4 mars 2026', news, token: 'zz999' }),
    );
    await makeDue();
    const noise = await crawl();
    expect(noise).toMatchObject({ status: 'unchanged', fetched: 1, unchanged: 1, changed: 0 });
    expect(await count('review_item')).toBe(0);
    // The new text is still kept as a snapshot: it is the reference from now on.
    expect(await count('tracker_snapshot')).toBe(2);

    // A real change in the watched part, together with more noise.
    server.page(
      MIRROR_PATH,
      deputySite({
        visitors: 1302,
        date: '5 mars 2026',
        news: ['Trésorière du Parti A', 'Conseillère régionale'],
      }),
    );
    await makeDue();
    const real = await crawl();
    expect(real).toMatchObject({ status: 'ok', changed: 1 });
    const items = await listReviewItems(temp.db, 'pending');
    expect(items).toHaveLength(1);
    expect(items[0]!.diff).toBe(
      [
        '  Alice Dupré, députée',
        '  Bienvenue sur mon site. ….',
        '- Secrétaire nationale du Parti A',
        '+ Trésorière du Parti A',
        '  Conseillère régionale',
        '  …',
      ].join('\n'),
    );
    expect(items[0]!.old_text).toContain('Secrétaire nationale du Parti A');
    expect(items[0]!.new_text).toContain('Trésorière du Parti A');
  });

  it('flags the counter when no noise pattern covers it', async () => {
    await tracker([]);
    const news = ['Conseillère régionale'];
    server.page(MIRROR_PATH, deputySite({ visitors: 1, date: '3 mars 2026', news }));
    await crawl();
    server.page(MIRROR_PATH, deputySite({ visitors: 2, date: '3 mars 2026', news }));
    await makeDue();
    await crawl();
    const [item] = await listReviewItems(temp.db, 'pending');
    expect(item!.diff).toBe(
      [
        '  Bienvenue sur mon site. Nous sommes le 3 mars 2026.',
        '  Conseillère régionale',
        '- Visiteurs : 1',
        '+ Visiteurs : 2',
      ].join('\n'),
    );
  });

  it('fetches a page only when its interval has passed', async () => {
    await tracker([]);
    server.page(MIRROR_PATH, deputySite({ visitors: 1, date: '3 mars 2026', news: [] }));
    const pageRequests = () => server.requests.filter((r) => r.path === MIRROR_PATH).length;
    const before = pageRequests();
    await crawl();
    const second = await crawl();
    expect(pageRequests() - before).toBe(1);
    expect(second).toMatchObject({ fetched: 0, failed: 0 });
  });

  it('respects robots.txt', async () => {
    await tracker([]);
    server.page('/robots.txt', 'User-agent: *\nDisallow: /www.alice-dupre.fr/');
    try {
      server.page(MIRROR_PATH, deputySite({ visitors: 1, date: '3 mars 2026', news: [] }));
      const before = server.requests.filter((r) => r.path === MIRROR_PATH).length;
      const summary = await crawl();
      expect(summary).toMatchObject({ status: 'partial', failed: 1 });
      expect(summary.error).toContain('page interdite par robots.txt');
      expect(server.requests.filter((r) => r.path === MIRROR_PATH).length).toBe(before);
    } finally {
      server.fail('/robots.txt', 404);
    }
  });

  it('reports an HTTP error or a selector that finds nothing without touching the snapshots', async () => {
    const id = await tracker([]);
    server.answer(MIRROR_PATH, {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: 'erreur',
    });
    const failed = await crawl();
    expect(failed).toMatchObject({ status: 'partial', failed: 1 });
    expect(failed.error).toContain(PAGE);
    expect(await count('tracker_snapshot')).toBe(0);
    // A failed page waits its interval like the others, rather than being asked for at every run.
    expect(await crawl()).toMatchObject({ fetched: 0 });

    server.page(MIRROR_PATH, '<html><body><p>Page refaite</p></body></html>');
    await makeDue();
    const noSelector = await crawl();
    expect(noSelector.error).toContain('le sélecteur « #contenu » ne trouve rien');
    const row = await temp.db
      .selectFrom('tracker')
      .select('last_error')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_error).toContain('#contenu');
    expect(await count('tracker_snapshot')).toBe(0);
  });

  it('compares a page of letters under the pattern (a+)+$ in well under a second', async () => {
    await tracker(['(a+)+$']);
    // n letters: about 2^n steps for a backtracking engine (seconds at 26), a few per letter for RE2.
    const letters = (n: number) =>
      `<html><body><main id="contenu"><p>Bonjour</p><p>${'a'.repeat(n)}!</p></main></body></html>`;
    server.page(MIRROR_PATH, letters(26));
    await crawl();
    server.page(MIRROR_PATH, letters(27));
    await makeDue();
    const started = performance.now();
    const summary = await crawl();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(summary).toMatchObject({ status: 'ok', failed: 0, changed: 1 });
  }, 5000);

  it('fails a tracker whose stored noise pattern RE2 cannot run, naming the pattern, and keeps its snapshots', async () => {
    const id = await tracker([]);
    // A pattern stored before patterns were checked by RE2 at entry.
    await temp.db
      .insertInto('tracker_noise')
      .values({
        tracker_id: id,
        pattern: '(?=Visiteurs)\\w+',
        review_item_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    server.page(MIRROR_PATH, deputySite({ visitors: 1, date: '3 mars 2026', news: [] }));
    await crawl();
    server.page(MIRROR_PATH, deputySite({ visitors: 2, date: '3 mars 2026', news: [] }));
    await makeDue();
    const summary = await crawl();
    expect(summary).toMatchObject({ status: 'partial', failed: 1 });
    expect(summary.error).toContain(PAGE);
    expect(summary.error).toMatch(/motif de bruit : expression régulière .*non prise en charge/);
    expect(await count('tracker_snapshot')).toBe(1);
    expect(await count('review_item')).toBe(0);
  });

  it('follows a redirect within the mirror but refuses one to a loopback address, naming it, without requesting it', async () => {
    const inside = await startTestServer();
    try {
      await tracker([]);
      server.answer(MIRROR_PATH, {
        status: 301,
        headers: { location: '/www.alice-dupre.fr/nouvelle' },
      });
      server.page(
        '/www.alice-dupre.fr/nouvelle',
        deputySite({ visitors: 1, date: '3 mars', news: [] }),
      );
      expect(await crawl()).toMatchObject({ status: 'ok', added: 1, failed: 0 });

      const target = `${inside.url}/latest/meta-data`;
      server.answer(MIRROR_PATH, { status: 302, headers: { location: target } });
      inside.page('/latest/meta-data', deputySite({ visitors: 2, date: '3 mars', news: ['x'] }));
      await makeDue();
      const summary = await crawl();
      expect(summary).toMatchObject({ status: 'partial', failed: 1, changed: 0 });
      expect(summary.error).toContain(`${PAGE}: redirection vers ${target} refusée`);
      expect(summary.error).toContain('adresse de bouclage');
      expect(inside.requests).toEqual([]);
      expect(await count('tracker_snapshot')).toBe(1);
    } finally {
      await inside.close();
    }
  });

  it('refuses a tracker URL on a loopback address unless TRACKERS_ALLOW_PRIVATE is set', async () => {
    const url = `${server.url}/intranet`;
    await tracker([], url);
    server.page('/intranet', deputySite({ visitors: 1, date: '3 mars', news: [] }));
    const refused = await crawl({});
    expect(refused).toMatchObject({ status: 'partial', failed: 1 });
    expect(refused.error).toContain(
      `${url}: adresse refusée : 127.0.0.1 est une adresse de bouclage`,
    );
    expect(server.count('/intranet')).toBe(0);

    await makeDue();
    expect(await crawl({ TRACKERS_ALLOW_PRIVATE: 'oui' })).toMatchObject({
      status: 'ok',
      added: 1,
    });
    expect(server.count('/intranet')).toBe(1);
  });
});
