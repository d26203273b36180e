// /comparer and /vote-comme-moi on the real data: the real referential and Scrutins.json.zip
// (../shared/fixtures, present on CI) crawled end to end into a temp database, then the
// routes' figures checked against a count made here straight from the archive's nominative
// lists (deputies only: a group's identity needs the placeholder resolution of the ingest).
// Skipped, saying so, when the shared fixtures are absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../scripts/static-server.ts';
import { createApp } from '../../server/app.tsx';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { SCRUTINS_MIRROR_PATH } from '../helpers/scrutin-json.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const SCRUTINS_ZIP = path.join(MIRROR, SCRUTINS_MIRROR_PATH);
const exists = existsSync(SCRUTINS_ZIP) && existsSync(path.join(MIRROR, AMO40_MIRROR_PATH));
if (!exists) console.info(`[comparer-real] skipped: no real fixtures under ${MIRROR}`);

type Json = Record<string, unknown>;
const field = (v: unknown, k: string): unknown =>
  typeof v === 'object' && v !== null ? (v as Json)[k] : undefined;
const items = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | null =>
  typeof v === 'string'
    ? v
    : typeof field(v, '#text') === 'string'
      ? (field(v, '#text') as string)
      : null;

/** Votes cast by scrutin number: acteur → pour / contre / abstention; and each scrutin's type. */
function readVotesCast(bytes: Uint8Array) {
  const cast = new Map<number, Map<string, string>>();
  const types = new Map<number, string>();
  const decoder = new TextDecoder();
  for (const [name, content] of Object.entries(unzipSync(bytes))) {
    if (!/^json\/VTANR5L17V\d+\.json$/.test(name)) continue;
    const s = field(JSON.parse(decoder.decode(content)), 'scrutin');
    const number = Number(text(field(s, 'numero')));
    types.set(number, text(field(field(s, 'typeVote'), 'codeTypeVote'))!);
    const votes = new Map<string, string>();
    const groupes = field(field(field(s, 'ventilationVotes'), 'organe'), 'groupes');
    for (const g of items(field(groupes, 'groupe'))) {
      const lists = field(field(g, 'vote'), 'decompteNominatif');
      for (const [key, position] of [
        ['pours', 'pour'],
        ['contres', 'contre'],
        ['abstentions', 'abstention'],
      ] as const) {
        for (const v of items(field(field(lists, key), 'votant')))
          votes.set(text(field(v, 'acteurRef'))!, position);
      }
    }
    cast.set(number, votes);
  }
  return { cast, types };
}

describe.skipIf(!exists)('comparisons on the real data (../shared/fixtures)', () => {
  let server: StaticServer;
  let tmp: TempDatabase;
  let app: ReturnType<typeof createApp>;
  let raw: ReturnType<typeof readVotesCast>;

  beforeAll(async () => {
    raw = readVotesCast(readFileSync(SCRUTINS_ZIP));
    server = await serveFolder(MIRROR);
    tmp = await tempDatabase();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const summaries = await runCrawl(tmp.db, config, { only: ['an', 'votes'] });
    expect(summaries.map((s) => s.status)).toEqual(['ok', 'ok']);
    app = createApp({ db: tmp.db, config });
  }, 600_000);

  afterAll(async () => {
    await tmp?.cleanup();
    await server?.close();
  });

  const json = async (p: string) => {
    const res = await app.request(p);
    expect(res.status, p).toBe(200);
    return (await res.json()) as Record<string, any>;
  };

  /** Common scrutins and agreements of two deputies, from the archive. */
  function expected(a: string, b: string) {
    const common: number[] = [];
    let agreements = 0;
    for (const [number, votes] of raw.cast) {
      const pa = votes.get(a);
      const pb = votes.get(b);
      if (!pa || !pb) continue;
      common.push(number);
      if (pa === pb) agreements++;
    }
    return { common: common.sort((x, y) => y - x), agreements };
  }

  it('counts the common scrutins and agreements of real deputies as the archive does', async () => {
    const voters = new Map<string, number>();
    for (const votes of raw.cast.values())
      for (const uid of votes.keys()) voters.set(uid, (voters.get(uid) ?? 0) + 1);
    const busiest = [...voters].sort((x, y) => y[1] - x[1]).map(([uid]) => uid);
    // The two who voted most, one of them with someone who voted little, and a middle pair.
    const pairs: [string, string][] = [
      [busiest[0]!, busiest[1]!],
      [busiest[0]!, busiest.at(-1)!],
      [busiest[100]!, busiest[300]!],
    ];
    for (const [a, b] of pairs) {
      const want = expected(a, b);
      const data = await json(`/comparer.json?a=${a}&b=${b}&voir=tous&per_page=1000`);
      expect([data.scrutins_communs, data.accords], `${a}/${b}`).toEqual([
        want.common.length,
        want.agreements,
      ]);
      expect(data.items.map((i: any) => i.numero)).toEqual(want.common.slice(0, 1000));
      const page = await app.request(`/comparer?a=${a}&b=${b}`);
      expect(page.status).toBe(200);
    }
  });

  it('ranks real deputies on 20 solemn answers with the archive’s counts', async () => {
    const solemn = [...raw.types]
      .filter(([, type]) => type === 'SPS')
      .map(([n]) => n)
      .sort((x, y) => y - x)
      .slice(0, 20);
    expect(solemn).toHaveLength(20);
    const answers = new Map(
      solemn.map((n, i) => [n, (['pour', 'contre', 'abstention'] as const)[i % 3]!]),
    );
    const want = new Map<string, { common: number; agreements: number }>();
    for (const [n, answer] of answers) {
      for (const [uid, position] of raw.cast.get(n)!) {
        const w = want.get(uid) ?? { common: 0, agreements: 0 };
        w.common++;
        if (position === answer) w.agreements++;
        want.set(uid, w);
      }
    }
    const query = [...answers].map(([n, p]) => `s${n}=${p}`).join('&');
    const data = await json(`/vote-comme-moi.json?${query}`);
    const deputies = data.items.filter((i: any) => i.type === 'depute');
    expect(
      new Map(
        deputies.map((i: any) => [i.uid, { common: i.scrutins_communs, agreements: i.accords }]),
      ),
    ).toEqual(want);
    // Ranked ones first, by rate; not significant ones (under 10 common scrutins) unranked after.
    const ranked = deputies.filter((i: any) => i.rang !== null);
    expect(ranked.every((i: any) => i.scrutins_communs >= 10)).toBe(true);
    expect(
      deputies.slice(ranked.length).every((i: any) => i.rang === null && i.scrutins_communs < 10),
    ).toBe(true);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i].taux_accord).toBeLessThanOrEqual(ranked[i - 1].taux_accord);
    expect((await app.request(`/vote-comme-moi?${query}`)).status).toBe(200);
  });
});
