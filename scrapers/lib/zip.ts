import { unzipSync } from 'fflate';

/** Raised when an archive cannot be opened. */
export class ArchiveError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ArchiveError';
  }
}

/** The files of a zip archive by path (folders left out). */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new ArchiveError(`not a readable zip archive (${(error as Error).message})`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(entries)) {
    if (!name.endsWith('/')) files.set(name, content);
  }
  return files;
}
