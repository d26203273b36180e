import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { hatvpLobbies } from '../../domain/sources.ts';
import { readFixtureFiles, type ZipChanges } from './an-zip.ts';
import { PROJECT_ROOT } from './paths.ts';

/** The hand-written register tables (three organisations), in a folder as some exports have. */
export const LOBBIES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'lobbies');

export const LOBBIES_MIRROR_PATH = (() => {
  const url = new URL(hatvpLobbies().url);
  return `/${url.host}${url.pathname}`;
})();

/** The entry of a table in the hand-written archive: `Vues_Separees/15_exercices.csv`. */
export const lobbyEntry = (file: string) => `Vues_Separees/${file}`;

/** A hand-written table's text, by file name. */
export function lobbyTable(file: string): string {
  return new TextDecoder().decode(readFixtureFiles(LOBBIES_DIR).get(lobbyEntry(file))!);
}

/** The hand-written tables zipped as HATVP publishes them, with changes (null removes). */
export function lobbiesZip(changes: ZipChanges = {}): Uint8Array {
  const files = readFixtureFiles(LOBBIES_DIR);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const mtime = new Date('2025-11-18T00:00:00Z');
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime }];
  return zipSync(zippable);
}
