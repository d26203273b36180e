import { unzipSync } from 'fflate';
import yauzl from 'yauzl';
import type { ArchiveLimits } from '../../config.ts';

/** Raised when an archive cannot be opened, or holds more than the limits allow. */
export class ArchiveError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ArchiveError';
  }
}

const MIB = 1024 * 1024;

/**
 * The files of a zip archive by path (folders left out). Each entry's declared sizes are
 * checked against the limits before it is inflated, and inflating never writes past the
 * declared size, so an archive that lies about its sizes cannot take more memory either.
 */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  const seen = new Set<string>();
  let total = 0;
  try {
    entries = unzipSync(bytes, {
      filter({ name, size, originalSize }) {
        if (seen.has(name)) throw new ArchiveError(`${name} : deux fois dans l'archive`);
        seen.add(name);
        if (seen.size > limits.maxEntries) {
          throw new ArchiveError(`plus de ${limits.maxEntries} fichiers dans l'archive`);
        }
        total += originalSize;
        if (total > limits.maxBytes) {
          throw new ArchiveError(
            `plus de ${Math.round(limits.maxBytes / MIB)} Mio une fois décompressée (à ${name})`,
          );
        }
        if (originalSize > MIB && originalSize > limits.maxRatio * size) {
          throw new ArchiveError(
            `${name} : taux de compression ${Math.round(originalSize / Math.max(size, 1))}:1 au-delà de ${limits.maxRatio}:1`,
          );
        }
        return !name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`not a readable zip archive (${(error as Error).message})`);
  }
  return new Map(Object.entries(entries));
}

/** One file of an archive read by `zipEntries`. */
export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

interface Waiting {
  resolve: (entry: yauzl.Entry | null) => void;
  reject: (error: Error) => void;
}

/** The entries of an opened zip file, read one at a time. */
class EntryReader {
  readonly #zip: yauzl.ZipFile;
  #waiting: Waiting | null = null;

  constructor(zip: yauzl.ZipFile) {
    this.#zip = zip;
    zip.on('entry', (entry: yauzl.Entry) => this.#settle((w) => w.resolve(entry)));
    zip.on('end', () => this.#settle((w) => w.resolve(null)));
    zip.on('error', (error: Error) => this.#settle((w) => w.reject(error)));
  }

  #settle(action: (w: Waiting) => void) {
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting) action(waiting);
  }

  /** The next entry of the central directory, or null after the last. */
  next(): Promise<yauzl.Entry | null> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#zip.readEntry();
    });
  }

  /** An entry's content, inflated and checked against its declared size. */
  async read(entry: yauzl.Entry): Promise<Buffer> {
    const stream = await this.#zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  close() {
    this.#zip.close();
  }
}

async function openZip(path: string): Promise<EntryReader> {
  try {
    const zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
    return new EntryReader(zip);
  } catch (error) {
    throw new ArchiveError(`not a readable zip archive (${(error as Error).message})`);
  }
}

/**
 * The files of a zip file on disk (folders left out), one at a time, so memory holds one
 * entry whatever the archive's size. The whole central directory is checked against the
 * limits (entry count, decompressed total, compression ratio, duplicate paths) before the
 * first entry is yielded, as `readZip` does; each entry's inflated size is checked against
 * its declared one. A damaged entry throws an ArchiveError naming it, mid-iteration: callers
 * that write as they read do so in a transaction, so nothing of the archive is kept.
 */
export async function* zipEntries(
  path: string,
  limits: ArchiveLimits,
): AsyncGenerator<ZipEntry, void, undefined> {
  const directory = await openZip(path);
  try {
    const seen = new Set<string>();
    let total = 0;
    for (;;) {
      let entry: yauzl.Entry | null;
      try {
        entry = await directory.next();
      } catch (error) {
        throw new ArchiveError(`not a readable zip archive (${(error as Error).message})`);
      }
      if (!entry) break;
      const name = entry.fileName;
      if (seen.has(name)) throw new ArchiveError(`${name} : deux fois dans l'archive`);
      seen.add(name);
      if (seen.size > limits.maxEntries) {
        throw new ArchiveError(`plus de ${limits.maxEntries} fichiers dans l'archive`);
      }
      total += entry.uncompressedSize;
      if (total > limits.maxBytes) {
        throw new ArchiveError(
          `plus de ${Math.round(limits.maxBytes / MIB)} Mio une fois décompressée (à ${name})`,
        );
      }
      const { uncompressedSize: originalSize, compressedSize: size } = entry;
      if (originalSize > MIB && originalSize > limits.maxRatio * size) {
        throw new ArchiveError(
          `${name} : taux de compression ${Math.round(originalSize / Math.max(size, 1))}:1 au-delà de ${limits.maxRatio}:1`,
        );
      }
    }
  } finally {
    directory.close();
  }
  const zip = await openZip(path);
  try {
    for (;;) {
      let entry: yauzl.Entry | null;
      try {
        entry = await zip.next();
      } catch (error) {
        throw new ArchiveError(`not a readable zip archive (${(error as Error).message})`);
      }
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      let bytes: Buffer;
      try {
        bytes = await zip.read(entry);
      } catch (error) {
        throw new ArchiveError(`${entry.fileName} : illisible (${(error as Error).message})`);
      }
      yield { name: entry.fileName, bytes };
    }
  } finally {
    zip.close();
  }
}
