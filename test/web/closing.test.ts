// A closed quarter through the service: a team sheet with Final Score, Learning and Carry On (read
// by the real folder source and sync) shows them on the objective page in Chromium and in
// GET /api/objectives/:id and /api/alignment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { RunningServer } from '../../sync-service/http/serve.ts';
import { launchChromium } from '../browser.ts';
import { okrGrid, writeCsv } from '../fixtures/workbooks.ts';
import { serveApp, syncFolder } from './fixtures.ts';

const PERIOD = { period: 'Q3 2026', start: '2026-07-01', end: '2026-09-30' };
const LEARNING = '<img src=x onerror=alert(1)> Weekly demos beat status decks';

/** A company sheet and a Sales sheet closed with the add-on's three columns. */
function writeClosedCompany(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-web-closed-'));
  writeCsv(
    path.join(dir, 'company.csv'),
    okrGrid({ team: 'Company', mission: 'Grow', level: 'company', ...PERIOD }, [{ oid: 'CO-1', objective: 'Win the market', kr: 'Revenue', type: 'metric', start: 0, target: 10, current: 6 }]),
  );
  const sales = okrGrid({ team: 'Sales', ...PERIOD }, [
    { oid: 'S-1', objective: 'Close deals', alignsTo: 'CO-1', kr: 'Deals', type: 'milestone', target: 4, current: 2 },
    { oid: 'S-2', objective: 'Hire reps', alignsTo: 'CO-1', kr: 'Reps', type: 'binary', current: 'yes' },
  ]);
  const header = sales.findIndex((r) => r[0] === 'Objective ID');
  sales[header] = [...sales[header]!, 'Final Score', 'Learning', 'Carry On'];
  sales[header + 1] = [...sales[header + 1]!, '0.45', LEARNING, 'yes'];
  sales[header + 2] = [...sales[header + 2]!, '1', '', 'no'];
  writeCsv(path.join(dir, 'sales.csv'), sales);
  return dir;
}

const pglite = storageTargets().find((t) => t.name === 'pglite')!;
afterAll(() => pglite.teardown());

describe('a closed quarter in the service', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const store = createStore(await pglite.fresh());
    await syncFolder(store, writeClosedCompany(), new Date('2026-09-30T12:00:00Z'));
    server = await serveApp(store);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('GET /api/objectives/:id and /api/alignment carry finalScore, learning and carryOn', async () => {
    const one = (await (await fetch(`${server.url}/api/objectives/S-1`)).json()) as { objective: Record<string, unknown> };
    expect(one.objective).toMatchObject({ id: 'S-1', finalScore: 0.45, learning: LEARNING, carryOn: true });
    const all = (await (await fetch(`${server.url}/api/alignment`)).json()) as { objectives: Record<string, unknown>[] };
    const byId = Object.fromEntries(all.objectives.map((o) => [o.id, o]));
    expect(byId['S-2']).toMatchObject({ finalScore: 1, learning: '', carryOn: false });
    // An objective whose tab was never closed has none of the fields.
    expect(byId['CO-1']).not.toHaveProperty('finalScore');
  });

  it('the objective page shows the final score, the learning as text, and whether it carries on', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${server.url}/objectives/S-1`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    const panel = page.locator('section#closing');
    expect(await panel.locator('h2').textContent()).toBe('Quarter closed');
    expect(await panel.locator('.score').textContent()).toBe('0.45');
    expect(await panel.locator('.score').getAttribute('title')).toBe('Final score 0.45: Yellow');
    expect(await panel.locator('.learning strong').textContent()).toBe(LEARNING);
    expect(await panel.locator('img').count()).toBe(0);
    expect(await panel.textContent()).toContain('Carries on yes');
    await page.goto(`${server.url}/objectives/CO-1`, { waitUntil: 'load' });
    expect(await page.locator('section#closing').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
