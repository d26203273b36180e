import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** The content codings the site sends: brotli, gzip, or the body as is. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Bodies shorter than this are sent as they are: compressing them gains nothing. */
export const MIN_COMPRESSED_BYTES = 1024;

/** Longest Accept-Encoding header read; anything longer is treated as asking for identity. */
const MAX_ACCEPT_ENCODING = 512;

/**
 * The coding to answer with, from an Accept-Encoding header (RFC 9110 §12.5.3): the highest
 * q-value among br and gzip (`*` stands for any coding not named), br first on a tie;
 * identity when neither is acceptable, the header is absent or it cannot be read.
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header || header.length > MAX_ACCEPT_ENCODING) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name!.trim().toLowerCase();
    if (!coding) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) weight = Math.min(1, Number(m[1]));
    }
    q.set(coding === 'x-gzip' ? 'gzip' : coding, weight);
  }
  const weightOf = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Compresses a whole body (a page, a list export) off the event loop: brotli at quality 5
 * and gzip at level 6, the usual speed/size middle for bodies compressed once and kept.
 * `best` (static files, compressed once at startup) takes the smallest output instead.
 */
export async function compressBody(
  body: Uint8Array,
  encoding: Exclude<Encoding, 'identity'>,
  best = false,
): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: best ? zlib.constants.BROTLI_MAX_QUALITY : 5,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    });
  }
  return gzip(body, { level: best ? zlib.constants.Z_BEST_COMPRESSION : 6 });
}

/**
 * A streamed body compressed as it streams (a bulk dump): the zlib stream is piped from the
 * rows as they come, so memory stays at zlib's window and a chunk or two. Faster settings
 * than for kept bodies (brotli 4, gzip 5): each download compresses the whole dump again.
 * A client going away destroys the pipeline, which cancels the source stream.
 */
export function compressStream(
  body: ReadableStream<Uint8Array>,
  encoding: Exclude<Encoding, 'identity'>,
): ReadableStream<Uint8Array> {
  const compressor =
    encoding === 'br'
      ? zlib.createBrotliCompress({
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        })
      : zlib.createGzip({ level: 5 });
  const source = Readable.fromWeb(body as NodeWebStream<Uint8Array>);
  source.on('error', (error) => compressor.destroy(error));
  compressor.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(compressor);
  return Readable.toWeb(compressor) as unknown as ReadableStream<Uint8Array>;
}
