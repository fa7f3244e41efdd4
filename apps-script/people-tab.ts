/// <reference types="google-apps-script" />
// "List owners for reminders": the People tab (Owner | Email) the sync service reads to send each
// owner their weekly check-in reminder. It is created if missing, and every owner named on the
// OKR tabs who has no row yet gets one with a blank Email for someone to fill in. Rows already
// there are never rewritten: one whole-range read per tab, one write of the new rows.
import { DEFAULT_PEOPLE_TAB, PEOPLE_COLUMNS } from '../shared/columns.ts';
import { ownersMissingFromPeople, peopleHeader } from '../shared/people.ts';
import { pickTabs } from '../shared/tabs.ts';
import type { Cell } from '../shared/values.ts';
import { withDocumentLock } from './document-lock.ts';
import type { Sheet, Spreadsheet } from './gas.ts';
import { okrSheets, readOkrTab } from './okr-sheet.ts';
import { readSettings } from './settings.ts';
import { asText } from './sidebar-server.ts';
import { HEADER_BACKGROUND } from './style.ts';

export interface PeopleTabResult {
  ok: boolean;
  tab: string;
  /** The owners given a row by this run, in sheet order. */
  added: string[];
  message: string;
}

const WIDTHS = [200, 280];

export function listOwnersForReminders(): PeopleTabResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const result = withDocumentLock(
    () => updatePeopleTab(ss),
    () => ({ ok: false, tab: DEFAULT_PEOPLE_TAB, added: [], message: 'Someone else is saving to this spreadsheet right now. Try again in a few seconds — nothing was changed.' }),
  );
  ss.toast(result.message, 'OKR reminders', 10);
  return result;
}

export function updatePeopleTab(ss: Spreadsheet): PeopleTabResult {
  const team = readSettings().team || undefined;
  const tables = okrSheets(ss).map((s) => readOkrTab(s, team).table);
  const existing = peopleSheet(ss);
  const sheet = existing ?? ss.insertSheet(DEFAULT_PEOPLE_TAB, ss.getNumSheets());
  const name = sheet.getName();
  const grid = existing ? (sheet.getDataRange().getValues() as Cell[][]) : [];
  const header = peopleHeader(grid);
  if (header === null) {
    return { ok: false, tab: name, added: [], message: `“${name}” has no Owner and Email header row: add one (Owner in one column, Email in another) and run this again. Nothing was changed.` };
  }
  if (header === 'empty') writeHeader(sheet);
  const missing = ownersMissingFromPeople(tables, grid);
  if (missing.length > 0) {
    // Below the last row with content (a fresh tab: below the header), in the header's own columns.
    const at = header === 'empty' ? { row: 0, owner: 0 } : header;
    const first = Math.max(at.row + 1, lastFilledRow(grid)) + 1;
    // Only the Owner column's cells are written: the Email cells and any others stay as they are.
    // A name is written as text whatever it looks like ("+1 team", "=x", "007") by a leading
    // apostrophe, which only a cell in the automatic format drops (a plain-text cell keeps it as
    // part of the name, and makes no text of "=x").
    sheet
      .getRange(first, at.owner + 1, missing.length, 1)
      .setNumberFormat('General')
      .setValues(missing.map((owner) => [asText(owner)]));
  }
  ss.setActiveSheet(sheet);
  const listed = missing.length === 1 ? `${missing[0]} was added` : `${missing.length} owners were added`;
  return {
    ok: true,
    tab: name,
    added: missing,
    message: missing.length > 0 ? `${listed} to “${name}”: fill in each e-mail address so the weekly reminder reaches them.` : `Every owner on the OKR tabs is listed in “${name}” already.`,
  };
}

/** The People tab by the tab rule the service reads it with (shared/tabs.ts). */
function peopleSheet(ss: Spreadsheet): Sheet | null {
  const { people } = pickTabs(ss.getSheets().map((s) => s.getName()));
  return people ? ss.getSheetByName(people) : null;
}

/** 1-based row of the last row holding anything (0 for none). */
function lastFilledRow(grid: readonly (readonly Cell[])[]): number {
  for (let r = grid.length - 1; r >= 0; r--) if ((grid[r] ?? []).some((c) => c !== '' && c !== null && c !== undefined)) return r + 1;
  return 0;
}

function writeHeader(sheet: Sheet): void {
  sheet
    .getRange(1, 1, 1, PEOPLE_COLUMNS.length)
    .setValues([PEOPLE_COLUMNS.map((c) => c.header)])
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND);
  sheet.setFrozenRows(1);
  WIDTHS.forEach((w, i) => {
    sheet.setColumnWidth(i + 1, w);
  });
}
