// Mandates as the Assemblée publishes them: a membership of an organ (group, committee…)
// over a period, possibly published twice or overlapping a role in the same organ.

/** What the group history reads of a mandate; dates are `AAAA-MM-JJ`, end null while open. */
export interface MandatePeriod {
  uid: string;
  organe_uid: string;
  organe_type: string;
  start_date: string | null;
  end_date: string | null;
}

/**
 * Group memberships with dates: mandates of one group that overlap (the same membership
 * published twice, or a membership and a role in that group such as Président) are merged
 * into one period from the earliest start to the latest end.
 */
export function groupHistory<T extends MandatePeriod>(mandats: T[]): T[] {
  const sorted = mandats
    .filter((m) => m.organe_type === 'GP')
    .sort(
      (a, b) =>
        (a.start_date ?? '').localeCompare(b.start_date ?? '') || a.uid.localeCompare(b.uid),
    );
  const periods: T[] = [];
  for (const m of sorted) {
    const open = periods.findLast(
      (p) =>
        p.organe_uid === m.organe_uid &&
        (p.end_date === null || (m.start_date ?? '') <= p.end_date),
    );
    if (!open) {
      periods.push({ ...m });
      continue;
    }
    if (open.end_date !== null && (m.end_date === null || m.end_date > open.end_date))
      open.end_date = m.end_date;
  }
  return periods;
}
