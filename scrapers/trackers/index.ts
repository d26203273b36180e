// Source `trackers`: watched web pages, each on its own interval.
export { trackersSource as describe } from '../../domain/sources.ts';
export { crawlTrackers as crawl } from './crawler.ts';
