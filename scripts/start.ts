// Migrates, serves at once, and crawls each source on its own schedule (CRAWL_SCHEDULE_<ID>,
// cron expressions); every source is crawled in the background first when the database is
// empty. Runs left `running` by a crashed process are closed as `interrupted`.
import { loadConfig } from '../config.ts';
import { closeInterruptedRuns } from '../db/crawl-runs.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { countActeurs } from '../db/queries/deputies.ts';
import { crawlSources, runCrawl } from '../scrapers/run.ts';
import { createScheduler } from '../scrapers/schedule.ts';
import { createApp, idleCrawl, type CrawlState } from '../server/app.tsx';
import { listen } from '../server/listen.ts';
import { printSummary, terminalProgress } from './progress.ts';

const config = loadConfig();
const db = openDatabase(config.databasePath);
await migrateToLatest(db);
// Crawls write on their own connection: an ingest transaction holds its connection for
// seconds, and in WAL mode the pages keep reading the last committed state meanwhile.
const crawlDb = openDatabase(config.databasePath);
const interrupted = await closeInterruptedRuns(db);
if (interrupted > 0)
  console.log(`${interrupted} collecte(s) interrompue(s) marquée(s) comme telles.`);

const sources = crawlSources(config);
let state: CrawlState = idleCrawl;
const progress = terminalProgress();

const scheduler = createScheduler({
  sources: sources.map((s) => s.info.id),
  cron: config.schedule.sources,
  retryBaseMs: config.schedule.retryBaseMs,
  retryMaxMs: config.schedule.retryMaxMs,
  async run(source, trigger) {
    state = { running: true, source, phase: 'démarrage', done: 0, total: 0 };
    try {
      const summaries = await runCrawl(crawlDb, config, {
        only: [source],
        trigger,
        onProgress: (id, event) => {
          state = { running: true, source: id, ...event };
          progress.update(id, event);
        },
        onSourceDone: progress.done,
      });
      printSummary(summaries);
      return summaries[0]!;
    } finally {
      state = idleCrawl;
    }
  },
  onError: (source, error) =>
    console.error(`Collecte ${source} interrompue : ${(error as Error).message}`),
});

const { url } = await listen(
  createApp({
    db,
    config,
    crawlState: () => state,
    schedule: () => scheduler.status(),
    sources: sources.map((s) => s.info),
  }),
  config.port,
);
console.log(`Site servi sur ${url} (base ${config.databasePath})`);

const empty = (await countActeurs(db)) === 0;
if (empty) console.log('Base vide : première collecte de chaque source en arrière-plan.');
scheduler.start(empty ? sources.map((s) => s.info.id) : []);
for (const s of scheduler.status()) {
  console.log(
    `  ${s.source}: ${s.cron ?? 'pas de collecte planifiée'}${s.nextRunAt ? `, prochaine ${s.nextRunAt}` : ''}`,
  );
}
