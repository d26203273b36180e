// Serves the site from the existing database, without crawling.
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { createApp } from '../server/app.tsx';
import { listen } from '../server/listen.ts';

const config = loadConfig();
const db = openDatabase(config.databasePath);
await migrateToLatest(db);
const { url } = await listen(createApp({ db, config }), config.port, config.host);
console.log(`Site servi sur ${url} (base ${config.databasePath})`);
