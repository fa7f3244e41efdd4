// The alignment view in real Chromium (the system one, driven by playwright-core): served over a
// real socket on 127.0.0.1, with and without JavaScript, watching for console errors and CSP
// violations.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { RunningServer } from '../../sync-service/http/serve.ts';
import { launchChromium } from '../browser.ts';
import { EXAMPLES_AS_OF, EXAMPLES_DIR, FORMULA_TITLE, serveApp, storeSynthetic, syncFolder, writeHostileCompany, XSS_TITLE } from './fixtures.ts';

const COMPANY_OBJECTIVES = {
  'CO-1': 'Become the analytics platform mid-market operations teams choose first',
  'CO-2': 'Make every customer successful enough to stay and grow',
  'CO-3': 'Ship a product that feels fast and trustworthy',
  'CO-4': 'Build an efficient company that funds its own growth',
};

interface Watched {
  page: Page;
  problems: string[];
}

/** A page that records console errors/warnings, uncaught errors, dialogs and CSP violations. */
async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

const pglite = storageTargets().find((t) => t.name === 'pglite')!;
afterAll(() => pglite.teardown());

describe('the alignment view in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;

  beforeAll(async () => {
    const store = createStore(await pglite.fresh());
    await syncFolder(store, EXAMPLES_DIR, EXAMPLES_AS_OF);
    server = await serveApp(store);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // CSP violations are events, not always console messages: collect them from the start.
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads / without console errors or CSP violations and shows the example company in the diagram', async () => {
    const { page, problems } = await watchedPage(context);
    const res = await page.goto(`${server.url}/`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.locator('#diagram-filter').isVisible()).toBe(true); // the script ran
    expect(await page.locator('h1').first().textContent()).toBe('Northwind Analytics');
    const diagram = page.locator('svg#diagram');
    expect(await diagram.isVisible()).toBe(true);
    for (const [id, title] of Object.entries(COMPANY_OBJECTIVES)) {
      const card = diagram.locator(`a[href="/objectives/${id}"]`);
      expect(await card.isVisible(), id).toBe(true);
      const shown = (await card.locator('text.t-top').allTextContents()).join(' ');
      expect(title.startsWith(shown.replace(/…$/, '').trimEnd()), `${id}: "${shown}"`).toBe(true);
      expect(shown.length).toBeGreaterThan(20);
      expect(await card.locator('title').textContent()).toContain(title);
    }
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sets card text within its card in the real font (the server-side measurements hold)', async () => {
    const { page } = await watchedPage(context);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    // The served Arimo, not whatever the machine has (CI has only DejaVu): loaded from this origin.
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`);
    });
    expect(faces).toEqual(expect.arrayContaining(['Arimo 400', 'Arimo 700']));
    const overflows = await page.evaluate(() => {
      const out: string[] = [];
      for (const clip of document.querySelectorAll<SVGSVGElement>('svg.diagram svg[overflow="hidden"]')) {
        const width = clip.width.baseVal.value;
        for (const t of clip.querySelectorAll<SVGTextElement>('text')) {
          const len = t.getComputedTextLength();
          if (len > width + 0.5) out.push(`${t.textContent} (${len.toFixed(1)} > ${width})`);
        }
      }
      return out;
    });
    expect(overflows).toEqual([]);
    await page.close();
  });

  it('navigates to a team page and an objective page by clicking links', async () => {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.locator('#teams').getByRole('link', { name: 'Engineering', exact: true }).click();
    await page.waitForURL(`${server.url}/teams/Engineering`);
    expect(await page.locator('h1').textContent()).toBe('Engineering');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Make dashboards feel instant' }).click();
    await page.waitForURL(`${server.url}/objectives/ENG-1`);
    expect(await page.locator('h1').textContent()).toBe('Make dashboards feel instant');
    expect(await page.getByText('p95 dashboard load time from 4.2 s to 1.5 s').first().isVisible()).toBe(true);

    // Up to its parent, from the "Aligns to" list.
    await page.locator('#parents').getByRole('link').first().click();
    await page.waitForURL(`${server.url}/objectives/CO-3`);
    expect(await page.locator('h1').textContent()).toBe(COMPANY_OBJECTIVES['CO-3']);

    // A card in the diagram is a link too.
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.locator('svg#diagram a[href="/objectives/SALES-1"]').click();
    await page.waitForURL(`${server.url}/objectives/SALES-1`);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the diagram as you type', async () => {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.locator('#diagram-filter').fill('finance');
    expect(await page.locator('#filter-count').textContent()).toBe('2 matches');
    expect(await page.locator('svg#diagram a.match').count()).toBe(2);
    expect(await page.locator('svg#diagram a[href="/objectives/FIN-1"]').getAttribute('class')).toContain('match');
    expect(await page.locator('svg#diagram a[href="/objectives/ENG-1"]').getAttribute('class')).toContain('dim');
    await page.locator('#diagram-filter').fill('');
    expect(await page.locator('svg#diagram a.dim').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the diagram with JavaScript off, and hides the script-only controls', async () => {
    const noJs = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
    const { page, problems } = await watchedPage(noJs);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    expect(await page.locator('svg#diagram').isVisible()).toBe(true);
    for (const id of Object.keys(COMPANY_OBJECTIVES)) expect(await page.locator(`svg#diagram a[href="/objectives/${id}"]`).isVisible()).toBe(true);
    expect(await page.locator('#diagram-filter').isVisible()).toBe(false);
    // The unaligned objectives are in a <details>: shown (only one), and it folds without script.
    const group = page.locator('#co-unaligned');
    expect(await group.getAttribute('open')).not.toBeNull();
    expect(await group.locator('svg a[href="/objectives/ENG-6"]').isVisible()).toBe(true);
    await group.locator('summary').click();
    expect(await group.getAttribute('open')).toBeNull();
    await group.locator('summary').click();
    expect(await group.getAttribute('open')).not.toBeNull();
    expect(problems).toEqual([]);
    await noJs.close();
  });

  it('fits a phone: only the diagram scrolls sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, problems } = await watchedPage(phone);
    for (const path of ['/', '/teams/Engineering', '/objectives/PROD-1', '/problems']) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(390);
    }
    expect(problems).toEqual([]);
    await phone.close();
  });
});

