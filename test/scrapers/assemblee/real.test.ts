// The real AMO40 archive (../shared/fixtures/mirror, present on CI) crawled end to end, and
// checked against figures computed here straight from the raw zip, with code of its own:
// none of the project's parse/derive functions are used for the expected values.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/database.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { AMO40_MIRROR_PATH } from '../../helpers/an-zip.ts';
import { crawlAn } from '../../helpers/crawl.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';
import type { SourceSummary } from '../../../scrapers/run.ts';

const FIXTURES = SHARED_FIXTURES;
const MIRROR = path.join(FIXTURES, 'mirror');
const ZIP = path.join(MIRROR, AMO40_MIRROR_PATH);
const exists = existsSync(ZIP);

if (!exists) {
  console.warn(
    `\n[an-real] Real-data suite SKIPPED: ${existsSync(FIXTURES) ? ZIP : FIXTURES} not found ` +
      `(the real open-data fixtures are expected in ../shared/fixtures, next to the project).\n`,
  );
}

// --- Independent reading of the raw AN JSON -------------------------------------------------

type Json = Record<string, unknown>;

/** A one-item list is an object, an absent list null. */
function items(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A string value; {"#text": …} unwrapped; nil objects and null give null. */
function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '#text' in value) {
    return str((value as Json)['#text']);
  }
  return null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
}

