// Real-data suite: a bad day at each source, played with the real files of ../shared/fixtures
// altered here (cut to 10 % or to half, re-encoded, a zip bomb, a stalled server, a 429), each
// crawled by `npm run crawl` in its own process. For each: the exit code, a message naming the
// source and the file, every table as it was, no change event, the validators not advanced,
// then a crawl of the intact file that leaves nothing lost. Skipped, saying so, without the
// fixtures.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import Database from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { PROJECT_ROOT, SHARED_FIXTURES } from '../helpers/paths.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const AMO40 =
  '/data.assemblee-nationale.fr/static/openData/repository/17/amo/deputes_actifs_mandats_actifs_organes_divises/AMO40_deputes_actifs_mandats_actifs_organes_divises.json.zip';
const INSEE = '/www.insee.fr/fr/statistiques/fichier/6436476/circo_composition.xlsx';
const LAPOSTE = '/datanova.laposte.fr/data-fair/api/v1/datasets/laposte-hexasmal/raw';
/** The geo source's other files: Regards Citoyens' two tables and the contours. */
const GEO_OTHERS = [
  '/raw.githubusercontent.com/regardscitoyens/nosdeputes.fr/master/batch/depute/static/circo_insee_2012.csv',
  '/raw.githubusercontent.com/regardscitoyens/nosdeputes.fr/master/batch/depute/static/circo_etranger.csv',
  '/static.data.gouv.fr/resources/carte-des-circonscriptions-legislatives-2012-et-2017/20170721-135742/france-circonscriptions-legislatives-2012.json',
];
const INDEX = '/www.hatvp.fr/livraison/opendata/liste.csv';
const DOSSIERS = '/www.hatvp.fr/livraison/dossiers';

const present = existsSync(path.join(MIRROR, AMO40)) && existsSync(path.join(MIRROR, INDEX));
if (!present) console.log(`bad-days real-data suite skipped: no ${MIRROR}`);

const raw = (file: string) => readFileSync(path.join(MIRROR, file));

interface Crawl {
  code: number | null;
  output: string;
  ms: number;
}

/** `npm run crawl -- <args>` in its own process, on `file`, every source from `mirror`. */
function crawl(
  file: string,
  mirror: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Crawl> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/crawl.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_PATH: file,
        SOURCES_MIRROR: mirror,
        CRAWL_DELAY_MS: '0',
        CRAWL_CONCURRENCY: '4',
        CRAWL_BACKOFF_MS: '100',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}

/**
 * What a bad file must not touch: a hash of every row of every table but the run log, the
 * change log's size, the validators of every source, and the data version (apart, since an
 * accepted file and its restoration bump it while the rows end as they were).
 */
function state(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('crawl_run', 'sync_state', 'change_event', 'data_version') order by name",
      )
      .pluck()
      .all() as string[];
    const rows: Record<string, { rows: number; hash: string }> = {};
    for (const table of tables) {
      // Rows compared as a sorted list: some tables (FTS5's own) have no rowid to order by.
      const all = db
        .prepare(`select * from "${table}"`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
      const hash = createHash('sha256').update(all.join('\n')).digest('hex');
      rows[table] = { rows: all.length, hash };
    }
    return {
      rows,
      events: db.prepare('select count(*) from change_event').pluck().get() as number,
      version: db.prepare('select * from data_version').all(),
      validators: db
        .prepare('select source, etag, last_modified, content_hash from sync_state order by source')
        .all(),
    };
  } finally {
    db.close();
  }
}

const rowsOf = (s: ReturnType<typeof state>, table: string) => s.rows[table]?.rows ?? 0;

