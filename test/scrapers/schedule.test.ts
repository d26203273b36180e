// The scheduler: its pure next-run and backoff rules, then the real scheduler running the
// real crawls against a loopback server where one source keeps answering HTTP 500.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { closeInterruptedRuns } from '../../db/state/runs.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { createScheduler, nextRunAt, retryDelay } from '../../scrapers/schedule.ts';
import { createApp } from '../../server/app.tsx';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { SCRUTINS_MIRROR_PATH, scrutinEntries, scrutinsZip } from '../helpers/scrutin-json.ts';

describe('retry and next-run rules', () => {
  const base = { retryBaseMs: 60_000, retryMaxMs: 3_600_000 };
  const t = (iso: string) => new Date(iso);

  it('doubles the retry delay at each failure, up to the maximum', () => {
    expect([0, 1, 2, 3, 4].map((n) => retryDelay(n, 60_000, 200_000))).toEqual([
      0, 60_000, 120_000, 200_000, 200_000,
    ]);
    expect(retryDelay(1_000, 1, 10)).toBe(10);
  });

  it('runs at the next cron time after a success', () => {
    const cronNext = t('2025-11-21T12:00:00Z');
    expect(
      nextRunAt({ ...base, cronNext, failures: 0, lastEnd: t('2025-11-21T08:00:00Z') }),
    ).toEqual(cronNext);
    expect(nextRunAt({ ...base, cronNext: null, failures: 0, lastEnd: null })).toBeNull();
  });

  it('retries sooner after a failure, never later than the next cron time', () => {
    const lastEnd = t('2025-11-21T08:00:00Z');
    const cronNext = t('2025-11-21T12:00:00Z');
    expect(nextRunAt({ ...base, cronNext, failures: 1, lastEnd })).toEqual(
      t('2025-11-21T08:01:00Z'),
    );
    expect(nextRunAt({ ...base, cronNext, failures: 3, lastEnd })).toEqual(
      t('2025-11-21T08:04:00Z'),
    );
    // Capped at one hour, and the cron time wins when it comes first.
    expect(nextRunAt({ ...base, cronNext, failures: 20, lastEnd })).toEqual(
      t('2025-11-21T09:00:00Z'),
    );
    const soon = t('2025-11-21T08:00:30Z');
    expect(nextRunAt({ ...base, cronNext: soon, failures: 2, lastEnd })).toEqual(soon);
    // A disabled source still gets its retries.
    expect(nextRunAt({ ...base, cronNext: null, failures: 1, lastEnd })).toEqual(
      t('2025-11-21T08:01:00Z'),
    );
  });

  it('reads CRAWL_SCHEDULE_<ID> over the defaults, with off, and rejects a bad expression', () => {
    const config = loadConfig({ CRAWL_SCHEDULE_AN: '*/5 * * * *', CRAWL_SCHEDULE_GEO: 'off' });
    expect(config.schedule.sources.an).toBe('*/5 * * * *');
    expect(config.schedule.sources.geo).toBeNull();
    expect(config.schedule.sources.votes).toBeTruthy();
    expect(config.schedule.sources.hatvp).toBeTruthy();
    expect(() => loadConfig({ CRAWL_SCHEDULE_VOTES: 'every day' })).toThrow(/CRAWL_SCHEDULE_VOTES/);
    expect(() => loadConfig({ CRAWL_RETRY_MINUTES: '-1' })).toThrow(/CRAWL_RETRY_MINUTES/);
  });
});

