// The scoring sidebar in real Chromium: browser → google.script.run shim → the add-on's real
// sidebarLoad/sidebarSave → the fake Apps Script spreadsheet → HyperFormula-evaluated formulas.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SaveRequest } from '../../apps-script/sidebar/contract.ts';
import { CHECKIN_COLUMNS } from '../../shared/columns.ts';
import { WHY } from '../../shared/lints.ts';
import { objectiveScore, scoreKeyResult } from '../../shared/scoring.ts';
import { type AppsScriptFake, createAppsScriptFake } from '../fakes/apps-script/index.ts';
import { SETTINGS_PROPERTY } from '../../apps-script/settings.ts';
import {
  type SidebarSession,
  column,
  exampleWorkbookSheets,
  keyResult,
  launchChromium,
  openSidebar,
  readTable,
  serveSidebar,
  setCell,
  spreadsheetWithTeamOkrs,
} from './harness.ts';

const Q1 = { team: 'Growth', period: 'Q1 2026', start: '2026-01-01', end: '2026-03-31' };

let browser: Browser;
let site: Awaited<ReturnType<typeof serveSidebar>>;
let fake: AppsScriptFake | undefined;
let session: SidebarSession | undefined;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchChromium(), serveSidebar()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

afterEach(async () => {
  // Every scenario: nothing left 127.0.0.1, and the page logged no errors.
  const s = session;
  session = undefined;
  fake?.uninstall();
  fake = undefined;
  if (!s) return;
  await s.close();
  expect(s.blocked).toEqual([]);
  expect(s.consoleErrors).toEqual([]);
});

const checkinRows = (f: AppsScriptFake) => f.sheetValues('Check-ins').slice(1).filter((r) => r.some((c) => c !== ''));
const checkinCol = (key: (typeof CHECKIN_COLUMNS)[number]['key']) => CHECKIN_COLUMNS.findIndex((c) => c.key === key);

/** The list item of one key result. */
const krItem = (s: SidebarSession, krId: string) => s.page.locator(`li.kr[data-kr="${krId}"]`);

