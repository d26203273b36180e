// Debian's Chromium driven by playwright-core (no browser download), axe-core injected into
// pages, and a folder for screenshots kept as test artefacts (under data/, git-ignored).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/paths.ts';

/** The browser binary: CHROMIUM_PATH, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of the pages the browser tests visit (git-ignored). */
export const ARTEFACTS = path.join(PROJECT_ROOT, 'data', 'artefacts', 'screenshots');

/** Starts headless Chromium; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium ` +
        `(apt-get install -y chromium) or CHROMIUM_PATH set to a Chromium binary.`,
    );
  }
  mkdirSync(ARTEFACTS, { recursive: true });
  // Playwright gives every launch a new, empty profile folder.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) in the page and returns its serious and critical
 * violations. The source is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the page is audited under its real headers.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (...a: unknown[]) => Promise<any> } }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return (result.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      targets: (v.nodes as any[]).slice(0, 5).map((n) => String(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A file name for a page's screenshot, from its path. */
export function screenshotPath(label: string): string {
  const name = label.replace(/^\//, '').replace(/[^a-zA-Z0-9]+/g, '_') || 'accueil';
  return path.join(ARTEFACTS, `${name}.png`);
}

/**
 * A page in a new context; records dialogs, page errors and CSP violations, which every
 * test then expects to be none.
 */
export async function openPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
) {
  const context: BrowserContext = await browser.newContext({ acceptDownloads: true, ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return { page, context, problems };
}
