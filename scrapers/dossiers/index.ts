// Source `dossiers`: the legislative dossiers, their steps and texts, linked to the scrutins.
export { anDossiers as describe } from '../../domain/sources.ts';
export { crawlDossiers as crawl } from './crawler.ts';