describe('scheduler with a source that keeps failing', () => {
  let tmp: TempDatabase;
  let server: TestServer;

  beforeAll(async () => {
    tmp = await tempDatabase();
    server = await startTestServer();
    server.fail(AMO40_MIRROR_PATH, 500);
    server.serve(
      SCRUTINS_MIRROR_PATH,
      scrutinsZip(
        scrutinEntries([
          {
            number: 1,
            date: '2025-01-15',
            title: 'la motion de test',
            groups: [{ organe: 'PO900101', position: 'pour', pour: ['PA900001'] }],
          },
        ]),
      ),
    );
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('keeps the others on schedule and shows the failing one with its error', async () => {
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const runs: { source: string; start: number; end: number; status: string }[] = [];
    const scheduler = createScheduler({
      sources: ['an', 'votes'],
      // Every second for both; a failure is retried at the next tick (the backoff is longer).
      cron: { an: '* * * * * *', votes: '* * * * * *' },
      retryBaseMs: 60_000,
      retryMaxMs: 60_000,
      async run(source, trigger) {
        const start = Date.now();
        const [summary] = await runCrawl(tmp.db, config, {
          only: [source],
          trigger,
          download: { maxRetries: 0, timeoutMs: 5_000 },
        });
        runs.push({ source, start, end: Date.now(), status: summary!.status });
        return summary!;
      },
    });
    scheduler.start(['an', 'votes']);
    await new Promise((resolve) => setTimeout(resolve, 3_300));
    // Stopping waits for the run in progress, so the status and `runs` then agree.
    await scheduler.stop();
    const status = scheduler.status();

    const an = runs.filter((r) => r.source === 'an');
    const votes = runs.filter((r) => r.source === 'votes');
    expect(an.length).toBeGreaterThanOrEqual(3);
    expect(an.every((r) => r.status === 'failed')).toBe(true);
    // The votes ran at start, then again on their schedule despite the failures of `an`.
    expect(votes.length).toBeGreaterThanOrEqual(3);
    expect(votes[0]!.status).toBe('ok');
    expect(votes.slice(1).every((r) => r.status === 'unchanged')).toBe(true);
    // One queue: never two runs at once, so never two runs of one source at once.
    const ordered = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < ordered.length; i++)
      expect(ordered[i]!.start).toBeGreaterThanOrEqual(ordered[i - 1]!.end);
    expect(status.find((s) => s.source === 'an')!.failures).toBe(an.length);
    expect(status.find((s) => s.source === 'votes')!.failures).toBe(0);

    const rows = await tmp.db.selectFrom('crawl_run').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(runs.length);
    expect(rows.filter((r) => r.source === 'an').every((r) => /500/.test(r.error ?? ''))).toBe(
      true,
    );
    expect(rows[0]!.trigger).toBe('startup');
    expect(rows.at(-1)!.trigger).toMatch(/schedule|retry/);

    const app = createApp({
      db: tmp.db,
      config: { legislature: 17 },
      schedule: () => scheduler.status(),
    });
    const html = await (await app.request('/sources')).text();
    const card = (id: string) => {
      const start = html.lastIndexOf('<section', html.indexOf(`id="source-${id}"`));
      return html.slice(start, html.indexOf('</section>', start));
    };
    expect(card('an')).toContain('failing');
    expect(card('an')).toMatch(new RegExp(`En échec depuis ${an.length} collectes`));
    expect(card('an')).toContain('500');
    expect(card('votes')).not.toContain('failing');
    expect(card('votes')).toContain('Dernière collecte réussie');
    expect(card('votes')).not.toMatch(/Dernière collecte réussie<\/dt><dd>aucune/);
    expect(card('hatvp')).toContain('aucune');
    const fragment = await app.request('/sources', { headers: { 'HX-Request': 'true' } });
    expect(await fragment.text()).not.toContain('<!DOCTYPE html>');
  }, 20_000);

  it('leaves alone, and does not repeat, a run that a live process has in progress', async () => {
    // Another process (here a sleeping child) is crawling the votes.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const { id } = await tmp.db
        .insertInto('crawl_run')
        .values({
          source: 'votes',
          trigger: 'schedule',
          started_at: '2025-02-01T00:00:00Z',
          status: 'running',
          pid: other.pid!,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(await closeInterruptedRuns(tmp.db)).toBe(0);
      const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
      const votesBefore = await tmp.db.selectFrom('vote').selectAll().execute();
      const [refused] = await runCrawl(tmp.db, config, { only: ['votes'] });
      expect(refused).toMatchObject({
        status: 'failed',
        error: `already being crawled (run ${id}, process ${other.pid})`,
      });
      expect(await tmp.db.selectFrom('vote').selectAll().execute()).toEqual(votesBefore);
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
      expect(await closeInterruptedRuns(tmp.db)).toBe(1);
      const row = await tmp.db
        .selectFrom('crawl_run')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('interrupted');
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('closes runs left running by a killed process as interrupted', async () => {
    await tmp.db
      .insertInto('crawl_run')
      .values({
        source: 'votes',
        trigger: 'cli',
        started_at: '2025-01-01T00:00:00Z',
        status: 'running',
      })
      .execute();
    expect(await closeInterruptedRuns(tmp.db)).toBe(1);
    const row = await tmp.db
      .selectFrom('crawl_run')
      .selectAll()
      .where('started_at', '=', '2025-01-01T00:00:00Z')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('interrupted');
    expect(row.finished_at).not.toBeNull();
    expect(await closeInterruptedRuns(tmp.db)).toBe(0);
  });
});
