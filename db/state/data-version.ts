import type { Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import { sqliteHandle } from '../database.ts';
import type { Database } from '../schema/index.ts';

/** The data version as stored: a counter and the time of its last bump. */
export interface DataVersion {
  version: number;
  /** ISO time of the last bump: the Last-Modified of every page drawn from the data. */
  changedAt: string;
}

const statements = new WeakMap<SQLite.Database, SQLite.Statement>();

/**
 * The current data version, read on every public request: a prepared statement on the
 * connection's handle (a few microseconds), shared by every process on the same file.
 */
export async function readDataVersion(db: Kysely<Database>): Promise<DataVersion> {
  const sqlite = sqliteHandle(db);
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('select version, changed_at from data_version where id = 1');
    statements.set(sqlite, statement);
  }
  const row = statement.get() as { version: number; changed_at: string } | undefined;
  if (!row) throw new Error('data_version has no row: run the migrations');
  return { version: row.version, changedAt: row.changed_at };
}

/**
 * A stamp of the data as committed: it changes whenever a change of published data commits
 * (see bumpDataVersion). Caches of drawings, name indexes and pages key on it.
 */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  return String((await readDataVersion(db)).version);
}

/**
 * Bumps the data version; call inside the transaction that changes published data, so that
 * the new version and the new data commit (or roll back) together.
 */
export async function bumpDataVersion(trx: Kysely<Database>, now = new Date()): Promise<void> {
  await trx
    .updateTable('data_version')
    .set((eb) => ({ version: eb('version', '+', 1), changed_at: now.toISOString() }))
    .where('id', '=', 1)
    .execute();
}
