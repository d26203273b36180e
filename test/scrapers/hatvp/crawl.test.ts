// The real HATVP crawl (Crawlee, HTTP, SQLite) against a loopback server serving the
// hand-written fixtures, with in-memory Crawlee storage and a fresh database per test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import type { DB } from '../../../db/database.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { seededDatabase } from '../../helpers/seed.ts';
import { hatvpFixture } from '../../helpers/paths.ts';
import { INDEX_PATH, ROBOTS_PATH, filePath, serveFixtures } from '../../helpers/hatvp.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';

let db: DB;
let close: () => Promise<void>;
let server: TestServer;

beforeEach(async () => {
  ({ db, close } = await seededDatabase());
  server = await startTestServer();
  serveFixtures(server);
});
afterEach(async () => {
  await server.close();
  await close();
});

async function crawl(env: Record<string, string> = {}): Promise<SourceSummary> {
  const config = loadConfig({
    DATABASE_PATH: ':memory:',
    SOURCES_MIRROR: server.url,
    CRAWL_DELAY_MS: '0',
    CRAWL_BACKOFF_MS: '1',
    CRAWL_CONCURRENCY: '2',
    CRAWL_USER_AGENT: 'tracker-test/1.0 (+https://example.org/tracker)',
    ...env,
  });
  const [summary] = await runCrawl(db, config, { only: ['hatvp'] });
  return summary!;
}

const ALICE_DIA = 'dupre-alice-dia90001-depute-33';
const ALICE_DIAM = 'dupre-alice-diam90002-depute-33';
const ALICE_COMMUNE = 'dupre-alice-di90000-commune-bordeaux';
const MARTIN = 'martin-bernard-dia90003-depute-75';
const LEFEVRE = 'lefevre-eric-dia90004-depute-2a';
const NOEL = 'noel-fanny-dia90005-depute-33';
const SENAT = 'senat-jean-dia90006-senateur-13';

const statuses = async () =>
  Object.fromEntries(
    (await db.selectFrom('declaration').select(['id', 'xml_status']).execute()).map((r) => [
      r.id.startsWith('attente-') ? 'attente' : r.id,
      r.xml_status,
    ]),
  );

const itemCounts = async () =>
  Object.fromEntries(
    (
      await db
        .selectFrom('declaration_item')
        .select((eb) => ['declaration_id', eb.fn.countAll<number>().as('n')])
        .groupBy('declaration_id')
        .execute()
    ).map((r) => [r.declaration_id, Number(r.n)]),
  );

async function tableCounts() {
  const counts: Record<string, number> = {};
  for (const table of [
    'declaration',
    'declaration_item',
    'declaration_amount',
    'declarant',
    'deputy_interest',
    'declaration_problem',
  ] as const) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  return counts;
}

