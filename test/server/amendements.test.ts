// Route tests of /amendements over a database filled by the real crawl of the three
// hand-written amendments (test/fixtures/an/amendements): 1 adopted (député PA100001, group
// PO900001, co-signed by PA100002 and PA100003, article 3, text mentions "hôpital"),
// 2 the Gouvernement's pending sub-amendment of 1, 3 a rapporteur's irrecevable one
// (PA100002, co-signed by PA100001).
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../config.ts';
import { ftsQuery } from '../../db/queries/amendements.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { createApp } from '../../server/app.tsx';
import { AMENDEMENT_COLUMNS } from '../../server/records/amendements.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer } from '../helpers/http.ts';
import { AMENDEMENTS_MIRROR_PATH, amendementsZip, uidN } from '../helpers/amendements-zip.ts';

let tmp: TempDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  tmp = await tempDatabase();
  const server = await startTestServer();
  server.serve(AMENDEMENTS_MIRROR_PATH, amendementsZip());
  const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
  const [s] = await runCrawl(tmp.db, config, { only: ['amendements'] });
  await server.close();
  expect(s).toMatchObject({ status: 'ok', added: 3 });
  app = createApp({ db: tmp.db, config: { legislature: 17 } });
});
afterAll(() => tmp.cleanup());

async function uids(query: string): Promise<string[]> {
  const res = await app.request(`/amendements.json${query}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number; items: { uid: string }[] };
  expect(body.total).toBe(body.items.length);
  return body.items.map((i) => i.uid).sort();
}

describe('/amendements', () => {
  it('filters by each Interface parameter, and combined', async () => {
    expect(await uids('')).toEqual([uidN(1), uidN(2), uidN(3)]);
    expect(await uids('?auteur=PA100001')).toEqual([uidN(1)]);
    expect(await uids('?cosignataire=PA100001')).toEqual([uidN(3)]);
    expect(await uids('?cosignataire=PA100002')).toEqual([uidN(1)]);
    expect(await uids('?dossier=DLR5L17N99001')).toEqual([uidN(1), uidN(2), uidN(3)]);
    expect(await uids('?dossier=DLR5L17N00000')).toEqual([]);
    expect(await uids('?sort=adopte')).toEqual([uidN(1)]);
    expect(await uids('?sort=irrecevable')).toEqual([uidN(3)]);
    expect(await uids('?sort=en-cours')).toEqual([uidN(2)]);
    expect(await uids('?type_auteur=gouvernement')).toEqual([uidN(2)]);
    expect(await uids('?groupe=PO900002')).toEqual([uidN(3)]);
    expect(await uids('?q=HOPITAL')).toEqual([uidN(1)]);
    expect(await uids('?q=cliniques')).toEqual([uidN(2)]);
    expect(await uids('?article=art%203')).toEqual([uidN(1)]);
    expect(await uids('?du=2025-03-22&au=2025-03-23')).toEqual([uidN(2), uidN(3)]);
    expect(await uids('?cosignataire=PA100002&sort=adopte&q=hôpital')).toEqual([uidN(1)]);
    expect(await uids('?cosignataire=PA100002&sort=rejete')).toEqual([]);
    expect(await uids('?auteur=PA100002&examen=seance&type_auteur=rapporteur')).toEqual([uidN(3)]);
  });

  it('answers CSV with the documented columns and shows the count on the page', async () => {
    const csv = await (await app.request('/amendements.csv?sort=adopte')).text();
    const parsed = Papa.parse<string[]>(csv.trim());
    expect(parsed.data[0]).toEqual(AMENDEMENT_COLUMNS.map((c) => c.name));
    expect(parsed.data).toHaveLength(2);
    expect(parsed.data[1]![0]).toBe(uidN(1));
    const page = await (await app.request('/amendements?sort=irrecevable')).text();
    expect(page).toContain('1 amendement');
  });

  it.each([
    '?auteur=%3Cscript%3E',
    '?sort=perdu',
    '?dossier=DLR%27%20or%201=1',
    '?du=2025-02-30',
    '?page=0',
    `?q=${'x'.repeat(300)}`,
    '?type_auteur=senateur',
  ])('refuses %s with a 400', async (query) => {
    expect((await app.request(`/amendements${query}`)).status).toBe(400);
    expect((await app.request(`/amendements.json${query}`)).status).toBe(400);
  });

  it('treats FTS syntax in q as words, never as a query', async () => {
    for (const q of ['"', 'NEAR(a b)', '*', 'hop* OR', "') --", 'a:b']) {
      const res = await app.request(`/amendements.json?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });
});

