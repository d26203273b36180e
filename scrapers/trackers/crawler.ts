// Source: web pages chosen by an admin (a deputy's own site, a party's page…), each under its
// publisher's terms; only the text of the selected part is kept.
// Writes: tracker (checked_at, last_error), tracker_snapshot, review_item.
import { dueTrackers, recordCheck, recordFailure } from '../../db/queries/suivi.ts';
import { type CrawlContext, type CrawlCounts, sourceUrl } from '../lib/source.ts';
import { NoiseError } from '../../domain/trackers.ts';
import { refusedAddress, type AddressRules } from './address.ts';

type PageOutcome = { kind: 'text'; text: string } | { kind: 'failed'; reason: string };

/**
 * Fetches every tracker that is due with one Crawlee CheerioCrawler (storage in memory,
 * robots.txt respected, the configured User-Agent), then records each page's text:
 * unchanged, a noise-only change, or a review item.
 */
export async function crawlTrackers(ctx: CrawlContext): Promise<CrawlCounts> {
  const now = new Date();
  const trackers = await dueTrackers(ctx.db, now);
  const counts: CrawlCounts = {
    fetched: trackers.length,
    unchanged: 0,
    added: 0,
    changed: 0,
    removed: 0,
    failed: 0,
    errors: [],
  };
  if (trackers.length === 0) return counts;
  // Crawlee and cheerio take a good second to load: only when some page is due (this source
  // runs every 15 minutes, most often with nothing to do).
  const [{ CheerioCrawler, Configuration, LogLevel, log }, { selectedText }] = await Promise.all([
    import('crawlee'),
    import('../../domain/page-text.ts'),
  ]);
  const polite = ctx.config.politeness;
  const userAgent = ctx.download.userAgent ?? polite.userAgent;
  const timeoutMs = ctx.download.timeoutMs ?? polite.timeoutMs;
  const selectors = new Map(trackers.map((t) => [t.id, t.selector]));
  const rules: AddressRules = {
    allowPrivate: ctx.config.trackersAllowPrivate,
    mirror: ctx.config.sourcesMirror,
  };
  const outcomes = new Map<number, PageOutcome>();
  const requests: { url: string; uniqueKey: string; userData: { trackerId: number } }[] = [];
  for (const t of trackers) {
    const url = sourceUrl(t.url, ctx.config.sourcesMirror);
    const refused = await refusedAddress(url, rules);
    if (refused) outcomes.set(t.id, { kind: 'failed', reason: `adresse refusée : ${refused}` });
    else
      requests.push({
        url,
        uniqueKey: `tracker-${t.id}-${now.getTime()}`,
        userData: { trackerId: t.id },
      });
  }
  ctx.progress({ phase: 'pages suivies', done: 0, total: trackers.length });
  log.setLevel(LogLevel.OFF);
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: polite.concurrency,
      maxRequestRetries: ctx.download.maxRetries ?? polite.maxRetries,
      navigationTimeoutSecs: Math.ceil(timeoutMs / 1000),
      requestHandlerTimeoutSecs: Math.ceil(timeoutMs / 1000) + 10,
      useSessionPool: false,
      persistCookiesPerSession: false,
      respectRobotsTxtFile: { userAgent },
      onSkippedRequest({ url, reason }) {
        for (const r of requests.filter((r) => r.url === url)) {
          outcomes.set(r.userData.trackerId, {
            kind: 'failed',
            reason:
              reason === 'robotsTxt' ? 'page interdite par robots.txt' : `ignorée (${reason})`,
          });
        }
      },
      preNavigationHooks: [
        ({ request }, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': userAgent };
          // Each redirect is checked like the first URL before it is followed.
          gotOptions.hooks = {
            beforeRedirect: [
              async (options) => {
                const target = String(options.url);
                const refused = await refusedAddress(target, rules);
                if (!refused) return;
                request.noRetry = true;
                throw new Error(`redirection vers ${target} refusée : ${refused}`);
              },
            ],
          };
        },
      ],
      async requestHandler({ request, body }) {
        const id = request.userData.trackerId as number;
        try {
          const text = selectedText(String(body), selectors.get(id)!);
          outcomes.set(id, { kind: 'text', text });
        } catch (error) {
          outcomes.set(id, { kind: 'failed', reason: (error as Error).message });
        }
        ctx.progress({ phase: 'pages suivies', done: outcomes.size, total: trackers.length });
      },
      failedRequestHandler({ request }, error) {
        const id = request.userData.trackerId as number;
        outcomes.set(id, { kind: 'failed', reason: error.message });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run(requests);
  await crawler.teardown();

  const checkedAt = now.toISOString();
  for (const tracker of trackers) {
    const outcome = outcomes.get(tracker.id) ?? { kind: 'failed', reason: 'aucune réponse' };
    if (outcome.kind === 'failed') {
      counts.failed++;
      counts.errors!.push(`${tracker.url}: ${outcome.reason}`);
      await recordFailure(ctx.db, tracker.id, outcome.reason, checkedAt);
      continue;
    }
    let kind;
    try {
      kind = await recordCheck(ctx.db, tracker.id, outcome.text, checkedAt);
    } catch (error) {
      // A pattern stored before RE2 checked them at entry (a lookahead, say) fails its tracker.
      if (!(error instanceof NoiseError)) throw error;
      counts.failed++;
      counts.errors!.push(`${tracker.url}: motif de bruit : ${error.message}`);
      await recordFailure(ctx.db, tracker.id, `motif de bruit : ${error.message}`, checkedAt);
      continue;
    }
    if (kind === 'first') counts.added++;
    else if (kind === 'changed') counts.changed++;
    else counts.unchanged++;
  }
  return counts;
}
