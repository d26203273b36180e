// A visitor compares two deputies and fills "Quel député vote comme moi ?" in a real headless
// Chromium, with and without JavaScript, under the site's real Content-Security-Policy. The
// site serves the twelve scrutins of test/helpers/seed-comparer.ts; every expected row is
// computed in the test from that table (expectedComparison, expectedRanking), not by the code.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/database.ts';
import { createApp } from '../../server/app.tsx';
import { listen } from '../../server/listen.ts';
import {
  SORT_NAMES,
  comparerDatabase,
  expectedComparison,
  expectedRanking,
  type Cast,
} from '../helpers/seed-comparer.ts';
import { launchChromium, openPage, screenshotPath, seriousViolations } from './browser.ts';

let db: DB;
let close: () => Promise<void>;
let server: Awaited<ReturnType<typeof listen>>;
let browser: Browser;

beforeAll(async () => {
  ({ db, close } = await comparerDatabase());
  [server, browser] = await Promise.all([
    listen(createApp({ db, config: { legislature: 17 } }), 0, '127.0.0.1'),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await close?.();
});

const DEPUTIES = ['PA1', 'PA2', 'PA3', 'PA4', 'PA5', 'PA6', 'PA99'];
const name = (uid: string) => SORT_NAMES[uid]!;

/** (uid, rank, "agreements/common") of the rows of a ranking table. */
async function rankingRows(page: Page, id: string) {
  return page.locator(`#${id} tbody tr`).evaluateAll((rows) =>
    rows.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim());
      const rank = cells[0] === '–' ? null : Number(cells[0]);
      return [tr.getAttribute('data-uid'), rank, cells.at(-1)!.replace(' sur ', '/')];
    }),
  );
}

const shown = (rows: ReturnType<typeof expectedRanking>) =>
  rows.map((r) => [r.uid, r.rank, `${r.agreements}/${r.common}`]);

describe.each([
  { js: true, label: 'with JavaScript' },
  { js: false, label: 'without JavaScript' },
])('comparisons $label', ({ js }) => {
  it('a visitor compares two deputies, then a deputy and a group, and reads the disagreements', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${server.url}/comparer`);
    for (const [a, b] of [
      ['PA1', 'PA2'],
      ['PA3', 'PO10'],
    ] as const) {
      const form = page.locator('form#comparer');
      await form.getByLabel('Premier député ou groupe').fill(a);
      await form.getByLabel('Second député ou groupe').fill(b);
      await form.getByRole('button', { name: 'Comparer' }).click();
      await page.waitForURL((url) => url.searchParams.get('b') === b);
      const expected = expectedComparison(a, b);
      const s = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
      expect(await page.locator('#compte').innerText()).toBe(
        `Même position dans ${s(expected.agreements, 'scrutin')} sur ${s(expected.common, 'scrutin')} commun${expected.common > 1 ? 's' : ''}`,
      );
      const listed = await page.locator('#desaccords tbody tr td:first-child a').allInnerTexts();
      expect(listed.map((t) => Number(t.replace('n° ', '')))).toEqual(expected.disagreements);
    }
    // Every common scrutin, with agreements, one link away.
    await page.getByRole('link', { name: 'voir tous les scrutins communs' }).click();
    await page.waitForURL(/voir=tous/);
    expect(await page.locator('#desaccords tbody tr').count()).toBe(
      expectedComparison('PA3', 'PO10').common,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a visitor answers the solemn scrutins, adds one found by a word, and sees the ranking', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${server.url}/vote-comme-moi`);
    const answers: Record<number, Cast> = { 1: 'contre', 4: 'contre', 8: 'pour', 12: 'abstention' };
    const form = page.locator('form#questionnaire');
    for (const [n, p] of Object.entries(answers))
      await form.locator(`input[name=s${n}][value=${p}]`).check();
    await form.getByRole('button', { name: 'Voir qui vote comme moi' }).click();
    await page.waitForURL(/s12=abstention/);
    expect(await rankingRows(page, 'classement-deputes')).toEqual(
      shown(expectedRanking(DEPUTIES, answers, name)),
    );
    expect(await rankingRows(page, 'classement-groupes')).toEqual(
      shown(expectedRanking(['PO10', 'PO20'], answers, name)),
    );

    // A word search proposes other scrutins; the answers given so far are kept.
    await form.getByLabel(/Chercher d'autres scrutins/).fill('eau');
    await form.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.waitForURL(/q=eau/);
    expect(await form.locator('fieldset.question input[value=pour]').count()).toBe(2);
    await form.locator('input[name=s5][value=pour]').check();
    await form.locator('input[name=s4][value=""]').check();
    await form.getByRole('button', { name: 'Voir qui vote comme moi' }).click();
    await page.waitForURL(/s5=pour/);
    // s4 was set back to "sans avis".
    const final: Record<number, Cast> = { 1: 'contre', 5: 'pour', 8: 'pour', 12: 'abstention' };
    expect(await page.locator('#compte').innerText()).toBe('4 réponses');
    expect(await rankingRows(page, 'classement-deputes')).toEqual(
      shown(expectedRanking(DEPUTIES, final, name)),
    );
    expect(await rankingRows(page, 'classement-groupes')).toEqual(
      shown(expectedRanking(['PO10', 'PO20'], final, name)),
    );
    // The share link holds exactly these answers, and no cookie was set.
    const share = new URL((await page.locator('#partage').getAttribute('href'))!, server.url);
    expect([...share.searchParams]).toEqual([
      ['s1', 'contre'],
      ['s5', 'pour'],
      ['s8', 'pour'],
      ['s12', 'abstention'],
    ]);
    expect(await context.cookies()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('comparison pages', () => {
  const PAGES = [
    '/comparer',
    '/comparer?a=PA1&b=PO20',
    '/vote-comme-moi',
    '/vote-comme-moi?s1=pour&s2=contre&s4=abstention',
  ];

  it('have no serious or critical axe violation and fit a phone screen', async () => {
    const { page, context, problems } = await openPage(browser, {
      viewport: { width: 375, height: 667 },
    });
    const found: Record<string, unknown> = {};
    const overflowing: string[] = [];
    for (const path of PAGES) {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(200);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[path] = violations;
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      if (scroll > width) overflowing.push(`${path}: ${scroll}px > ${width}px`);
      await page.screenshot({ path: screenshotPath(`mobile${path}`), fullPage: true });
    }
    expect(found).toEqual({});
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
