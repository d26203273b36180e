// /synthese in a real headless Chromium against the real server, with and without JavaScript:
// sorting by a column and changing the window, the accessibility audit and no CSP violation.
// Data: the hand-written referential fixture crawled by the real crawler, plus activity
// figures written by hand for its deputies in office (the site cannot crawl an agenda yet).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgenda, type StatsSpec } from '../helpers/seed-agenda.ts';
import { launchChromium, openPage, seriousViolations } from './browser.ts';
import { startSite, writeFixtureMirror, type Site } from './site.ts';

let site: Site;
let browser: Browser;
let deputies: string[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(writeFixtureMirror, ['an']), launchChromium()]);
  const rows = await site.db
    .selectFrom('acteur')
    .select('uid')
    .where('in_office', '=', 1)
    .orderBy('uid')
    .execute();
  deputies = rows.map((r) => r.uid);
  expect(deputies.length).toBeGreaterThan(1);
  // Deputy i was active in 10 + i weeks of 36 and present at 5 + i of 20 meetings.
  const specs: StatsSpec[] = deputies.flatMap((acteur, i) =>
    (['legislature', '12_mois'] as const).map((window) => ({
      acteur,
      window,
      presents: 5 + i,
      absents: 15 - i,
      excuses: 0,
      notListed: 0,
      activeWeeks: 10 + i + (window === '12_mois' ? 2 : 0),
      weeks: 36,
    })),
  );
  await seedAgenda(site.db, specs);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const firstUid = (page: import('playwright-core').Page) =>
  page.locator('#resultats tbody tr').first().locator('a').first().getAttribute('href');

describe('/synthese in a browser', () => {
  it.each([true, false])('sorts by weeks and changes the window (JavaScript: %s)', async (js) => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${site.url}/synthese`);
    // axe runs in the page's JavaScript: audited in the run with JavaScript.
    if (js) expect(await seriousViolations(page)).toEqual([]);
    await page.locator('th a', { hasText: 'Semaines d’activité' }).click();
    await page.waitForURL(/tri=semaines&ordre=desc/);
    // The most active deputy (the last uid) comes first.
    await expect.poll(() => firstUid(page)).toBe(`/deputes/${deputies.at(-1)}`);
    await page.locator('th a', { hasText: 'Semaines d’activité' }).click();
    await page.waitForURL(/ordre=asc/);
    await expect.poll(() => firstUid(page)).toBe(`/deputes/${deputies[0]}`);
    await page.selectOption('select[name=fenetre]', '12_mois');
    if (!js) await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/fenetre=12_mois/);
    await expect
      .poll(() => page.locator('#compte').innerText())
      .toContain('sur les 12 derniers mois');
    const first = page.locator('#resultats tbody tr').first().locator('td').nth(3);
    expect(await first.innerText()).toContain(`${12} / 36`);
    if (js) expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has an accessible /agenda page', async () => {
    const { page, context, problems } = await openPage(browser, {});
    await page.goto(`${site.url}/agenda`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
