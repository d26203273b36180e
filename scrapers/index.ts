// The registry: the crawl of every source described in domain/sources.ts, by source id.
// run.ts, the scheduler of `npm start` and `npm run crawl -- --source` read it; the pages
// read the descriptions themselves (domain/sources.ts), never this file.
import type { Config } from '../config.ts';
import { describeSources } from '../domain/sources.ts';
import * as an from './assemblee/index.ts';
import * as geo from './geo/index.ts';
import * as hatvp from './hatvp/index.ts';
import type { CrawlSource } from './lib/source.ts';
import * as trackers from './trackers/index.ts';
import * as votes from './votes/index.ts';

/** Each source folder's module, by source id. */
export const REGISTRY: Record<string, Pick<CrawlSource, 'crawl'>> = {
  an,
  votes,
  geo,
  hatvp,
  trackers,
};

/** The sources this build crawls, in crawl order, each with its description. */
export function crawlSources(config: Pick<Config, 'legislature'>): CrawlSource[] {
  return describeSources(config).map((info) => {
    const source = REGISTRY[info.id];
    if (!source) throw new Error(`source ${info.id} is described but has no crawler`);
    return { info, crawl: source.crawl };
  });
}
