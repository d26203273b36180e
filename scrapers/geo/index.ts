// Source `geo`: INSEE's commune → circonscription table and La Poste's postcodes.
export { inseeCirconscriptions as describe } from '../../domain/sources.ts';
export { crawlGeo as crawl } from './crawler.ts';
