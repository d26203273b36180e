import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { anAmendements } from '../../domain/sources.ts';
import { readFixtureFiles, type ZipChanges } from './an-zip.ts';
import { AN_FIXTURES } from './paths.ts';

/** The hand-written amendments (three files of one text, `json/<dossier>/<texte>/`). */
export const AMENDEMENTS_DIR = path.join(AN_FIXTURES, 'amendements');

export const AMENDEMENTS_MIRROR_PATH = (() => {
  const url = new URL(anAmendements({ legislature: 17 }).url);
  return `/${url.host}${url.pathname}`;
})();

export const AMENDEMENTS_FILE_NAME = AMENDEMENTS_MIRROR_PATH.split('/').pop()!;

export const FIXTURE_TEXT = 'json/DLR5L17N99001/PIONANR5L17B9001';
export const uidN = (n: number) => `AMANR5L17PO838901B9001P0D1N${String(n).padStart(6, '0')}`;
export const entryN = (n: number) => `${FIXTURE_TEXT}/${uidN(n)}.json`;

/** The hand-written amendment files, zipped as the Assemblée publishes them, with changes. */
export function amendementsZip(changes: ZipChanges = {}): Uint8Array {
  const files = readFixtureFiles(AMENDEMENTS_DIR);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const mtime = new Date('2025-11-21T17:52:00Z');
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime }];
  return zipSync(zippable);
}

/** One hand-written amendment's JSON with an edit applied, serialised back. */
export function editedAmendement(n: number, edit: (a: Record<string, any>) => void): string {
  const files = readFixtureFiles(AMENDEMENTS_DIR);
  const json = JSON.parse(new TextDecoder().decode(files.get(entryN(n))!));
  edit(json.amendement);
  return JSON.stringify(json);
}
