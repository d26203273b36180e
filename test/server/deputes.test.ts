import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { DEPUTY_COLUMNS } from '../../server/records/deputes.ts';
import { seededDatabase } from '../helpers/seed.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

async function json(path: string) {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as {
    total: number;
    items: Record<string, unknown>[];
    [key: string]: unknown;
  };
}

const uids = (body: { items: Record<string, unknown>[] }) => body.items.map((i) => i.uid).sort();

describe('/deputes filters', () => {
  it('lists deputies in office by default, former ones on request', async () => {
    expect(uids(await json('/deputes.json'))).toEqual(['PA1', 'PA2', 'PA3', 'PA4', 'PA6']);
    expect(uids(await json('/deputes.json?en_exercice=non'))).toEqual(['PA5', 'PA7']);
    expect((await json('/deputes.json?en_exercice=tous')).total).toBe(7);
  });

  it('matches a profession whatever its case, accents, gender or INSEE prefix', async () => {
    // Avocate, (18) - AVOCAT, avocat, Ancienne avocate: four lawyers in office.
    for (const q of ['avocat', 'Avocate', 'AVOCAT', 'avocats', 'avoc']) {
      expect(uids(await json(`/deputes.json?profession=${q}`)), q).toEqual([
        'PA1',
        'PA2',
        'PA3',
        'PA6',
      ]);
    }
    expect(uids(await json('/deputes.json?profession=avocat&en_exercice=tous'))).toEqual([
      'PA1',
      'PA2',
      'PA3',
      'PA5',
      'PA6',
    ]);
  });

  it('combines group, profession, sex, département and age', async () => {
    expect(uids(await json('/deputes.json?groupe=AAA&profession=avocat'))).toEqual(['PA1', 'PA2']);
    expect(uids(await json('/deputes.json?groupe=aaa&groupe=BBB&sexe=F'))).toEqual([
      'PA1',
      'PA4',
      'PA6',
    ]);
    expect(uids(await json('/deputes.json?groupe=AAA,BBB&sexe=H'))).toEqual(['PA2', 'PA3']);
    expect(uids(await json('/deputes.json?departement=2a'))).toEqual(['PA3']);
    expect(uids(await json('/deputes.json?departement=33&profession=avocat'))).toEqual([
      'PA1',
      'PA6',
    ]);
  });

  it('filters on age from the birth date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const age = (born: string) => {
      const [by, bm, bd] = born.split('-').map(Number) as number[];
      const [ty, tm, td] = today.split('-').map(Number) as number[];
      return ty! - by! - (tm! < bm! || (tm === bm && td! < bd!) ? 1 : 0);
    };
    const births: Record<string, string> = {
      PA1: '1980-05-01',
      PA2: '1960-02-10',
      PA3: '1990-11-30',
      PA4: '1975-03-03',
      PA6: '1985-06-15',
    };
    const lo = age('1985-06-15');
    const hi = age('1980-05-01');
    const expected = Object.entries(births)
      .filter(([, b]) => age(b) >= lo && age(b) <= hi)
      .map(([uid]) => uid)
      .sort();
    expect(uids(await json(`/deputes.json?age_min=${lo}&age_max=${hi}`))).toEqual(expected);
    expect(
      (await json(`/deputes.json?age_min=${age('1960-02-10')}`)).items.map((i) => i.uid),
    ).toEqual(['PA2']);
  });

  it('counts a deputy with a duplicated open group mandate once', async () => {
    expect(uids(await json('/deputes.json?groupe=BBB'))).toEqual(['PA3', 'PA4', 'PA6']);
    const groups = (await json('/groupes.json')).items;
    expect(groups.find((g) => g.sigle === 'BBB')?.membres).toBe(3);
    expect(groups.find((g) => g.sigle === 'AAA')?.membres).toBe(2);
  });

  it('finds names without accents and sorts', async () => {
    expect(uids(await json('/deputes.json?nom=eric lefevre'))).toEqual(['PA3']);
    expect(uids(await json('/deputes.json?nom=NOEL'))).toEqual(['PA6']);
    const byAge = (await json('/deputes.json?tri=age')).items.map((i) => i.uid);
    expect(byAge).toEqual(['PA3', 'PA6', 'PA1', 'PA4', 'PA2']);
    const byName = (await json('/deputes.json?tri=nom&ordre=desc')).items.map((i) => i.nom);
    expect(byName[0]).toBe('Noël');
  });

  it('pages JSON with page and per_page metadata', async () => {
    const body = await json('/deputes.json?per_page=2&page=2');
    expect(body.total).toBe(5);
    expect(body.items).toHaveLength(2);
    expect(body).toMatchObject({ page: 2, per_page: 2 });
    expect(body.licence).toMatch(/Licence Ouverte/);
    expect(String(body.source)).toContain('data.assemblee-nationale.fr');
    expect(Date.parse(String(body.generated_at))).not.toBeNaN();
  });
});

