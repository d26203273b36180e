// Days and ISO weeks of the activity figures: a meeting's day is taken in Paris time, a week
// is an ISO 8601 week (`2024-W29`, Monday to Sunday). Pure, shared by the agenda source, the
// figures and the pages.

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day (yyyy-mm-dd) in Paris time of an ISO timestamp with offset; null when unreadable. */
export function parisDay(timestamp: string): string | null {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? null : PARIS.format(new Date(time));
}

const DAY_MS = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The ISO week of a day, `2024-W29`. */
export function isoWeek(day: string): string {
  const ms = utc(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(ms + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (yyyy-mm-dd) of a day's ISO week. */
export function weekMonday(day: string): string {
  const ms = utc(day);
  return dayOf(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
}

/** The day `n` days after (or before, when negative) a day. */
export function addDays(day: string, n: number): string {
  return dayOf(utc(day) + n * DAY_MS);
}

/** The day one year before the next day of `day`: the first day of a 12-month window ending on it. */
export function yearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y - 1, m - 1, d));
  // 29 February → 1 March of the year before (Date rolls it over), then the day after.
  return addDays(dayOf(back.getTime()), 1);
}
