// The server-drawn maps in a real headless Chromium against the real server, with and without
// JavaScript, on a phone: the home map links each circonscription once in its deputy's group
// colour (computed here from the raw referential files), a click goes to its page, the group
// page highlights its seats, the département page lists and maps its circonscriptions, the
// deputy page locates theirs; axe clean, no horizontal scroll at 375 px. Data: the
// hand-written referential and geography, with contours for the fixture deputies' seats,
// crawled by the real crawlers.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circonscriptionContours } from '../../domain/sources.ts';
import { FADED, NO_COLOR } from '../../views/cartes/carte.tsx';
import { AN_FIXTURES } from '../helpers/paths.ts';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';
import { startSite, writeFixtureMirror, writeMirrorFile, type Site } from './site.ts';

const PHONE = { width: 375, height: 667 };

/** A square ring of 0.3°, clockwise, from its south-west corner. */
const square = (lon: number, lat: number, size = 0.3) => [
  [lon, lat],
  [lon, lat + size],
  [lon + size, lat + size],
  [lon + size, lat],
  [lon, lat],
];

// Contours, in the file's shape, for the fixture deputies' seats and a few more: Finistère
// 29-1 and 29-3, Jura 39-1, Indre-et-Loire 37-2 (vacant since its deputy left), Haute-Corse
// 2B-1, Moselle 57-5, Paris 75-1 (in the inset) and La Réunion 974-7 (file code ZD).
const SEATS: [string, number, number[][]][] = [
  ['29', 1, square(-4.5, 48.3)],
  ['29', 3, square(-4.2, 48.0)],
  ['39', 1, square(5.5, 46.6)],
  ['37', 2, square(0.6, 47.3)],
  ['2B', 1, square(9.2, 42.5)],
  ['57', 5, square(6.8, 49.0)],
  ['75', 1, square(2.33, 48.85, 0.02)],
  ['974', 7, square(55.4, -21.2, 0.2)],
];
const FILE_CODE: Record<string, string> = { '974': 'ZD' };

function writeMirror(root: string) {
  writeFixtureMirror(root);
  const url = new URL(circonscriptionContours().url);
  const features = SEATS.map(([dep, num, ring]) => ({
    type: 'Feature',
    properties: { code_dpt: FILE_CODE[dep] ?? dep, num_circ: String(num) },
    geometry: { type: 'Polygon', coordinates: [ring] },
  }));
  writeMirrorFile(
    root,
    path.join(url.host, url.pathname),
    new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
  );
}

interface RawMandat {
  typeOrgane: string;
  legislature: string | null;
  dateDebut: string;
  dateFin: string | null;
  organes: { organeRef: string };
  election?: { lieu?: { numDepartement?: string; numCirco?: string } };
}

/**
 * The fill each seat should have, read from the raw AMO40 files: the colour of the current
 * group (GP mandate without end, latest start) of the deputy whose mandate of the 17th
 * legislature has not ended (the neutral colour when in no group); 'vacant' when no such
 * deputy.
 */
