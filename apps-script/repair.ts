/// <reference types="google-apps-script" />
// "Repair formulas": rewrites the Score, Objective Score and Grade column formulas for the tab's
// current layout (its own column order, wherever its header now is) with shared
// sheetsColumnFormulas, in the spreadsheet's locale syntax, and clears what was typed below them
// (a typed value stops an array formula filling its column). Tabs made with per-row formulas by an
// earlier version move to the column formulas. One read, then one setValues per run of adjacent
// formula columns — two for the template's layout.
import { COLUMN_BY_KEY, COLUMN_KEYS, type ColumnKey, type SheetColumnKey } from '../shared/columns.ts';
import { type ColumnFormulas, type ColumnLetters, localizeFormula, sheetsColumnFormulas } from '../shared/formulas.ts';
import type { HeaderMatch } from '../shared/header.ts';
import type { Sheet, Value } from './gas.ts';
import { columnOf, columnRuns, formulaLocale, headerLetters, readOkrTab } from './okr-sheet.ts';

export type RepairResult =
  | {
      ok: true;
      tab: string;
      firstRow: number;
      lastRow: number;
      objectives: number;
    }
  | { ok: false; tab: string; message: string };

/** Every column the formulas read or write. */
const NEEDED: readonly ColumnKey[] = ['objectiveId', 'keyResult', 'type', 'start', 'target', 'current', 'weight', 'score', 'kind', 'objectiveScore', 'grade'];
const FORMULA_KEYS = ['score', 'objectiveScore', 'grade'] as const satisfies readonly (ColumnKey & keyof ColumnFormulas)[];

export function repairFormulas(): RepairResult {
  const result = repairSheetFormulas(SpreadsheetApp.getActiveSpreadsheet().getActiveSheet());
  SpreadsheetApp.getUi().alert(
    result.ok ? `Formulas rewritten on “${result.tab}”, rows ${result.firstRow}–${result.lastRow} (${result.objectives} objective(s)).` : result.message,
  );
  return result;
}

export function repairSheetFormulas(sheet: Sheet): RepairResult {
  const tab = readOkrTab(sheet);
  if (!tab.header || tab.table.headerRow === null) {
    return {
      ok: false,
      tab: tab.name,
      message: `“${tab.name}” holds no OKR table: open an OKR tab and try again.`,
    };
  }
  const header = withBrokenFormulaColumns(sheet, tab.header);
  const missing = NEEDED.filter((k) => header.columns[k] === undefined);
  if (missing.length) {
    return {
      ok: false,
      tab: tab.name,
      message: `“${tab.name}” has no ${missing.map((k) => COLUMN_BY_KEY[k].header).join(', ')} column(s); the formulas need them.`,
    };
  }
  const present = headerLetters(header);
  // Columns the formulas never mention can be anything; they must just be there for the type.
  const letters = Object.fromEntries(COLUMN_KEYS.map((k) => [k, present[k] ?? 'A'])) as ColumnLetters;
  const headerRow = tab.table.headerRow;
  const lastRow = Math.max(headerRow + 1, tab.grid.length);
  const locale = formulaLocale(SpreadsheetApp.getActiveSpreadsheet());
  const english = sheetsColumnFormulas(headerRow, letters);

  const byColumn = new Map(FORMULA_KEYS.map((k) => [columnOf(header, k)!, k]));
  for (const [start, width] of columnRuns([...byColumn.keys()])) {
    const keys = Array.from({ length: width }, (_, i) => byColumn.get(start + i)!);
    const block: Value[][] = [keys.map((k) => localizeFormula(english[k], locale))];
    for (let r = headerRow + 1; r <= lastRow; r++) block.push(keys.map(() => ''));
    sheet.getRange(headerRow, start, block.length, width).setValues(block);
  }
  return {
    ok: true,
    tab: tab.name,
    firstRow: headerRow + 1,
    lastRow,
    objectives: tab.table.objectives.length,
  };
}

/**
 * A column formula whose results are blocked (something typed below it) shows an error instead of
 * its header, so the header row lacks that column. The formula itself still names its header in
 * quotes: find the column by it (one more read, only when a formula column is missing).
 */
function withBrokenFormulaColumns(sheet: Sheet, header: HeaderMatch<SheetColumnKey>): HeaderMatch<SheetColumnKey> {
  const lost = FORMULA_KEYS.filter((k) => header.columns[k] === undefined);
  if (lost.length === 0) return header;
  const formulas = sheet.getRange(header.index + 1, 1, 1, sheet.getLastColumn()).getFormulas()[0] ?? [];
  const columns = { ...header.columns };
  for (const key of lost) {
    const i = formulas.findIndex((f, c) => f.includes(`"${COLUMN_BY_KEY[key].header}"`) && !Object.values(columns).includes(c));
    if (i >= 0) columns[key] = i;
  }
  return { ...header, columns };
}
