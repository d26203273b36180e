// Route tests of /agenda, /agenda/<uid> and the home page's week over the sample referential
// and the two hand-written meetings of test/helpers/seed-agenda.ts (RU1 held on 2025-03-12,
// RU2 cancelled on 2025-03-19, both of PO40, the Commission des lois).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { REUNION_COLUMNS } from '../../server/records/agenda.ts';
import { appClient } from '../helpers/app-client.ts';
import { ITEMS, PRESENCE_ROWS, REUNIONS, seedReunions } from '../helpers/seed-agenda.ts';
import { seededDatabase } from '../helpers/seed.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;
const { get, html, json, csv } = appClient(() => app);

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  await seedReunions(db);
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const uids = async (q: string) => (await json(`/agenda.json${q}`)).items.map((i) => i.uid);

describe('/agenda', () => {
  it('defaults to the latest week with meetings and filters by dates, body, kind, state, words', async () => {
    // The data end in March 2025: the latest week with meetings is 17–23 March (RU2).
    const latest = await json('/agenda.json');
    expect(latest.du).toBe('2025-03-17');
    expect(latest.au).toBe('2025-03-23');
    expect(latest.items.map((i) => i.uid)).toEqual(['RU2']);
    const range = '?du=2025-03-10&au=2025-03-23';
    expect(await uids(range)).toEqual(REUNIONS.map((r) => r.uid));
    expect(await uids(`${range}&etat=annule`)).toEqual(['RU2']);
    expect(await uids(`${range}&etat=confirme`)).toEqual(['RU1']);
    expect(await uids(`${range}&organe=PO40`)).toEqual(['RU1', 'RU2']);
    expect(await uids(`${range}&organe=PO41`)).toEqual([]);
    expect(await uids(`${range}&type=seance`)).toEqual([]);
    expect(await uids(`${range}&q=ministre`)).toEqual(['RU1']);
    expect(await uids(`${range}&q=100%25`)).toEqual([]);
    const item = (await json(`/agenda.json${range}`)).items[0];
    expect(item.ordre_du_jour).toBe(
      ITEMS.filter((i) => i[0] === 'RU1')
        .map((i) => i[2])
        .join(' | '),
    );
  });

  it('answers CSV with the documented columns; the page groups by day, strikes the cancelled one', async () => {
    const { header, rows } = await csv('/agenda.csv?du=2025-03-10&au=2025-03-23');
    expect(header).toEqual(REUNION_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(REUNIONS.length);
    const page = await html('/agenda?du=2025-03-10&au=2025-03-23');
    expect(page).toContain('<h3>12 mars 2025</h3>');
    expect(page).toContain('<h3>19 mars 2025</h3>');
    expect(page).toMatch(/<del>09:30 · Commission des lois<\/del><\/a> <strong>\(Annulé\)/);
    expect(page).toContain('&lt;script&gt;prisons');
    expect(page).toContain('<option value="PO40">Commission des lois</option>');
    const fragment = await html('/agenda?du=2025-03-12', { 'HX-Request': 'true' });
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('1 réunion');
  });

  it('shows a meeting with its attendance list and counts, and its JSON', async () => {
    const page = await html('/agenda/RU1');
    const rows = PRESENCE_ROWS.filter((r) => r[0] === 'RU1');
    const n = (p: string) => rows.filter((r) => r[2] === p).length;
    expect(page).toContain(`Présents : ${n('present')}`);
    expect(page).toContain(`Absents : ${n('absent')}`);
    expect(page).toContain(`Excusés : ${n('excuse')}`);
    expect(page).toContain('href="/deputes/PA1"');
    const body = await json('/agenda/RU1.json');
    expect(body).toMatchObject({
      uid: 'RU1',
      etat: 'Confirmé',
      comptee: true,
      presents: n('present'),
      absents: n('absent'),
      excuses: n('excuse'),
    });
    expect(body.presences).toHaveLength(rows.length);
    expect((await json('/agenda/RU2.json')).comptee).toBe(false);
    expect((await get('/agenda/RU999')).res.status).toBe(404);
    expect((await get('/agenda/%3Cscript%3E.json')).res.status).toBe(404);
  });

  it.each([
    '?du=2025-02-30',
    '?du=2025-03-20&au=2025-03-01',
    '?organe=%27%20or%201=1',
    '?type=pleniere',
    '?etat=reporte',
    `?q=${'x'.repeat(300)}`,
  ])('refuses %s with a 400', async (q) => {
    for (const ext of ['', '.csv', '.json']) {
      expect((await get(`/agenda${ext}${q}`)).res.status, `${ext}${q}`).toBe(400);
    }
  });

  it('shows the latest week with meetings on the home page, saying which', async () => {
    const page = await html('/');
    expect(page).toContain('Cette semaine à l’Assemblée');
    expect(page).toContain('du 17 mars 2025 au 23 mars 2025');
    expect(page).toContain('href="/agenda/RU2"');
    expect(page).not.toContain('href="/agenda/RU1"');
    expect(page).toContain('href="/synthese"');
    expect(page).toContain('href="/agenda"');
  });
});