function expectedFills(): Map<string, string> {
  const dir = path.join(AN_FIXTURES, 'amo40');
  const colour = new Map<string, string>();
  for (const file of readdirSync(path.join(dir, 'organe'))) {
    const { organe } = JSON.parse(readFileSync(path.join(dir, 'organe', file), 'utf8'));
    if (organe.codeType === 'GP') colour.set(organe.uid, organe.couleurAssociee);
  }
  const fills = new Map<string, string>(SEATS.map(([d, n]) => [`${d}-${n}`, 'vacant']));
  for (const file of readdirSync(path.join(dir, 'acteur'))) {
    const { acteur } = JSON.parse(readFileSync(path.join(dir, 'acteur', file), 'utf8'));
    const raw = acteur.mandats?.mandat;
    const mandats: RawMandat[] = raw ? (Array.isArray(raw) ? raw : [raw]) : [];
    const seat = mandats.find(
      (m) => m.typeOrgane === 'ASSEMBLEE' && m.legislature === '17' && !m.dateFin,
    );
    if (!seat) continue;
    const group = mandats
      .filter((m) => m.typeOrgane === 'GP' && !m.dateFin)
      .sort((a, b) => b.dateDebut.localeCompare(a.dateDebut))[0];
    const id = `${seat.election!.lieu!.numDepartement}-${Number(seat.election!.lieu!.numCirco)}`;
    // A deputy in no group is drawn in the neutral colour.
    if (fills.has(id)) fills.set(id, group ? colour.get(group.organes.organeRef)! : NO_COLOR);
  }
  return fills;
}

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(writeMirror), launchChromium()]);
  expect(site.crawls.map((c) => [c.source, c.status])).toEqual([
    ['an', 'ok'],
    ['votes', 'ok'],
    ['geo', 'ok'],
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** What every map page must be on a phone: no horizontal scroll, axe clean, no CSP error. */
async function checkPage(page: import('playwright-core').Page, js: boolean, label: string) {
  if (js) {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    expect(scroll, label).toBeLessThanOrEqual(width);
    expect(await seriousViolations(page), label).toEqual([]);
  }
  const svg = page.locator('figure.carte svg').first();
  const box = await svg.boundingBox();
  expect(box!.width, label).toBeGreaterThan(100);
  expect(box!.width, label).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({
    path: screenshotPath(`carte-${label}-${js ? 'js' : 'nojs'}`),
    fullPage: true,
  });
}

describe.each([
  { js: true, label: 'with JavaScript' },
  { js: false, label: 'without JavaScript' },
])('maps $label', ({ js }) => {
  it('the home map links each circonscription once, in its group colour; a click opens it', async () => {
    const { page, context, problems } = await openPage(browser, {
      viewport: PHONE,
      javaScriptEnabled: js,
    });
    await page.goto(`${site.url}/`);
    const map = page.locator('figure.carte-france svg');
    for (const [id, fill] of expectedFills()) {
      const links = map.locator(`a[href="/circonscriptions/${id}"]`);
      expect(await links.count(), id).toBe(1);
      expect(await links.locator('path').getAttribute('fill'), id).toBe(
        fill === 'vacant' ? 'url(#vacant)' : fill,
      );
    }
    expect(await map.locator('a').count()).toBe(SEATS.length);
    // The vacant seat (its deputy left office) is named so; the legend counts it.
    expect(await map.locator('a[href="/circonscriptions/37-2"] title').textContent()).toMatch(
      /37-2 : siège vacant$/,
    );
    const legend = page.locator('table.legende tbody tr');
    await expect(legend.filter({ hasText: 'Siège vacant' }).count()).resolves.toBe(1);
    // The legend counts the seats of each group: RIV holds only 29-3 in the referential.
    const riv = legend.filter({ hasText: 'Rassemblement des Rivières' });
    await expect(riv.locator('td.num').textContent()).resolves.toBe('1');
    await checkPage(page, js, 'accueil');
    await map.locator('a[href="/circonscriptions/29-3"] path').click();
    await page.waitForURL(`${site.url}/circonscriptions/29-3`);
    await expect(page.locator('h1').textContent()).resolves.toContain('3e circonscription');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the group page highlights its seats, the others light grey', async () => {
    const { page, context, problems } = await openPage(browser, {
      viewport: PHONE,
      javaScriptEnabled: js,
    });
    await page.goto(`${site.url}/groupes/RIV`);
    const fills = expectedFills();
    const map = page.locator('figure.carte svg');
    const riv = fills.get('29-3')!;
    for (const [id, fill] of fills) {
      expect(
        await map.locator(`a[href="/circonscriptions/${id}"] path`).getAttribute('fill'),
        id,
      ).toBe(fill === riv ? riv : FADED);
    }
    await checkPage(page, js, 'groupe');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the département page lists and maps its circonscriptions', async () => {
    const { page, context, problems } = await openPage(browser, {
      viewport: PHONE,
      javaScriptEnabled: js,
    });
    await page.goto(`${site.url}/departements/29`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Finistère');
    // The referential knows 29-3 (its deputy PA900001); the contours also draw 29-1.
    const row = page.locator('table tbody tr', { hasText: '3e circonscription' });
    await expect(row.locator('a[href="/deputes/PA900001"]').count()).resolves.toBe(1);
    const map = page.locator('figure.carte svg');
    expect(
      await map.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['/circonscriptions/29-1', '/circonscriptions/29-3']);
    await checkPage(page, js, 'departement');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the deputy page and the circonscription page locate the seat', async () => {
    const { page, context, problems } = await openPage(browser, {
      viewport: PHONE,
      javaScriptEnabled: js,
    });
    for (const url of ['/deputes/PA900001', '/circonscriptions/29-3']) {
      await page.goto(`${site.url}${url}`);
      const locator = page.locator('figure.carte-locator svg');
      expect(await locator.locator('a.actuelle').getAttribute('href'), url).toBe(
        '/circonscriptions/29-3',
      );
      await checkPage(page, js, url.split('/')[1]!);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
