import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema/index.ts';
import { insertRows } from '../../db/insert.ts';
import { sha256 } from '../lib/download.ts';
import { ShapeError } from '../lib/an-json.ts';
import { recomputeVoteFigures } from '../lib/vote-figures.ts';
import { recomputeActivityFigures } from '../lib/activity-figures.ts';
import { linkScrutins } from '../lib/scrutin-links.ts';
import type { VoteInput } from '../lib/vote-stats.ts';
import { parseScrutin, type ParsedScrutin } from './parse.ts';
import { UNKNOWN_GROUP } from '../../domain/votes.ts';
import type { ZipEntry } from '../lib/zip.ts';

/** An archive's files: read one at a time (`zipEntries`), or already in memory by path. */
export type ScrutinFiles = AsyncIterable<ZipEntry> | Map<string, Uint8Array>;

async function* entriesOf(files: ScrutinFiles): AsyncGenerator<[string, Uint8Array]> {
  if (files instanceof Map) yield* files;
  else for await (const { name, bytes } of files) yield [name, bytes];
}

export interface VotesIngestResult {
  /** Scrutin files in the archive (json/VTANR…V<n>.json), read or not. */
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  /** "<file>: <reason>" for each scrutin file that could not be read; its previous version is kept. */
  errors: string[];
}

const SCRUTIN_FILE = /(?:^|\/)(VTANR\d+L\d+V\d+)\.json$/;
const BATCH = 200;
const decoder = new TextDecoder('utf-8', { fatal: true });

async function write(trx: Transaction<Database>, batch: (ParsedScrutin & { hash: string })[]) {
  const uids = batch.map((b) => b.scrutin.uid);
  await trx.deleteFrom('vote').where('scrutin_uid', 'in', uids).execute();
  await trx.deleteFrom('scrutin_group').where('scrutin_uid', 'in', uids).execute();
  await trx.deleteFrom('scrutin').where('uid', 'in', uids).execute();
  await insertRows(
    trx,
    'scrutin',
    batch.map((b) => ({ ...b.scrutin, content_hash: b.hash })),
  );
  await insertRows(
    trx,
    'scrutin_group',
    batch.flatMap((b) => b.groups),
  );
  await insertRows(
    trx,
    'vote',
    batch.flatMap((b) => b.votes),
  );
}

/** How many scrutins on each side are searched for a voter's named group. */
const NEIGHBOURS = 25;

/**
 * Gives each group published without an id the group that most of its voters belonged to
 * in the nearest scrutin (by number, within NEIGHBOURS on each side) where their group was
 * named; leaves the placeholder when no single group stands out, or when that group is
 * already in the scrutin.
 */
async function resolveUnknownGroups(trx: Transaction<Database>): Promise<void> {
  const unknown = await trx
    .selectFrom('scrutin_group as g')
    .innerJoin('scrutin as s', 's.uid', 'g.scrutin_uid')
    .select(['g.scrutin_uid', 'g.group_uid', 's.number', 's.legislature'])
    .where('g.group_uid', 'like', `${UNKNOWN_GROUP}%`)
    .execute();
  const byScrutin = new Map<string, typeof unknown>();
  for (const u of unknown)
    byScrutin.set(u.scrutin_uid, [...(byScrutin.get(u.scrutin_uid) ?? []), u]);
  for (const [scrutinUid, placeholders] of byScrutin) {
    const { number, legislature } = placeholders[0]!;
    // Each voter's group in the nearest scrutin around this one where it is named.
    const nearby = await trx
      .selectFrom('vote as v')
      .innerJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
      .select(['v.acteur_uid', 'v.group_uid', 's.number'])
      .where('s.legislature', '=', legislature)
      .where('s.number', '>=', number - NEIGHBOURS)
      .where('s.number', '<=', number + NEIGHBOURS)
      .where('s.number', '<>', number)
      .where('v.group_uid', 'not like', `${UNKNOWN_GROUP}%`)
      .execute();
    const nearest = new Map<string, { distance: number; group: string }>();
    for (const row of nearby) {
      const distance = Math.abs(row.number - number) * 2 + (row.number < number ? 0 : 1);
      const kept = nearest.get(row.acteur_uid);
      if (!kept || distance < kept.distance)
        nearest.set(row.acteur_uid, { distance, group: row.group_uid });
    }
    const voters = await trx
      .selectFrom('vote')
      .select(['acteur_uid', 'group_uid'])
      .where('scrutin_uid', '=', scrutinUid)
      .where('group_uid', 'like', `${UNKNOWN_GROUP}%`)
      .execute();
    const taken = new Set(
      (
        await trx
          .selectFrom('scrutin_group')
          .select('group_uid')
          .where('scrutin_uid', '=', scrutinUid)
          .execute()
      ).map((g) => g.group_uid),
    );
    for (const { group_uid: placeholder } of placeholders) {
      const tally = new Map<string, number>();
      for (const v of voters) {
        const group = v.group_uid === placeholder ? nearest.get(v.acteur_uid)?.group : undefined;
        if (group) tally.set(group, (tally.get(group) ?? 0) + 1);
      }
      const [best, second] = [...tally.entries()].sort((a, b) => b[1] - a[1]);
      if (!best || (second && second[1] === best[1]) || taken.has(best[0])) continue;
      taken.add(best[0]);
      for (const table of ['scrutin_group', 'vote'] as const) {
        await trx
          .updateTable(table)
          .set({ group_uid: best[0] })
          .where('scrutin_uid', '=', scrutinUid)
          .where('group_uid', '=', placeholder)
          .execute();
      }
    }
  }
}

