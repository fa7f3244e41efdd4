// The view per period in real Chromium (playwright-core, the system Chromium): the period picker is
// plain links and works without JavaScript, a past period is marked closed (the record) and its
// links keep to it, /periods shows quarter over quarter, an unknown period is a 400 page.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { RunningServer } from '../../sync-service/http/serve.ts';
import { launchChromium } from '../browser.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { serveApp, syncFolder } from '../web/fixtures.ts';
import { AS_OF, Q3, Q4, writeTwoQuarters } from './fixture.ts';

const pglite = storageTargets()[0]!;
let browser: Browser;
let server: RunningServer;
let context: BrowserContext;

beforeAll(async () => {
  const store = createStore(await pglite.fresh());
  await syncFolder(store, await writeTwoQuarters(tempDir()), AS_OF);
  server = await serveApp(store);
  browser = await launchChromium();
  // Without JavaScript: the picker and the record must not need it.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pglite.teardown();
  removeTempDirs();
});

describe('periods in the view (Chromium, JavaScript off)', () => {
  it('picks a past period by its link, marks it closed, and keeps to it from page to page', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const picker = page.getByRole('navigation', { name: 'Period' });
    expect(await picker.getByRole('link').allTextContents()).toEqual([`${Q3.period}closed`, Q4.period, 'Quarter over quarter']);
    expect(await picker.locator('a[aria-current=page]').textContent()).toBe(Q4.period);
    expect(await page.locator('.period-record').count()).toBe(0);

    await picker.getByRole('link', { name: new RegExp(`^${Q3.period}`) }).click();
    expect(new URL(page.url()).search).toBe(`?period=${encodeURIComponent(Q3.period)}`);
    expect(await page.locator('.period-record').textContent()).toContain(`${Q3.period} is closed.`);
    expect(await page.getByRole('navigation', { name: 'Period' }).locator('a[aria-current=page]').textContent()).toBe(`${Q3.period}closed`);
    // The Q3 diagram holds Q3's company objective C7, which Q4 does not have.
    expect(await page.locator('a[href^="/objectives/C7"]').count()).toBeGreaterThan(0);

    // A link to another page keeps the past period.
    await page.locator('a[href^="/teams?"]').first().click();
    expect(new URL(page.url()).searchParams.get('period')).toBe(Q3.period);
    expect(await page.locator('.period-record').isVisible()).toBe(true);

    // And back to the current one.
    await page.getByRole('link', { name: `Back to ${Q4.period} (current) →` }).click();
    expect(new URL(page.url()).searchParams.get('period')).toBeNull();
    expect(await page.locator('.period-record').count()).toBe(0);
    await page.close();
  });

  it('/periods shows each company objective and team quarter over quarter', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/periods`);
    expect(res?.status()).toBe(200);
    const company = page.locator('table.qoq').first();
    expect(await company.locator('thead th').allTextContents()).toEqual(['Company objective', `${Q3.period}closed`, `${Q4.period}current`]);
    const rows = await company.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('.score')?.textContent ?? c.textContent ?? '').trim())),
    );
    expect(rows.map((r) => r[0])).toEqual(['Company score', 'C1 · Grow more', 'C7 · Open Berlin']);
    // C7 exists in Q3 only.
    expect(rows[2]?.[2]).toBe('—');
    const teams = await page.locator('table.qoq').nth(1).locator('tbody th').allTextContents();
    expect(teams).toEqual(['Sales']);
    await page.close();
  });

  it('an unknown period is a 400 page naming it', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/teams?period=1999%20Q1`);
    expect(res?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain('“1999 Q1” is not a period of the last sync (known: “2026 Q3”, “2026 Q4”)');
    await page.close();
  });
});
