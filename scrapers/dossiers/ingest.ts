import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema/index.ts';
import { insertRows } from '../../db/insert.ts';
import { sha256 } from '../lib/download.ts';
import { ShapeError } from '../lib/an-json.ts';
import { linkScrutins } from '../lib/scrutin-links.ts';
import { parseDocument, parseDossier, type ParsedDossier } from './parse.ts';

export interface DossiersIngestResult {
  added: number;
  changed: number;
  unchanged: number;
  /** Texts published as deleted (metadatas.dateSuppression) and removed here. */
  removed: number;
  /** "file <path>: <reason>" for each file that could not be read; its previous version is kept. */
  errors: string[];
}

export const DOSSIER_FILE = /(?:^|\/)dossierParlementaire\/(DLR[0-9A-Z]+)\.json$/;
export const DOCUMENT_FILE = /(?:^|\/)document\/([0-9A-Z-]+)\.json$/;
const BATCH = 200;
const decoder = new TextDecoder('utf-8', { fatal: true });

type Hashed<T> = T & { hash: string };

async function writeDossiers(trx: Transaction<Database>, batch: Hashed<ParsedDossier>[]) {
  const uids = batch.map((b) => b.dossier.uid);
  for (const table of [
    'dossier_step_vote',
    'dossier_step_text',
    'dossier_step',
    'dossier_initiator',
  ] as const) {
    await trx.deleteFrom(table).where('dossier_uid', 'in', uids).execute();
  }
  await trx.deleteFrom('dossier').where('uid', 'in', uids).execute();
  await insertRows(
    trx,
    'dossier',
    batch.map((b) => ({ ...b.dossier, content_hash: b.hash })),
  );
  await insertRows(
    trx,
    'dossier_initiator',
    batch.flatMap((b) => b.initiators),
  );
  await insertRows(
    trx,
    'dossier_step',
    batch.flatMap((b) => b.steps),
  );
  await insertRows(
    trx,
    'dossier_step_text',
    batch.flatMap((b) => b.texts),
  );
  await insertRows(
    trx,
    'dossier_step_vote',
    batch.flatMap((b) => b.votes),
  );
}

function reason(error: unknown): string {
  if (error instanceof ShapeError) return `unexpected shape at ${error.message}`;
  if (error instanceof SyntaxError) return `invalid JSON (${error.message})`;
  return (error as Error).message;
}

/**
 * Writes the dossiers and texts of an archive incrementally: a file whose hash is unchanged
 * is not even parsed; a new or changed one replaces its dossier (with its initiators, steps
 * and links) or its text; a text published as deleted is removed. A file that cannot be read
 * is reported by name and its previous version kept. Then rebuilds scrutin_dossier from the
 * steps' scrutins. Runs inside the caller's transaction.
 */
export async function ingestDossiers(
  trx: Transaction<Database>,
  files: Map<string, Uint8Array>,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<DossiersIngestResult> {
  const hashes = async (table: 'dossier' | 'document') =>
    new Map(
      (await trx.selectFrom(table).select(['uid', 'content_hash']).execute()).map((r) => [
        r.uid,
        r.content_hash,
      ]),
    );
  const known = { dossier: await hashes('dossier'), document: await hashes('document') };
  const result: DossiersIngestResult = {
    added: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
    errors: [],
  };
  const entries = [...files].filter(
    ([name]) => DOSSIER_FILE.test(name) || DOCUMENT_FILE.test(name),
  );
  let dossiers: Hashed<ParsedDossier>[] = [];
  let documents: Hashed<Extract<ReturnType<typeof parseDocument>, { kind: 'document' }>>[] = [];
  const deleted: string[] = [];
  const readFrom = new Map<string, string>();
  const flush = async () => {
    if (dossiers.length > 0) await writeDossiers(trx, dossiers);
    if (documents.length > 0) {
      const uids = documents.map((d) => d.document.uid);
      await trx.deleteFrom('document').where('uid', 'in', uids).execute();
      await insertRows(
        trx,
        'document',
        documents.map((d) => ({ ...d.document, content_hash: d.hash })),
      );
    }
    dossiers = [];
    documents = [];
  };
  let done = 0;
  for (const [name, bytes] of entries) {
    const isDossier = DOSSIER_FILE.test(name);
    const table = isDossier ? 'dossier' : 'document';
    const uid = (isDossier ? DOSSIER_FILE : DOCUMENT_FILE).exec(name)![1]!;
    const hash = sha256(bytes);
    const previous = known[table].get(uid);
    const first = readFrom.get(`${table}:${uid}`);
    if (first !== undefined) {
      result.errors.push(`file ${name}: ${table} ${uid} already read from ${first}`);
    } else if (previous === hash) {
      readFrom.set(`${table}:${uid}`, name);
      result.unchanged++;
    } else {
      readFrom.set(`${table}:${uid}`, name);
      try {
        const json: unknown = JSON.parse(decoder.decode(bytes));
        if (isDossier) {
          const parsed = parseDossier(json);
          if (parsed.dossier.uid !== uid)
            throw new Error(`holds dossier ${parsed.dossier.uid}, not ${uid}`);
          dossiers.push({ ...parsed, hash });
          if (previous === undefined) result.added++;
          else result.changed++;
        } else {
          const parsed = parseDocument(json);
          const got = parsed.kind === 'document' ? parsed.document.uid : parsed.uid;
          if (got !== uid) throw new Error(`holds text ${got}, not ${uid}`);
          if (parsed.kind === 'deleted') {
            if (previous !== undefined) {
              deleted.push(uid);
              result.removed++;
            }
          } else {
            documents.push({ ...parsed, hash });
            if (previous === undefined) result.added++;
            else result.changed++;
          }
        }
      } catch (error) {
        result.errors.push(`file ${name}: ${reason(error)}`);
      }
    }
    if (dossiers.length + documents.length >= BATCH) await flush();
    onProgress(++done, entries.length);
  }
  await flush();
  for (let i = 0; i < deleted.length; i += 500) {
    await trx
      .deleteFrom('document')
      .where('uid', 'in', deleted.slice(i, i + 500))
      .execute();
  }
  // The link read by the scrutin pages: every (scrutin, dossier) pair named by a step.
  await trx.deleteFrom('scrutin_dossier').execute();
  await sql`
    insert into scrutin_dossier (scrutin_uid, dossier_uid)
    select distinct scrutin_uid, dossier_uid from dossier_step_vote`.execute(trx);
  // The links that do not come from the steps (reference, amendment) are computed again.
  await linkScrutins(trx);
  return result;
}
