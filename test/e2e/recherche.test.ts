// The forgiving search in a real headless Chromium against the real server over loopback, with
// data crawled from the hand-written fixtures: a misspelt name leads to the deputy through
// "Vouliez-vous dire", with and without JavaScript, and the answer page is axe-clean.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, seriousViolations } from './browser.ts';
import { CITIZEN_DEPUTY, startSite, type Site } from './site.ts';

/** Camille Durand-Vasseur, the fixture's deputy, as a hurried reader types her name. */
const MISSPELT = 'Camile Durand Vaseur';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe.each([
  { js: true, label: 'with JavaScript' },
  { js: false, label: 'without JavaScript' },
])('forgiving search $label', ({ js }) => {
  it('a misspelt name offers the deputy, who is one click away', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(site.url);
    const box = page.getByRole('searchbox', { name: /Code postal/ });
    if (js) {
      await box.pressSequentially(MISSPELT, { delay: 10 });
      await expect
        .poll(() => page.locator('#suggestions .suggestion').innerText())
        .toContain('Vouliez-vous dire');
    } else {
      await box.fill(MISSPELT);
      await box.press('Enter');
      await page.waitForURL('**/recherche?q=*');
      expect(await page.locator('.suggestion').innerText()).toContain('Vouliez-vous dire');
    }
    await page.locator('.suggestion').getByRole('link', { name: 'Camille Durand-Vasseur' }).click();
    await page.waitForURL(`**/deputes/${CITIZEN_DEPUTY}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});

it('the answer pages of the forgiving search have no serious or critical axe violation', async () => {
  const { page, context, problems } = await openPage(browser);
  for (const q of [MISSPELT, '29', 'Belgique']) {
    await page.goto(`${site.url}/recherche?${new URLSearchParams({ q })}`);
    expect(await seriousViolations(page), q).toEqual([]);
  }
  expect(problems).toEqual([]);
  await context.close();
});
