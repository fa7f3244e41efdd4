/// <reference types="google-apps-script" />
// Reading an OKR tab: one getDataRange().getValues(), its dates read in the spreadsheet's time
// zone, then the shared contract does the rest.
import { columnForHeader, columnLetter, type SheetColumnKey } from '../shared/columns.ts';
import { parseOkrTable } from '../shared/contract.ts';
import { findHeader, type HeaderMatch } from '../shared/header.ts';
import type { ParsedTable } from '../shared/schemas.ts';
import { OKR_TAB, pickTabs } from '../shared/tabs.ts';
import type { FormulaLocale } from '../shared/formulas.ts';
import { type Cell, numberLocale } from '../shared/values.ts';
import type { Range, Sheet, Spreadsheet } from './gas.ts';
import { spreadsheetTimeZone, wallClockGrid } from './zoned.ts';

export interface OkrTab {
  sheet: Sheet;
  name: string;
  /** The data range the grid was read from (row 1, column 1 onwards). */
  range: Range;
  /** As getValues() gave it, but with dates as their wall clock in the spreadsheet's time zone (see zoned.ts). */
  grid: Cell[][];
  /** The header row's columns; null when the tab holds no OKR table. */
  header: HeaderMatch<SheetColumnKey> | null;
  table: ParsedTable;
}

export function readOkrTab(sheet: Sheet, fallbackTeam?: string): OkrTab {
  const range = sheet.getDataRange();
  const grid = wallClockGrid(range.getValues() as Cell[][], spreadsheetTimeZone(sheet.getParent()));
  return okrTabFromGrid(sheet, range, grid, fallbackTeam);
}

export function okrTabFromGrid(sheet: Sheet, range: Range, grid: Cell[][], fallbackTeam?: string): OkrTab {
  const name = sheet.getName();
  const header = findHeader(grid, columnForHeader, ['objectiveId', 'keyResult']);
  // getValues() keeps each cell's type: text is text, as the template's formulas read it.
  const table = parseOkrTable(grid, fallbackTeam ? { tab: name, team: fallbackTeam, cells: 'typed' } : { tab: name, cells: 'typed' });
  return { sheet, name, range, grid, header, table };
}

/** 1-based sheet column of a key in this tab's header, if present. */
export function columnOf(header: HeaderMatch<SheetColumnKey>, key: SheetColumnKey): number | undefined {
  const i = header.columns[key];
  return i === undefined ? undefined : i + 1;
}

/** Column letters for the keys present in the header (for formulas that follow the tab's layout). */
export function headerLetters(header: HeaderMatch<SheetColumnKey>): Partial<Record<SheetColumnKey, string>> {
  const out: Partial<Record<SheetColumnKey, string>> = {};
  for (const [key, i] of Object.entries(header.columns) as [SheetColumnKey, number][]) out[key] = columnLetter(i);
  return out;
}

/** `base`, or `base (2)`, `base (3)`, … — the first name no tab has (Sheets compares names case-insensitively). */
export function freeSheetName(ss: Spreadsheet, base: string): string {
  const taken = new Set(ss.getSheets().map((s) => s.getName().toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Groups sorted 1-based column numbers into runs of adjacent columns: [start, width][]. */
export function columnRuns(columns: readonly number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else runs.push([c, 1]);
  }
  return runs;
}

/** The separators the spreadsheet's formulas use, from its locale (e.g. de_DE: `;` and `0,7`). */
export function formulaLocale(ss: Spreadsheet): FormulaLocale {
  return { decimal: numberLocale(ss.getSpreadsheetLocale())?.decimal ?? '.' };
}

/**
 * The OKR tab the sidebar works on, by the tab rule every reader shares (shared/tabs.ts): the
 * active tab when it is an OKR tab, else the workbook's last tab named as one (a new quarter's tab
 * is inserted after the one it continues), else the active tab, which then says whether it holds a
 * table (a workbook whose one table has another name still works from that tab).
 */
export function okrSheetFor(ss: Spreadsheet): Sheet {
  const active = ss.getActiveSheet();
  const tabs = okrSheets(ss);
  if (tabs.some((s) => s.getName() === active.getName())) return active;
  return tabs.filter((s) => OKR_TAB.test(s.getName())).pop() ?? active;
}

/** Every OKR tab of the workbook by the shared tab rule, in workbook order. */
export function okrSheets(ss: Spreadsheet): Sheet[] {
  const sheets = ss.getSheets();
  const { okr } = pickTabs(sheets.map((s) => s.getName()));
  return sheets.filter((s) => okr.includes(s.getName()));
}
