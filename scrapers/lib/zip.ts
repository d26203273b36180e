import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
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

/** What the central directory says of one entry. */
interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const MAX32 = 0xffffffff;
/** Bytes read from the file at once while walking the central directory. */
const WINDOW = 1024 * 1024;

const unreadable = (reason: string) => new ArchiveError(`not a readable zip archive (${reason})`);

function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable('zip64 size out of range');
  return Number(value);
}

/** Reads exactly `length` bytes at `position`, or throws (the file is shorter). */
function readAt(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw unreadable(`unexpected end of file at byte ${position + done}`);
    done += n;
  }
  return buffer;
}

/** Where the central directory lies and how many entries it lists (zip64 included). */
function findDirectory(fd: number, fileSize: number) {
  const tailSize = Math.min(fileSize, 22 + 0xffff);
  if (tailSize < 22) throw unreadable('too short');
  const tail = readAt(fd, tailSize, fileSize - tailSize);
  // The end record is the last 22 bytes, or sits before a comment that runs to the end.
  let at = -1;
  for (let i = tailSize - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END && i + 22 + tail.readUInt16LE(i + 20) === tailSize) {
      at = i;
      break;
    }
  }
  if (at < 0) throw unreadable('end of central directory record not found');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  const endAt = fileSize - tailSize + at;
  if (endAt >= 20) {
    const locator = readAt(fd, 20, endAt - 20);
    if (locator.readUInt32LE(0) === END64_LOCATOR) {
      const end64At = u64(locator, 8);
      if (end64At + 56 > endAt) throw unreadable('zip64 end record out of bounds');
      const end64 = readAt(fd, 56, end64At);
      if (end64.readUInt32LE(0) !== END64) throw unreadable('zip64 end record not found');
      count = u64(end64, 32);
      size = u64(end64, 40);
      offset = u64(end64, 48);
    }
  }
  if (offset + size > endAt) throw unreadable('central directory out of bounds');
  return { count, offset, size };
}

/** The central directory's entries, in order, read through a window of WINDOW bytes. */
function* centralEntries(fd: number, fileSize: number): Generator<CentralEntry> {
  const directory = findDirectory(fd, fileSize);
  const end = directory.offset + directory.size;
  let window: Buffer = Buffer.alloc(0);
  let windowAt = directory.offset;
  let position = directory.offset;
  /** The `length` bytes at `position`, from the window (refilled as needed). */
  const take = (length: number): Buffer => {
    if (position + length > end) throw unreadable('central directory truncated');
    if (position + length > windowAt + window.length) {
      windowAt = position;
      window = readAt(fd, Math.min(Math.max(WINDOW, length), end - position), position);
    }
    const slice = window.subarray(position - windowAt, position - windowAt + length);
    position += length;
    return slice;
  };
  for (let i = 0; i < directory.count; i++) {
    const fixed = take(46);
    if (fixed.readUInt32LE(0) !== CENTRAL) throw unreadable(`bad central directory entry ${i}`);
    const flags = fixed.readUInt16LE(8);
    const method = fixed.readUInt16LE(10);
    const crc32 = fixed.readUInt32LE(16);
    let compressedSize = fixed.readUInt32LE(20);
    let uncompressedSize = fixed.readUInt32LE(24);
    const nameLength = fixed.readUInt16LE(28);
    const extraLength = fixed.readUInt16LE(30);
    const commentLength = fixed.readUInt16LE(32);
    let localOffset = fixed.readUInt32LE(42);
    const rawName = take(nameLength);
    // UTF-8 when flagged (bit 11), else CP437 as the format says; folders keep their "/".
    const name = (
      flags & 0x800 || rawName.every((b) => b < 0x80)
        ? rawName.toString('utf8')
        : iconv.decode(rawName, 'cp437')
    ).replace(/\\/g, '/');
    const extra = take(extraLength);
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra.readUInt16LE(e);
      const length = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        // zip64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF.
        let v = e + 4;
        const next = () => {
          if (v + 8 > e + 4 + length) throw unreadable(`${name}: short zip64 field`);
          const value = u64(extra, v);
          v += 8;
          return value;
        };
        if (uncompressedSize === MAX32) uncompressedSize = next();
        if (compressedSize === MAX32) compressedSize = next();
        if (localOffset === MAX32) localOffset = next();
      }
      e += 4 + length;
    }
    take(commentLength);
    yield { name, flags, method, crc32, compressedSize, uncompressedSize, localOffset };
  }
}

/** An entry's content: read at its local header's offset, inflated, size and CRC checked. */
function readEntry(fd: number, entry: CentralEntry, dataEnd: number): Buffer {
  if (entry.flags & 0x1) throw new Error('chiffré');
  if (entry.method !== 0 && entry.method !== 8) {
    throw new Error(`méthode de compression ${entry.method} non prise en charge`);
  }
  const local = readAt(fd, 30, entry.localOffset);
  if (local.readUInt32LE(0) !== LOCAL) throw new Error('en-tête local introuvable');
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > dataEnd) throw new Error('données hors de l’archive');
  const stored = readAt(fd, entry.compressedSize, start);
  const bytes =
    entry.method === 0
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
 * memory is one read window and one entry, plus the set of paths the duplicate check needs.
 * Reads are synchronous positional reads: one pair per entry, no stream per entry.
 */
export async function* zipEntries(
  path: string,
  limits: ArchiveLimits,
): AsyncGenerator<ZipEntry, void, undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  try {
    const fileSize = fstatSync(fd).size;
    const seen = new Set<string>();
    let total = 0;
    for (const entry of centralEntries(fd, fileSize)) {
      const name = entry.name;
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
    seen.clear();
    const dataEnd = findDirectory(fd, fileSize).offset;
    for (const entry of centralEntries(fd, fileSize)) {
      if (entry.name.endsWith('/')) continue;
      let bytes: Buffer;
      try {
        bytes = readEntry(fd, entry, dataEnd);
      } catch (error) {
        throw new ArchiveError(`${entry.name} : illisible (${(error as Error).message})`);
      }
      yield { name: entry.name, bytes };
    }
  } finally {
    closeSync(fd);
  }
}
