/// <reference types="google-apps-script" />
// "Repair formulas": rewrites Score, Objective Score and Grade for the tab's current layout (its
// own column order, objectives wherever they now are) with shared tableFormulas. One read, then
// one setFormulas per run of adjacent formula columns — two for the template's layout.
import { COLUMN_BY_KEY, COLUMN_KEYS, type ColumnKey } from '../shared/columns.ts';
import { type ColumnLetters, type TableFormulas, tableFormulas } from '../shared/formulas.ts';
import { cellText } from '../shared/values.ts';
import type { Sheet } from './gas.ts';
import { columnOf, columnRuns, headerLetters, readOkrTab } from './okr-sheet.ts';

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
const FORMULA_KEYS = ['score', 'objectiveScore', 'grade'] as const satisfies readonly (ColumnKey & keyof TableFormulas)[];

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
  const header = tab.header;
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
  const firstRow = tab.table.headerRow + 1;
  const lastRow = Math.max(firstRow, tab.grid.length);
  const idColumn = header.columns.objectiveId!;
  const objectiveRows: number[] = [];
  for (let r = firstRow; r <= lastRow; r++) if (cellText(tab.grid[r - 1]?.[idColumn]) !== '') objectiveRows.push(r);
  const formulas = tableFormulas(objectiveRows, firstRow, lastRow, letters);

  const byColumn = new Map(FORMULA_KEYS.map((k) => [columnOf(header, k)!, k]));
  for (const [start, width] of columnRuns([...byColumn.keys()])) {
    const keys = Array.from({ length: width }, (_, i) => byColumn.get(start + i)!);
    sheet.getRange(firstRow, start, formulas.length, width).setFormulas(formulas.map((f) => keys.map((k) => f[k])));
  }
  return {
    ok: true,
    tab: tab.name,
    firstRow,
    lastRow,
    objectives: objectiveRows.length,
  };
}
