// A scrutin page with large groups in a real headless Chromium on a phone (390×844): the
// per-deputy votes are folded by group, so the page stays short and never scrolls sideways;
// the "frondeurs seulement" filter works with JavaScript (htmx swaps the list) and without
// (a plain GET form). Data: the hand-written fixtures of site.ts plus one scrutin where two
// groups vote with 60 and 50 members (voters outside the referential), each with one rebel
// from the referential.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMO40_MIRROR_PATH, amo40Zip } from '../helpers/an-zip.ts';
import { SCRUTINS_MIRROR_PATH, scrutinEntries, scrutinsZip } from '../helpers/scrutin-json.ts';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';
import { SCRUTIN_SPECS, startSite, writeMirrorFile, type Site } from './site.ts';

const PHONE = { width: 390, height: 844 };
const voters = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `PA99${String(from + i).padStart(4, '0')}`);

/** n° 3: RIV (PO900101) 60 pour, PA900001 contre; COL (PO900102) 50 contre, PA900002 pour. */
const LARGE = {
  number: 3,
  date: '2025-02-11',
  title: "l'article 2 du projet de loi relatif aux rivières",
  groups: [
    {
      organe: 'PO900101',
      members: 61,
      position: 'pour',
      pour: voters(1, 60),
      contre: ['PA900001'],
    },
    {
      organe: 'PO900102',
      members: 51,
      position: 'contre',
      contre: voters(101, 50),
      pour: ['PA900002'],
    },
    { organe: 'PO900103', position: 'pour', pour: ['PA900007'] },
  ],
};

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startSite(
      (root) => {
        writeMirrorFile(root, AMO40_MIRROR_PATH, amo40Zip());
        writeMirrorFile(
          root,
          SCRUTINS_MIRROR_PATH,
          scrutinsZip(scrutinEntries([...SCRUTIN_SPECS, LARGE])),
        );
      },
      ['an', 'votes'],
    ),
    launchChromium(),
  ]);
  expect(site.crawls.map((c) => [c.source, c.status])).toEqual([
    ['an', 'ok'],
    ['votes', 'ok'],
  ]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const pageSize = (page: Page) =>
  page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));

/** Each group section of the votes list: open or not, and the deputies it lists. */
const sections = (page: Page) =>
  page.locator('#votes details.group-votes').evaluateAll((all) =>
    all.map((d) => ({
      open: (d as HTMLDetailsElement).open,
      rows: Array.from(d.querySelectorAll('tbody tr')).map(
        (tr) =>
          (tr.querySelector('a')!.getAttribute('href') ?? '').replace('/deputes/', '') +
          (tr.classList.contains('rebel') ? '!' : ''),
      ),
    })),
  );

describe('a scrutin with large groups on a phone', () => {
  it('folds the votes by group: short, no horizontal scroll, opens on demand', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    await page.goto(`${site.url}/scrutins/3`);
    const folded = await sections(page);
    // Largest group first (the order of the group table); the two large groups closed, NI
    // (one vote) open; the rebel first in each group.
    expect(folded.map((s) => [s.open, s.rows.length, s.rows[0]])).toEqual([
      [false, 61, 'PA900001!'],
      [false, 51, 'PA900002!'],
      [true, 1, 'PA900007'],
    ]);
    const collapsed = await pageSize(page);
    expect(collapsed.scroll).toBeLessThanOrEqual(collapsed.width);
    await page.screenshot({ path: screenshotPath('mobile/scrutins/3-replie'), fullPage: true });

    // A summary is a native toggle: it opens its group.
    await page.locator('#votes details.group-votes summary').first().click();
    expect((await sections(page))[0]!.open).toBe(true);
    await page.evaluate(() =>
      document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    const expanded = await pageSize(page);
    expect(expanded.scroll).toBeLessThanOrEqual(expanded.width);
    console.info(
      `[scrutin-votes] /scrutins/3 at ${PHONE.width}×${PHONE.height}: ${collapsed.height} px folded, ${expanded.height} px with every group open (113 votes)`,
    );
    // The 113 rows are most of the open page; folded, the page is far shorter.
    expect(collapsed.height).toBeLessThan(3000);
    expect(expanded.height).toBeGreaterThan(collapsed.height + 2500);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the deputies list, sorted by a figure, inside the phone screen', async () => {
    const { page, context, problems } = await openPage(browser, { viewport: PHONE });
    // Deputies without a loyalty rate carry a visually hidden reason, which must not widen
    // the page from inside the scrolling table.
    await page.goto(`${site.url}/deputes?tri=loyaute&ordre=asc&en_exercice=tous`);
    expect(await page.locator('#resultats td .sr-only').count()).toBeGreaterThan(0);
    const size = await pageSize(page);
    expect(size.scroll).toBeLessThanOrEqual(size.width);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const js of [true, false]) {
    it(`filters the frondeurs ${js ? 'with' : 'without'} JavaScript`, async () => {
      const { page, context, problems } = await openPage(browser, {
        viewport: PHONE,
        javaScriptEnabled: js,
      });
      await page.goto(`${site.url}/scrutins/3`);
      const form = page.locator('form.filters');
      await form.getByLabel('Frondeurs seulement').check();
      if (!js) await form.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/frondeurs=oui/);
      await expect.poll(() => page.locator('#votes .count').innerText()).toBe('2 députés');
      // Every section a filter leaves is open.
      expect(await sections(page)).toEqual([
        { open: true, rows: ['PA900001!'] },
        { open: true, rows: ['PA900002!'] },
      ]);
      // Combined with a group; the exports follow the filter.
      await form.locator('select[name=groupe]').selectOption('COL');
      if (!js) await form.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/groupe=COL/);
      await expect.poll(() => page.locator('#votes .count').innerText()).toBe('1 député');
      expect(await sections(page)).toEqual([{ open: true, rows: ['PA900002!'] }]);
      const csv = await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href');
      expect(csv).toBe('/scrutins/3/votes.csv?groupe=COL&frondeurs=oui');
      const size = await pageSize(page);
      expect(size.scroll).toBeLessThanOrEqual(size.width);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
