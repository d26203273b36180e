// Change detection on the real open data (../shared/fixtures, present on CI): the real AMO40
// referential, then copies derived here, in memory, with formatting noise on every file and
// a few edits; the real scrutins archive cut to fewer scrutins, then grown. The expected
// events are read from the raw files and the edits made here, not from the project's code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { runCrawl, type SourceSummary } from '../../scrapers/run.ts';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { SCRUTINS_MIRROR_PATH } from '../helpers/scrutin-json.ts';
import { noisy } from '../helpers/noise.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const AMO40 = path.join(MIRROR, AMO40_MIRROR_PATH);
const SCRUTINS = path.join(MIRROR, SCRUTINS_MIRROR_PATH);
const exists = existsSync(AMO40) && existsSync(SCRUTINS);
if (!exists) {
  console.warn(
    `\n[changes-real] Real-data suite SKIPPED: ${AMO40} or ${SCRUTINS} not found ` +
      `(the real open-data fixtures are expected in ../shared/fixtures, next to the project).\n`,
  );
}

type Json = Record<string, any>;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A one-item list is an object, an absent list null. */
const items = (value: unknown): Json[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value as Json];
/** A string value; {"#text": …} unwrapped; nil objects and null give null. */
const str = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object' && '#text' in value
      ? str((value as Json)['#text'])
      : null;

function zip(files: Map<string, Uint8Array>): Uint8Array {
  const mtime = new Date('2025-11-21T17:52:00Z');
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime }];
  return zipSync(zippable);
}

/** Every JSON file of an archive re-serialised with noise, after `edit`. */
function derived(
  files: Map<string, Uint8Array>,
  seed: number,
  edit: (name: string, json: Json) => void = () => {},
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, bytes] of files) {
    if (!name.endsWith('.json')) {
      out.set(name, bytes);
      continue;
    }
    const json = JSON.parse(decoder.decode(bytes)) as Json;
    edit(name, json);
    out.set(name, encoder.encode(noisy(json, seed)));
  }
  return out;
}