describe('/deputes as HTML', () => {
  it('renders the full page with the count, and only the fragment for htmx', async () => {
    const full = await app.request('/deputes?groupe=AAA');
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toMatch(/text\/html/);
    expect(full.headers.get('vary')).toMatch(/HX-Request/);
    const page = await full.text();
    expect(page.startsWith('<!DOCTYPE html><html lang="fr">')).toBe(true);
    expect(page).toContain('2 députés');
    expect(page).toContain('href="/deputes.csv?groupe=AAA"');
    const fragment = await (
      await app.request('/deputes?groupe=AAA', { headers: { 'HX-Request': 'true' } })
    ).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('id="resultats"');
    expect(fragment).toContain('2 députés');
    expect(fragment).toContain('Bernard');
    expect(fragment).not.toContain('Éric');
  });

  it('escapes scraped text', async () => {
    const page = await (await app.request('/deputes?groupe=BBB')).text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const detail = await (await app.request('/deputes/PA4')).text();
    expect(detail).not.toContain('<script>alert(1)</script>');
  });
});

describe('/deputes.csv', () => {
  it('has the documented header, a file name, and neutralised formulas', async () => {
    const res = await app.request('/deputes.csv?groupe=BBB');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="deputes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes[0]).toBe('u'.charCodeAt(0));
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse<string[]>(text.trim());
    expect(parsed.data[0]).toEqual(DEPUTY_COLUMNS.map((c) => c.name));
    expect(parsed.data).toHaveLength(4);
    const profession = parsed.data[0]!.indexOf('profession');
    const cells = parsed.data.slice(1).map((row) => row[profession]);
    expect(cells).toContain(`'=HYPERLINK("http://evil")`);
    expect(cells.every((c) => !/^[=+\-@]/.test(c ?? ''))).toBe(true);
  });

  it('offers an Excel flavour with a BOM and semicolons', async () => {
    const bytes = new Uint8Array(
      await (await app.request('/deputes.csv?groupe=AAA&excel=1')).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.slice(1).split('\r\n')[0]).toBe(DEPUTY_COLUMNS.map((c) => c.name).join(';'));
  });
});

describe('hostile query strings', () => {
  const cases: [string, number][] = [
    ['/deputes?foo=bar&utm_source=x', 200],
    [`/deputes?nom=${'a'.repeat(201)}`, 400],
    [`/deputes.json?profession=${'x'.repeat(1000)}`, 400],
    [`/deputes.json?profession=${'x'.repeat(5000)}`, 414],
    ["/deputes.json?nom=' OR 1=1 --", 200],
    ['/deputes.json?profession=%25%27%3B DROP TABLE acteur;--', 200],
    ['/deputes?groupe=<script>', 400],
    ['/deputes?page=-1', 400],
    ['/deputes?page=abc', 400],
    ['/deputes?per_page=100000', 400],
    ['/deputes?sexe=x', 400],
    ['/deputes?departement=../../etc', 400],
    ['/deputes?tri=uid;drop', 400],
    ['/deputes?nom=%E0%A4%A', 200],
    ['/deputes?nom[]=x&nom=y', 200],
    [`/deputes?${'a=1&'.repeat(1500)}`, 414],
    ['/deputes/PA1%3Cscript%3E', 404],
    ['/deputes/../../package.json', 404],
    ['/groupes/%3Cimg%20src%3Dx%3E', 404],
    ['/static/..%2Fpackage.json', 404],
  ];
  for (const [path, status] of cases) {
    it(`${path.slice(0, 60)} → ${status}`, async () => {
      const res = await app.request(path);
      expect(res.status).toBe(status);
      const body = await res.text();
      expect(body).not.toMatch(/<script>|<img src=x>/);
      expect(body).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it('treats SQL-looking text as text', async () => {
    expect((await json("/deputes.json?nom=' OR 1=1 --")).total).toBe(0);
    // Wildcards are not words: they are ignored rather than matching everything or nothing.
    expect((await json('/deputes.json?profession=%')).total).toBe(5);
    expect((await json('/deputes.json?nom=_')).total).toBe(5);
    expect((await json('/deputes.json?nom=a%25b')).total).toBe(0);
    expect((await json('/deputes.json?en_exercice=tous')).total).toBe(7);
  });

  it('names the bad parameter in a 400', async () => {
    const res = await app.request('/deputes.json?age_min=abc');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/age_min/);
    const html = await (await app.request('/deputes?sexe=<b>x</b>')).text();
    expect(html).toContain('sexe');
    expect(html).not.toContain('<b>x</b>');
  });
});
