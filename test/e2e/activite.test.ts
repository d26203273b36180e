// The deputy page's "Présence et activité" section in a real headless Chromium against the
// real server, with and without JavaScript: the attendance figures, the weekly SVG charts
// with their text alternative, on a phone, axe clean. Data: the hand-written referential,
// scrutins and meetings crawled by the real crawlers.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';
import { startSite, writeFixtureMirror, type Site } from './site.ts';

const PHONE = { width: 375, height: 667 };
// A member of PO900301, présent at its confirmed meeting and at a cancelled one.
const DEPUTY = 'PA900001';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startSite(writeFixtureMirror, ['an', 'votes', 'agenda']),
    launchChromium(),
  ]);
  expect(site.crawls.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('activity section in a browser', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`shows the attendance and the weekly charts ${javaScriptEnabled ? 'with JavaScript, on a phone, axe clean' : 'without JavaScript, on a phone'}`, async () => {
      const { page, context, problems } = await openPage(browser, {
        viewport: PHONE,
        javaScriptEnabled,
      });
      await page.goto(`${site.url}/deputes/${DEPUTY}`);
      const section = page.locator('section[aria-labelledby="activite"]');
      // One confirmed meeting with a list, présent: 100 %; the cancelled one is not counted.
      await expect(section.locator('li').first().textContent()).resolves.toContain(
        '100 % (1 présence sur 1 réunion)',
      );
      const charts = section.locator('figure.week-chart svg[role="img"]');
      expect(await charts.count()).toBe(3);
      const box = await charts.first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.width).toBeLessThanOrEqual(PHONE.width);
      // Each chart is named by its caption and a description with its figures.
      const ids = ((await charts.first().getAttribute('aria-labelledby')) ?? '').split(' ');
      expect(ids).toHaveLength(2);
      const label = (
        await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))
      ).join(' ');
      expect(label).toMatch(/Présences en réunion.*1 au total, sur 1 semaine/);
      // The table, behind its summary, holds every week of the legislature.
      await section.locator('details summary').click();
      const weeks = await site.db.selectFrom('activity_week').select('week').execute();
      expect(weeks.length).toBeGreaterThan(30);
      expect(await section.locator('details tbody tr').count()).toBe(weeks.length);
      // Page width and the audit need scripts in the page: checked with JavaScript on.
      if (javaScriptEnabled) {
        const { scroll, width } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          width: window.innerWidth,
        }));
        expect(scroll).toBeLessThanOrEqual(width);
        expect(await seriousViolations(page)).toEqual([]);
      }
      await page.screenshot({
        path: screenshotPath(`activite-${javaScriptEnabled ? 'js' : 'nojs'}`),
        fullPage: true,
      });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('lists the vacation weeks on /methodologie', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    await page.goto(`${site.url}/methodologie#semaines-activite`);
    const vacations = await site.db
      .selectFrom('activity_week')
      .select('week')
      .where('vacation', '=', 1)
      .execute();
    expect(vacations.length).toBeGreaterThan(0);
    const text = await page.locator('#semaines-vacances + ul').textContent();
    for (const v of vacations) expect(text).toContain(v.week);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
