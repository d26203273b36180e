// The real Agenda.json.zip crawled end to end after the real referential, scrutins and
// amendments (../shared/fixtures/mirror), and the activity figures of 20 deputies checked
// against a computation made here straight from the raw zips, with code of its own (none of
// the project's parse or figures functions), following /methodologie#presence-commission and
// #semaines-activite.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { anAgenda, anAmendements, anReferential, anScrutins } from '../../../domain/sources.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { createApp } from '../../../server/app.tsx';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const local = (url: string) => {
  const u = new URL(url);
  return path.join(MIRROR, u.host, u.pathname);
};
const ZIPS = {
  agenda: local(anAgenda({ legislature: 17 }).url),
  amo: local(anReferential({ legislature: 17 }).url),
  scrutins: local(anScrutins({ legislature: 17 }).url),
  amendements: local(anAmendements({ legislature: 17 }).url),
};
const exists = Object.values(ZIPS).every((z) => existsSync(z));
if (!exists)
  console.warn(`\n[agenda-real] SKIPPED: one of ${Object.values(ZIPS).join(', ')} not found.\n`);

type Json = Record<string, any>;
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
const list = (v: unknown): any[] =>
  v === null || v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== null);
const decoder = new TextDecoder();
const each = (zip: string, pattern: RegExp, fn: (json: Json) => void) => {
  const files = unzipSync(readFileSync(zip), { filter: (f) => pattern.test(f.name) });
  for (const bytes of Object.values(files)) fn(JSON.parse(decoder.decode(bytes)));
};

// Days as UTC midnights; ISO weeks counted from a known Monday (2024-01-01 was one, in 2024-W01).
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;
function weekOf(day: string): string {
  const t = ms(day);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return `${year}-W${String(Math.round((monday - week1) / (7 * DAY)) + 1).padStart(2, '0')}`;
}

interface Meeting {
  uid: string;
  organe: string;
  day: string;
  counted: boolean;
  seance: boolean;
  marks: Map<string, string>;
}

