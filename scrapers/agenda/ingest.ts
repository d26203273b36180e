import type { Transaction } from 'kysely';
import type { Database, NewChangeEvent } from '../../db/schema/index.ts';
import { sqliteHandle } from '../../db/database.ts';
import { insertRows } from '../../db/insert.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { ShapeError } from '../lib/an-json.ts';
import { initialImport, type ChangeContext } from '../lib/changes.ts';
import { sha256 } from '../lib/download.ts';
import type { ZipEntry } from '../lib/zip.ts';
import { reunionChanges, reunionRemoved, type StoredReunion } from './changes.ts';
import { REUNION_FILE, parseReunion, type ParsedReunion } from './parse.ts';

export interface AgendaIngestResult {
  /** Meeting files read (each uid once). */
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Stored meetings absent from the archive, deleted. */
  removed: number;
  /** Stored meetings before the ingest. */
  stored: number;
  /** "<file>: <reason>" for each meeting file that could not be read; its previous version is kept. */
  errors: string[];
}

const BATCH = 500;
const decoder = new TextDecoder('utf-8', { fatal: true });

type Parsed = ParsedReunion & { hash: string; name: string };

async function write(trx: Transaction<Database>, batch: Parsed[], replaced: string[]) {
  for (let i = 0; i < replaced.length; i += BATCH) {
    const uids = replaced.slice(i, i + BATCH);
    await trx.deleteFrom('reunion_presence').where('reunion_uid', 'in', uids).execute();
    await trx.deleteFrom('reunion_item').where('reunion_uid', 'in', uids).execute();
    await trx.deleteFrom('reunion').where('uid', 'in', uids).execute();
  }
  await insertRows(
    trx,
    'reunion',
    batch.map((b) => ({ ...b.reunion, file_name: b.name, content_hash: b.hash })),
  );
  await insertRows(
    trx,
    'reunion_item',
    batch.flatMap((b) =>
      b.items.map((text, i) => ({ reunion_uid: b.reunion.uid, position: i + 1, text })),
    ),
  );
  await insertRows(
    trx,
    'reunion_presence',
    batch.flatMap((b) => b.presences.map((p) => ({ reunion_uid: b.reunion.uid, ...p }))),
  );
}

function failure(error: unknown): string {
  if (error instanceof ShapeError) return `unexpected shape at ${error.message}`;
  if (error instanceof SyntaxError) return `invalid JSON (${error.message})`;
  return (error as Error).message;
}

/**
 * Writes the meetings of an archive as its entries arrive, incrementally: an entry whose hash
 * is the stored one is not parsed; a new or changed one replaces its meeting, items and
 * attendance, in batches, with its change events (new meeting, cancelled, attendance
 * published). A file that cannot be read is reported by name and skipped, its stored version
 * kept. Stored meetings absent from the archive are deleted at the end (the caller has checked
 * the count is plausible). Runs inside the caller's transaction.
 *
 * Memory holds one batch: each entry's stored state is looked up by uid when it arrives, and
 * the uids read go to a temporary table.
 */
export async function ingestAgenda(
  trx: Transaction<Database>,
  entries: AsyncIterable<ZipEntry>,
  changes: ChangeContext,
  onProgress: (done: number) => void = () => {},
): Promise<AgendaIngestResult> {
  const sqlite = sqliteHandle(trx);
  const stored = Number(sqlite.prepare('select count(*) from reunion').pluck().get());
  const first = stored === 0;
  const result: AgendaIngestResult = {
    read: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
    stored,
    errors: [],
  };
  sqlite.exec(`drop table if exists temp.reunion_ingest_seen;
    create temp table reunion_ingest_seen (uid text primary key, name text not null) without rowid`);
  const lookup = sqlite.prepare<[string], StoredReunion>(
    'select content_hash as hash, etat, counted, attendance_published from reunion where uid = ?',
  );
  const markRead = sqlite.prepare<[string, string]>(
    'insert or ignore into temp.reunion_ingest_seen (uid, name) values (?, ?)',
  );
  const readFrom = sqlite
    .prepare<[string], string>('select name from temp.reunion_ingest_seen where uid = ?')
    .pluck();
  let batch: Parsed[] = [];
  let replaced: string[] = [];
  let events: NewChangeEvent[] = [];
  const flush = async () => {
    await write(trx, batch, replaced);
    await appendChanges(trx, events);
    batch = [];
    replaced = [];
    events = [];
  };
  for await (const { name, bytes } of entries) {
    const match = REUNION_FILE.exec(name);
    if (!match) continue;
    const uid = match[1]!;
    if (markRead.run(uid, name).changes === 0) {
      result.errors.push(`${name}: reunion ${uid} already read from ${readFrom.get(uid)}`);
      continue;
    }
    result.read++;
    const hash = sha256(bytes);
    const previous = first ? undefined : lookup.get(uid);
    if (previous?.hash === hash) {
      result.unchanged++;
    } else {
      try {
        const parsed = parseReunion(name, JSON.parse(decoder.decode(bytes)));
        batch.push({ ...parsed, hash, name });
        if (previous) replaced.push(uid);
        if (!first) events.push(...reunionChanges(changes, previous, parsed));
        if (previous) result.changed++;
        else result.added++;
      } catch (error) {
        result.errors.push(`${name}: ${failure(error)}`);
      }
    }
    if (batch.length >= BATCH) await flush();
    onProgress(result.read);
  }
  await flush();
  if (!first) {
    const absent =
      'select uid from reunion where uid not in (select uid from temp.reunion_ingest_seen)';
    const gone = sqlite
      .prepare<
        [],
        { uid: string; kind: string; day: string; organe_uid: string | null; etat: string }
      >(
        `select uid, kind, day, organe_uid, etat from reunion where uid in (${absent}) order by uid`,
      )
      .all();
    for (let i = 0; i < gone.length; i += BATCH) {
      await appendChanges(
        trx,
        gone.slice(i, i + BATCH).map((r) => reunionRemoved(changes, r)),
      );
    }
    sqlite.prepare(`delete from reunion_presence where reunion_uid in (${absent})`).run();
    sqlite.prepare(`delete from reunion_item where reunion_uid in (${absent})`).run();
    result.removed = sqlite.prepare(`delete from reunion where uid in (${absent})`).run().changes;
  }
  sqlite.exec('drop table temp.reunion_ingest_seen');
  if (first && result.added > 0) {
    await appendChanges(trx, [initialImport(changes, result.added, 'réunions')]);
  }
  return result;
}
