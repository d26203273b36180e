import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type DB } from '../../db/database.ts';

export interface TempDatabase {
  db: DB;
  /** Folder holding the SQLite file; removed by `cleanup`. */
  dir: string;
  file: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated SQLite file in its own temp folder, for one test. */
export async function tempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-test-'));
  const file = path.join(dir, 'tracker.sqlite');
  const db = openDatabase(file);
  await migrateToLatest(db);
  return {
    db,
    dir,
    file,
    async cleanup() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TABLES = ['acteur', 'organe', 'mandat', 'adresse', 'deport', 'pays', 'sync_state'] as const;

/** Row count of every table. */
export async function rowCounts(db: DB): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  return counts;
}
