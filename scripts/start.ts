// Migrates, serves at once, and crawls each source on its own schedule (CRAWL_SCHEDULE_<ID>,
// cron expressions); every source is crawled in the background first when the database is
// empty. Runs left `running` by a crashed process are closed as `interrupted`.
// Each run is `scripts/crawl.ts` in a child process: an ingest keeps its process busy for
// seconds (synchronous SQLite writes, parsing), and the pages must keep answering meanwhile;
// in WAL mode they read the last committed state.
// With WEB_CONCURRENCY=N (N > 1) the pages are served by N worker processes (node:cluster,
// sharing the port and the SQLite file) and this primary process only schedules the crawls:
// it sends the workers the crawl state and the schedule the pages show.
import cluster from 'node:cluster';
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { closeInterruptedRuns, failRunsOfProcess } from '../db/state/runs.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { countActeurs } from '../db/queries/deputes.ts';
import { type SourceSummary } from '../scrapers/run.ts';
import { createScheduler } from '../scrapers/schedule.ts';
import { createApp, idleCrawl, type CrawlState } from '../server/app.tsx';
import { listen, serverUrl } from '../server/listen.ts';
import type { ScheduledStatus } from '../domain/sources.ts';
import type { CrawlMessage } from './progress.ts';
import { crawlSources } from '../scrapers/index.ts';

/** What the primary sends its server workers, for the pages: crawl state and schedule. */
interface StatusMessage {
  type: 'status';
  crawl: CrawlState;
  schedule: ScheduledStatus[];
}

/** How often the primary sends the workers the crawl state (the pages poll it each second). */
const STATUS_INTERVAL_MS = 500;

const config = loadConfig();

if (cluster.isWorker) {
  // A server worker: pages only, never a crawl; the primary has migrated the database.
  let status: StatusMessage = { type: 'status', crawl: idleCrawl, schedule: [] };
  process.on('message', (message: StatusMessage) => {
    if (message.type === 'status') status = message;
  });
  const app = createApp({
    db: openDatabase(config.databasePath),
    config,
    crawlState: () => status.crawl,
    schedule: () => status.schedule,
    sources: crawlSources(config).map((s) => s.info),
  });
  await listen(app, config.port, config.host);
} else {
  await primary();
}

async function primary() {
  const db = openDatabase(config.databasePath);
  await migrateToLatest(db);
  const interrupted = await closeInterruptedRuns(db);
  if (interrupted > 0)
    console.log(`${interrupted} collecte(s) interrompue(s) marquée(s) comme telles.`);

  const sources = crawlSources(config);
  let state: CrawlState = idleCrawl;
  const SELF = fileURLToPath(import.meta.url);
  /** crawl.js beside this file once built (dist/), crawl.ts when run as TypeScript (tests). */
  const CRAWL_SCRIPT = path.join(path.dirname(SELF), `crawl${path.extname(SELF)}`);
  const CRAWL_EXEC_ARGV = path.extname(SELF) === '.ts' ? ['--import', 'tsx'] : [];

  /** Time a crawl process past its limit has to end after SIGTERM, before SIGKILL. */
  const KILL_GRACE_MS = 10_000;

  /**
   * Runs one source's crawl in a child process; its progress feeds the pages' crawl state. A
   * child still running after CRAWL_CHILD_TIMEOUT_MINUTES (a stalled download, a runaway
   * parse) is ended, its run closed as failed, and the queue goes on.
   */
  function crawlInChild(source: string, trigger: string): Promise<SourceSummary> {
    const child = fork(CRAWL_SCRIPT, ['--source', source, '--trigger', trigger], {
      execArgv: CRAWL_EXEC_ARGV,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let summary: SourceSummary | null = null;
    child.on('message', (message: CrawlMessage) => {
      if (message.type === 'progress')
        state = { running: true, source: message.source, ...message.event };
      else summary = message.summary;
    });
    const limit = `${config.schedule.childTimeoutMs / 60_000} min`;
    let timedOut = false;
    let kill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      kill = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, config.schedule.childTimeoutMs);
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        clearTimeout(kill);
        if (summary) return resolve(summary);
        if (timedOut) {
          const reason = `durée limite de la collecte (${limit}) dépassée : processus arrêté, son écriture en cours annulée`;
          return void failRunsOfProcess(db, child.pid!, reason).finally(() =>
            reject(new Error(reason)),
          );
        }
        // Killed or crashed before its summary: its run, left `running`, is closed now.
        void closeInterruptedRuns(db).finally(() =>
          reject(new Error(`crawl process ended (${signal ?? `exit code ${code}`})`)),
        );
      });
    });
  }

  const scheduler = createScheduler({
    sources: sources.map((s) => s.info.id),
    cron: config.schedule.sources,
    retryBaseMs: config.schedule.retryBaseMs,
    retryMaxMs: config.schedule.retryMaxMs,
    async run(source, trigger) {
      state = { running: true, source, phase: 'démarrage', done: 0, total: 0 };
      try {
        return await crawlInChild(source, trigger);
      } finally {
        state = idleCrawl;
      }
    },
    onError: (source, error) =>
      console.error(`Collecte ${source} interrompue : ${(error as Error).message}`),
  });

  const url =
    config.webConcurrency > 1
      ? await serveInWorkers(() => ({ type: 'status', crawl: state, schedule: scheduler.status() }))
      : (
          await listen(
            createApp({
              db,
              config,
              crawlState: () => state,
              schedule: () => scheduler.status(),
              sources: sources.map((s) => s.info),
            }),
            config.port,
            config.host,
          )
        ).url;
  console.log(`Site servi sur ${url} (base ${config.databasePath})`);

  const empty = (await countActeurs(db)) === 0;
  if (empty) console.log('Base vide : première collecte de chaque source en arrière-plan.');
  scheduler.start(empty ? sources.map((s) => s.info.id) : []);
  for (const s of scheduler.status()) {
    console.log(
      `  ${s.source}: ${s.cron ?? 'pas de collecte planifiée'}${s.nextRunAt ? `, prochaine ${s.nextRunAt}` : ''}`,
    );
  }
}

/**
 * Forks WEB_CONCURRENCY server workers (a worker that dies is replaced) and keeps them told of
 * `status()`; resolves with the URL once the first one listens.
 */
function serveInWorkers(status: () => StatusMessage): Promise<string> {
  const workers = Array.from({ length: config.webConcurrency }, () => cluster.fork());
  cluster.on('exit', (worker, code, signal) => {
    console.error(`Processus serveur ${worker.process.pid} arrêté (${signal ?? code}), remplacé.`);
    workers[workers.indexOf(worker)] = cluster.fork();
  });
  setInterval(() => {
    const message = status();
    for (const worker of workers) if (worker.isConnected()) worker.send(message);
  }, STATUS_INTERVAL_MS);
  return new Promise((resolve) =>
    cluster.once('listening', (_worker, address) => resolve(serverUrl(config.host, address.port))),
  );
}
