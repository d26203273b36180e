// Source `an`: the AMO40 referential of the Assemblée nationale: deputies, mandates, organs.
export { anReferential as describe } from '../../domain/sources.ts';
export { crawlReferential as crawl } from './crawler.ts';
