// Source `amendements`: every amendment of the legislature, its author and co-signers.
export { anAmendements as describe } from '../../domain/sources.ts';
export { crawlAmendements as crawl } from './crawler.ts';