describe('scoring sidebar in Chromium', () => {
  it('loads with one call, previews the score live, saves in one call, and the sheet recomputes', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    session = await openSidebar(browser, site.url);
    const { page } = session;
    await page.getByRole('heading', { name: 'Delight new customers in their first week' }).waitFor();
    expect(session.callsTo('sidebarLoad')).toHaveLength(1);

    const before = keyResult(fake, 'TEAM-1-1');
    expect(before).toMatchObject({ type: 'metric', start: 0.4, target: 0.65, current: null });
    const item = krItem(session, 'TEAM-1-1');
    await item.getByRole('button', { name: 'Check in' }).click();
    const value = item.getByLabel('Current value');
    await value.fill('52%');

    // Live preview: the shared scoring, computed in the browser.
    const expected = scoreKeyResult({ type: 'metric', start: 0.4, target: 0.65, current: 0.52 }).score!;
    await expect.poll(() => item.locator('.preview .num').textContent()).toBe(expected.toFixed(2));
    const objective = page.locator('section.objective').first();
    const siblings = readTable(fake).objectives[0]!.keyResults.slice(1);
    const objExpected = objectiveScore([{ score: expected, weight: 1 }, ...siblings.map((k) => ({ score: k.score, weight: k.weight }))])!;
    await expect.poll(() => objective.locator('.obj-score .num').textContent()).toBe(objExpected.toFixed(2));
    await expect.poll(() => page.locator('.savebar').textContent()).toContain('1 unsaved change');

    await item.getByLabel('Confidence').fill('70');
    await item.getByLabel('Note').fill('Welcome email is live');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved 1 key result.').waitFor();

    // One server call carried the change.
    const saves = session.callsTo('sidebarSave');
    expect(saves).toHaveLength(1);
    const req = saves[0]!.args[0] as SaveRequest;
    expect(req.changes).toEqual([{ krId: 'TEAM-1-1', row: before.row, rowVersion: expect.any(String), current: 0.52, confidence: 0.7, note: 'Welcome email is live' }]);

    // The sheet: Current written, the Score column formula (in the header cell, still a formula)
    // recomputed by HyperFormula.
    const okrs = fake.sheetValues('OKRs');
    expect(okrs[before.row - 1]![column('current') - 1]).toBe(0.52);
    const headerRow = okrs.findIndex((r) => r[column('score') - 1] === 'Score') + 1;
    expect(headerRow).toBeGreaterThan(0);
    expect(fake.sheetFormulas('OKRs')[headerRow - 1]![column('score') - 1]).toMatch(/^=ARRAYFORMULA/);
    expect(okrs[before.row - 1]![column('score') - 1]).toBeCloseTo(expected, 9);
    expect(keyResult(fake, 'TEAM-1-1')).toMatchObject({ current: 0.52, confidence: 0.7 });

    // A new Check-ins row.
    const rows = checkinRows(fake);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row[checkinCol('krId')]).toBe('TEAM-1-1');
    expect(row[checkinCol('person')]).toBe('ana@example.com');
    expect(row[checkinCol('score')]).toBeCloseTo(expected, 9);
    expect(row[checkinCol('confidence')]).toBeCloseTo(0.7, 9);
    expect(row[checkinCol('note')]).toBe('Welcome email is live');

    // The refreshed data is on screen: the saved score and the check-in.
    await expect.poll(() => item.locator('.score .num').first().textContent()).toBe(expected.toFixed(2));
    await expect.poll(() => item.locator('.last').textContent()).toBe('Last check-in today by ana@example.com');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);

    // History: a second check-in, then the chart has a line through both points.
    await item.getByRole('button', { name: 'Check in' }).click();
    await item.getByLabel('Current value').fill('0.55');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved 1 key result.').waitFor();
    expect(session.callsTo('sidebarSave')).toHaveLength(2);
    expect(session.callsTo('sidebarLoad')).toHaveLength(1);
    await item.getByRole('button', { name: /^History/ }).click();
    const chart = item.locator('svg.chart');
    await chart.waitFor();
    expect(await chart.locator('circle').count()).toBe(2);
    expect(await chart.locator('path.line').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
    expect(await chart.locator('text').allTextContents()).toEqual(expect.arrayContaining(['0', '0.5', '1']));
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await item.locator('ol.checkins li').count()).toBe(2);
    expect(await item.locator('ol.checkins li').first().textContent()).toContain('52% → 55%'); // a rate, as the sheet types it (shared/number-format.ts)
  });

  it('links to the team’s page in the company view when Settings has a sync service URL, and not otherwise', async () => {
    fake = spreadsheetWithTeamOkrs({ ...Q1, team: 'Growth & Data', syncUrl: 'https://okr.example.com/api/' });
    session = await openSidebar(browser, site.url);
    const link = session.page.getByRole('link', { name: 'See Growth & Data in the company view ↗' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://okr.example.com/teams/Growth%20%26%20Data');
    // The sidebar is a sandboxed iframe: only _blank / _top links navigate.
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    await session.close();
    expect(session.consoleErrors).toEqual([]);
    fake.uninstall();

    fake = spreadsheetWithTeamOkrs(Q1);
    session = await openSidebar(browser, site.url);
    await session.page.getByRole('heading', { name: 'Delight new customers in their first week' }).waitFor();
    expect(await session.page.locator('a.company-link').count()).toBe(0);
  });

  it('on a conflict writes nothing, shows theirs vs mine, and lets the manager use theirs or keep mine', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    const kr = keyResult(fake, 'TEAM-1-3'); // milestone, Target 5
    session = await openSidebar(browser, site.url);
    const { page } = session;
    const item = krItem(session, 'TEAM-1-3');
    await item.getByRole('button', { name: 'Check in' }).click();
    await item.getByLabel('Milestones done').fill('2');

    // Someone else types 1 into Current while the sidebar is open.
    setCell(fake, 'OKRs', kr.row, column('current'), 1);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const panel = page.locator('.conflict');
    await panel.getByRole('heading', { name: 'Someone else changed the sheet' }).waitFor();
    expect(await panel.locator('tr', { hasText: 'Current' }).locator('td').allTextContents()).toEqual(['1', '2']);
    // Nothing was written.
    expect(fake.sheetValues('OKRs')[kr.row - 1]![column('current') - 1]).toBe(1);
    expect(checkinRows(fake)).toHaveLength(0);
    // Focus moved to the outcome, so keyboard users land on the choice.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('notice-slot');

    // Use theirs: the sheet's value shows, the draft is gone, nothing is sent.
    await panel.getByRole('button', { name: 'Use theirs' }).click();
    await page.getByText("Showing the sheet's current values.").waitFor();
    expect(await item.locator('.current').textContent()).toContain('1 of 5 done');
    expect(session.callsTo('sidebarSave')).toHaveLength(1);

    // Again, and this time keep mine: resent with force, written.
    await item.getByLabel('Milestones done').fill('3');
    setCell(fake, 'OKRs', kr.row, column('current'), 2);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByText('Saved 1 key result.').waitFor();
    const saves = session.callsTo('sidebarSave');
    expect(saves).toHaveLength(3);
    expect((saves[1]!.result as { reason?: string }).reason).toBe('conflict');
    expect((saves[2]!.args[0] as SaveRequest).force).toBe(true);
    expect(fake.sheetValues('OKRs')[kr.row - 1]![column('current') - 1]).toBe(3);
    expect(fake.sheetValues('OKRs')[kr.row - 1]![column('score') - 1]).toBeCloseTo(0.6, 9);
    const rows = checkinRows(fake);
    expect(rows).toHaveLength(1);
    expect(String(rows[0]![checkinCol('before')])).toBe('2');
    expect(String(rows[0]![checkinCol('after')])).toBe('3');
  });

  it('explains invalid input inline and refuses to save; shows the server refusing and a busy sheet', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    const noTarget = keyResult(fake, 'TEAM-1-3');
    setCell(fake, 'OKRs', noTarget.row, column('target'), ''); // Target blank: cannot be scored
    session = await openSidebar(browser, site.url);
    const { page } = session;

    const a = krItem(session, 'TEAM-1-1');
    await a.getByRole('button', { name: 'Check in' }).click();
    await a.getByLabel('Current value').fill('about half');
    const err = a.locator('.error');
    await expect.poll(() => err.allTextContents()).toEqual(['Enter a number']);
    expect(await a.getByLabel('Current value').getAttribute('aria-invalid')).toBe('true');
    expect(await a.getByLabel('Current value').getAttribute('aria-describedby')).toContain(await err.getAttribute('id'));
    await a.getByLabel('Confidence').fill('150');
    await expect.poll(() => err.allTextContents()).toEqual(['Enter a number', 'Confidence: enter 0–100%']);

    const c = krItem(session, 'TEAM-1-3');
    await c.getByRole('button', { name: 'Check in' }).click();
    await c.getByLabel('Milestones done').fill('2');
    await expect.poll(() => c.locator('.error').textContent()).toBe('Target is blank: this key result cannot be scored.');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Nothing was saved: fix the 2 key results marked below.').waitFor();
    expect(session.callsTo('sidebarSave')).toHaveLength(0);

    // Valid in the browser, but someone renamed the objective (so its key results' ids) meanwhile:
    // the server refuses, and the reason shows next to the field.
    await page.getByRole('button', { name: 'Discard' }).click();
    const manual = krItem(session, 'TEAM-2-2');
    const manualKr = keyResult(fake, 'TEAM-2-2');
    const objectiveRow = readTable(fake).objectives[1]!.row;
    const manualRow = manualKr.row;
    await manual.getByRole('button', { name: 'Check in' }).click();
    await manual.getByLabel('Your score').fill('60');
    setCell(fake, 'OKRs', objectiveRow, column('objectiveId'), 'TEAM-9');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Nothing was saved: the sheet refused 1 value/).waitFor();
    expect(await manual.locator('.error').textContent()).toMatch(/TEAM-2-2 is no longer on “OKRs”/);
    setCell(fake, 'OKRs', objectiveRow, column('objectiveId'), 'TEAM-2');

    // Busy: another execution holds the document lock. Nothing written; retry once it is free.
    fake.locks.holdByOther('document');
    await manual.getByLabel('Your score').fill('65');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const busy = page.locator('.notice.warn');
    await busy.getByText(/Nothing was saved\./).waitFor();
    expect(fake.sheetValues('OKRs')[manualRow - 1]![column('current') - 1]).toBe('');
    fake.locks.holdByOther('document', false);
    await busy.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('Saved 1 key result.').waitFor();
    expect(fake.sheetValues('OKRs')[manualRow - 1]![column('current') - 1]).toBeCloseTo(0.65, 9);
    expect(session.callsTo('sidebarSave').map((c) => (c.result as { ok: boolean; reason?: string }).reason ?? 'ok')).toEqual(['invalid', 'busy', 'ok']);
  });

  it('shows sheet text as text: a hostile title runs nothing and creates no element', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    const table = readTable(fake);
    const hostile = '<img src=x onerror=alert(1)>';
    setCell(fake, 'OKRs', table.objectives[0]!.row, column('objective'), hostile);
    setCell(fake, 'OKRs', table.objectives[0]!.keyResults[1]!.row, column('keyResult'), '<script>alert(2)</script> cut time to value');
    session = await openSidebar(browser, site.url);
    const { page } = session;
    await page.getByRole('heading', { name: hostile }).waitFor();
    expect(await page.getByText('<script>alert(2)</script> cut time to value').isVisible()).toBe(true);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    // Give an onerror handler the chance it must not get.
    await page.waitForTimeout(200);
    expect(session.dialogs).toEqual([]);
  });

  it('opens on the OKR tab when another tab is active, by the tab rule the service reads with', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    fake.setSheetValues('Budget', [['Item', 'Amount'], ['Laptops', 12000]]);
    fake.setActiveSheet('Budget');
    session = await openSidebar(browser, site.url);
    const { page } = session;
    await page.getByRole('heading', { name: 'Delight new customers in their first week' }).waitFor();
    expect(await page.locator('.head .meta').first().textContent()).toContain('OKRs');
  });

  it('says when the tab is not an OKR table, and inserts the team template from its button', async () => {
    // A spreadsheet with no OKR tab yet: the active tab is the one the sidebar judges.
    fake = createAppsScriptFake({ user: 'ana@example.com', spreadsheetName: 'Budget 2026' });
    fake.install();
    fake.properties.document.set(SETTINGS_PROPERTY, JSON.stringify({ ...Q1, mission: '', syncUrl: '' }));
    fake.setSheetValues('Budget', [['Item', 'Amount'], ['Laptops', 12000]]);
    fake.setActiveSheet('Budget');
    session = await openSidebar(browser, site.url);
    const { page } = session;
    await page.getByRole('heading', { name: '“Budget” is not an OKR table' }).waitFor();
    await page.getByRole('button', { name: 'Insert team OKR template' }).click();
    await page.getByRole('heading', { name: 'Delight new customers in their first week' }).waitFor();
    expect(session.calls.map((c) => c.name)).toEqual(['sidebarLoad', 'insertTeamOkrs', 'sidebarLoad']);
    // A new tab beside the existing ones (the add-on never overwrites a tab), now active.
    expect(fake.spreadsheet.getSheets().map((s) => s.getName())).toEqual(expect.arrayContaining(['Sheet1', 'Budget', 'OKRs', 'Check-ins']));
    expect(await page.locator('.head .meta').first().textContent()).toContain('OKRs');
  });

  it('works from the keyboard, with labelled inputs and a visible focus ring', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    session = await openSidebar(browser, site.url);
    const { page } = session;
    await page.locator('section.objective').first().waitFor();

    // Tab order reaches the first key result's disclosure buttons.
    const first = krItem(session, 'TEAM-1-1');
    const checkIn = first.getByRole('button', { name: 'Check in' });
    for (let i = 0; i < 20 && !(await checkIn.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await checkIn.evaluate((el) => el === document.activeElement)).toBe(true);
    const ring = await checkIn.evaluate((el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`);
    expect(ring).toMatch(/^solid [1-9]/);
    await page.keyboard.press('Enter');
    await first.getByLabel('Current value').waitFor();
    expect(await first.getByRole('button', { name: 'Hide check-in' }).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab'); // History
    await page.keyboard.press(' ');
    await first.locator('.history').waitFor();
    expect(await first.getByRole('button', { name: /^History/ }).getAttribute('aria-expanded')).toBe('true');
    // The tips of the objective being edited show, with their why.
    expect(await page.locator('section.objective').first().locator('.hints').count()).toBe(0);
    await page.keyboard.press('Tab'); // into the form: Current value
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe(await first.getByLabel('Current value').getAttribute('id'));
    await page.keyboard.type('0.6');
    await expect.poll(() => first.locator('.preview .num').textContent()).toBe('0.80');

    // Binary key results take yes/no as radio buttons.
    const binary = krItem(session, 'TEAM-2-1');
    await binary.getByRole('button', { name: 'Check in' }).click();
    await binary.getByRole('radio', { name: 'Yes' }).check();
    await expect.poll(() => binary.locator('.preview .num').textContent()).toBe('1.00');

    // Every input, textarea and radio has an accessible name from a <label for> (or aria-label).
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, select')]
        .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label')))
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('input, textarea').count()).toBeGreaterThanOrEqual(6);
  });

  it('on an example team workbook, shows the scores Sheets cached and teaches with the hints of the objective being edited', async () => {
    const file = new URL('../../examples/customer-success.xlsx', import.meta.url).pathname;
    const [sheets, cached] = await Promise.all([exampleWorkbookSheets(file), exampleWorkbookSheets(file, { cached: true })]);
    fake = createAppsScriptFake({ user: 'sofia@northwind.example', sheets });
    fake.install();
    fake.setActiveSheet('OKRs');
    session = await openSidebar(browser, site.url);
    const { page } = session;
    await page.locator('section.objective').first().waitFor();

    // The objective scores shown are the ones stored in the export (the formulas' cached results).
    const objectiveRows = readTable(fake).objectives.map((o) => o.row);
    const cachedScores = objectiveRows.map((row) => cached.OKRs![row - 1]![column('objectiveScore') - 1]);
    expect(cachedScores).toHaveLength(4);
    expect(cachedScores.every((x) => typeof x === 'number')).toBe(true);
    const shown = await page.locator('section.objective .obj-score .num').allTextContents();
    expect(shown).toEqual(cachedScores.map((x) => (x as number).toFixed(2)));

    // CS-2-3 has no Target: editing it brings up its objective's hint, with the why.
    const item = krItem(session, 'CS-2-3');
    const objective = page.locator('section.objective', { has: item });
    expect(await objective.locator('.hints').count()).toBe(0);
    await item.getByRole('button', { name: 'Check in' }).click();
    const hints = objective.locator('.hints li');
    await hints.first().waitFor();
    expect(await hints.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(WHY['not-measurable'])]));
    await objective.getByRole('button', { name: 'Hide tips' }).click();
    expect(await objective.locator('.hints').count()).toBe(0);
  });

  it('aborts and records any request that would leave 127.0.0.1 (the guard the other tests rely on)', async () => {
    fake = spreadsheetWithTeamOkrs(Q1);
    const s = await openSidebar(browser, site.url);
    await s.page.locator('section.objective').first().waitFor();
    const outcome = await s.page.evaluate(() => fetch('https://example.com/x').then(() => 'fetched', () => 'failed'));
    expect(outcome).toBe('failed');
    expect(s.blocked).toEqual(['https://example.com/x']);
    await s.close();
  });
});