describe.skipIf(!exists)('change log over the real referential and votes', () => {
  let tmp: TempDatabase;
  let server: TestServer;
  let amo: Map<string, Uint8Array>;

  async function crawl(source: 'an' | 'votes', zipPath: string, body: Uint8Array) {
    server.serve(zipPath, body);
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const [summary] = await runCrawl(tmp.db, config, { only: [source] });
    return summary as SourceSummary;
  }
  const eventsOf = (runId: number) =>
    tmp.db
      .selectFrom('change_event')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    tmp = await tempDatabase();
    server = await startTestServer();
    amo = new Map(Object.entries(unzipSync(readFileSync(AMO40))));
  });
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  // The raw files, read independently: acteurs by uid, organs by uid.
  const raw = () => {
    const acteurs = new Map<string, Json>();
    const organes = new Map<string, Json>();
    for (const [name, bytes] of amo) {
      if (/acteur\/PA\d+\.json$/.test(name)) {
        const a = JSON.parse(decoder.decode(bytes)).acteur;
        acteurs.set(str(a.uid)!, a);
      } else if (/organe\/PO\d+\.json$/.test(name)) {
        const o = JSON.parse(decoder.decode(bytes)).organe;
        organes.set(str(o.uid)!, o);
      }
    }
    return { acteurs, organes };
  };

  it('imports the real referential with one initial-import event', async () => {
    const { acteurs } = raw();
    const first = await crawl('an', AMO40_MIRROR_PATH, readFileSync(AMO40));
    expect(first.status).toBe('ok');
    const events = await eventsOf(first.runId);
    expect(events.map((e) => [e.kind, e.entity_id, e.new_value])).toEqual([
      ['initial_import', 'an', String(acteurs.size)],
    ]);
  }, 60_000);

  it('records nothing for a copy with formatting noise on every file', async () => {
    const noise = await crawl('an', AMO40_MIRROR_PATH, zip(derived(amo, 1)));
    // Other bytes: the archive is downloaded and ingested again, and nothing is found.
    expect(noise.status).toBe('ok');
    expect(await eventsOf(noise.runId)).toEqual([]);
  }, 60_000);

  it('records exactly a group change, a departure and a profession change', async () => {
    const { acteurs, organes } = raw();
    const mandats = (a: Json) => items(a.mandats?.mandat);
    const ofType = (a: Json, type: string) => mandats(a).filter((m) => m.typeOrgane === type);
    const LEFT_ON = '2025-11-20';
    // Deputies in office with one seat and one group mandate of this legislature that began
    // before LEFT_ON, and a profession: one edit then changes exactly one derived fact.
    const candidates = [...acteurs.values()]
      .filter((a) => {
        const seats = ofType(a, 'ASSEMBLEE');
        const groups = ofType(a, 'GP');
        return (
          seats.length === 1 &&
          str(seats[0]!.legislature) === '17' &&
          str(seats[0]!.dateFin) === null &&
          groups.length === 1 &&
          str(groups[0]!.dateFin) === null &&
          [null, '17'].includes(str(groups[0]!.legislature)) &&
          (str(groups[0]!.dateDebut) ?? '') <= LEFT_ON &&
          typeof str(a.profession?.libelleCourant) === 'string'
        );
      })
      .sort((x, y) => str(x.uid)!.localeCompare(str(y.uid)!, 'en', { numeric: true }));
    expect(candidates.length).toBeGreaterThan(3);
    const [movers, leaver, worker] = candidates.map((a) => str(a.uid)!);
    const groupOf = (a: Json) => str(ofType(a, 'GP')[0]!.organes.organeRef)!;
    const oldGroup = groupOf(acteurs.get(movers!)!);
    const newGroup = [...organes.values()]
      .filter(
        (o) =>
          o.codeType === 'GP' &&
          str(o.viMoDe?.dateFin) === null &&
          str(o.legislature) === '17' &&
          str(o.libelleAbrev) &&
          str(o.uid) !== oldGroup,
      )
      .map((o) => str(o.uid)!)
      .sort()[0]!;
    const abbrev = (uid: string) => str(organes.get(uid)!.libelleAbrev);
    const oldProfession = str(acteurs.get(worker!)!.profession.libelleCourant)!
      .replace(/\s+/g, ' ')
      .trim();

    const edited = derived(amo, 2, (name, json) => {
      const uid = /acteur\/(PA\d+)\.json$/.exec(name)?.[1];
      if (uid === movers) ofType(json.acteur, 'GP')[0]!.organes.organeRef = newGroup;
      if (uid === leaver) ofType(json.acteur, 'ASSEMBLEE')[0]!.dateFin = LEFT_ON;
      if (uid === worker) json.acteur.profession.libelleCourant = 'Boulanger';
    });
    const run = await crawl('an', AMO40_MIRROR_PATH, zip(edited));
    expect(run.status).toBe('ok');
    const events = await eventsOf(run.runId);
    const expected = [
      [movers, 'group_change', abbrev(oldGroup), abbrev(newGroup)],
      [leaver, 'left_office', 'oui', 'non'],
      [worker, 'profession_change', oldProfession, 'Boulanger'],
    ].sort((x, y) => x[0]!.localeCompare(y[0]!));
    expect(events.map((e) => [e.entity_id, e.kind, e.old_value, e.new_value])).toEqual(expected);
    for (const e of events) {
      expect(e.entity_type).toBe('depute');
      expect(e.source).toBe('an');
      expect(e.source_url).toMatch(/^https:\/\/data\.assemblee-nationale\.fr\//);
    }
    expect(events.find((e) => e.kind === 'group_change')!.group_uid).toBe(newGroup);
    expect(run.events).toBe(3);

    // The same archive again: a 304, nothing recorded.
    const again = await crawl('an', AMO40_MIRROR_PATH, zip(edited));
    expect(again.status).toBe('unchanged');
    expect(await eventsOf(again.runId)).toEqual([]);
  }, 90_000);

  it('records one "new scrutin" event per scrutin a votes file gains', async () => {
    const all = unzipSync(readFileSync(SCRUTINS));
    const numbered = Object.entries(all)
      .map(([name, bytes]) => ({ name, bytes, n: Number(/V(\d+)\.json$/.exec(name)?.[1]) }))
      .filter((f) => Number.isInteger(f.n));
    const upTo = (max: number) =>
      new Map(numbered.filter((f) => f.n <= max).map((f) => [f.name, f.bytes]));
    const first = await crawl('votes', SCRUTINS_MIRROR_PATH, zip(upTo(60)));
    expect(first.status).toBe('ok');
    expect((await eventsOf(first.runId)).map((e) => [e.kind, e.new_value])).toEqual([
      ['initial_import', '60'],
    ]);
    // The grown file: ten more scrutins, and the sixty known ones re-serialised.
    const grown = new Map([
      ...derived(upTo(60), 3),
      ...numbered.filter((f) => f.n > 60 && f.n <= 70).map((f) => [f.name, f.bytes] as const),
    ]);
    const second = await crawl('votes', SCRUTINS_MIRROR_PATH, zip(grown));
    expect(second.status).toBe('ok');
    expect(second.added).toBe(10);
    const events = await eventsOf(second.runId);
    const expectedUids = numbered
      .filter((f) => f.n > 60 && f.n <= 70)
      .map((f) => str(JSON.parse(decoder.decode(f.bytes)).scrutin.uid)!)
      .sort();
    expect(events.every((e) => e.kind === 'new_scrutin' && e.entity_type === 'scrutin')).toBe(true);
    expect(events.map((e) => e.entity_id).sort()).toEqual(expectedUids);
    const again = await crawl('votes', SCRUTINS_MIRROR_PATH, zip(grown));
    expect(again.status).toBe('unchanged');
    expect(again.events).toBe(0);
  }, 120_000);
});
