import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DB, migrateToLatest, openDatabase } from '../../db/database.ts';
import { createApp, type CrawlState } from '../../server/app.tsx';
import { AMENDEMENT_COLUMNS } from '../../server/records/amendements.ts';
import { DEPUTY_COLUMNS, GROUP_COLUMNS } from '../../server/records/deputes.ts';
import { seededDatabase } from '../helpers/seed.ts';

let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db, close } = await seededDatabase());
  app = createApp({ db, config: { legislature: 17 } });
});
afterAll(() => close());

const html = async (path: string, status = 200) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  return res.text();
};

describe('deputy page', () => {
  it('shows identity, group history, roles, contacts, profession and links', async () => {
    const page = await html('/deputes/PA1');
    expect(page).toContain('<h1>Alice Dupré</h1>');
    expect(page).toContain('1re circonscription (Gironde, 33)');
    expect(page).toContain('Groupe Alpha');
    expect(page).toContain('depuis le 19 juillet 2024');
    expect(page).toContain('Commission des lois');
    expect(page).toContain('Vice-Présidente');
    expect(page).toContain('mailto:Alice@example.fr');
    expect(page).toContain('Avocate');
    expect(page).toContain('forme normalisée : avocat');
    expect(page).toContain('Professions libérales');
    expect(page).toContain('https://www.assemblee-nationale.fr/dyn/deputes/PA1');
    expect(page).toContain('https://www.hatvp.fr/pages_nominatives/dupr%C3%A9');
    expect(page).toContain('/dyn/static/tribun/17/photos/carre/1.jpg');
  });

  it('shows a former deputy with the group they left and the end of their mandate', async () => {
    const page = await html('/deputes/PA5');
    expect(page).toContain('Ancien député');
    expect(page).toContain('31 janvier 2025');
    expect(page).toContain('du 19 juillet 2024 au 31 janvier 2025');
  });

  it('lists a duplicated group mandate once in the history', async () => {
    const page = await html('/deputes/PA6');
    expect(page.match(/Groupe Bêta <span class="muted">depuis/g) ?? []).toHaveLength(1);
  });

  it('answers in JSON with the list columns and the details', async () => {
    const res = await app.request('/deputes/PA6.json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & {
      groupes: unknown[];
      mandats: unknown[];
      votes: Record<string, unknown> | null;
      amendements: Record<string, unknown>;
    };
    // The list's vote figures are under `votes`, with the same names (no votes in this seed).
    expect(body.votes).toBeNull();
    const figures = new Set([
      'participation',
      'scrutins_de_reference',
      'votes_participation',
      'participation_solennels',
      'scrutins_solennels_de_reference',
      'votes_solennels',
      'loyaute',
      'votes_avec_majorite_du_groupe',
      'votes_loyaute',
      'votes_frondeurs',
    ]);
    // The list's amendment figures are under `amendements`, without the prefix (none here).
    const amendementFigures: Record<string, string> = {
      amendements_deposes: 'deposes',
      amendements_cosignes: 'cosignes',
      amendements_adoptes: 'adoptes',
      amendements_adoptes_comme_depute: 'adoptes_comme_depute',
      amendements_avec_sort: 'avec_sort',
      taux_adoption: 'taux_adoption',
    };
    for (const column of DEPUTY_COLUMNS) {
      const under = amendementFigures[column.name];
      if (under) expect(body.amendements).toHaveProperty(under);
      else if (!figures.has(column.name)) expect(body).toHaveProperty(column.name);
    }
    expect(body.amendements).toMatchObject({ deposes: 0, cosignes: 0, taux_adoption: null });
    expect(body.groupe).toBe('BBB');
    expect(body.groupes).toHaveLength(1);
    expect(body.mandats).toHaveLength(3);
    expect(body.profession_brute).toBe('Ancienne avocate / Ancien cadre');
  });

  it('gives a 404 page for an unknown deputy', async () => {
    expect(await html('/deputes/PA999', 404)).toContain('Aucun député PA999');
    const res = await app.request('/deputes/PA999.json');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404 });
  });
});

describe('groups', () => {
  it('lists groups with their members in office and exports them', async () => {
    const page = await html('/groupes');
    expect(page).toContain('5 députés en exercice, répartis en 2 groupes');
    const csv = await (await app.request('/groupes.csv')).text();
    expect(csv.split('\r\n')[0]).toBe(GROUP_COLUMNS.map((c) => c.name).join(','));
  });

  it('shows a group page with members and composition, in any case', async () => {
    const page = await html('/groupes/bbb');
    expect(page).toContain('Groupe Bêta');
    expect(page).toContain('3 députés en exercice');
    expect(page).toMatch(/Femmes<\/td><td class="num">2<\/td><td class="num">66,7 %/);
    const json = (await (await app.request('/groupes/BBB.json')).json()) as {
      total: number;
      items: { uid: string }[];
    };
    expect(json.total).toBe(3);
    expect(json.items.map((i) => i.uid).sort()).toEqual(['PA3', 'PA4', 'PA6']);
    const csv = await (await app.request('/groupes/BBB.csv')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    await html('/groupes/ZZZ', 404);
  });
});

describe('other pages', () => {
  it('documents every export column on /donnees', async () => {
    const page = await html('/donnees');
    for (const column of [...DEPUTY_COLUMNS, ...GROUP_COLUMNS])
      expect(page).toContain(`<code>${column.name}</code>`);
    expect(page).toContain('Licence Ouverte');
  });

  it('documents the /amendements list: its filters and columns, in their own section', async () => {
    const page = await html('/donnees');
    const start = page.indexOf('<h2 id="amendements">');
    expect(start).toBeGreaterThan(-1);
    const section = page.slice(start, page.indexOf('<h2', start + 1));
    expect(section).toContain('/amendements.csv');
    // The parameters of the interface and of the filter form.
    for (const p of ['auteur', 'cosignataire', 'dossier', 'texte', 'article', 'groupe'])
      expect(section, p).toContain(`<code>${p}</code>`);
    for (const p of ['type_auteur', 'sort', 'examen', 'du, au', 'q', 'page, per_page'])
      expect(section, p).toContain(`<code>${p}</code>`);
    for (const column of AMENDEMENT_COLUMNS)
      expect(section, column.name).toContain(`<code>${column.name}</code>`);
  });

  it('serves the pinned htmx from node_modules, and the stylesheet', async () => {
    const res = await app.request('/static/htmx.min.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('htmx');
    expect((await app.request('/static/style.css')).status).toBe(200);
    expect((await app.request('/static/nope.js')).status).toBe(404);
  });

  it('sets security headers', async () => {
    const res = await app.request('/');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });

  it('says on the home page that data is loading while the first crawl runs', async () => {
    const dir = await import('node:fs').then((fs) =>
      fs.mkdtempSync(`${globalThis.process.env.TMPDIR ?? '/tmp'}/tracker-empty-`),
    );
    const empty = openDatabase(`${dir}/empty.sqlite`);
    await migrateToLatest(empty);
    let state: CrawlState = {
      running: true,
      source: 'an',
      phase: 'téléchargement',
      done: 0,
      total: 1,
    };
    const loading = createApp({ db: empty, config: { legislature: 17 }, crawlState: () => state });
    expect(await (await loading.request('/')).text()).toContain('Chargement des données en cours');
    state = { running: false, source: null, phase: null, done: 0, total: 0 };
    expect(await (await loading.request('/')).text()).toContain('La base est vide');
    expect(await (await loading.request('/deputes')).text()).toContain('0 député');
    await empty.destroy();
  });
});