describe('first crawl', () => {
  it('keeps every index line, fetches every declaration of interests, records each failure', async () => {
    const summary = await crawl();
    expect(summary).toMatchObject({
      source: 'hatvp',
      // A malformed index line and an unreadable file: the rest is ingested, the crawl says so.
      status: 'partial',
      // The index and the 7 declarations of interests that have a file.
      fetched: 8,
      added: 9,
      changed: 0,
      removed: 0,
      // Lefèvre's unreadable file; files HATVP does not publish (404) are recorded, not failures.
      failed: 1,
    });
    expect(summary.error).toContain('liste.csv ligne 12: 17 champs au lieu de 16, ligne ignorée');
    expect(summary.error).toMatch(new RegExp(`${LEFEVRE}.xml: XML incomplet`));
    expect(summary.error).not.toContain('HTTP 404');
    expect(await statuses()).toEqual({
      [ALICE_COMMUNE]: 'missing',
      [ALICE_DIA]: 'ok',
      [ALICE_DIAM]: 'ok',
      'dupre-alice-dsp90007-depute-33': 'skipped',
      [MARTIN]: 'ok',
      [LEFEVRE]: 'invalid',
      [NOEL]: 'ok',
      attente: 'none',
      [SENAT]: 'missing',
    });
    // Counted by hand in the fixture files.
    expect(await itemCounts()).toEqual({
      [ALICE_DIA]: 10,
      [ALICE_DIAM]: 10,
      [MARTIN]: 2,
      [NOEL]: 1,
    });
    const problems = await db
      .selectFrom('declaration_problem')
      .select(['declaration_id', 'line', 'kind'])
      .orderBy('id')
      .execute();
    expect(
      problems.map((p) => `${p.declaration_id ?? `ligne ${p.line}`} ${p.kind}`).sort(),
    ).toEqual(
      [
        'ligne 12 ligne',
        `${ALICE_COMMUNE} absent`,
        `${SENAT} absent`,
        `${LEFEVRE} xml`,
        `${NOEL} champ`,
        `${NOEL} section`,
      ].sort(),
    );
  });

  it('stores amounts as numbers and keeps how they were written', async () => {
    await crawl();
    const amounts = await db
      .selectFrom('declaration_amount as m')
      .innerJoin('declaration_item as i', 'i.id', 'm.item_id')
      .select(['m.year', 'm.amount', 'm.text', 'i.amount_total', 'i.last_year', 'i.last_amount'])
      .where('i.declaration_id', '=', ALICE_DIA)
      .where('i.organisation', '=', 'Cabinet Dupré & Associés')
      .orderBy('m.position')
      .execute();
    expect(amounts.map((a) => [a.year, a.amount, a.text])).toEqual([
      [2019, 52300, '52 300'],
      [2020, 48100, '48\u00a0100'],
      [2021, 61250, '61\u202f250'],
      [2022, -1250, '-1 250'],
    ]);
    expect(amounts[0]).toMatchObject({ amount_total: 160400, last_year: 2022, last_amount: -1250 });
  });

  it('links deputies by id_origine, url_dossier, then name and département', async () => {
    await crawl();
    const declarants = await db
      .selectFrom('declarant')
      .select(['last_name', 'is_deputy', 'acteur_uid', 'link_method', 'unlinked_reason'])
      .orderBy('last_name')
      .execute();
    expect(declarants).toEqual([
      {
        last_name: 'DUPRÉ',
        is_deputy: 1,
        acteur_uid: 'PA1',
        link_method: 'id_origine',
        unlinked_reason: null,
      },
      {
        last_name: 'INCONNU',
        is_deputy: 1,
        acteur_uid: null,
        link_method: null,
        unlinked_reason:
          'identifiant AN 999999 absent du référentiel ; page HATVP inconnue du référentiel ; aucun député de ce nom',
      },
      {
        last_name: 'LEFÈVRE',
        is_deputy: 1,
        acteur_uid: 'PA3',
        link_method: 'nom_departement',
        unlinked_reason: null,
      },
      {
        last_name: 'MARTIN',
        is_deputy: 1,
        acteur_uid: 'PA2',
        link_method: 'url_dossier',
        unlinked_reason: null,
      },
      {
        last_name: 'NOËL',
        is_deputy: 1,
        acteur_uid: 'PA6',
        link_method: 'id_origine',
        unlinked_reason: null,
      },
      {
        last_name: 'SÉNAT',
        is_deputy: 0,
        acteur_uid: null,
        link_method: null,
        unlinked_reason: null,
      },
    ]);
  });

  // The declared activities are checked through the profession filter (route tests).
  it('makes the modifying declaration current, keeps every version, and sums up each deputy', async () => {
    await crawl();
    const versions = await db
      .selectFrom('declaration')
      .select(['id', 'current', 'superseded_by'])
      .where('id', 'in', [ALICE_DIA, ALICE_DIAM, ALICE_COMMUNE])
      .orderBy('id')
      .execute();
    expect(versions).toEqual([
      { id: ALICE_COMMUNE, current: 0, superseded_by: null },
      { id: ALICE_DIA, current: 0, superseded_by: ALICE_DIAM },
      { id: ALICE_DIAM, current: 1, superseded_by: null },
    ]);
    const interests = await db
      .selectFrom('deputy_interest')
      .select([
        'acteur_uid',
        'current_id',
        'declarations',
        'consultant',
        'participation',
        'participation_value',
      ])
      .orderBy('acteur_uid')
      .execute();
    expect(interests).toEqual([
      {
        acteur_uid: 'PA1',
        current_id: ALICE_DIAM,
        declarations: 4,
        consultant: 1,
        participation: 1,
        participation_value: 15000,
      },
      {
        acteur_uid: 'PA2',
        current_id: MARTIN,
        declarations: 1,
        consultant: 1,
        participation: 0,
        participation_value: null,
      },
      {
        acteur_uid: 'PA3',
        current_id: null,
        declarations: 1,
        consultant: 0,
        participation: 0,
        participation_value: null,
      },
      {
        acteur_uid: 'PA6',
        current_id: NOEL,
        declarations: 1,
        consultant: 0,
        participation: 0,
        participation_value: null,
      },
    ]);
  });

  it('asks robots.txt first, names itself, and never fetches a declaration of assets', async () => {
    await crawl();
    expect(server.requests[0]!.path).toBe(ROBOTS_PATH);
    for (const r of server.requests) {
      expect(r.headers['user-agent'], r.path).toBe(
        'tracker-test/1.0 (+https://example.org/tracker)',
      );
    }
    expect(server.count(INDEX_PATH)).toBe(1);
    expect(server.count(filePath('dupre-alice-dsp90007-depute-33.xml'))).toBe(0);
  });
});

