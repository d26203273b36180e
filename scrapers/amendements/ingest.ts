import type { Transaction } from 'kysely';
import type { Database, NewChangeEvent } from '../../db/schema/index.ts';
import { sqliteHandle } from '../../db/database.ts';
import { insertRows } from '../../db/insert.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { ShapeError } from '../lib/an-json.ts';
import { initialImport, type ChangeContext } from '../lib/changes.ts';
import { linkScrutins } from '../lib/scrutin-links.ts';
import { sha256 } from '../lib/download.ts';
import type { ZipEntry } from '../lib/zip.ts';
import {
  amendementChange,
  amendementRemoved,
  type RemovedAmendement,
  type StoredAmendement,
} from './changes.ts';
import { AMENDEMENT_FILE, parseAmendement, type ParsedFile } from './parse.ts';

export interface AmendementsIngestResult {
  /** Amendment files read (each uid once). */
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Stored amendments absent from the archive, deleted. */
  removed: number;
  /** Stored amendments before the ingest. */
  stored: number;
  /** "<file>: <reason>" for each amendment file that could not be read; its previous version is kept. */
  errors: string[];
}

const BATCH = 500;
const decoder = new TextDecoder('utf-8', { fatal: true });

type Parsed = ParsedFile & { hash: string; name: string };

async function write(trx: Transaction<Database>, batch: Parsed[], replaced: string[]) {
  for (let i = 0; i < replaced.length; i += BATCH) {
    const uids = replaced.slice(i, i + BATCH);
    await trx.deleteFrom('amendement_cosignataire').where('amendement_uid', 'in', uids).execute();
    await trx.deleteFrom('amendement').where('uid', 'in', uids).execute();
  }
  await insertRows(
    trx,
    'amendement',
    batch.map((b) => ({ ...b.amendement, file_name: b.name, content_hash: b.hash })),
  );
  await insertRows(
    trx,
    'amendement_cosignataire',
    batch.flatMap((b) =>
      b.cosignataires.map((acteur_uid, i) => ({
        amendement_uid: b.amendement.uid,
        acteur_uid,
        position: i + 1,
      })),
    ),
  );
}

function failure(error: unknown): string {
  if (error instanceof ShapeError) return `unexpected shape at ${error.message}`;
  if (error instanceof SyntaxError) return `invalid JSON (${error.message})`;
  return (error as Error).message;
}

/**
 * Writes the amendments of an archive as its entries arrive, incrementally: an entry whose
 * hash is the stored one is not parsed; a new or changed one replaces its amendment and
 * co-signers, in batches, with its change event (new amendment, outcome changed). A file
 * that cannot be read is reported by name and skipped, its stored version kept. Stored
 * amendments absent from the archive are deleted at the end (the caller has checked the
 * count is plausible). Runs inside the caller's transaction.
 *
 * Memory holds one batch, never the archive nor a row per amendment: each entry's stored
 * hash is looked up by uid when it arrives, and the uids read (to refuse a second file for
 * one and find the stored amendments gone) go to a temporary table, on disk like the rest.
 * A first import (nothing stored) fills the full-text index in one pass at the end instead
 * of row by row: its insert trigger is set aside for the transaction and put back as it was.
 */
export async function ingestAmendements(
  trx: Transaction<Database>,
  entries: AsyncIterable<ZipEntry>,
  legislature: number,
  changes: ChangeContext,
  onProgress: (done: number) => void = () => {},
): Promise<AmendementsIngestResult> {
  const sqlite = sqliteHandle(trx);
  const stored = Number(sqlite.prepare('select count(*) from amendement').pluck().get());
  const first = stored === 0;
  const result: AmendementsIngestResult = {
    read: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
    stored,
    errors: [],
  };
  sqlite.exec(`drop table if exists temp.amendement_ingest_seen;
    create temp table amendement_ingest_seen (uid text primary key, name text not null) without rowid`);
  const lookup = sqlite.prepare<[string], StoredAmendement>(
    'select content_hash as hash, sort from amendement where uid = ?',
  );
  const markRead = sqlite.prepare<[string, string]>(
    'insert or ignore into temp.amendement_ingest_seen (uid, name) values (?, ?)',
  );
  const readFrom = sqlite
    .prepare<[string], string>('select name from temp.amendement_ingest_seen where uid = ?')
    .pluck();
  const trigger = first
    ? (sqlite
        .prepare<[], string>(
          "select sql from sqlite_master where type = 'trigger' and name = 'amendement_fts_insert'",
        )
        .pluck()
        .get() ?? null)
    : null;
  if (trigger) sqlite.exec('drop trigger amendement_fts_insert');
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
    const match = AMENDEMENT_FILE.exec(name);
    if (!match) continue;
    const uid = match[3]!;
    if (markRead.run(uid, name).changes === 0) {
      result.errors.push(`${name}: amendement ${uid} already read from ${readFrom.get(uid)}`);
      continue;
    }
    result.read++;
    const hash = sha256(bytes);
    const previous = first ? undefined : lookup.get(uid);
    if (previous?.hash === hash) {
      result.unchanged++;
    } else {
      try {
        const parsed = parseAmendement(name, JSON.parse(decoder.decode(bytes)));
        if (parsed.amendement.legislature !== legislature) {
          throw new Error(
            `amendement of legislature ${parsed.amendement.legislature}, expected ${legislature}`,
          );
        }
        batch.push({ ...parsed, hash, name });
        if (previous) replaced.push(uid);
        const event = first ? null : amendementChange(changes, previous, parsed.amendement);
        if (event) events.push(event);
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
      'select uid from amendement where uid not in (select uid from temp.amendement_ingest_seen)';
    // One event per amendment gone, in this transaction (at most the share checkPlausible lets go).
    const gone = sqlite
      .prepare<[], RemovedAmendement>(
        `select uid, numero_long, article, sort from amendement where uid in (${absent}) order by uid`,
      )
      .all();
    for (let i = 0; i < gone.length; i += BATCH) {
      await appendChanges(
        trx,
        gone.slice(i, i + BATCH).map((a) => amendementRemoved(changes, a)),
      );
    }
    sqlite.prepare(`delete from amendement_cosignataire where amendement_uid in (${absent})`).run();
    result.removed = sqlite
      .prepare(`delete from amendement where uid in (${absent})`)
      .run().changes;
  }
  if (trigger) {
    sqlite.exec("insert into amendement_fts(amendement_fts) values ('rebuild')");
    sqlite.exec(trigger);
  }
  sqlite.exec('drop table temp.amendement_ingest_seen');
  if (result.added + result.changed + result.removed > 0) await linkScrutins(trx);
  if (first && result.added > 0) {
    await appendChanges(trx, [initialImport(changes, result.added, 'amendements')]);
  }
  return result;
}
