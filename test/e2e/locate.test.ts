// "Me localiser" in a real headless Chromium against the real server over loopback, with the
// geography crawled from the hand-written fixtures: hidden without JavaScript, a clear message
// when the browser refuses the position, and with a granted position a navigation to
// /recherche?lat=…&lon=… (4 decimals) that reaches the deputy, no request leaving the site.
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath, seriousViolations } from './browser.ts';
import { startSite, type Site } from './site.ts';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchChromium()]);
  expect(site.crawls.find((c) => c.source === 'geo')?.status).toBe('ok');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A page in a new context, recording every request and every page error or CSP refusal. */
async function open(options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return { page, context, requests, problems };
}

const button = 'button[data-locate]';

describe('"Me localiser"', () => {
  it('stays hidden without JavaScript, the form still works', async () => {
    const { page, context } = await open({ javaScriptEnabled: false });
    for (const path of ['/', '/recherche']) {
      await page.goto(site.url + path);
      expect(await page.locator(button).isVisible(), path).toBe(false);
      expect(await page.locator('input[name="q"]').isVisible(), path).toBe(true);
    }
    await context.close();
  });

  it('says so when the browser refuses the position', async () => {
    // No permission granted: headless Chromium denies the request.
    const { page, context, problems } = await open();
    await page.goto(`${site.url}/recherche`);
    await page.locator(button).click();
    await expect
      .poll(() => page.locator('[data-locate-status]').innerText())
      .toContain('Localisation refusée');
    expect(page.url()).toBe(`${site.url}/recherche`);
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('goes to /recherche?lat=…&lon=… with a granted position, and on to the deputy', async () => {
    const { page, context, requests, problems } = await open({
      permissions: ['geolocation'],
      geolocation: { latitude: 44.850012, longitude: -0.600049 },
    });
    await page.goto(site.url + '/');
    expect(await page.locator(button).isVisible()).toBe(true);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('lat=')) asked.push(r.url());
    });
    await Promise.all([
      page.waitForURL(/\/deputes\/|\/circonscriptions\//),
      page.locator(button).click(),
    ]);
    // Rounded to 4 decimals (about 10 m) before it leaves the browser.
    expect(asked).toEqual([`${site.url}/recherche?lat=44.8500&lon=-0.6000`]);
    await page.screenshot({ path: screenshotPath('/recherche-position'), fullPage: true });
    for (const url of requests) expect(url.startsWith(site.url), url).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the neighbour near a boundary, axe-clean', async () => {
    const { page, context, problems } = await open();
    await page.goto(`${site.url}/recherche?lat=44.85&lon=-0.56`);
    const text = await page.locator('#suggestions').innerText();
    expect(text).toContain('Gironde – 1re circonscription');
    expect(text).toContain('Gironde – 2e circonscription');
    expect(text).toContain('contours sont simplifiés');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
