// User journeys in a real headless Chromium (Debian's package, driven by playwright-core)
// against the real server over loopback, with data crawled by the real crawlers from the
// hand-written fixtures: a journalist filters and downloads a CSV, a citizen finds their
// deputy from a postcode, a scrutin page shows its per-group table; each with and without
// JavaScript, under the site's real Content-Security-Policy. Screenshots of the main pages
// land in data/artefacts/screenshots (git-ignored).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPUTY_COLUMNS } from '../../server/records/deputes.ts';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';
import { CITIZEN_DEPUTY, CITIZEN_POSTCODE, startSite, type Site } from './site.ts';

/** The main pages: every one is audited, screenshotted and checked on a phone. */
const MAIN_PAGES = [
  '/',
  '/deputes',
  `/deputes/${CITIZEN_DEPUTY}`,
  '/scrutins',
  '/scrutins/1',
  '/groupes',
  '/groupes/RIV',
  '/circonscriptions',
  '/declarations',
  '/donnees',
  '/methodologie',
  '/recherche?q=bordeaux',
  '/changements',
  '/sources',
  '/faits',
];

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchChromium()]);
  expect(site.crawls.map((c) => [c.source, c.status])).toEqual([
    ['an', 'ok'],
    ['votes', 'ok'],
    ['geo', 'ok'],
  ]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const countText = (page: Page) => page.locator('#compte').innerText();

/** Downloads what a link points to and returns its parsed CSV rows. */
async function downloadCsv(page: Page, linkText: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkText, exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^deputes-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(DEPUTY_COLUMNS.map((c) => c.name));
  return parsed.data;
}

describe.each([
  { js: true, label: 'with JavaScript' },
  { js: false, label: 'without JavaScript' },
])('journeys $label', ({ js }) => {
  it('a journalist filters deputies by profession and group, sees the count, downloads the CSV', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${site.url}/deputes`);
    expect(await countText(page)).toBe('4 députés');

    const form = page.locator('form#filtres');
    await form.getByLabel('Profession', { exact: true }).fill('avocat');
    if (js) {
      // htmx submits as the user types and swaps the results in place.
      await expect.poll(() => countText(page)).toBe('2 députés');
      await form.locator('select[name=groupe]').selectOption('COL');
      await expect.poll(() => countText(page)).toBe('1 député');
      await expect.poll(() => new URL(page.url()).search).toContain('groupe=COL');
    } else {
      await form.locator('select[name=groupe]').selectOption('COL');
      await form.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/groupe=COL/);
      expect(await countText(page)).toBe('1 député');
    }
    const url = new URL(page.url());
    expect(url.pathname).toBe('/deputes');
    expect(url.searchParams.get('profession')).toBe('avocat');
    expect(url.searchParams.get('groupe')).toBe('COL');
    await expect.poll(() => page.locator('#resultats tbody tr').count()).toBe(1);

    const rows = await downloadCsv(page, 'CSV');
    expect(rows.map((r) => [r.uid, r.groupe, r.profession])).toEqual([
      ['PA900003', 'COL', 'AVOCAT'],
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a citizen types a postcode and reaches their deputy’s page', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(site.url);
    const box = page.getByRole('searchbox', { name: /Code postal/ });
    if (js) {
      // Suggestions appear as they type; the deputy's name is a link.
      await box.pressSequentially(CITIZEN_POSTCODE, { delay: 20 });
      const link = page
        .locator('#suggestions')
        .getByRole('link', { name: 'Camille Durand-Vasseur' });
      await link.first().click();
    } else {
      await box.fill(CITIZEN_POSTCODE);
      await box.press('Enter');
    }
    await page.waitForURL(`**/deputes/${CITIZEN_DEPUTY}`);
    await expect.poll(() => page.locator('h1').innerText()).toContain('Camille Durand-Vasseur');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a scrutin page shows its per-group table', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${site.url}/scrutins`);
    await page
      .getByRole('link', { name: /amendement n° 1/ })
      .first()
      .click();
    await page.waitForURL('**/scrutins/1');
    const table = page.getByRole('table', { name: /Groupe au moment du vote/ });
    const rows = await table.locator('tbody tr').allInnerTexts();
    const cells = rows.map((r) => r.split('\t').map((c) => c.trim()));
    // Group, position, pour, contre, abstention for each group of the fixtures.
    expect(cells.map((c) => [c[0]!.split(' ')[0], ...c.slice(2, 5)]).sort()).toEqual([
      ['COL', '0', '2', '0'],
      ['NI', '1', '0', '0'],
      ['RIV', '1', '1', '0'],
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe violation on the main pages, screenshots kept', async () => {
    const { page, context, problems } = await openPage(browser);
    const found: Record<string, unknown> = {};
    for (const path of MAIN_PAGES) {
      const res = await page.goto(site.url + path);
      expect(res?.status(), path).toBe(200);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[path] = violations;
      await page.screenshot({ path: screenshotPath(path), fullPage: true });
    }
    expect(found).toEqual({});
    expect(problems).toEqual([]);
    await context.close();
  });

  it('axe reports a violation when there is one (the audit really runs)', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${site.url}/methodologie`);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      document.querySelector('main')!.append(input);
    });
    const violations = await seriousViolations(page);
    expect(violations.map((v) => v.id)).toContain('label');
    await context.close();
  });

  it('fits a phone screen: no horizontal scroll, wide tables scroll in their own box', async () => {
    const { page, context } = await openPage(browser, { viewport: { width: 375, height: 667 } });
    const overflowing: string[] = [];
    for (const path of MAIN_PAGES) {
      await page.goto(site.url + path);
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (scroll > width) overflowing.push(`${path}: ${scroll}px > ${width}px`);
      await page.screenshot({ path: screenshotPath(`mobile${path}`) });
    }
    expect(overflowing).toEqual([]);
    // The deputies table is wider than the phone, inside a scrolling container.
    await page.goto(`${site.url}/deputes`);
    const wrap = await page.evaluate(() => {
      const box = document.querySelector('#resultats .table-wrap')!;
      return { overflowX: getComputedStyle(box).overflowX, inside: box.clientWidth <= innerWidth };
    });
    expect(wrap).toEqual({ overflowX: 'auto', inside: true });
    await context.close();
  });

  it('works from the keyboard: the skip link, then the filter form', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${site.url}/deputes`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Aller au contenu',
    );
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#contenu');
    // From main, the next Tabs reach the filter form's first field.
    let inForm = false;
    for (let i = 0; i < 5 && !inForm; i++) {
      await page.keyboard.press('Tab');
      inForm = await page.evaluate(() => !!document.activeElement?.closest('form#filtres'));
    }
    expect(inForm).toBe(true);
    // The first field of the form is the name search.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(
      'nom',
    );
    await context.close();
  });

  it('gives every chart a text alternative', async () => {
    const { page, context } = await openPage(browser);
    let seen = 0;
    for (const path of ['/groupes', '/groupes/RIV', '/scrutins/1', `/deputes/${CITIZEN_DEPUTY}`]) {
      await page.goto(site.url + path);
      const charts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[aria-hidden="true"]'))
          .filter((el) => el.closest('figure'))
          .map((el) => {
            const figure = el.closest('figure')!;
            return {
              caption: !!figure.querySelector('figcaption')?.textContent?.trim(),
              table: !!figure.querySelector('table'),
            };
          }),
      );
      for (const c of charts) expect(c, path).toEqual({ caption: true, table: true });
      seen += charts.length;
    }
    expect(seen).toBeGreaterThan(0);
    await context.close();
  });
});
