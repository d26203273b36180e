import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type DB } from '../../db/database.ts';

/** A fresh, migrated SQLite file in its own temp folder; `cleanup` removes both. */
export async function tempDatabase(): Promise<{ db: DB; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-hatvp-'));
  const db = openDatabase(path.join(dir, 'tracker.sqlite'));
  await migrateToLatest(db);
  return {
    db,
    async cleanup() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