describe('sheet text in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    const store = createStore(await pglite.fresh());
    await syncFolder(store, writeHostileCompany(), EXAMPLES_AS_OF);
    server = await serveApp(store);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows markup and formulas as text and runs none of it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const diagram = page.locator('svg#diagram');
    expect(await diagram.locator('a[href="/objectives/C1"] text.t-top').first().textContent()).toBe(XSS_TITLE);
    expect(await diagram.locator('a[href="/objectives/H1"] text.t-title').first().textContent()).toBe(FORMULA_TITLE);
    await page.goto(`${server.url}/objectives/C1`, { waitUntil: 'load' });
    expect(await page.locator('h1').textContent()).toBe(XSS_TITLE);
    await page.goto(`${server.url}/objectives/H1`, { waitUntil: 'load' });
    expect(await page.locator('h1').textContent()).toBe(FORMULA_TITLE);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(problems).toEqual([]); // no alert() dialogs, no errors
    await context.close();
  });
});

describe('a 100-team company in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    const store = createStore(await pglite.fresh());
    await storeSynthetic(store, { teams: 100 });
    server = await serveApp(store);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a collapsed company objective without JavaScript, and expands all or filters with it', async () => {
    const noJs = await browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
    const off = await watchedPage(noJs);
    await off.page.goto(`${server.url}/`, { waitUntil: 'load' });
    const group = off.page.locator('#co-CO-2');
    expect(await group.locator('svg a').first().isVisible()).toBe(false);
    await group.locator('summary').click();
    expect(await group.locator('svg a').first().isVisible()).toBe(true);
    expect(off.problems).toEqual([]);
    await noJs.close();

    const js = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const on = await watchedPage(js);
    await on.page.goto(`${server.url}/`, { waitUntil: 'load' });
    await on.page.getByRole('button', { name: 'Expand all' }).click();
    expect(await on.page.locator('details.co-details:not([open])').count()).toBe(0);
    await on.page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await on.page.locator('details.co-details[open]').count()).toBe(0);
    // Filtering opens the group holding the match.
    await on.page.locator('#diagram-filter').fill('t42-1');
    const match = on.page.locator('svg a.match[href="/objectives/T42-1"]');
    await expect.poll(() => match.isVisible()).toBe(true);
    expect(on.problems).toEqual([]);
    await js.close();
  });
});
