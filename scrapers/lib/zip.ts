import { unzipSync } from 'fflate';
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
