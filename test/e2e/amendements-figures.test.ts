// The amendment figures in a real headless Chromium against the real server: the deputy
// page's "Amendements" section, /deputes sorted by adoption rate, a dossier's amendment
// table and /donnees fit a phone, pass the accessibility audit and raise no CSP violation.
// Data: the hand-written fixtures (an, votes, dossiers) crawled by the real crawlers, plus
// hand-written amendments of two referential deputies on one of those dossiers.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAmendements, type AmendementSpec } from '../helpers/seed-amendements.ts';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';
import { startSite, writeFixtureMirror, type Site } from './site.ts';

const PHONE = { width: 375, height: 667 };
const DOSSIER = 'DLR5L17N90001';

let site: Site;
let browser: Browser;
let author = '';

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startSite(writeFixtureMirror, ['an', 'votes', 'dossiers']),
    launchChromium(),
  ]);
  const deputies = await site.db
    .selectFrom('acteur')
    .select(['uid', 'group_uid'])
    .where('in_office', '=', 1)
    .orderBy('uid')
    .limit(2)
    .execute();
  expect(deputies).toHaveLength(2);
  const [a, b] = deputies as [(typeof deputies)[0], (typeof deputies)[0]];
  author = a.uid;
  const specs: AmendementSpec[] = [
    ...Array.from({ length: 12 }, (_, i) => ({
      author: a.uid,
      group: a.group_uid,
      sort: i < 4 ? ('adopte' as const) : i < 11 ? ('rejete' as const) : ('irrecevable' as const),
      seance: i % 2 === 0,
      cosigners: [b.uid],
      dossier: DOSSIER,
    })),
    { author: b.uid, group: b.group_uid, sort: 'adopte', seance: true, dossier: DOSSIER },
    { author: null, type: 'Gouvernement', sort: 'adopte', seance: true, dossier: DOSSIER },
  ];
  await seedAmendements(site.db, specs);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('amendment figures in a browser', () => {
  it('fit a phone screen, with no serious accessibility violation', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    const overflowing: string[] = [];
    for (const path of [
      `/deputes/${author}`,
      '/deputes?tri=taux-adoption&ordre=desc',
      `/dossiers/${DOSSIER}`,
      '/donnees',
    ]) {
      await page.goto(site.url + path);
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (scroll > width) overflowing.push(`${path}: ${scroll}px > ${width}px`);
      const v = await seriousViolations(page);
      if (v.length) console.log(JSON.stringify(v, null, 1));
      expect(v, path).toEqual([]);
      await page.screenshot({ path: screenshotPath(`mobile-amendements${path}`), fullPage: true });
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('goes from the deputy page to the list of adopted amendments', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${site.url}/deputes/${author}`);
    // 4 adopted of 11 examined (the irrecevable one left out).
    await expect
      .poll(() => page.locator('.figure', { hasText: "Taux d'adoption" }).innerText())
      .toContain('4 adoptés sur 11 amendements examinés');
    await page.locator('.figure', { hasText: 'Adoptés' }).getByRole('link').click();
    await page.waitForURL(new RegExp(`/amendements\\?auteur=${author}&sort=adopte$`));
    expect(await page.locator('#resultats .count').innerText()).toBe('4 amendements');
    expect(problems).toEqual([]);
    await context.close();
  });
});
