// Source `geo`: INSEE's commune → circonscription table, La Poste's postcodes, Regards Citoyens'
// two tables and the circonscriptions' contours.
export { inseeCirconscriptions as describe } from '../../domain/sources.ts';
export { crawlGeo as crawl } from './crawler.ts';
