/// <reference types="google-apps-script" />
// Start next quarter: a new OKR tab for the period after this one (title block stepped from the
// tab's period), holding the chosen objectives under new Objective IDs with their key results
// reset (shared/next-quarter.ts). The old tab is left as it is: it is the quarter's record.
import type { ColumnKey } from '../shared/columns.ts';
import { nextPeriod } from '../shared/next-period.ts';
import { carriedObjective, renumber } from '../shared/next-quarter.ts';
import type { Objective, Period } from '../shared/schemas.ts';
import { buildOkrTemplate, type TemplateGrid } from '../shared/template.ts';
import { withDocumentLock } from './document-lock.ts';
import type { Spreadsheet } from './gas.ts';
import { formulaLocale, okrSheets, readOkrTab } from './okr-sheet.ts';
import { periodFor } from './period.ts';
import { readSettings } from './settings.ts';
import type { NextQuarterRequest, NextQuarterResult } from './sidebar/closing-contract.ts';
import { asText } from './sidebar-server.ts';
import { EMPTY_ROWS, insertTemplateTab } from './template-tab.ts';

/** Typed by people: written as text, whatever they hold ("+1 deal", "007"). */
const TEXT_COLUMNS: readonly ColumnKey[] = ['objectiveId', 'objective', 'alignsTo', 'keyResult', 'type', 'owner', 'notes', 'kind'];

export function startNextQuarter(req: NextQuarterRequest): NextQuarterResult {
  if (!req || typeof req.sheetName !== 'string' || !Array.isArray(req.objectiveIds) || !req.objectiveIds.every((id) => typeof id === 'string')) {
    return { ok: false, message: 'The request is malformed: reload the sidebar.' };
  }
  return withDocumentLock(
    () => startLocked(SpreadsheetApp.getActiveSpreadsheet(), req),
    () => ({ ok: false, message: 'Someone else is saving to this spreadsheet right now. Try again in a few seconds — nothing was created.' }),
  );
}

function startLocked(ss: Spreadsheet, req: NextQuarterRequest): NextQuarterResult {
  const settings = readSettings();
  const sheet = ss.getSheetByName(req.sheetName);
  if (!sheet) return { ok: false, message: `The tab “${req.sheetName}” no longer exists: reload the sidebar.` };
  const tab = readOkrTab(sheet, settings.team || undefined);
  const { table } = tab;
  if (!tab.header) return { ok: false, message: `“${tab.name}” holds no OKR table.` };
  const period = periodFor(table, settings);
  if (!period) return { ok: false, message: `“${tab.name}” has no Start and End in its title block (nor in Settings): the next period is counted from them.` };
  const wanted = new Set(req.objectiveIds);
  const chosen = table.objectives.filter((o) => wanted.has(o.id));
  const unknown = req.objectiveIds.filter((id) => !table.objectives.some((o) => o.id === id));
  if (unknown.length) return { ok: false, message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} no longer on “${tab.name}”: reload the sidebar.` };

  const next = nextPeriod(period);
  const ids = renumber(
    chosen.map((o) => o.id),
    takenIds(ss, sheet.getName(), table.objectives, settings.team || undefined),
  );
  const template = nextTemplate(table.isCompany, table.meta.team ?? table.team, table.meta.mission, next, chosen, ids, ss);
  const created = insertTemplateTab(ss, table.isCompany ? 'company' : 'team', template, formulaLocale(ss), sheet);
  return { ok: true, sheetName: created.getName(), period: next, copied: chosen.map((o) => ({ from: o.id, to: ids.get(o.id) as string })) };
}

/** Objective IDs in use on every OKR tab: one whole-range read per other OKR tab, none per row. */
function takenIds(ss: Spreadsheet, current: string, own: readonly Objective[], team: string | undefined): string[] {
  const ids = own.map((o) => o.id);
  // Every OKR tab by the tab rule the service reads them with (shared/tabs.ts).
  for (const other of okrSheets(ss)) {
    if (other.getName() === current) continue;
    ids.push(...readOkrTab(other, team).table.objectives.map((o) => o.id));
  }
  return ids;
}

function nextTemplate(
  isCompany: boolean,
  team: string,
  mission: string | undefined,
  next: Period,
  chosen: readonly Objective[],
  ids: ReadonlyMap<string, string>,
  ss: Spreadsheet,
): TemplateGrid {
  const t = buildOkrTemplate({
    locale: formulaLocale(ss),
    level: isCompany ? 'company' : 'team',
    team: asText(team),
    period: asText(next.label ?? ''),
    start: next.start,
    end: next.end,
    ...(isCompany && mission ? { mission: asText(mission) } : {}),
    objectives: chosen.map((o) => carriedObjective(o, ids.get(o.id) as string)),
    emptyRows: EMPTY_ROWS,
  });
  // Free text is written as text (setValues would read "+1 deal" as a formula, "007" as 7).
  const textColumns = TEXT_COLUMNS.map((k) => t.columns.indexOf(k));
  for (let r = t.firstDataRow; r <= t.lastRow; r++) {
    const row = t.values[r - 1]!;
    for (const c of textColumns) {
      const v = row[c];
      if (typeof v === 'string' && v !== '') row[c] = asText(v);
    }
  }
  return t;
}
