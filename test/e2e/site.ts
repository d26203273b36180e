// A running site for browser tests: the hand-written fixtures (AMO40 referential, a few
// scrutins, dossiers, amendments and meetings, the geography files with a postcode in one of the fixture deputies'
// circonscriptions) crawled by the real crawlers from a loopback mirror into a temp SQLite
// file, then served by the real app on a free loopback port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { migrateToLatest, openDatabase, type DB } from '../../db/database.ts';
import { runCrawl, type SourceSummary } from '../../scrapers/run.ts';
import { serveFolder } from '../../scripts/static-server.ts';
import { createApp } from '../../server/app.tsx';
import { listen } from '../../server/listen.ts';
import {
  INSEE_ROWS,
  LAPOSTE_TEXT,
  inseeWorkbook,
  laPosteBytes,
  writeGeoMirror,
} from '../fixtures/geo/files.ts';
import { AGENDA_MIRROR_PATH, agendaZip } from '../helpers/agenda-zip.ts';
import { AMENDEMENTS_MIRROR_PATH, amendementsZip } from '../helpers/amendements-zip.ts';
import { AMO40_MIRROR_PATH, amo40Zip } from '../helpers/an-zip.ts';
import { DOSSIERS_MIRROR_PATH, dossiersZip } from '../helpers/dossiers-zip.ts';
import { SCRUTINS_MIRROR_PATH, scrutinEntries, scrutinsZip } from '../helpers/scrutin-json.ts';

/** Quimper (29000) lies in Finistère's 3rd circonscription, held by PA900001 in the fixtures. */
export const CITIZEN_POSTCODE = '29000';
export const CITIZEN_DEPUTY = 'PA900001';

/** Two scrutins with every group of the fixtures voting. */
export const SCRUTIN_SPECS: Parameters<typeof scrutinEntries>[0] = [
  {
    number: 1,
    date: '2024-10-01',
    title: "l'amendement n° 1 à l'article premier",
    groups: [
      { organe: 'PO900101', position: 'pour', pour: ['PA900001'], contre: ['PA900003'] },
      { organe: 'PO900102', position: 'contre', contre: ['PA900002', 'PA900004'] },
      { organe: 'PO900103', position: 'pour', pour: ['PA900007'] },
    ],
  },
  {
    number: 2,
    date: '2025-01-20',
    type: 'SPS',
    result: 'rejeté',
    title: "l'ensemble du projet de loi relatif aux rivières",
    groups: [
      { organe: 'PO900101', position: 'contre', contre: ['PA900001', 'PA900003'] },
      { organe: 'PO900102', position: 'contre', abstention: ['PA900002'] },
      { organe: 'PO900103', position: 'contre', pour: ['PA900007'] },
    ],
  },
];
export const SCRUTINS = scrutinEntries(SCRUTIN_SPECS);

export interface Site {
  url: string;
  db: DB;
  dir: string;
  crawls: SourceSummary[];
  /** Crawls `sources` again from a new mirror that `prepare` writes, while the site runs. */
  recrawl(prepare: (mirrorRoot: string) => void, sources: string[]): Promise<SourceSummary[]>;
  close(): Promise<void>;
}

/** Writes a file under `<root>/<mirror path>`. */
export function writeMirrorFile(root: string, mirrorPath: string, bytes: Uint8Array): void {
  const file = path.join(root, mirrorPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/**
 * Crawls a mirror folder (an, votes, geo) into a fresh database and serves the app.
 * `prepare` writes the mirror; by default the hand-written fixtures.
 */
export async function startSite(
  prepare: (mirrorRoot: string) => void = writeFixtureMirror,
  sources: string[] = ['an', 'votes', 'geo'],
): Promise<Site> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-e2e-'));
  const databasePath = path.join(dir, 'site.sqlite');
  const db = openDatabase(databasePath);
  await migrateToLatest(db);
  let mirrors = 0;
  async function crawl(write: (mirrorRoot: string) => void, only: string[]) {
    const root = path.join(dir, `mirror-${++mirrors}`);
    write(root);
    const mirror = await serveFolder(root);
    const config = loadConfig({
      DATABASE_PATH: databasePath,
      SOURCES_MIRROR: mirror.url,
      CRAWLEE_STORAGE_DIR: path.join(dir, 'crawlee'),
    });
    try {
      return { config, summaries: await runCrawl(db, config, { only }) };
    } finally {
      await mirror.close();
    }
  }
  const { config, summaries: crawls } = await crawl(prepare, sources);
  const server = await listen(createApp({ db, config }), 0, '127.0.0.1');
  return {
    url: server.url,
    db,
    dir,
    crawls,
    recrawl: async (write, only) => (await crawl(write, only)).summaries,
    async close() {
      await server.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The hand-written fixtures laid out by URL, plus Quimper in the geography files. */
export function writeFixtureMirror(root: string): void {
  writeMirrorFile(root, AMO40_MIRROR_PATH, amo40Zip());
  writeMirrorFile(root, SCRUTINS_MIRROR_PATH, scrutinsZip(SCRUTINS));
  writeMirrorFile(root, DOSSIERS_MIRROR_PATH, dossiersZip());
  writeMirrorFile(root, AMENDEMENTS_MIRROR_PATH, amendementsZip());
  writeMirrorFile(root, AGENDA_MIRROR_PATH, agendaZip());
  writeGeoMirror(root, {
    insee: inseeWorkbook([
      ...INSEE_ROWS,
      ['29', 'Finistère', '53', 'Bretagne', '29232', 'Quimper', '29003', 'entière'],
    ]),
    laposte: laPosteBytes(LAPOSTE_TEXT.replace(/\r\n$/, '\r\n29232;QUIMPER;29000;QUIMPER;\r\n')),
  });
}
