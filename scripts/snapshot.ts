// A consistent copy of DATABASE_PATH, taken while the site serves and crawls (SQLite's online
// backup API), for the read-only servers of a multi-machine deployment. The copy is written
// beside its destination and renamed over it, so a server reading that path never sees a
// half-written file. Exit code 2 on a usage error.
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase, sqliteHandle } from '../db/database.ts';

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('Usage: npm run snapshot -- <copy.sqlite>');
  process.exit(2);
}
const config = loadConfig();
if (!existsSync(config.databasePath)) {
  console.error(`No database at ${config.databasePath}`);
  process.exit(2);
}
if (path.resolve(target) === path.resolve(config.databasePath)) {
  console.error('The copy must not be the database itself');
  process.exit(2);
}
const db = openDatabase(config.databasePath);
const partial = `${target}.partial`;
try {
  rmSync(partial, { force: true });
  await sqliteHandle(db).backup(partial);
  renameSync(partial, target);
  console.log(`Copie de ${config.databasePath} écrite dans ${target}.`);
} finally {
  rmSync(partial, { force: true });
  await db.destroy();
}
