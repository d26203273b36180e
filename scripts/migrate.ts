// Applies pending migrations to DATABASE_PATH.
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';

const config = loadConfig();
const db = openDatabase(config.databasePath);
await migrateToLatest(db);
await db.destroy();
console.log(`Base ${config.databasePath} à jour.`);