/** A zip of one entry of `size` zero bytes, deflated to a few kilobytes, built by hand. */
function zipBomb(name: string, size: number): Buffer {
  // Blocks of 1 MiB of zeros, each ended by a full flush (no back-reference across blocks), so
  // one compressed block repeated is a valid stream; then an empty final block.
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  const data = Buffer.concat([
    ...Array.from({ length: size / (1 << 20) }, () => block),
    Buffer.from([0x03, 0x00]),
  ]);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

describe.skipIf(!present)('a bad day at the sources', { timeout: 180_000 }, () => {
  let server: TestServer;
  // One database per source, imported once from the intact files: each test leaves it so.
  let tmp: TempDatabase;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A fresh database with `source` imported from the intact files, for the block's tests. */
  function importedOnce(source: string, serveIntact: () => void) {
    beforeAll(async () => {
      tmp = await tempDatabase();
      serveIntact();
      const first = await crawl(tmp.file, server.url, ['--source', source]);
      // HATVP publishes a few files it lists as missing: partial (exit 1), as documented.
      expect(first.output).toMatch(new RegExp(`^${source} +(ok|partial) `, 'm'));
    }, 180_000);
    afterAll(() => tmp?.cleanup());
  }

  /** The refused crawl: exit 1, source and file named, nothing written, validators kept. */
  function expectRefused(
    result: Crawl,
    before: ReturnType<typeof state>,
    source: string,
    file: RegExp,
  ) {
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(new RegExp(`${source}\\b[^\\n]*${file.source}`));
    expect(state(tmp.file)).toEqual(before);
  }

  describe('the AMO40 referential (an)', () => {
    const intact = present ? raw(AMO40) : Buffer.alloc(0);
    const entries = present ? unzipSync(intact) : {};
    const acteurs = Object.keys(entries).filter((n) => /^acteur\/PA\d+\.json$/.test(n));
    importedOnce('an', () => server.serve(AMO40, intact));

    it('refuses an archive of 10 acteurs, accepts it on demand, then restores from the intact one', async () => {
      const before = state(tmp.file);
      expect(rowsOf(before, 'acteur')).toBe(acteurs.length);

      const ten = Object.fromEntries(
        Object.entries(entries).filter(
          ([n]) => !n.startsWith('acteur/') || acteurs.slice(0, 10).includes(n),
        ),
      );
      server.serve(AMO40, zipSync(ten));
      const refused = await crawl(tmp.file, server.url, ['--source', 'an']);
      expectRefused(refused, before, 'an', /AMO40_deputes_actifs[^\n]*\.zip/);
      expect(refused.output).toContain(`10 acteurs au lieu de ${acteurs.length}`);

      // Refused again while the bad file is served: the validators did not move past it.
      expectRefused(await crawl(tmp.file, server.url, ['--source', 'an']), before, 'an', /AMO40/);

      // The operator accepts it: stored, and the change log says it was accepted.
      const accepted = await crawl(tmp.file, server.url, ['--source', 'an', '--accept-shrink']);
      expect(accepted.code, accepted.output).toBe(0);
      const shrunk = state(tmp.file);
      expect(rowsOf(shrunk, 'acteur')).toBe(10);
      const db = new Database(tmp.file, { readonly: true });
      const logged = db
        .prepare("select detail from change_event where kind = 'shrink_accepted'")
        .pluck()
        .all();
      db.close();
      expect(logged).toContainEqual(
        expect.stringContaining(
          `AMO40_deputes_actifs_mandats_actifs_organes_divises.json.zip, 10 acteurs au lieu de ${acteurs.length}`,
        ),
      );

      server.serve(AMO40, intact);
      expect((await crawl(tmp.file, server.url, ['--source', 'an'])).code).toBe(0);
      expect(state(tmp.file).rows).toEqual(before.rows);
    });

    it('refuses a zip bomb unread, then reads the intact archive', async () => {
      const before = state(tmp.file);
      // 2 GiB of zeros in about 2 MB.
      const bomb = zipBomb('acteur/PA1.json', 2 ** 31 - (1 << 20));
      expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
      server.serve(AMO40, bomb);
      const refused = await crawl(tmp.file, server.url, ['--source', 'an']);
      expectRefused(refused, before, 'an', /acteur\/PA1\.json[^\n]*compression/);

      server.serve(AMO40, intact);
      const restored = await crawl(tmp.file, server.url, ['--source', 'an']);
      expect(restored.code, restored.output).toBe(0);
      expect(state(tmp.file)).toEqual(before);
    });

    it('gives up on a stalled server after its timeout and retries, then reads the file', async () => {
      const before = state(tmp.file);
      server.hang(AMO40);
      const env = { CRAWL_TIMEOUT_MS: '1500', CRAWL_MAX_RETRIES: '1' };
      const asked = server.count(AMO40);
      const stalled = await crawl(tmp.file, server.url, ['--source', 'an'], env);
      expectRefused(stalled, before, 'an', /AMO40[^\n]*timeout/);
      expect(server.count(AMO40) - asked).toBe(2);
      // Two attempts of 1.5 s and a back-off, plus the process's start: far from 2 × 60 s.
      expect(stalled.ms).toBeLessThan(20_000);

      server.serve(AMO40, intact);
      expect((await crawl(tmp.file, server.url, ['--source', 'an'])).code).toBe(0);
      expect(state(tmp.file)).toEqual(before);
    });

    it('waits as long as a 429 asks before each retry, then reports the source and file', async () => {
      const before = state(tmp.file);
      server.answer(AMO40, { status: 429, headers: { 'retry-after': '2' } });
      const first = server.requests.length;
      const limited = await crawl(tmp.file, server.url, ['--source', 'an'], {
        CRAWL_MAX_RETRIES: '2',
      });
      expectRefused(limited, before, 'an', /AMO40[^\n]*HTTP 429/);
      const times = server.requests
        .slice(first)
        .filter((r) => r.path === AMO40)
        .map((r) => r.at);
      expect(times).toHaveLength(3);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2000 - 50);
      }

      server.serve(AMO40, intact);
      expect((await crawl(tmp.file, server.url, ['--source', 'an'])).code).toBe(0);
      expect(state(tmp.file)).toEqual(before);
    });
  });

  describe('the geography (geo)', () => {
    const laposte = present ? raw(LAPOSTE) : Buffer.alloc(0);
    importedOnce('geo', () => {
      server.serve(INSEE, raw(INSEE));
      server.serve(LAPOSTE, laposte);
      for (const file of GEO_OTHERS) server.serve(file, raw(file));
    });

    it("refuses La Poste's base cut to 10 %, then keeps the intact one", async () => {
      const before = state(tmp.file);
      const lines = laposte.toString('latin1').split('\n');
      const rows = lines.filter((l, i) => i > 0 && l.trim() !== '').length;
      expect(rowsOf(before, 'geo_laposte_row')).toBe(rows);

      const tenth = lines.slice(0, 1 + Math.floor(rows / 10)).join('\n') + '\n';
      server.serve(LAPOSTE, Buffer.from(tenth, 'latin1'));
      const refused = await crawl(tmp.file, server.url, ['--source', 'geo']);
      expectRefused(refused, before, 'geo', /laposte-hexasmal/);

      server.serve(LAPOSTE, laposte);
      const restored = await crawl(tmp.file, server.url, ['--source', 'geo']);
      expect(restored.code, restored.output).toBe(0);
      expect(state(tmp.file)).toEqual(before);
    });
  });

  describe("HATVP's index (hatvp)", () => {
    const index = present ? raw(INDEX) : Buffer.alloc(0);

    importedOnce('hatvp', () => {
      server.serve(INDEX, index);
      for (const name of readdirSync(path.join(MIRROR, DOSSIERS))) {
        server.serve(`${DOSSIERS}/${name}`, raw(`${DOSSIERS}/${name}`));
      }
    });

    it('refuses half of liste.csv, then the intact file changes nothing', async () => {
      const before = state(tmp.file);
      const lines = index.toString('utf8').split('\n');
      const declarations = lines.filter((l, i) => i > 0 && l.trim() !== '').length;

      server.serve(INDEX, lines.slice(0, 1 + Math.floor(declarations / 2)).join('\n') + '\n');
      const refused = await crawl(tmp.file, server.url, ['--source', 'hatvp']);
      expectRefused(refused, before, 'hatvp', /liste\.csv[^\n]*déclarations au lieu de/);

      server.serve(INDEX, index);
      await crawl(tmp.file, server.url, ['--source', 'hatvp']);
      expect(state(tmp.file)).toEqual(before);
    });

    it('refuses liste.csv served in ISO-8859-1, then the intact file changes nothing', async () => {
      const before = state(tmp.file);
      server.serve(INDEX, Buffer.from(index.toString('utf8'), 'latin1'));
      const refused = await crawl(tmp.file, server.url, ['--source', 'hatvp']);
      expectRefused(refused, before, 'hatvp', /liste\.csv[^\n]*UTF-8/);

      server.serve(INDEX, index);
      await crawl(tmp.file, server.url, ['--source', 'hatvp']);
      expect(state(tmp.file)).toEqual(before);
    });
  });
});
