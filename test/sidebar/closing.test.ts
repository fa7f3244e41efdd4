// The Close the quarter sidebar in real Chromium: the one Sidebar.html with the view element the
// menu item appends (menu.ts), google.script.run → the add-on's real closingLoad/closingSave/
// startNextQuarter → the fake spreadsheet.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_ELEMENT_ID } from '../../apps-script/menu.ts';
import { buildSidebarHtml } from '../../apps-script/sidebar/build.ts';
import type { ClosingSaveRequest } from '../../apps-script/sidebar/closing-contract.ts';
import type { AppsScriptFake } from '../fakes/apps-script/index.ts';
import { column, launchChromium, openSidebar, readTable, type SidebarSession, serveSidebar, setCell, spreadsheetWithTeamOkrs } from './harness.ts';

const Q1 = { team: 'Growth', period: '2026 Q1', start: '2026-01-01', end: '2026-03-31' };

let browser: Browser;
let html: string;
let fake: AppsScriptFake | undefined;
let session: SidebarSession | undefined;
let site: Awaited<ReturnType<typeof serveSidebar>> | undefined;

beforeAll(async () => {
  [browser, html] = await Promise.all([launchChromium(), buildSidebarHtml()]);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  const s = session;
  session = undefined;
  fake?.uninstall();
  fake = undefined;
  await site?.close();
  site = undefined;
  if (!s) return;
  await s.close();
  expect(s.blocked).toEqual([]);
  expect(s.consoleErrors).toEqual([]);
});

/** As openClosingSidebar / openNextQuarterSidebar serve it: the bundle, then the view element. */
async function open(view: 'close' | 'next'): Promise<SidebarSession> {
  site = await serveSidebar(`${html}<div id="${VIEW_ELEMENT_ID}" data-view="${view}" hidden></div>`);
  return openSidebar(browser, site.url, { height: 1200 });
}

/** TEAM-1 part done (red), TEAM-2 done (green). */
function scoredTeam(): AppsScriptFake {
  const f = spreadsheetWithTeamOkrs(Q1);
  setCell(f, 'OKRs', 7, column('current'), 0.5);
  setCell(f, 'OKRs', 9, column('current'), 3);
  setCell(f, 'OKRs', 10, column('current'), 'yes');
  setCell(f, 'OKRs', 11, column('current'), 1);
  return f;
}

describe('Close the quarter sidebar in Chromium', () => {
  it('grades and reflects: confirms the live score, writes learning and carry on into new columns of the tab', async () => {
    fake = scoredTeam();
    session = await open('close');
    const { page } = session;
    const first = page.locator('section.grade[data-objective="TEAM-1"]');
    await first.getByRole('heading', { name: 'Delight new customers in their first week' }).waitFor();
    expect(session.callsTo('sidebarLoad')).toHaveLength(0);
    const live = readTable(fake).objectives[0]!.score!;
    // The final score starts as the live score, to confirm or adjust.
    expect(await first.getByLabel('Final score (0–1)').inputValue()).toBe(String(Math.round(live * 100) / 100));
    await first.getByLabel('Final score (0–1)').fill('35%');
    await first.getByLabel('What we learned').fill('=HYPERLINK("x") onboarding calls beat docs');
    const second = page.locator('section.grade[data-objective="TEAM-2"]');
    await second.getByLabel('Final score (0–1)').fill('1.4');
    await expect.poll(() => second.locator('.error').textContent()).toContain('A score from 0 to 1');
    await page.getByRole('button', { name: 'Save grades' }).click();
    await page.getByText('Nothing was saved: the final score of TEAM-2').waitFor();
    expect(session.callsTo('closingSave')).toHaveLength(0);

    await second.getByLabel('Final score (0–1)').fill('1');
    await second.getByLabel('Carries on next quarter').uncheck();
    await page.getByRole('button', { name: 'Save grades' }).click();
    await page.getByText('Saved the grades of 2 objectives. Added the Final Score, Learning, Carry On columns to the tab.').waitFor();
    const req = session.callsTo('closingSave')[0]!.args[0] as ClosingSaveRequest;
    expect(req.grades.map((g) => [g.objectiveId, g.finalScore, g.learning, g.carryOn])).toEqual([
      ['TEAM-1', 0.35, '=HYPERLINK("x") onboarding calls beat docs', true],
      ['TEAM-2', 1, '', false],
    ]);
    const table = readTable(fake);
    expect(table.problems).toEqual([]);
    expect(table.objectives.map((o) => [o.finalScore, o.learning, o.carryOn])).toEqual([
      [0.35, '=HYPERLINK("x") onboarding calls beat docs', true],
      [1, '', false],
    ]);
    // Text, not a formula.
    expect(fake.sheetFormulas('OKRs')[6]![19]).toBe('');
  }, 60_000);

  it('starts next quarter from the menu item: not-green objectives ticked, one click makes the next tab', async () => {
    fake = scoredTeam();
    session = await open('next');
    const { page } = session;
    const create = page.getByRole('button', { name: 'Create the 2026 Q2 tab (1 objective)' });
    await create.waitFor();
    expect(await page.locator('[data-choose="TEAM-1"] input').isChecked()).toBe(true);
    expect(await page.locator('[data-choose="TEAM-2"] input').isChecked()).toBe(false);
    await create.click();
    await page.getByText('Created “OKRs (2)” for 2026 Q2: Apr 1 – Jun 30: TEAM-1 → TEAM-3. It is the active tab now.').waitFor();
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe('OKRs (2)');
    expect(readTable(fake, 'OKRs (2)').objectives.map((o) => o.id)).toEqual(['TEAM-3']);
    expect(readTable(fake, 'OKRs (2)').meta).toMatchObject({ period: '2026 Q2', start: '2026-04-01', end: '2026-06-30' });
  }, 60_000);
});
