// Pure readers for the values HATVP files hold as text: amounts, months, dates, booleans and
// redacted text.

/** What HATVP writes in place of text it does not publish. */
const REDACTED = /\[\s*Données\s+non\s+publiées\s*\]/giu;

/** True when the text holds the `[Données non publiées]` marker. */
export function isRedacted(text: string | null | undefined): boolean {
  if (!text) return false;
  REDACTED.lastIndex = 0;
  return REDACTED.test(text);
}

/**
 * Text without the redaction marker and with its whitespace collapsed: null when nothing
 * published is left. `redacted` tells whether the marker was there.
 */
export function cleanText(text: string | null | undefined): {
  value: string | null;
  redacted: boolean;
} {
  if (text === null || text === undefined) return { value: null, redacted: false };
  const redacted = isRedacted(text);
  const value = text.replace(REDACTED, ' ').replace(/\s+/gu, ' ').trim();
  return { value: value === '' ? null : value, redacted };
}

/**
 * An amount written by hand as a number: `40 910`, `40\u00a0910`, `40\u202f910`, `-9316`,
 * `1 200,50 €`, `0 EUR`. Null when the text is not a number (`Inconnue`, `NS`, empty).
 */
export function parseAmount(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  let s = text
    .replace(/[\s\u00a0\u202f\u2009\u2007]+/gu, '')
    .replace(/(€|euros?|eur)$/iu, '')
    .replace(/^[\u2212\u2013]/u, '-');
  if (s === '' || !/^[-+]?\d[\d.,]*$/u.test(s)) return null;
  const negative = s.startsWith('-');
  s = s.replace(/^[-+]/u, '');
  if (/^\d{1,3}(\.\d{3})+$/u.test(s)) {
    s = s.replace(/\./gu, ''); // dots as thousands separators: 1.000.000
  } else if (/^\d+,\d+$/u.test(s)) {
    s = s.replace(',', '.');
  } else if (/^\d{1,3}(,\d{3})+$/u.test(s)) {
    s = s.replace(/,/gu, ''); // commas as thousands separators: 1,000,000
  } else if (!/^\d+(\.\d+)?$/u.test(s)) {
    return null;
  }
  const value = Number(s);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/** `04/2016` → `2016-04` (ISO month); null for anything else. */
export function parseMonth(text: string | null | undefined): string | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/u.exec(text ?? '');
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return `${match[2]}-${String(month).padStart(2, '0')}`;
}

/** `28/09/1949` → `1949-09-28`; `25/07/2024 18:59:29` → `2024-07-25T18:59:29`; else null. */
export function parseFrenchDate(text: string | null | undefined): string | null {
  const match = /^\s*(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?\s*$/u.exec(
    text ?? '',
  );
  if (!match) return null;
  const [, d, m, y, hh, mm, ss] = match;
  const day = Number(d);
  const month = Number(m);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = `${y}-${m}-${d}`;
  return hh ? `${date}T${hh}:${mm}:${ss ?? '00'}` : date;
}

/** `true`/`Oui` → true, `false`/`Non` → false, anything else → null. */
export function parseBoolean(text: string | null | undefined): boolean | null {
  const value = (text ?? '').trim().toLowerCase();
  if (value === 'true' || value === 'oui') return true;
  if (value === 'false' || value === 'non') return false;
  return null;
}
