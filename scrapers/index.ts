// The registry: every source folder, in crawl order, each with its description and crawl.
// run.ts, the scheduler of `npm start` and `npm run crawl -- --source` read it. The pages read
// the same descriptions from domain/sources.ts (describeSources), never this file; a test
// checks that both name the same sources in the same order.
// A source's folder is imported only when that source runs: a crawl of one source does not
// load the others' crawlers and their libraries (crawlee, cheerio, read-excel-file…), and the
// server never loads any.
import type { Config } from '../config.ts';
import {
  anAgenda,
  anAmendements,
  anDossiers,
  anReferential,
  anScrutins,
  hatvpIndex,
  hatvpLobbies,
  inseeCirconscriptions,
  trackersSource,
} from '../domain/sources.ts';
import type { CrawlSource, SourceModule } from './lib/source.ts';

/** A source of the registry: its description, and its folder's module, loaded when it runs. */
export interface RegisteredSource {
  describe: SourceModule['describe'];
  load(): Promise<SourceModule>;
}

/** Each source folder, in crawl order. */
export const REGISTRY: readonly RegisteredSource[] = [
  { describe: anReferential, load: () => import('./assemblee/index.ts') },
  { describe: anScrutins, load: () => import('./votes/index.ts') },
  { describe: anDossiers, load: () => import('./dossiers/index.ts') },
  { describe: anAmendements, load: () => import('./amendements/index.ts') },
  { describe: anAgenda, load: () => import('./agenda/index.ts') },
  { describe: inseeCirconscriptions, load: () => import('./geo/index.ts') },
  { describe: hatvpIndex, load: () => import('./hatvp/index.ts') },
  { describe: hatvpLobbies, load: () => import('./lobbies/index.ts') },
  { describe: trackersSource, load: () => import('./trackers/index.ts') },
];

/** The sources this build crawls, in crawl order, each with its description. */
export function crawlSources(config: Pick<Config, 'legislature'>): CrawlSource[] {
  return REGISTRY.map((source) => ({
    info: source.describe(config),
    crawl: async (ctx) => (await source.load()).crawl(ctx),
  }));
}
