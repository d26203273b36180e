/** Lower case, accents removed, punctuation turned into single spaces. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when `AAAA-MM-JJ` names a day of the calendar (not 2024-13-45 nor 2025-02-30). */
export function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** True for an absolute http(s) URL with a host name. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A person's display name, `Prénom Nom`, or null when neither part is known. */
export function personName(first: string | null, last: string | null): string | null {
  return first || last ? `${first ?? ''} ${last ?? ''}`.trim() : null;
}
