// The real agenda crawl (after the referential) over hand-made zips served on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { runCrawl } from '../../../scrapers/run.ts';
import { createApp } from '../../../server/app.tsx';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';
import { AMO40_MIRROR_PATH, amo40Zip } from '../../helpers/an-zip.ts';
import {
  AGENDA_MIRROR_PATH as P,
  agendaZip,
  editedReunion,
  reunionEntry,
} from '../../helpers/agenda-zip.ts';

let tmp: TempDatabase;
let server: TestServer;
beforeEach(async () => {
  tmp = await tempDatabase();
  server = await startTestServer();
  server.serve(AMO40_MIRROR_PATH, amo40Zip());
});
afterEach(async () => {
  await server.close();
  await tmp.cleanup();
});

const crawl = async (source = 'agenda') => {
  const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
  const [summary] = await runCrawl(tmp.db, config, { only: [source], download: { backoffMs: 0 } });
  return summary!;
};
const events = async () =>
  (
    await tmp.db
      .selectFrom('change_event')
      .selectAll()
      .where('source', '=', 'agenda')
      .orderBy('id')
      .execute()
  ).map((e) => [e.kind, e.entity_id]);
const stats = async (uid: string) =>
  tmp.db
    .selectFrom('deputy_activity_stats')
    .select(['presents', 'absents', 'excuses', 'reunions', 'not_listed', 'presence_rate'])
    .where('acteur_uid', '=', uid)
    .where('window', '=', 'legislature')
    .executeTakeFirst();

describe('agenda crawl', () => {
  it('imports the meetings, counts attendance of members only and never a cancelled meeting', async () => {
    expect(await crawl('an')).toMatchObject({ status: 'ok' });
    server.serve(P, agendaZip());
    expect(await crawl()).toMatchObject({ status: 'ok', added: 4, failed: 0 });
    const rows = await tmp.db
      .selectFrom('reunion')
      .select(['uid', 'counted'])
      .orderBy('uid')
      .execute();
    expect(rows.map((r) => [r.uid, r.counted])).toEqual([
      ['RUANR5L17S2025IDC900001', 1],
      ['RUANR5L17S2025IDC900002', 0],
      ['RUANR5L17S2025IDC900004', 1],
      ['RUANR5L17S2025IDS900003', 1],
    ]);
    expect(await events()).toEqual([['initial_import', 'agenda']]);
    // PA900001 and PA900003 sit on PO900301; PA900002 is listed but not a member.
    expect(await stats('PA900001')).toEqual({
      presents: 1,
      absents: 0,
      excuses: 0,
      reunions: 1,
      not_listed: 0,
      presence_rate: 1,
    });
    expect(await stats('PA900003')).toMatchObject({ excuses: 1, reunions: 1, presence_rate: 0 });
    expect(await stats('PA900002')).toMatchObject({
      presents: 0,
      reunions: 0,
      presence_rate: null,
    });
    // The same figures under the names of the interface, in /deputes/<uid>.json.
    const app = createApp({ db: tmp.db, config: { legislature: 17 } });
    const json = (await (await app.request('/deputes/PA900001.json')).json()) as Record<
      string,
      any
    >;
    expect(json.presence_commission).toMatchObject({
      fenetre: 'legislature',
      presents: 1,
      absents: 0,
      excuses: 0,
      reunions: 1,
      taux: 1,
      taux_significatif: false,
    });
    expect(json.presence_commission_12_mois).toMatchObject({ fenetre: '12_mois', reunions: 1 });
    // Only the sitting's week (2025-W14) is not a vacation week (no scrutin crawled here): the
    // committee meeting's week does not count, so no active week out of one possible.
    expect(json.activite).toMatchObject({
      semaines_legislature: 0,
      semaines_possibles_legislature: 1,
      semaines_12_mois: 0,
      semaines_possibles_12_mois: 1,
    });
    const week = await tmp.db
      .selectFrom('deputy_activity_week')
      .selectAll()
      .where('acteur_uid', '=', 'PA900002')
      .execute();
    // Present at a meeting of a body they do not belong to: an active week all the same.
    expect(week.map((w) => [w.week, w.presences])).toEqual([['2025-W10', 1]]);
  });

  it('skips an unchanged archive and unchanged entries, records a cancellation and a list published, keeps a malformed entry out', async () => {
    await crawl('an');
    server.serve(P, agendaZip());
    await crawl();
    expect(await crawl()).toMatchObject({ status: 'unchanged' });
    // Same files, new archive (another mtime): nothing parsed again.
    server.serve(P, agendaZip({}, new Date('2025-12-01T08:00:00Z')));
    expect(await crawl()).toMatchObject({ status: 'ok', unchanged: 4, added: 0, changed: 0 });

    server.serve(
      P,
      agendaZip({
        [reunionEntry('RUANR5L17S2025IDC900001')]: editedReunion('RUANR5L17S2025IDC900001', (r) => {
          r.cycleDeVie.etat = 'Supprimé';
        }),
        [reunionEntry('RUANR5L17S2025IDC900004')]: editedReunion('RUANR5L17S2025IDC900004', (r) => {
          r.participants.participantsInternes = {
            participantInterne: [{ acteurRef: 'PA900003', presence: 'présent' }],
          };
        }),
        [reunionEntry('RUANR5L17S2025IDC900005')]: '{"reunion": ',
      }),
    );
    const summary = await crawl();
    expect(summary).toMatchObject({ status: 'partial', changed: 2, unchanged: 2, failed: 1 });
    expect(summary.error).toMatch(/RUANR5L17S2025IDC900005\.json: invalid JSON/);
    expect(await events()).toEqual([
      ['initial_import', 'agenda'],
      ['reunion_cancelled', 'RUANR5L17S2025IDC900001'],
      ['reunion_attendance_published', 'RUANR5L17S2025IDC900004'],
    ]);
    // The deleted meeting no longer counts.
    expect(await stats('PA900001')).toMatchObject({
      presents: 0,
      reunions: 0,
      presence_rate: null,
    });
  });
});
