import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { anAgenda } from '../../domain/sources.ts';
import { readFixtureFiles, type ZipChanges } from './an-zip.ts';
import { AN_FIXTURES } from './paths.ts';

/** The hand-written meetings (`json/reunion/`): a committee meeting with attendance, a cancelled one, a sitting, a meeting without a list. */
export const AGENDA_DIR = path.join(AN_FIXTURES, 'agenda');

export const AGENDA_MIRROR_PATH = (() => {
  const url = new URL(anAgenda({ legislature: 17 }).url);
  return `/${url.host}${url.pathname}`;
})();

export const reunionEntry = (uid: string) => `json/reunion/${uid}.json`;

/** The hand-written meeting files, zipped as the Assemblée publishes them, with changes. */
export function agendaZip(
  changes: ZipChanges = {},
  mtime = new Date('2025-11-21T17:52:00Z'),
): Uint8Array {
  const files = readFixtureFiles(AGENDA_DIR);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime }];
  return zipSync(zippable);
}

/** One hand-written meeting's JSON with an edit applied, serialised back. */
export function editedReunion(uid: string, edit: (r: Record<string, any>) => void): string {
  const files = readFixtureFiles(AGENDA_DIR);
  const json = JSON.parse(new TextDecoder().decode(files.get(reunionEntry(uid))!));
  edit(json.reunion);
  return JSON.stringify(json);
}
