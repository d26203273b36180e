// The France map on the real data: the real referential and the real contours
// (../shared/fixtures) crawled end to end into a temp database, then the home page's map
// checked against what the raw files say, read here without the app's code: every
// metropolitan circonscription of the contours file has exactly one link, filled with the
// colour of its deputy's group in the AMO40 archive. Skipped, saying so, without the fixtures.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { circonscriptionContours } from '../../domain/sources.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { createApp } from '../../server/app.tsx';
import { NO_COLOR } from '../../views/cartes/carte.tsx';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const contoursUrl = new URL(circonscriptionContours().url);
const CONTOURS_FILE = path.join(MIRROR, contoursUrl.host, contoursUrl.pathname);
const AMO40 = path.join(MIRROR, AMO40_MIRROR_PATH);
const exists = existsSync(CONTOURS_FILE) && existsSync(AMO40);
if (!exists) console.info(`[cartes-real] skipped: no real fixtures under ${MIRROR}`);

type Json = Record<string, any>;
const list = (v: unknown): Json[] => (v == null ? [] : Array.isArray(v) ? v : [v]) as Json[];

/**
 * From the raw archive: the colour each seat should have, by `<département>-<numéro>` — the
 * colour of the group (GP mandate without end) of the acteur whose mandate of the 17th
 * legislature has not ended; NO_COLOR for a deputy without group or colour.
 */
function seatColours(zip: Uint8Array): Map<string, string> {
  const decoder = new TextDecoder();
  const colours = new Map<string, string>();
  const seats: [string, string | null][] = [];
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    if (/organe\/PO\d+\.json$/.test(name)) {
      const { organe } = JSON.parse(decoder.decode(bytes)) as Json;
      if (organe.codeType === 'GP' && typeof organe.couleurAssociee === 'string')
        colours.set(organe.uid, organe.couleurAssociee);
    } else if (/acteur\/PA\d+\.json$/.test(name)) {
      const { acteur } = JSON.parse(decoder.decode(bytes)) as Json;
      const mandats = list(acteur.mandats?.mandat);
      const seat = mandats.find(
        (m) => m.typeOrgane === 'ASSEMBLEE' && m.legislature === '17' && !m.dateFin,
      );
      if (!seat) continue;
      const group = mandats
        .filter((m) => m.typeOrgane === 'GP' && !m.dateFin)
        .sort((a, b) => String(b.dateDebut).localeCompare(String(a.dateDebut)))[0];
      const lieu = seat.election.lieu;
      seats.push([
        `${lieu.numDepartement}-${Number(lieu.numCirco)}`,
        group ? String(group.organes.organeRef) : null,
      ]);
    }
  }
  return new Map(
    seats.map(([seat, group]) => {
      const colour = group ? colours.get(group) : undefined;
      return [seat, colour && /^#[0-9a-f]{6}$/i.test(colour) ? colour : NO_COLOR];
    }),
  );
}

describe.skipIf(!exists)('the France map on the real data (../shared/fixtures)', () => {
  let server: StaticServer;
  let tmp: TempDatabase;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    server = await serveFolder(MIRROR);
    tmp = await tempDatabase();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const summaries = await runCrawl(tmp.db, config, { only: ['an', 'geo'] });
    expect(summaries.map((s) => [s.source, s.status])).toEqual([
      ['an', 'ok'],
      ['geo', 'ok'],
    ]);
    app = createApp({ db: tmp.db, config });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  it('links each metropolitan circonscription once, filled with its deputy’s group colour', async () => {
    const features = (JSON.parse(readFileSync(CONTOURS_FILE, 'utf8')) as Json).features as Json[];
    const metropolitan = features
      .map((f) => f.properties)
      .filter((p) => /^(\d{2}|2[AB])$/.test(p.code_dpt))
      .map((p) => `${p.code_dpt}-${Number(p.num_circ)}`);
    expect(metropolitan).toHaveLength(539);
    const colours = seatColours(readFileSync(AMO40));

    const html = await (await app.request('/')).text();
    const svg = /<figure class="carte carte-france">[\s\S]*?<\/svg>/.exec(html)![0];
    const links = [
      ...svg.matchAll(
        /<a href="\/circonscriptions\/([^"]+)"[^>]*><title>[^<]*<\/title><path d="[^"]+" fill="([^"]+)"/g,
      ),
    ].map(([, id, fill]) => ({ id: id!, fill: fill! }));
    // Every contour of the file is linked once, overseas included.
    expect(links).toHaveLength(features.length);
    for (const id of metropolitan) {
      const mine = links.filter((l) => l.id === id);
      expect(mine, id).toHaveLength(1);
      expect(mine[0]!.fill, id).toBe(colours.get(id) ?? 'url(#vacant)');
    }
  });
});
