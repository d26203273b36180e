// Migrates, serves at once, crawls every source in the background when the database is
// empty, then again every CRAWL_INTERVAL_HOURS (default 6).
import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { countActeurs } from '../db/queries/deputies.ts';
import { runCrawl } from '../scrapers/run.ts';
import { createApp, idleCrawl, type CrawlState } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { printSummary, terminalProgress } from './progress.ts';

const config = loadConfig();
const intervalHours = Number(process.env.CRAWL_INTERVAL_HOURS ?? 6);
const db = openDatabase(config.databasePath);
await migrateToLatest(db);

let state: CrawlState = idleCrawl;
const { url } = await listen(createApp({ db, config, crawlState: () => state }), config.port);
console.log(`Site servi sur ${url} (base ${config.databasePath})`);

async function crawl(): Promise<void> {
  if (state.running) return;
  state = { running: true, source: null, phase: 'démarrage', done: 0, total: 0 };
  const progress = terminalProgress();
  try {
    const summaries = await runCrawl(db, config, {
      onProgress: (source, event) => {
        state = { running: true, source, ...event };
        progress.update(source, event);
      },
      onSourceDone: progress.done,
    });
    printSummary(summaries);
  } catch (error) {
    console.error(`Collecte interrompue : ${(error as Error).message}`);
  } finally {
    state = idleCrawl;
  }
}

if ((await countActeurs(db)) === 0) {
  console.log('Base vide : première collecte en arrière-plan.');
  void crawl();
}
if (Number.isFinite(intervalHours) && intervalHours > 0) {
  setInterval(() => void crawl(), intervalHours * 3_600_000).unref();
}