describe('incremental crawls', () => {
  it('with nothing new, asks only robots.txt and the index (304) and changes nothing', async () => {
    await crawl();
    const before = await tableCounts();
    const items = await db.selectFrom('declaration_item').selectAll().orderBy('id').execute();
    const seen = server.requests.length;
    const summary = await crawl();
    expect(summary).toMatchObject({ status: 'unchanged', fetched: 1, unchanged: 1, failed: 0 });
    expect(server.requests.slice(seen).map((r) => r.path)).toEqual([ROBOTS_PATH, INDEX_PATH]);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBeTruthy();
    expect(await tableCounts()).toEqual(before);
    expect(await db.selectFrom('declaration_item').selectAll().orderBy('id').execute()).toEqual(
      items,
    );
  });

  it('fetches again only the file whose index line changed', async () => {
    await crawl();
    const seen = server.requests.length;
    const index = hatvpFixture('liste.csv').toString('utf8');
    server.serve(
      INDEX_PATH,
      index.replace('Député de Paris;dia;75;2024-09-01', 'Député de Paris;dia;75;2024-09-02'),
    );
    const summary = await crawl();
    // Still partial: the index keeps its malformed line 12.
    expect(summary).toMatchObject({
      status: 'partial',
      fetched: 2,
      added: 0,
      changed: 1,
      removed: 0,
    });
    expect(server.requests.slice(seen).map((r) => r.path)).toEqual([
      ROBOTS_PATH,
      INDEX_PATH,
      filePath(`${MARTIN}.xml`),
    ]);
  });

  it('removes a declaration that left the index, with its items', async () => {
    await crawl();
    const index = hatvpFixture('liste.csv').toString('utf8');
    server.serve(
      INDEX_PATH,
      index
        .split('\n')
        .filter((l) => !l.includes(NOEL))
        .join('\n'),
    );
    const summary = await crawl();
    expect(summary).toMatchObject({ removed: 1 });
    expect(await itemCounts()).not.toHaveProperty(NOEL);
    const problems = await db.selectFrom('declaration_problem').select('declaration_id').execute();
    expect(problems.map((p) => p.declaration_id)).not.toContain(NOEL);
  });

  it('asks for a missing file again after the retry interval, and reads it once published', async () => {
    await crawl();
    server.serve(filePath(`${ALICE_COMMUNE}.xml`), hatvpFixture(`dossiers/${MARTIN}.xml`));
    await crawl(); // within the interval: not asked
    expect(server.count(filePath(`${ALICE_COMMUNE}.xml`))).toBe(1);
    const summary = await crawl({ CRAWL_RETRY_FAILED_HOURS: '0' });
    expect(server.count(filePath(`${ALICE_COMMUNE}.xml`))).toBe(2);
    expect(summary.failed).toBe(1); // Lefèvre's file is still unreadable (the senator's absent one is no failure)
    expect((await statuses())[ALICE_COMMUNE]).toBe('ok');
    expect((await itemCounts())[ALICE_COMMUNE]).toBe(2);
  });

  it('keeps the items of an earlier read when the new file is unreadable', async () => {
    await crawl();
    const index = hatvpFixture('liste.csv').toString('utf8');
    server.serve(
      INDEX_PATH,
      index.replace('Député de Paris;dia;75;2024-09-01', 'Député de Paris;dia;75;2024-09-02'),
    );
    server.serve(filePath(`${MARTIN}.xml`), '<declarations><declaration><uuid>x</uuid>');
    const summary = await crawl();
    expect(summary.failed).toBe(1);
    const martin = await db
      .selectFrom('declaration')
      .select(['xml_status', 'xml_error', 'parsed', 'current'])
      .where('id', '=', MARTIN)
      .executeTakeFirstOrThrow();
    expect(martin).toMatchObject({ xml_status: 'invalid', parsed: 1, current: 1 });
    expect(martin.xml_error).toMatch(/^XML incomplet/);
    expect((await itemCounts())[MARTIN]).toBe(2);
  });
});

