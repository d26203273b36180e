// One crawl of every source (or of `--source <id>`), with progress and a summary.
// Exits with 1 when a source failed, 2 on a usage error.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { closeInterruptedRuns } from '../db/crawl-runs.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { printSummary, terminalProgress } from './progress.ts';

let only: string[];
try {
  const { values } = parseArgs({ options: { source: { type: 'string', multiple: true } } });
  only = (values.source ?? []).flatMap((s) => s.split(',')).filter(Boolean);
} catch (error) {
  console.error((error as Error).message);
  console.error('Usage: npm run crawl [-- --source an]');
  process.exit(2);
}

const config = loadConfig();
const db = openDatabase(config.databasePath);
try {
  await migrateToLatest(db);
  await closeInterruptedRuns(db);
  const progress = terminalProgress();
  const summaries = await runCrawl(db, config, {
    only,
    onProgress: progress.update,
    onSourceDone: progress.done,
  });
  printSummary(summaries);
  process.exitCode = summaries.some((s) => s.status === 'failed' || s.status === 'partial') ? 1 : 0;
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
