// Source `votes`: every scrutin of the legislature with each deputy's vote.
export { anScrutins as describe } from '../../domain/sources.ts';
export { crawlScrutins as crawl } from './crawler.ts';