/**
 * Writes the scrutins of an archive incrementally: a file whose hash is unchanged is not
 * even parsed; a new or changed one replaces its scrutin, groups and votes. Then recomputes
 * the derived figures. Runs inside the caller's transaction.
 */
export async function ingestScrutins(
  trx: Transaction<Database>,
  files: ScrutinFiles,
  legislature: number,
  onProgress: (done: number) => void = () => {},
): Promise<VotesIngestResult> {
  const known = new Map(
    (await trx.selectFrom('scrutin').select(['uid', 'content_hash']).execute()).map((r) => [
      r.uid,
      r.content_hash,
    ]),
  );
  const result: VotesIngestResult = {
    read: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    errors: [],
  };
  let batch: (ParsedScrutin & { hash: string })[] = [];
  // Votes written by this ingest; when it rewrote every stored scrutin they are all the
  // votes, and the figures are computed from them without reading them back.
  const written: { uids: Set<string>; votes: VoteInput[] } = { uids: new Set(), votes: [] };
  // The file each scrutin was read from: a second file for it (the same name under another
  // folder) is refused, whichever comes first in the archive keeps the scrutin.
  const readFrom = new Map<string, string>();
  for await (const [name, bytes] of entriesOf(files)) {
    const uid = SCRUTIN_FILE.exec(name)?.[1];
    if (uid === undefined) continue;
    result.read++;
    const hash = sha256(bytes);
    const previous = known.get(uid);
    const first = readFrom.get(uid);
    if (first === undefined) readFrom.set(uid, name);
    if (first !== undefined) {
      result.errors.push(`${name}: scrutin ${uid} already read from ${first}`);
    } else if (previous === hash) {
      result.unchanged++;
    } else {
      try {
        const parsed = parseScrutin(JSON.parse(decoder.decode(bytes)));
        if (parsed.scrutin.uid !== uid)
          throw new Error(`holds scrutin ${parsed.scrutin.uid}, not ${uid}`);
        if (parsed.scrutin.legislature !== legislature) {
          throw new Error(
            `scrutin of legislature ${parsed.scrutin.legislature}, expected ${legislature}`,
          );
        }
        batch.push({ ...parsed, hash });
        written.uids.add(uid);
        const majorities = new Map(parsed.groups.map((g) => [g.group_uid, g.majority_position]));
        for (const v of parsed.votes) {
          written.votes.push({
            scrutin_uid: v.scrutin_uid,
            acteur_uid: v.acteur_uid,
            position: v.position,
            cause: v.cause,
            delegation: v.delegation,
            rebel_published: v.rebel_published,
            majority: majorities.get(v.group_uid) ?? null,
          });
        }
        if (previous === undefined) result.added++;
        else result.changed++;
      } catch (error) {
        const reason =
          error instanceof ShapeError
            ? `unexpected shape at ${error.message}`
            : error instanceof SyntaxError
              ? `invalid JSON (${error.message})`
              : (error as Error).message;
        result.errors.push(`${name}: ${reason}`);
      }
    }
    if (batch.length >= BATCH) {
      await write(trx, batch);
      batch = [];
    }
    onProgress(result.read);
  }
  if (batch.length > 0) await write(trx, batch);
  await resolveUnknownGroups(trx);
  if (result.added + result.changed > 0) {
    const complete = [...known.keys()].every((uid) => written.uids.has(uid));
    await recomputeVoteFigures(trx, legislature, complete ? written.votes : undefined);
    await linkScrutins(trx);
    await recomputeActivityFigures(trx, legislature);
  }
  return result;
}
