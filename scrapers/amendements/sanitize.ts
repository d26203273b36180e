// The amendments' HTML (dispositif, exposé sommaire) reduced at ingest to the allow-list of
// domain/amendement-html.ts (applied again by the page that outputs it), and their labels
// read as text.
import sanitizeHtml from 'sanitize-html';
import { AMENDEMENT_HTML_OPTIONS, htmlToText } from '../../domain/amendement-html.ts';

/**
 * The numeric character references (`&#x00E9;`, `&#233;`) of non-ASCII characters, and
 * `&nbsp;`, replaced by their characters before sanitising. The source writes every accented
 * letter that way (2.6 million references in 25,000 amendments), which makes the HTML parser
 * emit one text piece per reference; the characters themselves parse as one text run into
 * the same output (sanitize-html decodes references, then re-escapes only & < > "). Only
 * characters from U+00A0 up, surrogates excluded, are replaced: none of them is syntax in
 * HTML, so no tag, attribute or reference can appear or vanish; ASCII references (`&#60;`,
 * `&#32;`, `&#47;`) and references without their semicolon are left to the parser.
 */
export function decodeNonAsciiReferences(html: string): string {
  if (!html.includes('&')) return html;
  return html.replace(
    /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(nbsp));/g,
    (reference, hex: string | undefined, dec: string | undefined, nbsp: string | undefined) => {
      if (nbsp) return '\u00a0';
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
      const plain = (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff);
      return plain ? String.fromCodePoint(code) : reference;
    },
  );
}

/** Sanitised HTML and its text (as `htmlToText` gives it). */
export interface CleanHtml {
  html: string;
  text: string;
}

/** The source HTML reduced to the allow-list, with its text; null when only blanks remain. */
export function sanitizeAmendementField(html: string | null): CleanHtml | null {
  if (html === null) return null;
  const clean = sanitizeHtml(decodeNonAsciiReferences(html), AMENDEMENT_HTML_OPTIONS).trim();
  const text = htmlToText(clean);
  return text === '' ? null : { html: clean, text };
}

/**
 * A text value published with HTML entities (`M.&#160;Le&#160;Fur`), as plain text. Once
 * its non-ASCII references are decoded, a value with no `<` and no `&` left is its own text
 * (sanitising it would change nothing `htmlToText` does not undo), so only the rest goes
 * through sanitize-html.
 */
export function decodeText(value: string | null): string | null {
  if (value === null) return null;
  const decoded = decodeNonAsciiReferences(value);
  const text =
    decoded.includes('<') || decoded.includes('&')
      ? htmlToText(sanitizeHtml(decoded, { allowedTags: [], allowedAttributes: {} }))
      : htmlToText(decoded);
  return text === '' ? null : text;
}
