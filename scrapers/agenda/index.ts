// Source `agenda`: the meetings of the Assemblée's bodies and its plenary sittings, with attendance.
export { anAgenda as describe } from '../../domain/sources.ts';
export { crawlAgenda as crawl } from './crawler.ts';
