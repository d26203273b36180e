import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
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

const unreadable = (reason: string) => new ArchiveError(`not a readable zip archive (${reason})`);

/**
 * yauzl's access to the file, by synchronous positional reads: yauzl reads each directory
 * entry and local header with its own small read, and the thread pool's round trip per read
 * (its default reader) costs five times the inflating on archives of many small files.
 */
class FileReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly path: string,
    readonly fd: number,
  ) {
    super();
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ) {
    let bytesRead = 0;
    try {
      bytesRead = readSync(this.fd, buffer, offset, length, position);
    } catch (error) {
      process.nextTick(callback, error as Error);
      return;
    }
    process.nextTick(callback, null, bytesRead);
  }

  override _readStreamForRange(start: number, end: number) {
    return createReadStream(this.path, { start, end: end - 1 });
  }

  override close(callback: (error: Error | null) => void) {
    closeSync(this.fd);
    process.nextTick(callback, null);
  }
}

/** Opens a zip file with yauzl: entries read one at a time, names decoded and validated. */
async function openZip(path: string): Promise<{ zipfile: yauzl.ZipFile; fd: number }> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  const reader = new FileReader(path, fd);
  const options = {
    lazyEntries: true,
    autoClose: false,
    decodeStrings: true,
    validateEntrySizes: true,
  };
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, fstatSync(fd).size, options, (error, zipfile) => {
      if (error) {
        closeSync(fd);
        reject(unreadable(error.message));
      } else resolve({ zipfile, fd });
    });
  });
}

/** The central directory's entries in order (yauzl parses them, zip64 included). */
async function* directory(zipfile: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const done = () => {
        zipfile.off('entry', onEntry).off('end', onEnd).off('error', onError);
      };
      const onEntry = (e: yauzl.Entry) => (done(), resolve(e));
      const onEnd = () => (done(), resolve(null));
      const onError = (error: Error) => (done(), reject(unreadable(error.message)));
      zipfile.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zipfile.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

/** Where an entry's data starts, from its local header (read by yauzl). */
function dataStart(zipfile: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zipfile.readLocalFileHeader(entry, { minimal: true }, (error, header) =>
      error ? reject(error) : resolve(header.fileDataStart),
    );
  });
}

/** Reads exactly `length` bytes at `position`, or throws (the file is shorter). */
function readAt(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error(`fin de fichier inattendue à l’octet ${position + done}`);
    done += n;
  }
  return buffer;
}

/**
 * An entry's content: its stored bytes read with one positional read and inflated at once
 * (a stream per entry costs more than the inflating on archives of many small files), size
 * and CRC-32 checked against the directory's.
 */
async function readEntry(zipfile: yauzl.ZipFile, fd: number, entry: yauzl.Entry) {
  if (entry.isEncrypted()) throw new Error('chiffré');
  const method = entry.compressionMethod;
  if (method !== 0 && method !== 8) {
    throw new Error(`méthode de compression ${method} non prise en charge`);
  }
  const stored = readAt(fd, entry.compressedSize, await dataStart(zipfile, entry));
  const bytes =
    method === 0
      ? stored
      : inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  if (bytes.length !== entry.uncompressedSize) {
    throw new Error(`${bytes.length} octets au lieu des ${entry.uncompressedSize} annoncés`);
  }
  if (crc32(bytes) !== entry.crc32) throw new Error('somme de contrôle CRC-32 fausse');
  return bytes;
}

/**
 * The files of a zip file on disk (folders left out), one at a time, so memory holds one
 * entry whatever the archive's size. The whole central directory is checked against the
 * limits (entry count, decompressed total, compression ratio, duplicate paths) before the
 * first entry is yielded, as `readZip` does; each entry's inflated size and CRC-32 are
 * checked against its declared ones. A damaged entry throws an ArchiveError naming it,
 * mid-iteration: callers that write as they read do so in a transaction, so nothing of the
 * archive is kept. The directory is walked twice (checked, then read) rather than held: the
 * memory is one entry plus the set of paths the duplicate check needs.
 */
export async function* zipEntries(
  path: string,
  limits: ArchiveLimits,
): AsyncGenerator<ZipEntry, void, undefined> {
  const { zipfile: checked } = await openZip(path);
  try {
    const seen = new Set<string>();
    let total = 0;
    for await (const entry of directory(checked)) {
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
    checked.close();
  }
  const { zipfile, fd } = await openZip(path);
  try {
    for await (const entry of directory(zipfile)) {
      if (entry.fileName.endsWith('/')) continue;
      let bytes: Buffer;
      try {
        bytes = await readEntry(zipfile, fd, entry);
      } catch (error) {
        throw new ArchiveError(`${entry.fileName} : illisible (${(error as Error).message})`);
      }
      yield { name: entry.fileName, bytes };
    }
  } finally {
    zipfile.close();
  }
}