/** Lower case, accents stripped (NFD). */
function plain(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Expected {
  acteurs: number;
  organes: number;
  inOffice: number;
  /** Abbreviation → deputies in office. */
  perGroup: Record<string, number>;
  lawyers: number;
  lawyersPerGroup: Record<string, number>;
  entitiesInDeports: number;
}

function increment(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}

function expectedFromZip(bytes: Uint8Array, legislature: number): Expected {
  const files = unzipSync(bytes);
  const decoder = new TextDecoder();
  const json = (name: string) => JSON.parse(decoder.decode(files[name])) as Json;
  const names = Object.keys(files);

  const abbreviation = new Map<string, string>();
  for (const name of names.filter((n) => /^organe\/.+\.json$/.test(n))) {
    const organe = json(name).organe;
    abbreviation.set(str(field(organe, 'uid'))!, str(field(organe, 'libelleAbrev')) ?? '?');
  }

  const result: Expected = {
    acteurs: 0,
    organes: abbreviation.size,
    inOffice: 0,
    perGroup: {},
    lawyers: 0,
    lawyersPerGroup: {},
    entitiesInDeports: 0,
  };
  for (const name of names.filter((n) => /^acteur\/.+\.json$/.test(n))) {
    result.acteurs++;
    const acteur = json(name).acteur;
    const mandates = items(field(field(acteur, 'mandats'), 'mandat'));
    const open = (m: unknown) => str(field(m, 'dateFin')) === null;
    const type = (m: unknown) => str(field(m, 'typeOrgane'));
    const seated = mandates.some(
      (m) =>
        type(m) === 'ASSEMBLEE' && str(field(m, 'legislature')) === String(legislature) && open(m),
    );
    if (!seated) continue;
    result.inOffice++;

    // Open group mandates; the same group twice is one membership; of different groups the
    // one that started last.
    const groups = new Map<string, string>();
    for (const m of mandates.filter((x) => type(x) === 'GP' && open(x))) {
      const organe = str(items(field(field(m, 'organes'), 'organeRef'))[0])!;
      const start = str(field(m, 'dateDebut')) ?? '';
      if ((groups.get(organe) ?? '') <= start) groups.set(organe, start);
    }
    const group = [...groups].sort((a, b) => a[1].localeCompare(b[1])).at(-1)?.[0];
    const label = group ? (abbreviation.get(group) ?? '?') : '(none)';
    increment(result.perGroup, label);

    const profession = str(field(field(acteur, 'profession'), 'libelleCourant'));
    if (profession && /(^|[^a-z])avocat/.test(plain(profession))) {
      result.lawyers++;
      increment(result.lawyersPerGroup, label);
    }
  }
  for (const name of names.filter((n) => /^deport\/.+\.json$/.test(n))) {
    const html = str(field(json(name).deport, 'explication'));
    if (html && /&[#a-z0-9]+;/i.test(html)) result.entitiesInDeports++;
  }
  return result;
}

// --- The suite ---------------------------------------------------------------------------------

describe.skipIf(!exists)('real AMO40 archive (../shared/fixtures)', () => {
  let server: StaticServer;
  let expected: Expected;
  let tmp: TempDatabase | null = null;

  beforeAll(async () => {
    expected = expectedFromZip(readFileSync(ZIP), 17);
    server = await serveFolder(MIRROR);
  });

  afterAll(async () => {
    await server?.close();
  });

  afterEach(async () => {
    await tmp?.cleanup();
    tmp = null;
  });

  /** A fresh database with the real archive crawled into it. */
  async function crawled(): Promise<{ db: DB; summary: SourceSummary; file: string }> {
    tmp = await tempDatabase();
    const summary = await crawlAn(tmp.db, tmp.file, server.url);
    return { db: tmp.db, summary, file: tmp.file };
  }

  const countWhere = async (db: DB, table: 'acteur' | 'organe', inOffice?: boolean) => {
    let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (inOffice) query = query.where(sql.ref('in_office'), '=', 1);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  it('matches the counts computed independently from the raw zip', async () => {
    const { db, summary } = await crawled();
    expect(summary).toMatchObject({ status: 'ok', fetched: 1, added: expected.acteurs, failed: 0 });

    // Every acteur and organ.
    expect(await countWhere(db, 'acteur')).toBe(expected.acteurs);
    expect(await countWhere(db, 'organe')).toBe(expected.organes);

    // Deputies in office.
    expect(await countWhere(db, 'acteur', true)).toBe(expected.inOffice);
    expect(expected.inOffice).toBeGreaterThanOrEqual(500);
    expect(expected.inOffice).toBeLessThanOrEqual(577);

    // Per group.
    const groups = await sql<{ abbreviation: string; n: number }>`
      SELECT o.abbreviation, count(*) AS n
      FROM acteur a JOIN organe o ON o.uid = a.group_uid
      WHERE a.in_office = 1
      GROUP BY 1`.execute(db);
    const { '(none)': withoutGroup = 0, ...perGroup } = expected.perGroup;
    expect(Object.fromEntries(groups.rows.map((r) => [r.abbreviation, Number(r.n)]))).toEqual(
      perGroup,
    );
    const noGroup = await sql<{ n: number }>`
      SELECT count(*) AS n FROM acteur WHERE in_office = 1 AND group_uid IS NULL`.execute(db);
    expect(Number(noGroup.rows[0]?.n)).toBe(withoutGroup);
    expect(Object.keys(perGroup).length).toBeGreaterThanOrEqual(5);

    // Lawyers in office, overall and per group, whatever the spelling.
    const lawyers = await sql<{ abbreviation: string | null; n: number }>`
      SELECT o.abbreviation, count(*) AS n
      FROM acteur a LEFT JOIN organe o ON o.uid = a.group_uid
      WHERE a.in_office = 1
        AND (a.profession_key LIKE 'avocat%' OR a.profession_key LIKE '% avocat%')
      GROUP BY 1`.execute(db);
    expect(
      Object.fromEntries(lawyers.rows.map((r) => [r.abbreviation ?? '(none)', Number(r.n)])),
    ).toEqual(expected.lawyersPerGroup);
    expect(lawyers.rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(expected.lawyers);
    expect(expected.lawyers).toBeGreaterThan(0);

    console.info(
      `[an-real] ${expected.acteurs} acteurs, ${expected.inOffice} in office; per group ` +
        `${JSON.stringify(expected.perGroup)}; lawyers in office ${expected.lawyers} ` +
        `${JSON.stringify(expected.lawyersPerGroup)}`,
    );
  });

  it('stores déport explanations as plain text', async () => {
    const { db } = await crawled();
    // The raw explanations are HTML with entities (&eacute;, &rsquo;, &deg;…).
    expect(expected.entitiesInDeports).toBeGreaterThan(0);
    const explanations = await db.selectFrom('deport').select('explanation').execute();
    expect(explanations.length).toBeGreaterThan(0);
    for (const { explanation } of explanations) {
      expect(explanation ?? '').not.toMatch(/&[#a-z0-9]+;|<\/?[a-z][^>]*>/i);
    }
  });

  it('finds the archive unchanged on a second crawl', async () => {
    const { db, file, summary } = await crawled();
    expect(summary.status).toBe('ok');
    const second = await crawlAn(db, file, server.url);
    expect(second).toMatchObject({
      status: 'unchanged',
      fetched: 1,
      unchanged: 1,
      added: 0,
      changed: 0,
      removed: 0,
      failed: 0,
    });
    expect(await countWhere(db, 'acteur')).toBe(expected.acteurs);
  });
});
