// Source `hatvp`: the HATVP's index of declarations and each declaration of interests.
export { hatvpIndex as describe } from '../../domain/sources.ts';
export { crawlDeclarations as crawl } from './crawler.ts';
