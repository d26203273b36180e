// The changes feed in a real headless Chromium: the hand-written fixtures are crawled, then a
// new referential (one deputy's profession edited) and a votes file with one more scrutin;
// a reader filters /changements by kind, with and without JavaScript, reaches the deputy
// and finds the change on their timeline and in the feed's address.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMO40_MIRROR_PATH, amo40Zip, editedActeur } from '../helpers/an-zip.ts';
import { SCRUTINS_MIRROR_PATH, scrutinEntries, scrutinsZip } from '../helpers/scrutin-json.ts';
import { launchChromium, openPage } from './browser.ts';
import { SCRUTIN_SPECS, startSite, writeMirrorFile, type Site } from './site.ts';

const DEPUTY = 'PA900001';
const DEPUTY_NAME = 'Camille Durand-Vasseur';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchChromium()]);
  const second = await site.recrawl(
    (root) => {
      writeMirrorFile(
        root,
        AMO40_MIRROR_PATH,
        amo40Zip({
          [`acteur/${DEPUTY}.json`]: editedActeur(DEPUTY, (a) => {
            a.profession = { libelleCourant: 'Notaire', socProcINSEE: null };
          }),
        }),
      );
      writeMirrorFile(
        root,
        SCRUTINS_MIRROR_PATH,
        scrutinsZip(
          scrutinEntries([
            ...SCRUTIN_SPECS,
            {
              number: 3,
              date: '2025-02-04',
              title: 'la motion de rejet préalable',
              groups: [{ organe: 'PO900101', position: 'pour', pour: ['PA900001'] }],
            },
          ]),
        ),
      );
    },
    ['an', 'votes'],
  );
  expect(second.map((s) => [s.source, s.status])).toEqual([
    ['an', 'ok'],
    ['votes', 'ok'],
  ]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const countText = (page: Page) => page.locator('#resultats .count').innerText();

describe.each([
  { js: true, label: 'with JavaScript' },
  { js: false, label: 'without JavaScript' },
])('changes feed $label', ({ js }) => {
  it('filters the change log by kind and leads to the deputy’s timeline', async () => {
    const { page, context, problems } = await openPage(browser, { javaScriptEnabled: js });
    await page.goto(`${site.url}/changements`);
    // One initial import for each of an, votes and geo, then the edit and the new scrutin.
    expect(await countText(page)).toBe('5 changements');

    const form = page.locator('form.filters');
    await form.locator('select[name=type]').selectOption('profession_change');
    if (!js) await form.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/type=profession_change/);
    await expect.poll(() => countText(page)).toBe('1 changement');
    const item = page.locator('#resultats li.change');
    expect(await item.count()).toBe(1);
    const text = await item.innerText();
    expect(text).toContain(DEPUTY_NAME);
    expect(text).toMatch(/Avocate\s*→\s*Notaire/);
    // The feed and the exports keep the filter.
    expect(await page.getByRole('link', { name: 'flux Atom' }).getAttribute('href')).toBe(
      '/changements.atom?type=profession_change',
    );

    await form.locator('select[name=type]').selectOption('new_scrutin');
    if (!js) await form.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/type=new_scrutin/);
    await expect.poll(() => countText(page)).toBe('1 changement');
    expect(await item.innerText()).toContain('motion de rejet préalable');

    await form.locator('select[name=type]').selectOption('profession_change');
    if (!js) await form.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => countText(page)).toBe('1 changement');
    await item.getByRole('link', { name: DEPUTY_NAME }).click();
    await page.waitForURL(`**/deputes/${DEPUTY}`);
    const timeline = page.locator('section#changements');
    expect(await timeline.innerText()).toMatch(/Avocate\s*→\s*Notaire/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
