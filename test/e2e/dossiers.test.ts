// The dossier pages in a real headless Chromium (Debian's package) against the real server,
// with data crawled by the real crawlers from the hand-written fixtures (an, votes, dossiers):
// the list filters with and without JavaScript, and the list and dossier pages fit a phone,
// pass the accessibility audit and raise no CSP violation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';
import { startSite, writeFixtureMirror, type Site } from './site.ts';

const PHONE = { width: 375, height: 667 };
const PAGES = ['/dossiers', '/dossiers/DLR5L17N90001', '/dossiers/DLR5L17N90002'];

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startSite(writeFixtureMirror, ['an', 'votes', 'dossiers']),
    launchChromium(),
  ]);
  expect(site.crawls.map((c) => [c.source, c.status])).toEqual([
    ['an', 'ok'],
    ['votes', 'ok'],
    ['dossiers', 'ok'],
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('dossier pages in a browser', () => {
  it('fit a phone screen, with no serious accessibility violation', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    const overflowing: string[] = [];
    for (const path of PAGES) {
      await page.goto(site.url + path);
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (scroll > width) overflowing.push(`${path}: ${scroll}px > ${width}px`);
      const v = await seriousViolations(page);
      if (v.length) console.log(JSON.stringify(v, null, 1));
      expect(v, path).toEqual([]);
      await page.screenshot({ path: screenshotPath(`mobile${path}`), fullPage: true });
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([true, false])('filters the list by a title word (JavaScript %s)', async (js) => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${site.url}/dossiers`);
    await expect
      .poll(() => page.locator('#resultats .count').innerText())
      .toBe('3 dossiers législatifs');
    await page.getByLabel('Mots du titre').fill('EDUCATION');
    if (js) {
      // htmx submits as the search field changes, and keeps the URL in sync.
      await expect
        .poll(() => page.locator('#resultats .count').innerText())
        .toBe('1 dossier législatif');
      await expect.poll(() => page.url()).toContain('q=EDUCATION');
    } else {
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/q=EDUCATION/);
      expect(await page.locator('#resultats .count').innerText()).toBe('1 dossier législatif');
    }
    await page.getByRole('link', { name: "Résolution sur l'ÉDUCATION populaire" }).click();
    await page.waitForURL(/\/dossiers\/DLR5L17N90003$/);
    expect(await page.locator('h1').innerText()).toBe("Résolution sur l'ÉDUCATION populaire");
    expect(problems).toEqual([]);
    await context.close();
  });
});
