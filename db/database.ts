import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
} from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema/index.ts';

export type DB = Kysely<Database>;

/** The better-sqlite3 connection behind each database, keyed by its kysely adapter. */
const handles = new WeakMap<object, SQLite.Database>();

/**
 * The SQLite connection a kysely instance (or one of its transactions, which share the
 * adapter) runs on, for bulk inserts with prepared statements.
 */
export function sqliteHandle(db: Kysely<any>): SQLite.Database {
  const handle = handles.get(db.getExecutor().adapter);
  if (!handle) throw new Error('database not opened with openDatabase');
  return handle;
}

/**
 * kysely's better-sqlite3 driver with transactions that begin as writers. A deferred `begin`
 * reads first and upgrades to a writer at its first write: if another process wrote
 * meanwhile, that upgrade fails at once with SQLITE_BUSY (the busy timeout does not apply to
 * a transaction that already read). `begin immediate` takes the write lock first, waiting up
 * to the busy timeout for another process's transaction, so writers queue instead of failing.
 */
class WriterDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;

  constructor(sqlite: SQLite.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite rolls the transaction back itself on some errors (SQLITE_FULL, SQLITE_IOERR…): a
    // second rollback would throw "no transaction is active" in place of the real cause.
    if (this.#sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** The SQLite dialect over `WriterDriver` (SqliteDialect keeps its config private). */
class WriterDialect extends SqliteDialect {
  readonly #sqlite: SQLite.Database;

  constructor(sqlite: SQLite.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }

  override createDriver(): SqliteDriver {
    return new WriterDriver(this.#sqlite);
  }
}

/**
 * How long a writer waits for another connection's write transaction: the server a few
 * seconds at most (better-sqlite3 waits synchronously, holding its event loop), a crawl as
 * long as another source's ingest may take.
 */
export const BUSY_TIMEOUT_MS = { server: 30_000, crawl: 15 * 60_000 };

/** Opens (and creates) the SQLite file in WAL mode so readers are never blocked by a crawl. */
export function openDatabase(file: string, busyTimeoutMs = BUSY_TIMEOUT_MS.server): DB {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // A writer waits for another connection's write transaction rather than fail.
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const db = new Kysely<Database>({ dialect: new WriterDialect(sqlite) });
  handles.set(db.getExecutor().adapter, sqlite);
  return db;
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
