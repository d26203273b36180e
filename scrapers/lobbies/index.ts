// Source `lobbies`: HATVP's register of lobbyists, its organisations, activities and means.
export { hatvpLobbies as describe } from '../../domain/sources.ts';
export { crawlLobbies as crawl } from './crawler.ts';