describe('file contents', () => {
  const itemsOf = async (id: string) =>
    db
      .selectFrom('declaration_item')
      .selectAll()
      .where('declaration_id', '=', id)
      .orderBy('id')
      .execute();

  it('reads a declaration in the encoding its XML declaration names', async () => {
    await crawl();
    const utf8 = (await itemsOf(MARTIN)).map(({ id: _id, ...item }) => item);
    expect(JSON.stringify(utf8)).toMatch(/[éèàçô]/);
    const index = hatvpFixture('liste.csv').toString('utf8');
    server.serve(
      INDEX_PATH,
      index.replace('Député de Paris;dia;75;2024-09-01', 'Député de Paris;dia;75;2024-09-02'),
    );
    const xml = hatvpFixture(`dossiers/${MARTIN}.xml`)
      .toString('utf8')
      .replace("encoding='utf-8'", "encoding='ISO-8859-1'");
    server.serve(filePath(`${MARTIN}.xml`), Buffer.from(xml, 'latin1'));
    const summary = await crawl();
    expect(summary.error).not.toContain(MARTIN);
    expect((await itemsOf(MARTIN)).map(({ id: _id, ...item }) => item)).toEqual(utf8);
  });

  it('records a file past a parser limit as unreadable, asked for once', async () => {
    const entities = Array.from({ length: 1001 }, (_, i) => `<!ENTITY e${i} "x">`).join('');
    const xml = hatvpFixture(`dossiers/${MARTIN}.xml`)
      .toString('utf8')
      .replace('<declarations>', `<!DOCTYPE declarations [${entities}]><declarations>`);
    server.serve(filePath(`${MARTIN}.xml`), xml);
    const summary = await crawl({ CRAWL_MAX_RETRIES: '2' });
    expect(server.count(filePath(`${MARTIN}.xml`))).toBe(1);
    expect(summary.error).toMatch(new RegExp(`\\| ${MARTIN}\\.xml: [^|]*1000`));
    const martin = await db
      .selectFrom('declaration')
      .select(['xml_status', 'xml_error'])
      .where('id', '=', MARTIN)
      .executeTakeFirstOrThrow();
    expect(martin.xml_status).toBe('invalid');
  });
});

