// Imports a file of curated facts: `npm run import -- facts.csv`, in UTF-8 or (it says so) in
// Windows-1252. Every row is checked first; one bad row (or an unknown deputy) writes nothing
// and names its line. Exit code 1 then, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { importFacts } from '../scrapers/facts/ingest.ts';
import {
  FactsFileError,
  decodeFactsFile,
  parseFactsFile,
  type DecodedFactsFile,
} from '../scrapers/facts/parse.ts';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('Usage : npm run import -- faits.csv');
  process.exit(2);
}

let decoded: DecodedFactsFile;
try {
  decoded = decodeFactsFile(readFileSync(file));
} catch (error) {
  console.error(`${file} : ${(error as Error).message}`);
  process.exit(2);
}
if (decoded.encoding !== 'UTF-8') {
  console.log(
    `${file} : ce fichier n'est pas en UTF-8 ; il a été lu en ${decoded.encoding} (Latin-1), l'encodage des tableurs sous Windows.`,
  );
}

const config = loadConfig();
const db = openDatabase(config.databasePath);
try {
  await migrateToLatest(db);
  const now = new Date();
  const rows = parseFactsFile(decoded.text, now.toISOString().slice(0, 10));
  const result = await importFacts(db, rows, now.toISOString());
  console.log(
    `${file} : ${rows.length} faits lus ; ${result.added} ajoutés, ${result.changed} modifiés, ${result.unchanged} inchangés.`,
  );
} catch (error) {
  if (!(error instanceof FactsFileError)) throw error;
  console.error(`${file} : rien n'a été importé.\n${error.message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
