import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { sqliteHandle } from './database.ts';
import type { Database } from './schema/index.ts';

/** Prepared insert statements, per connection and column list. */
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function insertStatement(sqlite: SQLite.Database, table: string, columns: string[]) {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  const key = `${table}(${columns.join(',')})`;
  let statement = cache.get(key);
  if (!statement) {
    const names = columns.map((c) => `"${c}"`).join(', ');
    statement = sqlite.prepare(
      `insert into "${table}" (${names}) values (${columns.map(() => '?').join(', ')})`,
    );
    cache.set(key, statement);
  }
  return statement;
}

/** Whether the defined columns of `row` are `columns`, in order (without allocating). */
function sameColumns(row: Record<string, unknown>, columns: string[]): boolean {
  let j = 0;
  for (const column in row) {
    if (row[column] === undefined) continue;
    if (columns[j++] !== column) return false;
  }
  return j === columns.length;
}

/**
 * Bulk insert for ingests: one prepared statement per column list, run once per row on the
 * transaction's own connection (the bulk paths write hundreds of thousands of rows, where
 * building multi-row SQL costs more than the writes). Must run inside a transaction; a
 * column missing from a row takes its default, as in a single-row insert. Reports progress
 * every 5,000 rows.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly object[],
  onRows: (n: number) => void = () => {},
): Promise<void> {
  const sqlite = sqliteHandle(db);
  if (!sqlite.inTransaction) throw new Error(`insert into ${table} outside a transaction`);
  let reported = 0;
  let columns: string[] = [];
  let values: unknown[] = [];
  let statement: SQLite.Statement | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    if (!statement || !sameColumns(row, columns)) {
      columns = [];
      for (const column in row) if (row[column] !== undefined) columns.push(column);
      values = new Array(columns.length);
      statement = insertStatement(sqlite, table, columns);
    }
    // One values array for every row: `run` binds them synchronously.
    for (let j = 0; j < columns.length; j++) values[j] = row[columns[j]!];
    statement.run(values);
    if (i + 1 - reported >= 5_000) {
      onRows(i + 1 - reported);
      reported = i + 1;
    }
  }
  if (rows.length > reported) onRows(rows.length - reported);
}

/** How many rows `table` holds. */
export async function rowCount(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