describe('HTTP errors and politeness', () => {
  it('retries 429 and 5xx with a growing backoff, honours Retry-After, then records the failure', async () => {
    server.answer(
      filePath(`${MARTIN}.xml`),
      { status: 503 },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: hatvpFixture(`dossiers/${MARTIN}.xml`) },
    );
    server.answer(filePath(`${NOEL}.xml`), { status: 500 });
    const summary = await crawl({ CRAWL_BACKOFF_MS: '40', CRAWL_MAX_RETRIES: '2' });
    const martin = server.requests
      .filter((r) => r.path === filePath(`${MARTIN}.xml`))
      .map((r) => r.at);
    expect(martin).toHaveLength(3);
    // The 429 asked for one second, more than the 80 ms backoff.
    expect(martin[2]! - martin[1]!).toBeGreaterThanOrEqual(950);
    expect((await statuses())[MARTIN]).toBe('ok');
    // One attempt and two retries, after 40 ms then 80 ms.
    const times = server.requests
      .filter((r) => r.path === filePath(`${NOEL}.xml`))
      .map((r) => r.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(35);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(75);
    expect((await statuses())[NOEL]).toBe('failed');
    expect(summary.error).toContain(`${NOEL}.xml: HTTP 500`);
    expect((await itemCounts())[ALICE_DIAM]).toBe(10);
  });

  it('sends at most `concurrency` requests at once, spaced by the delay', async () => {
    server.latencyMs = 30;
    await crawl({ CRAWL_CONCURRENCY: '2', CRAWL_DELAY_MS: '0' });
    expect(server.maxInFlight).toBe(2);
    server.latencyMs = 0;
    const start = server.requests.length;
    await crawl({ CRAWL_CONCURRENCY: '3', CRAWL_DELAY_MS: '100', CRAWL_RETRY_FAILED_HOURS: '0' });
    const files = server.requests.slice(start).filter((r) => r.path.includes('/dossiers/'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    // Arrival times carry the loopback's jitter (tens of ms on a loaded machine), so the
    // spacing is checked over the whole run: without the delay, the three would arrive at once.
    const span = files.at(-1)!.at - files[0]!.at;
    expect(span).toBeGreaterThanOrEqual((files.length - 1) * 100 - 40);
  });

  it('skips the files robots.txt forbids and records why', async () => {
    server.serve(ROBOTS_PATH, 'User-agent: *\nDisallow: /livraison/dossiers/\n');
    const summary = await crawl();
    expect(server.requests.filter((r) => r.path.includes('/dossiers/'))).toEqual([]);
    expect(summary.failed).toBe(7);
    expect(summary.error).toContain('.xml: fichier interdit par robots.txt');
    expect((await statuses())[MARTIN]).toBe('failed');
  });

  it('reads robots.txt rules for its own user agent', async () => {
    server.serve(ROBOTS_PATH, 'User-agent: tracker-test\nDisallow: /\n\nUser-agent: *\nAllow: /\n');
    const summary = await crawl();
    expect(summary).toMatchObject({
      status: 'failed',
      error: 'file liste.csv: fichier interdit par robots.txt',
    });
    expect(server.requests.map((r) => r.path)).toEqual([ROBOTS_PATH]);
  });

  it('leaves the database as it was when the index cannot be read', async () => {
    await crawl();
    const before = await tableCounts();
    server.serve(INDEX_PATH, '<!DOCTYPE html><html><body>Maintenance en cours</body></html>');
    const garbled = await crawl();
    expect(garbled.status).toBe('failed');
    expect(garbled.error).toMatch(/^file liste.csv: en-tête inattendu/);
    server.answer(INDEX_PATH, { status: 500 });
    const down = await crawl({ CRAWL_MAX_RETRIES: '1' });
    expect(down.status).toBe('failed');
    expect(down.error).toMatch(/liste\.csv: HTTP 500$/);
    server.answer(ROBOTS_PATH, { status: 503 });
    const robots = await crawl({ CRAWL_MAX_RETRIES: '0' });
    expect(robots.error).toBe(
      'file robots.txt: robots.txt illisible (HTTP 503), collecte reportée',
    );
    expect(await tableCounts()).toEqual(before);
    const state = await db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'hatvp')
      .executeTakeFirstOrThrow();
    expect(state.last_error).toBe(robots.error);
  });
});
