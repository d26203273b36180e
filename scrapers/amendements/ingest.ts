import type { Transaction } from 'kysely';
import type { Database, NewChangeEvent } from '../../db/schema/index.ts';
import { insertRows } from '../../db/insert.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { ShapeError } from '../lib/an-json.ts';
import { initialImport, type ChangeContext } from '../lib/changes.ts';
import { linkScrutins } from '../lib/scrutin-links.ts';
import { sha256 } from '../lib/download.ts';
import type { ZipEntry } from '../lib/zip.ts';
import { amendementChange, type StoredAmendement } from './changes.ts';
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
 * count is plausible). Runs inside the caller's transaction; memory holds one batch and the
 * stored (uid, hash, sort) triples, never the archive.
 */
export async function ingestAmendements(
  trx: Transaction<Database>,
  entries: AsyncIterable<ZipEntry>,
  legislature: number,
  changes: ChangeContext,
  onProgress: (done: number) => void = () => {},
): Promise<AmendementsIngestResult> {
  const known = new Map<string, StoredAmendement>();
  for (const r of await trx
    .selectFrom('amendement')
    .select(['uid', 'content_hash', 'sort'])
    .execute()) {
    known.set(r.uid, { hash: r.content_hash, sort: r.sort });
  }
  const first = known.size === 0;
  const result: AmendementsIngestResult = {
    read: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
    stored: known.size,
    errors: [],
  };
  // The file each uid was read from: a second file for it is refused.
  const readFrom = new Map<string, string>();
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
    const earlier = readFrom.get(uid);
    if (earlier !== undefined) {
      result.errors.push(`${name}: amendement ${uid} already read from ${earlier}`);
      continue;
    }
    readFrom.set(uid, name);
    result.read++;
    const hash = sha256(bytes);
    const previous = known.get(uid);
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
  const gone = [...known.keys()].filter((uid) => !readFrom.has(uid));
  for (let i = 0; i < gone.length; i += BATCH) {
    const uids = gone.slice(i, i + BATCH);
    await trx.deleteFrom('amendement_cosignataire').where('amendement_uid', 'in', uids).execute();
    await trx.deleteFrom('amendement').where('uid', 'in', uids).execute();
  }
  result.removed = gone.length;
  if (result.added + result.changed + result.removed > 0) await linkScrutins(trx);
  if (first && result.added > 0) {
    await appendChanges(trx, [initialImport(changes, result.added, 'amendements')]);
  }
  return result;
}
