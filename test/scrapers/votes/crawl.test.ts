// The real votes crawl (runCrawl → Crawlee download → unzip → parse → ingest → derived
// figures) against a loopback server over a `<host>/<path>` mirror folder, with archives
// zipped at test time from scrutins written by hand. The referential comes first from the
// hand-written AMO40 fixtures, for the deputies' terms of office.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../config.ts';
import type { DB } from '../../../db/database.ts';
import { sha256 } from '../../../scrapers/lib/download.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { anScrutins } from '../../../domain/sources.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { AMO40_MIRROR_PATH, amo40Zip } from '../../helpers/an-zip.ts';
import { rowCounts, tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import {
  SCRUTINS_FILE_NAME,
  SCRUTINS_MIRROR_PATH,
  scrutinEntries,
  scrutinEntry,
  scrutinJson,
  scrutinsZip,
  type ScrutinSpec,
} from '../../helpers/scrutin-json.ts';
import { sourceUrl } from '../../../scrapers/lib/source.ts';

// Groups of the hand-written referential.
const RIV = 'PO900101';
const COL = 'PO900102';
const NI = 'PO900103';

// Terms in the referential (test/fixtures/an/amo40): PA900001–3 from 2024-07-08, open;
// PA900004 2024-07-08 → 2025-02-14; PA900006 from 2025-09-21; PA900007 2024-07-08 →
// 2025-06-30; PA900005 has no mandate.

/**
 * Ordinary; PA900003 votes against RIV's published position, but RIV ties 1–1: no majority,
 * no rebel. PA900007 presides the sitting.
 */
const V1: ScrutinSpec = {
  number: 1,
  date: '2024-10-01',
  title: "l'amendement n° 1 à l'article premier",
  groups: [
    {
      organe: RIV,
      position: 'pour',
      pour: [{ acteur: 'PA900001', delegation: true }],
      contre: ['PA900003'],
    },
    { organe: COL, position: 'contre', contre: ['PA900002', 'PA900004'] },
    { organe: NI, position: 'pour', nonVotant: [{ acteur: 'PA900007', cause: 'PSE' }] },
  ],
};
/**
 * Solemn; PA900002 (abstention) and PA900007 (pour) go against their group's published
 * "contre", but each is their group's only vote cast, so its majority: no rebel.
 */
const V2: ScrutinSpec = {
  number: 2,
  date: '2025-01-20',
  type: 'SPS',
  result: 'rejeté',
  title: "l'ensemble du projet de loi relatif aux rivières",
  groups: [
    { organe: RIV, position: 'contre', contre: ['PA900001', 'PA900003', 'PA900004'] },
    { organe: COL, position: 'contre', abstention: ['PA900002'] },
    { organe: NI, position: 'contre', pour: ['PA900007'] },
  ],
};
/** On PA900007's last day in office; PA900003 now sits in COL, which ties 1–1 with PA900002. */
const V3: ScrutinSpec = {
  number: 3,
  date: '2025-06-30',
  title: "l'article 2 du projet de loi relatif aux collines",
  groups: [
    { organe: RIV, position: 'pour', pour: ['PA900001'] },
    { organe: COL, position: 'pour', pour: ['PA900003'], contre: ['PA900002'] },
    { organe: NI, position: 'abstention', abstention: ['PA900007'] },
  ],
};
/** A motion of censure after PA900006 took office, signed by them alone. */
const V4: ScrutinSpec = {
  number: 4,
  date: '2025-10-01',
  type: 'MOC',
  result: 'rejeté',
  title: 'la motion de censure déposée en application de l’article 49, alinéa 2',
  groups: [
    { organe: RIV, position: 'pour' },
    { organe: COL, position: 'pour', pour: ['PA900006'] },
    { organe: NI, position: 'pour' },
  ],
};

/** Every row of the vote tables and the votes sync state, rowids included for scrutin and vote. */
async function snapshot(db: DB) {
  return {
    scrutins: await db
      .selectFrom('scrutin')
      .selectAll()
      .select(sql<number>`rowid`.as('rowid'))
      .orderBy('number')
      .execute(),
    groups: await db
      .selectFrom('scrutin_group')
      .selectAll()
      .orderBy('scrutin_uid')
      .orderBy('group_uid')
      .execute(),
    votes: await db
      .selectFrom('vote')
      .selectAll()
      .select(sql<number>`rowid`.as('rowid'))
      .orderBy('scrutin_uid')
      .orderBy('acteur_uid')
      .execute(),
    deputyStats: await db
      .selectFrom('deputy_vote_stats')
      .selectAll()
      .orderBy('acteur_uid')
      .execute(),
    groupStats: await db.selectFrom('group_vote_stats').selectAll().orderBy('group_uid').execute(),
    proximity: await db
      .selectFrom('group_proximity')
      .selectAll()
      .orderBy('group_a')
      .orderBy('group_b')
      .execute(),
    referential: await rowCounts(db),
  };
}

async function syncRow(db: DB) {
  return db
    .selectFrom('sync_state')
    .selectAll()
    .where('source', '=', 'votes')
    .executeTakeFirstOrThrow();
}

async function scrutinRow(db: DB, number: number) {
  return db
    .selectFrom('scrutin')
    .selectAll()
    .select(sql<number>`rowid`.as('rowid'))
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

async function statsOf(db: DB, uid: string) {
  return db
    .selectFrom('deputy_vote_stats')
    .selectAll()
    .where('acteur_uid', '=', uid)
    .executeTakeFirstOrThrow();
}

describe('votes crawl', () => {
  let tmp: TempDatabase;
  let mirror: string;
  let server: StaticServer;
  let config: Config;
  /** Modification time of the next published file: always moves on, so the ETag changes. */
  let mtime = 1_750_000_000;

  /** Writes `bytes` at `/<host>/<path>` of the mirror folder. */
  function publish(mirrorPath: string, bytes: Uint8Array) {
    const file = path.join(mirror, mirrorPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    mtime += 60;
    utimesSync(file, mtime, mtime);
  }

  async function crawl(source: 'an' | 'votes'): Promise<SourceSummary> {
    const summaries = await runCrawl(tmp.db, config, { only: [source] });
    expect(summaries).toHaveLength(1);
    return summaries[0]!;
  }

  beforeEach(async () => {
    tmp = await tempDatabase();
    mirror = path.join(tmp.dir, 'mirror');
    server = await serveFolder(mirror);
    config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    publish(AMO40_MIRROR_PATH, amo40Zip());
    expect(await crawl('an')).toMatchObject({ status: 'ok', added: 7 });
  });

  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('ingests scrutins, groups and votes, and fills the derived tables', async () => {
    const zip = scrutinsZip(scrutinEntries([V1, V2, V3, V4]));
    publish(SCRUTINS_MIRROR_PATH, zip);

    const summary = await crawl('votes');
    expect(summary).toMatchObject({
      source: 'votes',
      status: 'ok',
      fetched: 1,
      added: 4,
      changed: 0,
      removed: 0,
      failed: 0,
      error: null,
    });

    // Fetched through the mirror: `<mirror>/<host>/<path>` of the canonical URL.
    expect(`${server.url}${SCRUTINS_MIRROR_PATH}`).toBe(
      sourceUrl(anScrutins(config).url, config.sourcesMirror),
    );
    expect(await syncRow(tmp.db)).toMatchObject({
      url: sourceUrl(anScrutins(config).url, config.sourcesMirror),
      content_hash: sha256(zip),
      last_error: null,
    });

    const scrutins = await tmp.db
      .selectFrom('scrutin')
      .select([
        'uid',
        'number',
        'date',
        'type_code',
        'result_code',
        'for_count',
        'against_count',
        'abstention_count',
        'non_voting_count',
        'counts_mismatch',
        'rebels',
      ])
      .orderBy('number')
      .execute();
    expect(scrutins).toEqual([
      {
        uid: 'VTANR5L17V1',
        number: 1,
        date: '2024-10-01',
        type_code: 'SPO',
        result_code: 'adopté',
        for_count: 1,
        against_count: 3,
        abstention_count: 0,
        non_voting_count: 1,
        counts_mismatch: null,
        rebels: 0,
      },
      {
        uid: 'VTANR5L17V2',
        number: 2,
        date: '2025-01-20',
        type_code: 'SPS',
        result_code: 'rejeté',
        for_count: 1,
        against_count: 3,
        abstention_count: 1,
        non_voting_count: 0,
        counts_mismatch: null,
        rebels: 0,
      },
      {
        uid: 'VTANR5L17V3',
        number: 3,
        date: '2025-06-30',
        type_code: 'SPO',
        result_code: 'adopté',
        for_count: 2,
        against_count: 1,
        abstention_count: 1,
        non_voting_count: 0,
        counts_mismatch: null,
        rebels: 0,
      },
      {
        uid: 'VTANR5L17V4',
        number: 4,
        date: '2025-10-01',
        type_code: 'MOC',
        result_code: 'rejeté',
        for_count: 1,
        against_count: 0,
        abstention_count: 0,
        non_voting_count: 0,
        counts_mismatch: null,
        rebels: 0,
      },
    ]);

    // Three groups in each scrutin; votes: 5 + 5 + 4 + 1.
    const groups = await tmp.db
      .selectFrom('scrutin_group')
      .select(['scrutin_uid', 'group_uid', 'position', 'agreement_index'])
      .orderBy('scrutin_uid')
      .orderBy('group_uid')
      .execute();
    expect(
      groups.map((g) => [g.scrutin_uid.slice(-2), g.group_uid, g.position, g.agreement_index]),
    ).toEqual([
      ['V1', RIV, 'pour', 0.25],
      ['V1', COL, 'contre', 1],
      ['V1', NI, 'pour', null],
      ['V2', RIV, 'contre', 1],
      ['V2', COL, 'contre', 1],
      ['V2', NI, 'contre', 1],
      ['V3', RIV, 'pour', 1],
      ['V3', COL, 'pour', 0.25],
      ['V3', NI, 'abstention', 1],
      ['V4', RIV, 'pour', null],
      ['V4', COL, 'pour', 1],
      ['V4', NI, 'pour', null],
    ]);
    const votes = await tmp.db
      .selectFrom('vote')
      .select([
        'scrutin_uid',
        'acteur_uid',
        'group_uid',
        'position',
        'cause',
        'delegation',
        'rebel',
        'rebel_published',
      ])
      .orderBy('scrutin_uid')
      .orderBy('acteur_uid')
      .execute();
    expect(votes.map((v) => Object.values(v).join(' '))).toEqual([
      // Against the group's majority (none here, see V1–V3), then its published position.
      `VTANR5L17V1 PA900001 ${RIV} pour  1 0 0`,
      `VTANR5L17V1 PA900002 ${COL} contre  0 0 0`,
      `VTANR5L17V1 PA900003 ${RIV} contre  0 0 1`,
      `VTANR5L17V1 PA900004 ${COL} contre  0 0 0`,
      `VTANR5L17V1 PA900007 ${NI} nonVotant PSE 0 0 0`,
      `VTANR5L17V2 PA900001 ${RIV} contre  0 0 0`,
      `VTANR5L17V2 PA900002 ${COL} abstention  0 0 1`,
      `VTANR5L17V2 PA900003 ${RIV} contre  0 0 0`,
      `VTANR5L17V2 PA900004 ${RIV} contre  0 0 0`,
      `VTANR5L17V2 PA900007 ${NI} pour  0 0 1`,
      `VTANR5L17V3 PA900001 ${RIV} pour  0 0 0`,
      `VTANR5L17V3 PA900002 ${COL} contre  0 0 1`,
      `VTANR5L17V3 PA900003 ${COL} pour  0 0 0`,
      `VTANR5L17V3 PA900007 ${NI} abstention  0 0 0`,
      `VTANR5L17V4 PA900006 ${COL} pour  0 0 0`,
    ]);

    // Figures of every deputy with a term (PA900005 has none), worked out by hand:
    const stats = await tmp.db
      .selectFrom('deputy_vote_stats')
      .selectAll()
      .orderBy('acteur_uid')
      .execute();
    expect(stats).toEqual([
      // In office for V1–V4; cast V1 (delegated), V2, V3; solemn V2. RIV ties in V1: loyalty
      // over V2 and V3, both with the group; all three with its published position.
      {
        acteur_uid: 'PA900001',
        eligible: 4,
        cast: 3,
        delegated: 1,
        function_excluded: 0,
        participation: 0.75,
        eligible_solemn: 1,
        cast_solemn: 1,
        participation_solemn: 1,
        loyalty_base: 2,
        loyal: 2,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 3,
        loyal_published: 3,
        loyalty_published: 1,
      },
      // Cast V1, V2, V3; COL's majority in V1 and V2, a tie in V3; against the published
      // position in V2 and V3.
      {
        acteur_uid: 'PA900002',
        eligible: 4,
        cast: 3,
        delegated: 0,
        function_excluded: 0,
        participation: 0.75,
        eligible_solemn: 1,
        cast_solemn: 1,
        participation_solemn: 1,
        loyalty_base: 2,
        loyal: 2,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 3,
        loyal_published: 1,
        loyalty_published: 1 / 3,
      },
      // Cast V1 (RIV, a tie), V2 (RIV), V3 (COL, a tie): loyalty over V2 only; against the
      // published position in V1.
      {
        acteur_uid: 'PA900003',
        eligible: 4,
        cast: 3,
        delegated: 0,
        function_excluded: 0,
        participation: 0.75,
        eligible_solemn: 1,
        cast_solemn: 1,
        participation_solemn: 1,
        loyalty_base: 1,
        loyal: 1,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 3,
        loyal_published: 2,
        loyalty_published: 2 / 3,
      },
      // Left on 2025-02-14: V1 and V2 only, both cast.
      {
        acteur_uid: 'PA900004',
        eligible: 2,
        cast: 2,
        delegated: 0,
        function_excluded: 0,
        participation: 1,
        eligible_solemn: 1,
        cast_solemn: 1,
        participation_solemn: 1,
        loyalty_base: 2,
        loyal: 2,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 2,
        loyal_published: 2,
        loyalty_published: 1,
      },
      // Took office on 2025-09-21 (no datePriseFonction: dateDebut): V4 only; no solemn vote.
      {
        acteur_uid: 'PA900006',
        eligible: 1,
        cast: 1,
        delegated: 0,
        function_excluded: 0,
        participation: 1,
        eligible_solemn: 0,
        cast_solemn: 0,
        participation_solemn: null,
        loyalty_base: 1,
        loyal: 1,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 1,
        loyal_published: 1,
        loyalty_published: 1,
      },
      // Until 2025-06-30 included: V1 (presiding, excluded), V2, V3; NI's only vote each time,
      // so its majority; against the published position in V2.
      {
        acteur_uid: 'PA900007',
        eligible: 2,
        cast: 2,
        delegated: 0,
        function_excluded: 1,
        participation: 1,
        eligible_solemn: 1,
        cast_solemn: 1,
        participation_solemn: 1,
        loyalty_base: 2,
        loyal: 2,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 2,
        loyal_published: 1,
        loyalty_published: 0.5,
      },
    ]);

    // Cohesion: mean agreement index where a member voted. RIV (0.25 + 1 + 1) ÷ 3;
    // COL (1 + 1 + 0.25 + 1) ÷ 4; NI (1 + 1) ÷ 2.
    expect(
      await tmp.db.selectFrom('group_vote_stats').selectAll().orderBy('group_uid').execute(),
    ).toEqual([
      { group_uid: RIV, scrutins: 3, cohesion: 0.75 },
      { group_uid: COL, scrutins: 4, cohesion: 0.8125 },
      { group_uid: NI, scrutins: 2, cohesion: 1 },
    ]);
    // Proximity where both groups have a majority: V2 (RIV contre, COL abstention, NI pour,
    // all differ) and V3 (RIV pour, NI abstention; COL ties).
    const proximity = await tmp.db
      .selectFrom('group_proximity')
      .selectAll()
      .orderBy('group_a')
      .orderBy('group_b')
      .execute();
    expect(proximity).toEqual([
      { group_a: RIV, group_b: COL, common: 1, agreements: 0, proximity: 0 },
      { group_a: RIV, group_b: NI, common: 2, agreements: 0, proximity: 0 },
      { group_a: COL, group_b: RIV, common: 1, agreements: 0, proximity: 0 },
      { group_a: COL, group_b: NI, common: 1, agreements: 0, proximity: 0 },
      { group_a: NI, group_b: RIV, common: 2, agreements: 0, proximity: 0 },
      { group_a: NI, group_b: COL, common: 1, agreements: 0, proximity: 0 },
    ]);
  });

  it('skips an unchanged archive, then writes only the added and changed scrutins', async () => {
    const first = scrutinEntries([V1, V2, V3]);
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(first));
    expect(await crawl('votes')).toMatchObject({ status: 'ok', added: 3, changed: 0, failed: 0 });
    // PA900006 took office after the last of these scrutins.
    expect(await statsOf(tmp.db, 'PA900006')).toMatchObject({ eligible: 0, participation: null });
    const before = await snapshot(tmp.db);

    // Same file, same validators: 304.
    expect(await crawl('votes')).toMatchObject({
      status: 'unchanged',
      fetched: 1,
      unchanged: 1,
      added: 0,
      changed: 0,
      failed: 0,
      error: null,
    });
    // Same bytes published again (new ETag): same hash, unchanged too.
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(first));
    expect(await crawl('votes')).toMatchObject({ status: 'unchanged', added: 0, changed: 0 });
    expect(await snapshot(tmp.db)).toEqual(before);

    // V2 corrected (PA900002 now votes contre, with the group), V4 added.
    const v2 = {
      ...V2,
      groups: V2.groups!.map((g) =>
        g.organe === COL ? { organe: COL, position: 'contre', contre: ['PA900002'] } : g,
      ),
    };
    const zip = scrutinsZip(scrutinEntries([V1, v2, V3, V4]));
    publish(SCRUTINS_MIRROR_PATH, zip);
    expect(await crawl('votes')).toMatchObject({
      status: 'ok',
      fetched: 1,
      added: 1,
      changed: 1,
      failed: 0,
      error: null,
    });
    expect((await syncRow(tmp.db)).content_hash).toBe(sha256(zip));

    const after = await snapshot(tmp.db);
    // V1 and V3 were not rewritten: same rows, same rowids.
    const keep = (s: typeof before, n: string) => ({
      scrutins: s.scrutins.filter((r) => r.uid.endsWith(n)),
      groups: s.groups.filter((r) => r.scrutin_uid.endsWith(n)),
      votes: s.votes.filter((r) => r.scrutin_uid.endsWith(n)),
    });
    expect(keep(after, 'V1')).toEqual(keep(before, 'V1'));
    expect(keep(after, 'V3')).toEqual(keep(before, 'V3'));
    expect(after.scrutins.map((s) => s.number)).toEqual([1, 2, 3, 4]);

    const changed = await scrutinRow(tmp.db, 2);
    expect(changed).toMatchObject({ against_count: 4, abstention_count: 0, rebels: 0 });
    expect(changed.content_hash).not.toBe(before.scrutins[1]!.content_hash);
    expect(
      await tmp.db
        .selectFrom('vote')
        .select(['position', 'rebel'])
        .where('scrutin_uid', '=', 'VTANR5L17V2')
        .where('acteur_uid', '=', 'PA900002')
        .executeTakeFirstOrThrow(),
    ).toEqual({ position: 'contre', rebel: 0 });
    // Figures recomputed: PA900002 now votes COL's published position in V2 too, against it in
    // V3 only (a tie there); PA900006 signed V4.
    expect(await statsOf(tmp.db, 'PA900002')).toMatchObject({
      loyal: 2,
      loyalty: 1,
      rebellions: 0,
      loyal_published: 2,
      loyalty_published: 2 / 3,
    });
    expect(await statsOf(tmp.db, 'PA900006')).toMatchObject({
      eligible: 1,
      cast: 1,
      participation: 1,
    });
    expect(
      (
        await tmp.db
          .selectFrom('vote')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(15);
  });

  it.each([
    ['a truncated zip', () => scrutinsZip(scrutinEntries([V1, V2, V4])).slice(0, 300)],
    ['bytes that are no zip', () => new TextEncoder().encode('<html>Maintenance</html>')],
  ])('fails on %s, naming the file, and leaves the database as it was', async (_, bytes) => {
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries([V1, V2, V3])));
    expect(await crawl('votes')).toMatchObject({ status: 'ok', added: 3 });
    const before = await snapshot(tmp.db);
    const { content_hash } = await syncRow(tmp.db);

    publish(SCRUTINS_MIRROR_PATH, bytes());
    const summary = await crawl('votes');
    expect(summary).toMatchObject({
      source: 'votes',
      status: 'failed',
      added: 0,
      changed: 0,
      failed: 1,
    });
    expect(summary.error).toContain(`file ${SCRUTINS_FILE_NAME}: `);
    expect(summary.error).toMatch(/zip/i);
    expect(await snapshot(tmp.db)).toEqual(before);
    const sync = await syncRow(tmp.db);
    expect(sync.content_hash).toBe(content_hash);
    expect(sync.last_error).toBe(summary.error);
  });

  it('fails on an archive without any scrutin file', async () => {
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries([V1])));
    expect(await crawl('votes')).toMatchObject({ status: 'ok', added: 1 });
    const before = await snapshot(tmp.db);

    publish(
      SCRUTINS_MIRROR_PATH,
      scrutinsZip({
        'json/LISEZMOI.txt': 'Fichier en cours de génération',
        'xml/VTANR5L17V1.xml': '<scrutin/>',
      }),
    );
    const summary = await crawl('votes');
    expect(summary).toMatchObject({ status: 'failed', failed: 1 });
    expect(summary.error).toMatch(/^file \(archive\): .*scrutin file/);
    expect(await snapshot(tmp.db)).toEqual(before);
  });

  it('ingests the good files of an archive with bad ones, keeping their previous version', async () => {
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries([V1, V2, V3])));
    expect(await crawl('votes')).toMatchObject({ status: 'ok', added: 3 });
    const before = await snapshot(tmp.db);

    const v3 = scrutinJson({ ...V3, title: 'titre corrigé' }) as { scrutin: Record<string, any> };
    v3.scrutin.ventilationVotes.organe.groupes.groupe[2].vote.positionMajoritaire = 'Pour';
    publish(
      SCRUTINS_MIRROR_PATH,
      scrutinsZip({
        ...scrutinEntries([V1, V4]),
        // Cut in the middle of the file.
        [scrutinEntry(2)]: JSON.stringify(scrutinJson(V2)).slice(0, 200),
        [scrutinEntry(3)]: v3,
        // A new file holding another scrutin than its name says.
        [scrutinEntry(5)]: scrutinJson({ ...V4, number: 6 }),
        // Not UTF-8.
        [scrutinEntry(7)]: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      }),
    );
    const summary = await crawl('votes');
    expect(summary).toMatchObject({
      source: 'votes',
      status: 'partial',
      fetched: 1,
      added: 1,
      changed: 0,
      failed: 4,
    });
    const error = summary.error ?? '';
    expect(error).toMatch(/json\/VTANR5L17V2\.json: invalid JSON/);
    expect(error).toMatch(
      /json\/VTANR5L17V3\.json: [^|]*groupe\[2\]\.vote\.positionMajoritaire[^|]*"Pour"/,
    );
    expect(error).toMatch(/json\/VTANR5L17V5\.json: [^|]*VTANR5L17V6/);
    expect(error).toMatch(/json\/VTANR5L17V7\.json: /);
    expect(error).not.toMatch(/VTANR5L17V[14]\.json/);

    const after = await snapshot(tmp.db);
    // The bad V2 and V3 keep their previous version, untouched, like the unchanged V1.
    for (const n of ['V1', 'V2', 'V3']) {
      expect(after.scrutins.filter((r) => r.uid.endsWith(n))).toEqual(
        before.scrutins.filter((r) => r.uid.endsWith(n)),
      );
      expect(after.votes.filter((r) => r.scrutin_uid.endsWith(n))).toEqual(
        before.votes.filter((r) => r.scrutin_uid.endsWith(n)),
      );
    }
    // The good new V4 is in, with its figures; nothing of V5, V6 or V7.
    expect(after.scrutins.map((s) => s.uid)).toEqual([
      'VTANR5L17V1',
      'VTANR5L17V2',
      'VTANR5L17V3',
      'VTANR5L17V4',
    ]);
    expect(await statsOf(tmp.db, 'PA900006')).toMatchObject({ eligible: 1, cast: 1 });

    // The rejected files are remembered and retried: the same archive is fetched again,
    // its good files are skipped by their hash and the bad ones reported again.
    const state = await tmp.db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'votes')
      .executeTakeFirstOrThrow();
    expect(state.last_error).toMatch(/VTANR5L17V2\.json: invalid JSON/);
    expect(state.content_hash).toBeNull();
    expect(await crawl('votes')).toMatchObject({
      status: 'partial',
      added: 0,
      changed: 0,
      failed: 4,
    });
  });

  it('refuses impossible values and a second file for one scrutin, naming the files', async () => {
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries([V1, V2, V3])));
    expect(await crawl('votes')).toMatchObject({ status: 'ok', added: 3 });
    const before = await snapshot(tmp.db);

    const withSynthesis = (spec: ScrutinSpec, edit: (synthese: Record<string, any>) => void) => {
      const json = scrutinJson(spec) as { scrutin: Record<string, any> };
      edit(json.scrutin.syntheseVote);
      return json;
    };
    publish(
      SCRUTINS_MIRROR_PATH,
      scrutinsZip({
        ...scrutinEntries([V1, V4]),
        [scrutinEntry(2)]: scrutinJson({ ...V2, date: '2025-13-45' }),
        [scrutinEntry(3)]: withSynthesis(V3, (s) => (s.decompte.contre = '-1')),
        // A copy of V4 under another folder, and a new scrutin numbered beyond the integers.
        [`copie/${scrutinEntry(4)}`]: scrutinJson({ ...V4, title: 'une autre motion' }),
        [scrutinEntry(5)]: (() => {
          const json = scrutinJson({ ...V4, number: 5 }) as { scrutin: Record<string, any> };
          json.scrutin.numero = '99999999999999999999999';
          return json;
        })(),
      }),
    );
    const summary = await crawl('votes');
    expect(summary).toMatchObject({ status: 'partial', added: 1, changed: 0, failed: 4 });
    const errors = (summary.error ?? '').split(' | ');
    expect(errors).toEqual([
      expect.stringMatching(/^json\/VTANR5L17V2\.json: .*scrutin\.dateScrutin.*2025-13-45/),
      expect.stringMatching(/^json\/VTANR5L17V3\.json: .*syntheseVote\.decompte\.contre.*"-1"/),
      'copie/json/VTANR5L17V4.json: scrutin VTANR5L17V4 already read from json/VTANR5L17V4.json',
      expect.stringMatching(/^json\/VTANR5L17V5\.json: .*scrutin\.numero.*99999999999999999999999/),
    ]);

    const after = await snapshot(tmp.db);
    // V2 and V3 keep their previous version; V4 is the one of json/, not of copie/.
    expect(after.scrutins.slice(0, 3)).toEqual(before.scrutins);
    expect(after.votes.filter((v) => !v.scrutin_uid.endsWith('V4'))).toEqual(before.votes);
    expect(after.scrutins.map((r) => [r.uid, r.title])).toEqual([
      ['VTANR5L17V1', V1.title],
      ['VTANR5L17V2', V2.title],
      ['VTANR5L17V3', V3.title],
      ['VTANR5L17V4', V4.title],
    ]);
    // The refused files are fetched again at the next crawl; once corrected, nothing is lost.
    expect((await syncRow(tmp.db)).content_hash).toBeNull();
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries([V1, V2, V3, V4])));
    expect(await crawl('votes')).toMatchObject({ added: 0, changed: 0, failed: 0 });
    expect(await snapshot(tmp.db)).toEqual(after);
    const sync = await syncRow(tmp.db);
    expect(sync.last_error).toBeNull();
    expect(sync.content_hash).not.toBeNull();
  });

  it('ingests the first file of a scrutin published twice in a first crawl', async () => {
    publish(
      SCRUTINS_MIRROR_PATH,
      scrutinsZip({
        ...scrutinEntries([V1, V2]),
        [`autre/${scrutinEntry(2)}`]: scrutinJson(V2),
      }),
    );
    const summary = await crawl('votes');
    expect(summary).toMatchObject({ status: 'partial', added: 2, failed: 1 });
    expect(summary.error).toBe(
      'autre/json/VTANR5L17V2.json: scrutin VTANR5L17V2 already read from json/VTANR5L17V2.json',
    );
    const stored = await tmp.db.selectFrom('vote').select('scrutin_uid').execute();
    // V1: 5 voters listed, V2: 5 voters listed, each once.
    expect(stored.filter((v) => v.scrutin_uid === 'VTANR5L17V1')).toHaveLength(5);
    expect(stored.filter((v) => v.scrutin_uid === 'VTANR5L17V2')).toHaveLength(5);
  });
});
