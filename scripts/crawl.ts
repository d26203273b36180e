// One crawl of every source (or of `--source <id>`), with progress and a summary.
// Exits with 1 when a source failed, 2 on a usage error. Forked by `npm start` (with an IPC
// channel and `--trigger`), it also sends its progress and summaries to the server process.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { closeInterruptedRuns } from '../db/state/runs.ts';
import { BUSY_TIMEOUT_MS, migrateToLatest, openDatabase } from '../db/database.ts';
import { runCrawl } from '../scrapers/run.ts';
import { printSummary, terminalProgress, type CrawlMessage } from './progress.ts';

const TRIGGERS = ['cli', 'startup', 'schedule', 'retry'];
let only: string[];
let trigger: string;
let acceptShrink: boolean;
try {
  const { values } = parseArgs({
    options: {
      source: { type: 'string', multiple: true },
      trigger: { type: 'string', default: 'cli' },
      'accept-shrink': { type: 'boolean', default: false },
    },
  });
  only = (values.source ?? []).flatMap((s) => s.split(',')).filter(Boolean);
  trigger = values.trigger!;
  acceptShrink = values['accept-shrink']!;
  if (acceptShrink && only.length === 0)
    throw new Error('--accept-shrink needs --source: accept a shrink source by source');
  if (!TRIGGERS.includes(trigger))
    throw new Error(`--trigger must be one of ${TRIGGERS.join(', ')}`);
} catch (error) {
  console.error((error as Error).message);
  console.error('Usage: npm run crawl [-- --source an [--accept-shrink]]');
  process.exit(2);
}
const tell = (message: CrawlMessage) => process.send?.(message);

const config = loadConfig();
const db = openDatabase(config.databasePath, BUSY_TIMEOUT_MS.crawl);
try {
  await migrateToLatest(db);
  await closeInterruptedRuns(db);
  const progress = terminalProgress();
  const summaries = await runCrawl(db, config, {
    only,
    trigger,
    acceptShrink,
    onProgress: (source, event) => {
      progress.update(source, event);
      tell({ type: 'progress', source, event });
    },
    onSourceDone: (summary) => {
      progress.done(summary);
      tell({ type: 'summary', summary });
    },
  });
  printSummary(summaries);
  process.exitCode = summaries.some((s) => s.status === 'failed' || s.status === 'partial') ? 1 : 0;
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
} finally {
  await db.destroy();
  // The IPC channel of a forked crawl would keep this process alive.
  if (process.connected) process.disconnect();
}
