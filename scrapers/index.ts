// The registry: every source folder, in crawl order, each with its description and crawl.
// run.ts, the scheduler of `npm start` and `npm run crawl -- --source` read it. The pages read
// the same descriptions from domain/sources.ts (describeSources), never this file; a test
// checks that both name the same sources in the same order.
import type { Config } from '../config.ts';
import * as amendements from './amendements/index.ts';
import * as an from './assemblee/index.ts';
import * as dossiers from './dossiers/index.ts';
import * as geo from './geo/index.ts';
import * as hatvp from './hatvp/index.ts';
import type { CrawlSource, SourceModule } from './lib/source.ts';
import * as lobbies from './lobbies/index.ts';
import * as trackers from './trackers/index.ts';
import * as votes from './votes/index.ts';

/** Each source folder's module, in crawl order. */
export const REGISTRY: readonly SourceModule[] = [
  an,
  votes,
  dossiers,
  amendements,
  geo,
  hatvp,
  lobbies,
  trackers,
];

/** The sources this build crawls, in crawl order, each with its description. */
export function crawlSources(config: Pick<Config, 'legislature'>): CrawlSource[] {
  return REGISTRY.map((source) => ({ info: source.describe(config), crawl: source.crawl }));
}
