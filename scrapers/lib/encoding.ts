// Text out of a source's bytes, in the encoding the source declares (its description for CSV,
// the XML declaration for XML), checked: a file that is not in its declared encoding fails
// with its name instead of being stored garbled.
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../domain/sources.ts';
import { SourceError } from './source.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A single-byte encoding a file may be decoded from when it is not valid UTF-8. */
export type SingleByte = Exclude<TextEncoding, 'utf-8'> | 'windows-1252';

/**
 * Decodes `bytes` as UTF-8 when they are valid UTF-8 (a single-byte text with accents never
 * is), otherwise from `fallback`; says which. A leading byte-order mark is dropped. Decoding
 * goes through iconv-lite: Node 20's own windows-1252 decoder reads 0x80–0x9F (€, ’, œ) as
 * control characters.
 */
export function decodeWithFallback(
  bytes: Uint8Array,
  fallback: SingleByte,
): { text: string; encoding: 'utf-8' | SingleByte } {
  let text: string;
  let encoding: 'utf-8' | SingleByte = 'utf-8';
  try {
    text = utf8.decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fallback);
    encoding = fallback;
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

/** The line (1-based) of the first byte that is not valid UTF-8, for the message. */
function firstInvalidLine(bytes: Uint8Array): number {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  return lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
}

/**
 * Decodes `bytes` of `file`. Valid UTF-8 is read as UTF-8 whatever the declaration (UTF-8 is
 * the normal case and a single-byte text with accents is never valid UTF-8); otherwise a file
 * declared in a single-byte encoding is decoded from it, and one declared in UTF-8 fails.
 * U+FFFD in the text (a replacement character left by an earlier bad conversion) fails too.
 * A leading byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array, file: string, declared: TextEncoding): string {
  let text: string;
  if (declared === 'utf-8') {
    try {
      text = utf8.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new SourceError(
        file,
        `pas en UTF-8 comme déclaré (octet invalide ligne ${firstInvalidLine(bytes)}) : fichier refusé`,
      );
    }
  } else {
    text = decodeWithFallback(bytes, declared).text;
  }
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) {
    const line = text.slice(0, replaced).split('\n').length;
    throw new SourceError(
      file,
      `caractère de remplacement U+FFFD ligne ${line} : texte mal converti à la source, fichier refusé`,
    );
  }
  return text;
}

/** The encoding an XML document declares in `<?xml … encoding="…"?>`, UTF-8 when none. */
export function declaredXmlEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200)).replace(/^\uFEFF|^ï»¿/, '');
  const match = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match ? match[1]!.toLowerCase() : 'utf-8';
}

/**
 * Decodes an XML file in the encoding it declares. An encoding the platform does not know,
 * or bytes that are not valid in the declared one, fail the file with its name.
 */
export function decodeXml(bytes: Uint8Array, file: string): string {
  const label = declaredXmlEncoding(bytes);
  let text: string;
  if (label === 'utf-8' || label === 'utf8') {
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new SourceError(file, `octets invalides pour l'encodage déclaré ${label}`);
    }
  } else if (iconv.encodingExists(label)) {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label);
  } else {
    throw new SourceError(file, `encodage déclaré inconnu : ${label}`);
  }
  return text.replace(/^\uFEFF/, '');
}
