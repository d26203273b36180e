// The HATVP crawl's change events over the hand-written index: a first crawl with two lines
// held back, then the full index: one new version of a known series, one new declaration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import { defaultChangeFilter, listChanges } from '../../db/queries/changements.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { hatvpFixture } from '../helpers/paths.ts';
import { INDEX_PATH, serveFixtures } from '../helpers/hatvp.ts';
import { seededDatabase } from '../helpers/seed.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';

const ALICE_DIAM = 'dupre-alice-diam90002-depute-33';
const MARTIN = 'martin-bernard-dia90003-depute-75';

describe('HATVP change events', () => {
  let db: DB;
  let close: () => Promise<void>;
  let server: TestServer;
  const crawl = async () => {
    const config = loadConfig({
      DATABASE_PATH: ':memory:',
      SOURCES_MIRROR: server.url,
      CRAWL_DELAY_MS: '0',
      CRAWL_BACKOFF_MS: '1',
    });
    const [summary] = await runCrawl(db, config, { only: ['hatvp'] });
    return summary!;
  };
  const eventsOf = (runId: number) =>
    db.selectFrom('change_event').selectAll().where('run_id', '=', runId).orderBy('id').execute();

  beforeAll(async () => {
    ({ db, close } = await seededDatabase());
    server = await startTestServer();
    serveFixtures(server);
  });
  afterAll(async () => {
    await server.close();
    await close();
  });

  it('records one initial import, then a new version and a new declaration', async () => {
    const full = hatvpFixture('liste.csv').toString('utf8');
    const held = full
      .split('\n')
      .filter((line) => !line.includes(`${ALICE_DIAM}.xml`) && !line.includes(`${MARTIN}.xml`))
      .join('\n');
    expect(held.split('\n').length).toBe(full.split('\n').length - 2);
    server.serve(INDEX_PATH, held);
    const first = await crawl();
    expect((await eventsOf(first.runId)).map((e) => [e.kind, e.entity_id])).toEqual([
      ['initial_import', 'hatvp'],
    ]);

    server.serve(INDEX_PATH, full);
    const second = await crawl();
    const events = await eventsOf(second.runId);
    expect(events.map((e) => [e.entity_type, e.entity_id, e.kind, e.new_value])).toEqual([
      ['declaration', ALICE_DIAM, 'new_declaration_version', 'DIAM'],
      ['declaration', MARTIN, 'new_declaration', 'DIA'],
    ]);
    expect(events[0]!.entity_label).toBe('Alice DUPRÉ (DIAM, depute)');
    expect(events.every((e) => e.source === 'hatvp' && e.source_url?.endsWith('/liste.csv'))).toBe(
      true,
    );

    // On the linked deputy's timeline (the deputy filter follows declarant links).
    const { acteur_uid } = await db
      .selectFrom('declarant')
      .select('acteur_uid')
      .where('key', '=', 'dupreaaaalice1')
      .executeTakeFirstOrThrow();
    expect(acteur_uid).toMatch(/^PA/);
    const timeline = await listChanges(
      db,
      { ...defaultChangeFilter, deputy: acteur_uid },
      { limit: null, offset: 0 },
    );
    expect(timeline.rows.map((r) => r.entity_id)).toEqual([ALICE_DIAM]);

    // Unchanged index: no event.
    const third = await crawl();
    expect(third.events).toBe(0);
  });
});
