// The activity figures of every deputy (committee attendance, weeks of activity) and their
// week-by-week detail, recomputed from the stored meetings, votes, amendments and mandates
// inside the ingest transaction of each source they depend on (agenda, votes, amendements,
// an); pages only read them. Definitions: /methodologie#presence-commission and
// #semaines-activite (and the contract of db/schema/agenda.ts).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema/index.ts';
import { sqliteHandle } from '../../db/database.ts';
import { insertRows } from '../../db/insert.ts';
import type { ActivityWindow } from '../../domain/agenda.ts';
import { addDays, isoWeek, parisDay, weekMonday, yearBefore } from '../../domain/weeks.ts';

interface Window {
  window: ActivityWindow;
  start: string;
  end: string;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/** Every day from `start` to `end`, both included. */
function daysOf(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * Recomputes activity_window, activity_week, deputy_activity_week, deputy_activity_stats and
 * group_activity_stats for the deputies of `legislature` (acteurs with an ASSEMBLEE mandate
 * of it). Set-based: the heavy joins run in SQLite over temporary tables; only the medians
 * (a few hundred values per week or group) are taken here.
 */
export async function recomputeActivityFigures(
  trx: Kysely<Database>,
  legislature: number,
  today: string = parisDay(new Date().toISOString())!,
): Promise<void> {
  const db = sqliteHandle(trx);
  const params: Record<string, string | number> = { legislature };
  const run = (statement: string) => db.prepare(statement).run(params);
  for (const table of [
    'activity_window',
    'activity_week',
    'deputy_activity_week',
    'deputy_activity_stats',
    'group_activity_stats',
  ]) {
    run(`delete from ${table}`);
  }
  run(`drop table if exists temp.af_term`);
  run(`create temp table af_term as
      select acteur_uid, coalesce(took_office_date, start_date) as start, end_date as "end"
      from mandat
      where organe_type = 'ASSEMBLEE' and legislature = @legislature
        and coalesce(took_office_date, start_date) is not null`);
  run(`create index temp.af_term_acteur on af_term (acteur_uid)`);
  const end = db
    .prepare<[Record<string, string | number>], string | null>(
      // The last day the Assemblée met (a counted meeting or a scrutin): vacations are told
      // by sittings, so the weeks past it are not counted, even if a few amendments were filed
      // then (they would make weeks without any published meeting look like vacations).
      `select max(d) from (
        select max(day) as d from reunion where counted = 1 and day <= @today
        union all select max(date) from scrutin where date <= @today and legislature = @legislature)`,
    )
    .pluck()
    .get({ today, legislature });
  const legislatureStart = db
    .prepare<[number], string | null>(
      `select coalesce(
        (select min(start_date) from organe where code_type = 'ASSEMBLEE' and legislature = ?),
        (select min(start) from af_term))`,
    )
    .pluck()
    .get(legislature);
  if (!end || !legislatureStart || legislatureStart > end) {
    await insertRows(
      trx,
      'activity_window',
      (['legislature', '12_mois'] as const).map((window) => ({
        window,
        start_day: null,
        end_day: end ?? null,
        weeks: 0,
        vacation_weeks: 0,
      })),
    );
    db.exec('drop table temp.af_term');
    return;
  }
  const windows: Window[] = [
    { window: 'legislature', start: legislatureStart, end },
    { window: '12_mois', start: yearBefore(end), end },
  ];
  const first = windows.reduce((a, w) => (w.start < a ? w.start : a), end);
  Object.assign(params, { first, end });

  // Every day of either window with its ISO week; the weeks of each window, clipped to it.
  db.exec(`drop table if exists temp.af_day;
    create temp table af_day (day text primary key, week text not null) without rowid;
    drop table if exists temp.af_window_week;
    create temp table af_window_week ("window" text not null, week text not null,
      first_day text not null, last_day text not null, vacation integer not null default 0,
      primary key ("window", week)) without rowid`);
  const insertDay = db.prepare('insert into temp.af_day (day, week) values (?, ?)');
  for (const day of daysOf(first, end)) insertDay.run(day, isoWeek(day));
  const insertWeek = db.prepare(
    'insert into temp.af_window_week ("window", week, first_day, last_day) values (?, ?, ?, ?)',
  );
  for (const w of windows) {
    for (let monday = weekMonday(w.start); monday <= w.end; monday = addDays(monday, 7)) {
      const sunday = addDays(monday, 6);
      insertWeek.run(
        w.window,
        isoWeek(monday),
        monday < w.start ? w.start : monday,
        sunday > w.end ? w.end : sunday,
      );
    }
  }
  // A vacation week: no counted plenary sitting and no scrutin in the whole week.
  run(`drop table if exists temp.af_sitting_week`);
  run(`create temp table af_sitting_week as
      select week, sum(sittings) as sittings from (
        select week, count(*) as sittings from reunion
          where counted = 1 and kind = 'seance' group by week
        union all
        select d.week, 0 from scrutin s join af_day d on d.day = s.date
          where s.legislature = @legislature group by d.week)
      group by week`);
  run(`update af_window_week set vacation = 1
      where week not in (select week from af_sitting_week)`);

  // Each deputy's activity per day over both windows.
  run(`drop table if exists temp.af_activity`);
  run(`create temp table af_activity (acteur_uid text not null, day text not null,
      presences integer not null, votes integer not null, amendements integer not null)`);
  // Each source grouped on its own first (one pass each), then merged: far faster than
  // grouping their union.
  run(`insert into af_activity
      select rp.acteur_uid, r.day, count(*), 0, 0
      from reunion_presence rp join reunion r on r.uid = rp.reunion_uid
      where rp.presence = 'present' and r.counted = 1 and r.day between @first and @end
      group by rp.acteur_uid, r.day`);
  run(`insert into af_activity
      select v.acteur_uid, s.date, 0, count(*), 0
      from scrutin s join vote v on v.scrutin_uid = s.uid
      where v.position in ('pour', 'contre', 'abstention')
        and s.legislature = @legislature and s.date between @first and @end
      group by v.acteur_uid, s.date`);
  run(`insert into af_activity
      select author_uid, date_depot, 0, 0, count(*)
      from amendement
      where author_uid is not null and date_depot between @first and @end
      group by author_uid, date_depot`);
  run(`delete from af_activity where acteur_uid not in (select acteur_uid from af_term)`);
  run(`create index temp.af_activity_acteur on af_activity (acteur_uid, day)`);

  // Seated weeks: a mandate overlapping the week (as clipped to its window).
  db.exec(`drop table if exists temp.af_seated;
    create temp table af_seated as
      select distinct t.acteur_uid, w.window, w.week, w.vacation
      from af_term t join af_window_week w
        on t.start <= w.last_day and (t."end" is null or t."end" >= w.first_day);
    create index temp.af_seated_key on af_seated (acteur_uid, "window", week)`);

  // Meetings with published attendance of the bodies each deputy belonged to that day.
  run(`drop table if exists temp.af_member_meeting`);
  run(`create temp table af_member_meeting as
      select distinct m.acteur_uid, r.uid as reunion_uid, r.day
      from reunion r join mandat m on m.organe_uid = r.organe_uid
      where r.counted = 1 and r.attendance_published = 1
        and r.day between @first and @end
        and m.start_date <= r.day and (m.end_date is null or m.end_date >= r.day)
        and m.acteur_uid in (select acteur_uid from af_term)`);

  for (const w of windows) {
    Object.assign(params, { window: w.window, start: w.start, stop: w.end });
    run(`drop table if exists temp.af_active_week`);
    run(`create temp table af_active_week as
      select distinct a.acteur_uid, d.week from af_activity a join af_day d on d.day = a.day
      where a.day between @start and @stop`);
    run(`create index temp.af_active_week_key on af_active_week (acteur_uid, week)`);
    run(`insert into deputy_activity_stats (acteur_uid, "window", presents, absents, excuses,
        reunions, not_listed, presence_rate, active_weeks, weeks, seated_weeks)
      select d.acteur_uid, @window,
        coalesce(p.presents, 0), coalesce(p.absents, 0), coalesce(p.excuses, 0),
        coalesce(p.reunions, 0), coalesce(p.reunions - p.listed, 0),
        case when p.reunions > 0 then 1.0 * p.presents / p.reunions end,
        coalesce(s.active_weeks, 0), coalesce(s.weeks, 0), coalesce(s.seated_weeks, 0)
      from (select distinct acteur_uid from af_term) d
      left join (
        select mm.acteur_uid, count(*) as reunions,
          count(rp.presence) as listed,
          sum(rp.presence = 'present') as presents,
          sum(rp.presence = 'absent') as absents,
          sum(rp.presence = 'excuse') as excuses
        from af_member_meeting mm
        left join reunion_presence rp
          on rp.reunion_uid = mm.reunion_uid and rp.acteur_uid = mm.acteur_uid
        where mm.day between @start and @stop
        group by mm.acteur_uid) p on p.acteur_uid = d.acteur_uid
      left join (
        select st.acteur_uid, count(*) as seated_weeks,
          sum(st.vacation = 0) as weeks,
          sum(st.vacation = 0 and aw.week is not null) as active_weeks
        from af_seated st
        left join af_active_week aw on aw.acteur_uid = st.acteur_uid and aw.week = st.week
        where st.window = @window
        group by st.acteur_uid) s on s.acteur_uid = d.acteur_uid`);
  }
  await sql`insert into activity_window ("window", start_day, end_day, weeks, vacation_weeks)
    select "window", min(first_day), max(last_day), count(*), sum(vacation)
    from temp.af_window_week group by window`.execute(trx);

  // The legislature's weeks: each deputy's activity, and the median of the deputies seated.
  Object.assign(params, { start: legislatureStart, stop: end });
  run(`insert into deputy_activity_week (acteur_uid, week, presences, votes, amendements)
    select a.acteur_uid, d.week, sum(a.presences), sum(a.votes), sum(a.amendements)
    from af_activity a join af_day d on d.day = a.day
    where a.day between @start and @stop
    group by a.acteur_uid, d.week`);
  const weeks = db
    .prepare<[], { week: string; first_day: string; vacation: number; sittings: number | null }>(
      `select w.week, w.first_day, w.vacation, s.sittings
       from af_window_week w left join af_sitting_week s on s.week = w.week
       where w.window = 'legislature' order by w.week`,
    )
    .all();
  const seated = db
    .prepare<
      [],
      { week: string; presences: number | null; votes: number | null; amendements: number | null }
    >(
      `select st.week, a.presences, a.votes, a.amendements
       from af_seated st left join deputy_activity_week a
         on a.acteur_uid = st.acteur_uid and a.week = st.week
       where st.window = 'legislature'`,
    )
    .all();
  const byWeek = new Map<string, { p: number[]; v: number[]; a: number[] }>();
  for (const s of seated) {
    let w = byWeek.get(s.week);
    if (!w) byWeek.set(s.week, (w = { p: [], v: [], a: [] }));
    w.p.push(s.presences ?? 0);
    w.v.push(s.votes ?? 0);
    w.a.push(s.amendements ?? 0);
  }
  await insertRows(
    trx,
    'activity_week',
    weeks.map((w) => {
      const values = byWeek.get(w.week);
      return {
        week: w.week,
        start_day: weekMonday(w.first_day),
        sittings: w.sittings ?? 0,
        vacation: w.vacation,
        deputes: values?.p.length ?? 0,
        median_presences: median(values?.p ?? []),
        median_votes: median(values?.v ?? []),
        median_amendements: median(values?.a ?? []),
      };
    }),
  );

  // Groups: their current members (in office), mean and median.
  const members = db
    .prepare<
      [],
      { group_uid: string; window: string; active_weeks: number; presence_rate: number | null }
    >(
      `select a.group_uid, s.window, s.active_weeks, s.presence_rate
       from acteur a join deputy_activity_stats s on s.acteur_uid = a.uid
       where a.in_office = 1 and a.group_uid is not null`,
    )
    .all();
  const groups = new Map<string, { weeks: number[]; rates: number[] }>();
  for (const m of members) {
    const key = `${m.group_uid}\u0000${m.window}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { weeks: [], rates: [] }));
    g.weeks.push(m.active_weeks);
    if (m.presence_rate !== null) g.rates.push(m.presence_rate);
  }
  await insertRows(
    trx,
    'group_activity_stats',
    [...groups].map(([key, g]) => {
      const [group_uid, window] = key.split('\u0000') as [string, string];
      return {
        group_uid,
        window,
        deputes: g.weeks.length,
        mean_active_weeks: mean(g.weeks),
        median_active_weeks: median(g.weeks),
        rated: g.rates.length,
        mean_presence_rate: mean(g.rates),
        median_presence_rate: median(g.rates),
      };
    }),
  );
  db.exec(`drop table temp.af_term; drop table temp.af_day; drop table temp.af_window_week;
    drop table temp.af_sitting_week; drop table temp.af_activity; drop table temp.af_seated;
    drop table temp.af_member_meeting; drop table temp.af_active_week`);
}
