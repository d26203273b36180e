import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { anDossiers } from '../../domain/sources.ts';
import { readFixtureFiles, type ZipChanges } from './an-zip.ts';
import { AN_FIXTURES } from './paths.ts';

/** The hand-written dossiers archive content: `json/dossierParlementaire/`, `json/document/`. */
export const DOSSIERS_DIR = path.join(AN_FIXTURES, 'dossiers');

/** Where the dossiers archive lives on a mirror: `/<host>/<path>` of its canonical URL. */
export const DOSSIERS_MIRROR_PATH = (() => {
  const url = new URL(anDossiers({ legislature: 17 }).url);
  return `/${url.host}${url.pathname}`;
})();

export const DOSSIERS_FILE_NAME = DOSSIERS_MIRROR_PATH.split('/').pop()!;

/** The hand-written dossier files by archive path, with changes (new content, or null to remove). */
export function dossierFiles(changes: ZipChanges = {}): Map<string, Uint8Array> {
  const files = readFixtureFiles(DOSSIERS_DIR);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) files.delete(name);
    else files.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return files;
}

/** The hand-written dossiers fixtures zipped as the Assemblée publishes them, with changes. */
export function dossiersZip(changes: ZipChanges = {}): Uint8Array {
  const mtime = new Date('2025-11-21T17:52:00Z');
  const zippable: Zippable = {};
  for (const [name, bytes] of dossierFiles(changes)) zippable[name] = [bytes, { mtime }];
  return zipSync(zippable);
}

/** A dossier fixture's parsed JSON with an edit applied, serialised back. */
export function editedDossier(uid: string, edit: (d: Record<string, any>) => void): string {
  const bytes = dossierFiles().get(`json/dossierParlementaire/${uid}.json`)!;
  const json = JSON.parse(new TextDecoder().decode(bytes)) as { dossierParlementaire: any };
  edit(json.dossierParlementaire);
  return JSON.stringify(json);
}