describe.skipIf(!exists)('agenda and activity figures on the real fixture', () => {
  let server: StaticServer;
  let tmp: TempDatabase;
  const summaries: Record<string, SourceSummary> = {};
  const meetings: Meeting[] = [];
  const memberships = new Map<string, { organe: string; start: string; end: string | null }[]>();
  const terms = new Map<string, { start: string; end: string | null }[]>();
  let legislatureStart = '';
  const scrutinDays = new Set<string>();
  const voteDays = new Map<string, Set<string>>();
  const amendementDays = new Map<string, Set<string>>();

  beforeAll(async () => {
    const RANK: Record<string, number> = { absent: 0, excusé: 1, présent: 2 };
    each(ZIPS.agenda, /^json\/reunion\/.+\.json$/, ({ reunion: r }) => {
      const marks = new Map<string, string>();
      for (const p of list(r.participants?.participantsInternes?.participantInterne)) {
        const before = marks.get(p.acteurRef);
        if (before === undefined || RANK[p.presence]! > RANK[before]!)
          marks.set(p.acteurRef, p.presence);
      }
      meetings.push({
        uid: r.uid,
        organe: r.organeReuniRef,
        day: r.timeStampDebut.slice(0, 10), // published with the Paris offset of that day
        counted: !['Annulé', 'Supprimé'].includes(r.cycleDeVie.etat),
        seance: r['@xsi:type'] === 'seance_type',
        marks,
      });
    });
    each(ZIPS.amo, /^acteur\/.+\.json$/, ({ acteur }) => {
      const uid = str(acteur.uid?.['#text'] ?? acteur.uid)!;
      for (const m of list(acteur.mandats?.mandat)) {
        const end = str(m.dateFin);
        for (const organe of list(m.organes?.organeRef)) {
          memberships.set(uid, [
            ...(memberships.get(uid) ?? []),
            { organe, start: str(m.dateDebut)!, end },
          ]);
        }
        if (m.typeOrgane === 'ASSEMBLEE' && str(m.legislature) === '17') {
          const start = str(m.mandature?.datePriseFonction) ?? str(m.dateDebut);
          if (start) terms.set(uid, [...(terms.get(uid) ?? []), { start, end }]);
        }
      }
    });
    each(ZIPS.amo, /^organe\/.+\.json$/, ({ organe }) => {
      if (organe.codeType === 'ASSEMBLEE' && str(organe.legislature) === '17')
        legislatureStart = str(organe.viMoDe?.dateDebut)!;
    });
    each(ZIPS.scrutins, /^json\/.+\.json$/, ({ scrutin: s }) => {
      const day = str(s.dateScrutin)!.slice(0, 10);
      scrutinDays.add(day);
      for (const g of list(s.ventilationVotes?.organe?.groupes?.groupe)) {
        const n = g.vote?.decompteNominatif ?? {};
        for (const key of ['pours', 'contres', 'abstentions']) {
          for (const v of list(n[key]?.votant)) {
            const uid = str(v.acteurRef)!;
            voteDays.set(uid, (voteDays.get(uid) ?? new Set()).add(day));
          }
        }
      }
    });
    each(ZIPS.amendements, /\/AMANR[0-9A-Z]+\.json$/, ({ amendement: a }) => {
      const uid = str(a.signataires?.auteur?.acteurRef);
      const day = str(a.cycleDeVie?.dateDepot)?.slice(0, 10);
      if (uid && day) amendementDays.set(uid, (amendementDays.get(uid) ?? new Set()).add(day));
    });

    server = await serveFolder(MIRROR);
    tmp = await tempDatabase();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    for (const source of ['an', 'votes', 'amendements', 'agenda']) {
      const [s] = await runCrawl(tmp.db, config, { only: [source] });
      summaries[source] = s!;
    }
  }, 900_000);
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  it('stores every meeting and its attendance', async () => {
    expect(summaries.agenda).toMatchObject({ status: 'ok', failed: 0, added: meetings.length });
    expect(meetings).toHaveLength(3475);
    const withList = meetings.filter((m) => m.marks.size > 0);
    expect(withList).toHaveLength(1505);
    const stored = await tmp.db
      .selectFrom('reunion_presence')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(withList.reduce((n, m) => n + m.marks.size, 0));
  });

  it('gives 20 deputies the attendance and weeks of activity counted from the raw files', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // The window ends on the last day with a counted meeting or a scrutin.
    const end = [...meetings.filter((m) => m.counted).map((m) => m.day), ...scrutinDays]
      .filter((d) => d <= today)
      .reduce((a, b) => (b > a ? b : a));
    const back = new Date(ms(end));
    back.setUTCFullYear(back.getUTCFullYear() - 1);
    const windows = {
      legislature: { start: legislatureStart, end },
      '12_mois': { start: iso(back.getTime() + DAY), end },
    };
    const sittingWeeks = new Set([
      ...meetings.filter((m) => m.counted && m.seance).map((m) => weekOf(m.day)),
      ...[...scrutinDays].map(weekOf),
    ]);

    // Deputies listed on a real cancelled meeting as présent, then others spread over the uids.
    const cancelled = meetings.filter(
      (m) => !m.counted && [...m.marks.values()].includes('présent'),
    );
    expect(cancelled.length).toBeGreaterThan(0);
    const onCancelled = [
      ...new Set(
        cancelled.flatMap((m) => [...m.marks].filter(([, p]) => p === 'présent').map(([u]) => u)),
      ),
    ].filter((u) => terms.has(u));
    const others = [...terms.keys()].sort().filter((_, i) => i % 40 === 0);
    const deputies = [...new Set([...onCancelled.slice(0, 8), 'PA2940', ...others])].slice(0, 20);
    expect(deputies).toHaveLength(20);

    const app = createApp({ db: tmp.db, config: { legislature: 17 } });
    let cancelledPresences = 0;
    let reunions = 0;
    let weeks = 0;
    for (const uid of deputies) {
      const member = (organe: string, day: string) =>
        (memberships.get(uid) ?? []).some(
          (m) => m.organe === organe && m.start <= day && (m.end === null || m.end >= day),
        );
      const json = (await (await app.request(`/deputes/${uid}.json`)).json()) as Json;
      for (const [window, { start, end: stop }] of Object.entries(windows)) {
        const inWindow = (d: string) => d >= start && d <= stop;
        const base = meetings.filter(
          (m) => m.counted && m.marks.size > 0 && inWindow(m.day) && member(m.organe, m.day),
        );
        reunions += base.length;
        const mark = (p: string) => base.filter((m) => m.marks.get(uid) === p).length;
        cancelledPresences += meetings.filter(
          (m) =>
            !m.counted &&
            inWindow(m.day) &&
            member(m.organe, m.day) &&
            m.marks.get(uid) === 'présent',
        ).length;
        const presence =
          window === 'legislature' ? json.presence_commission : json.presence_commission_12_mois;
        expect(
          {
            presents: presence.presents,
            absents: presence.absents,
            excuses: presence.excuses,
            reunions: presence.reunions,
            taux: presence.taux,
          },
          `${uid} ${window}`,
        ).toEqual({
          presents: mark('présent'),
          absents: mark('absent'),
          excuses: mark('excusé'),
          reunions: base.length,
          taux: base.length === 0 ? null : mark('présent') / base.length,
        });

        // Weeks: seated (a term overlapping the week within the window), not vacation.
        const activeDays = new Set([
          ...meetings.filter((m) => m.counted && m.marks.get(uid) === 'présent').map((m) => m.day),
          ...(voteDays.get(uid) ?? []),
          ...(amendementDays.get(uid) ?? []),
        ]);
        const activeWeeks = new Set([...activeDays].filter(inWindow).map(weekOf));
        let possible = 0;
        let active = 0;
        for (
          let t = ms(start) - ((new Date(ms(start)).getUTCDay() + 6) % 7) * DAY;
          t <= ms(stop);
          t += 7 * DAY
        ) {
          const first = iso(Math.max(t, ms(start)));
          const last = iso(Math.min(t + 6 * DAY, ms(stop)));
          const week = weekOf(iso(t));
          const seated = (terms.get(uid) ?? []).some(
            (m) => m.start <= last && (m.end === null || m.end >= first),
          );
          if (!seated || !sittingWeeks.has(week)) continue;
          possible++;
          if (activeWeeks.has(week)) active++;
        }
        weeks += active;
        const suffix = window === 'legislature' ? 'legislature' : '12_mois';
        expect(
          [json.activite[`semaines_${suffix}`], json.activite[`semaines_possibles_${suffix}`]],
          `${uid} ${window} weeks`,
        ).toEqual([active, possible]);
      }
    }
    // The cancelled meetings these deputies were marked présent at are left out of the counts
    // above: counting them would have given other figures.
    expect(cancelledPresences).toBeGreaterThan(0);
    // Figures worth comparing: not all zeros.
    expect(reunions).toBeGreaterThan(100);
    expect(weeks).toBeGreaterThan(100);
  });
});
