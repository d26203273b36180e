import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { anReferential } from '../../domain/sources.ts';
import { AN_FIXTURES } from './paths.ts';

/** The hand-written AMO40 archive content: `acteur/`, `organe/`, `deport/`, `pays/`. */
export const AMO40_DIR = path.join(AN_FIXTURES, 'amo40');

/** Where the AMO40 archive lives on a mirror: `/<host>/<path>` of its canonical URL. */
export const AMO40_MIRROR_PATH = (() => {
  const url = new URL(anReferential({ legislature: 17 }).url);
  return `/${url.host}${url.pathname}`;
})();

/** File name of the archive, as the crawler reports it when the archive itself is bad. */
export const AMO40_FILE_NAME = AMO40_MIRROR_PATH.split('/').pop()!;

/** A parsed JSON fixture, by path relative to test/fixtures/an. */
export function readJsonFixture(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(AN_FIXTURES, relative), 'utf8'));
}

/** The files of a fixture folder keyed by their relative path with `/` separators. */
export function readFixtureFiles(dir: string = AMO40_DIR): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
  }
  return files;
}

/** Entry changes on top of the hand-written archive: new content, or null to remove. */
export type ZipChanges = Record<string, string | Uint8Array | null>;

/** The hand-written AMO40 fixtures zipped, as the Assemblée publishes them, with changes. */
export function amo40Zip(changes: ZipChanges = {}): Uint8Array {
  const files = readFixtureFiles();
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  // A fixed date keeps the archive bytes identical from one build to the next.
  const mtime = new Date('2025-11-21T17:52:00Z');
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime }];
  return zipSync(zippable);
}

/** An acteur fixture with a change applied to its parsed JSON, serialised back. */
export function editedActeur(uid: string, edit: (acteur: Record<string, unknown>) => void): string {
  const json = readJsonFixture(`amo40/acteur/${uid}.json`) as { acteur: Record<string, unknown> };
  edit(json.acteur);
  return JSON.stringify(json);
}
