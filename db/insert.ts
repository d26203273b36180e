import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** SQLite accepts 32,766 bound parameters per statement; stay under it. */
const MAX_PARAMETERS = 30_000;

/** Inserts rows in multi-row statements as large as SQLite allows; reports each chunk written. */
export async function insertChunked<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly object[],
  onRows: (n: number) => void = () => {},
): Promise<void> {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
    onRows(chunk.length);
  }
}