describe('/amendements/<uid>', () => {
  it('renders the sanitised texts, never a script, handler or javascript: link', async () => {
    const res = await app.request(`/amendements/${uidN(1)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<em>hôpital</em>');
    expect(html).toContain('<td colspan="2">Crédits</td>');
    expect(html).not.toContain("alert('x')");
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('javascript:');
    expect(html).toContain(`href="/amendements/${uidN(2)}"`);
    expect(html).toContain('href="/deputes/PA100002"');
    expect(html).toContain('https://www.assemblee-nationale.fr/dyn/17/amendements/9001/AN/1');
  });

  it('links a sub-amendment to its parent, answers JSON, and 404 for an unknown uid', async () => {
    expect(await (await app.request(`/amendements/${uidN(2)}`)).text()).toContain(
      `href="/amendements/${uidN(1)}"`,
    );
    const json = (await (await app.request(`/amendements/${uidN(1)}.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ uid: uidN(1), sort: 'adopte', sous_amendements: [uidN(2)] });
    expect((await app.request('/amendements/AMANR5L17X')).status).toBe(404);
    expect((await app.request('/amendements/%3Cscript%3E')).status).toBe(404);
  });
});

/** Copies amendment 1 under another uid and legislature, with `set` (SQL assignments) applied. */
async function copyOfFirst(uid: string, legislature: number, set = sql``) {
  const { rows } = await sql<{
    name: string;
  }>`select name from pragma_table_info('amendement')`.execute(tmp.db);
  const cols = rows.map((r) => r.name).filter((n) => n !== 'uid' && n !== 'legislature');
  const list = sql.join(cols.map((c) => sql.ref(c)));
  await sql`insert into amendement (uid, legislature, ${list})
    select ${uid}, ${legislature}, ${list} from amendement where uid = ${uidN(1)}`.execute(tmp.db);
  await sql`update amendement set ${set} where uid = ${uid}`.execute(tmp.db);
}

describe('paging and search', () => {
  it('pages amendments with equal date, text and number in one order (uid last)', async () => {
    const copies = ['AMTEST03', 'AMTEST01', 'AMTEST04', 'AMTEST02'];
    // Inserted out of order: without uid as the last key, ties come back in storage order.
    for (const uid of copies) await copyOfFirst(uid, 99, sql`numero = numero`);
    const app99 = createApp({ db: tmp.db, config: { legislature: 99 } });
    const seen: string[] = [];
    for (let page = 1; page <= copies.length; page++) {
      const res = await app99.request(`/amendements.json?per_page=1&page=${page}`);
      const body = (await res.json()) as { total: number; items: { uid: string }[] };
      expect(body.total).toBe(copies.length);
      seen.push(...body.items.map((i) => i.uid));
    }
    expect(seen).toEqual(['AMTEST04', 'AMTEST03', 'AMTEST02', 'AMTEST01']);
  });

  it('sanitises stored HTML again at render: a row written directly cannot inject markup', async () => {
    await copyOfFirst(
      'AMANR5L17TESTXSS',
      99,
      sql`dispositif_html = ${'<p onclick="steal()">Texte <script>alert(1)</script><a href="javascript:x">lien</a><img src=x onerror=y></p>'}, expose_html = ${'<iframe src="//x"></iframe>'}`,
    );
    const res = await app.request('/amendements/AMANR5L17TESTXSS');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<p>Texte lien</p>');
    for (const bad of [
      '<script>alert',
      'onclick',
      'steal()',
      'javascript:',
      '<img',
      'onerror',
      '<iframe',
    ]) {
      expect(html, bad).not.toContain(bad);
    }
  });

  it('searches words of two letters or more as prefixes, a one-letter word exactly', () => {
    expect(ftsQuery('Hôpital a  de')).toBe('"hopital"* "a" "de"*');
    expect(ftsQuery('   ')).toBeNull();
  });
});
