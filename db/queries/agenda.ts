import { sql, type Kysely } from 'kysely';
import { likeEscape } from './like.ts';
import type { Database } from '../schema/index.ts';

/**
 * Every published attendance (meeting × member), in (reunion_uid, acteur_uid) order, in
 * key-range batches of `size` rows, with the meeting's day, kind, state and body.
 */
export async function* allPresencesInBatches(db: Kysely<Database>, size = 2000) {
  let after: { reunion: string; acteur: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('reunion_presence as p')
      .innerJoin('reunion as r', 'r.uid', 'p.reunion_uid')
      .leftJoin('organe as o', 'o.uid', 'r.organe_uid')
      .leftJoin('acteur as a', 'a.uid', 'p.acteur_uid')
      .select([
        'p.reunion_uid',
        'r.day',
        'r.week',
        'r.kind',
        'r.etat',
        'r.counted',
        'r.organe_uid',
        'o.label as organe_label',
        'p.acteur_uid',
        'a.first_name',
        'a.last_name',
        'p.presence',
      ])
      .orderBy('p.reunion_uid')
      .orderBy('p.acteur_uid')
      .limit(size);
    if (after) {
      const { reunion, acteur } = after;
      q = q.where((eb) =>
        eb(eb.refTuple('p.reunion_uid', 'p.acteur_uid'), '>', eb.tuple(reunion, acteur)),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { reunion: last.reunion_uid, acteur: last.acteur_uid };
    if (rows.length < size) return;
  }
}

export type PresenceDumpRow =
  Awaited<ReturnType<ReturnType<typeof allPresencesInBatches>['next']>> extends IteratorResult<
    infer B,
    unknown
  >
    ? B extends (infer R)[]
      ? R
      : never
    : never;

export interface ReunionFilter {
  from: string;
  to: string;
  organe: string | null;
  kind: string | null;
  etat: string | null;
  words: string | null;
}

/** The Monday and Sunday (yyyy-mm-dd) of the ISO week holding `day`. */
export function weekBounds(day: string): { from: string; to: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/** The week of `today` when it has meetings, else the latest week with meetings (or null). */
export async function agendaWeek(db: Kysely<Database>, today: string) {
  const current = weekBounds(today);
  const latest = await db
    .selectFrom('reunion')
    .select('day')
    .where('day', '<=', current.to)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const week = weekBounds(latest.day);
  return { ...week, current: week.from === current.from };
}

/** Meetings of a day range and filter, by day and time, each with its agenda items. */
export async function listReunions(db: Kysely<Database>, f: ReunionFilter, limit: number) {
  let q = db
    .selectFrom('reunion as r')
    .leftJoin('organe as o', 'o.uid', 'r.organe_uid')
    .select([
      'r.uid',
      'r.kind',
      'r.organe_uid',
      'o.label as organe_label',
      'r.start',
      'r.end',
      'r.day',
      'r.etat',
      'r.counted',
      'r.attendance_published',
      'r.place',
    ])
    .where('r.day', '>=', f.from)
    .where('r.day', '<=', f.to);
  if (f.organe) q = q.where('r.organe_uid', '=', f.organe);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.etat) q = q.where('r.etat', '=', f.etat);
  if (f.words) {
    const k = `%${likeEscape(f.words)}%`;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('reunion_item as i')
          .select('i.position')
          .whereRef('i.reunion_uid', '=', 'r.uid')
          .where(sql<boolean>`i.text like ${k} escape '\\'`),
      ),
    );
  }
  const rows = await q.orderBy('r.day').orderBy('r.start').orderBy('r.uid').limit(limit).execute();
  const items = rows.length
    ? await db
        .selectFrom('reunion_item')
        .selectAll()
        .where(
          'reunion_uid',
          'in',
          rows.map((r) => r.uid),
        )
        .orderBy('reunion_uid')
        .orderBy('position')
        .execute()
    : [];
  const byReunion = new Map<string, string[]>();
  for (const i of items) {
    const list = byReunion.get(i.reunion_uid) ?? [];
    list.push(i.text);
    byReunion.set(i.reunion_uid, list);
  }
  return rows.map((r) => ({ ...r, items: byReunion.get(r.uid) ?? [] }));
}

export type ReunionRow = Awaited<ReturnType<typeof listReunions>>[number];

/** The bodies that have meetings, for the filter. */
export async function agendaOrganes(db: Kysely<Database>) {
  return db
    .selectFrom('reunion as r')
    .innerJoin('organe as o', 'o.uid', 'r.organe_uid')
    .select(['o.uid', 'o.label'])
    .groupBy('o.uid')
    .orderBy('o.label')
    .execute();
}

/** One meeting with its items and attendance list (members by name), or null. */
export async function getReunion(db: Kysely<Database>, uid: string) {
  const reunion = await db
    .selectFrom('reunion as r')
    .leftJoin('organe as o', 'o.uid', 'r.organe_uid')
    .selectAll('r')
    .select('o.label as organe_label')
    .where('r.uid', '=', uid)
    .executeTakeFirst();
  if (!reunion) return null;
  const [items, presences] = await Promise.all([
    db
      .selectFrom('reunion_item')
      .select('text')
      .where('reunion_uid', '=', uid)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('reunion_presence as p')
      .leftJoin('acteur as a', 'a.uid', 'p.acteur_uid')
      .leftJoin('organe as g', 'g.uid', 'a.group_uid')
      .select([
        'p.acteur_uid',
        'p.presence',
        'a.first_name',
        'a.last_name',
        'g.abbreviation as group_abbreviation',
        'g.label as group_label',
        'g.color as group_color',
      ])
      .where('p.reunion_uid', '=', uid)
      .orderBy('a.sort_name')
      .orderBy('p.acteur_uid')
      .execute(),
  ]);
  return { reunion, items: items.map((i) => i.text), presences };
}

export type ReunionDetail = NonNullable<Awaited<ReturnType<typeof getReunion>>>;
