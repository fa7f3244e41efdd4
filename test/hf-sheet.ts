// Test helper: load a grid (values and "=formulas") into HyperFormula, configured and patched as the
// Apps Script fake configures it for Google Sheets, and read it back the way getValues() would
// (formula results, '' for empty cells and "" results, dates as Dates).
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { dateToSerial, serialToDate, type Cell } from '../shared/values.ts';
import { sheetsFunctionPlugins } from './fakes/apps-script/sheets-functions.ts';

export interface GridOptions {
  sheetName?: string;
  /** Comma-decimal locales (de_DE) write `;` between arguments and `0,7` (localizeFormula). */
  decimal?: '.' | ',';
  /** Rows in the sheet below the grid, empty (Sheets' grid has 1000 rows; open ranges reach its end). */
  spareRows?: number;
}

/**
 * What a typed cell holds, without re-parsing: text stays text ("'" prefix, so `1,200` or `TRUE`
 * is never read as a number or a boolean), a Date becomes its serial, numbers and booleans stay.
 */
export function cellContent(c: Cell): RawCellContent {
  if (c === undefined || c === null || c === '') return null;
  if (c instanceof Date) return dateToSerial(c);
  if (typeof c === 'string' && !c.startsWith('=')) return `'${c}`;
  return c;
}

/** Open-ended ranges (`K7:K`) closed at the sheet's last row, as the Apps Script fake does. */
export function closeOpenRanges(formula: string, lastRow: number): string {
  return formula.replace(/(?<![A-Za-z0-9_$.])(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3})(?![A-Za-z0-9_$(!.:])/g, `$1:$2${lastRow}`);
}

export function evaluateGrid(grid: readonly (readonly Cell[])[], opts: GridOptions | string = {}): { values: Cell[][]; hf: HyperFormula; sheet: number; dateCells: Set<string> } {
  const o: GridOptions = typeof opts === 'string' ? { sheetName: opts } : opts;
  const comma = o.decimal === ',';
  const hf = HyperFormula.buildEmpty({
    licenseKey: 'gpl-v3',
    evaluateNullToZero: false,
    functionArgSeparator: comma ? ';' : ',',
    decimalSeparator: comma ? ',' : '.',
    thousandSeparator: '',
    arrayColumnSeparator: comma ? ';' : ',',
    arrayRowSeparator: comma ? '|' : ';',
    smartRounding: false,
    functionPlugins: sheetsFunctionPlugins(),
  });
  const name = hf.addSheet(o.sheetName ?? 'OKRs');
  const sheet = hf.getSheetId(name)!;
  const lastRow = grid.length + (o.spareRows ?? 0);
  const dateCells = new Set<string>();
  hf.setSheetContent(
    sheet,
    grid.map((row, r) =>
      row.map((c, col) => {
        if (c instanceof Date) dateCells.add(`${r},${col}`);
        const content = cellContent(c);
        return typeof content === 'string' && content.startsWith('=') ? closeOpenRanges(content, lastRow) : content;
      }),
    ),
  );
  return { values: readValues(hf, sheet, dateCells), hf, sheet, dateCells };
}

/** The sheet's values; cells in `dateCells` ("row,col", 0-based) come back as Dates, like getValues(). */
export function readValues(hf: HyperFormula, sheet: number, dateCells: ReadonlySet<string> = new Set()): Cell[][] {
  return hf.getSheetValues(sheet).map((row, r) =>
    row.map((v, c) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'object') return (v as { value: string }).value; // a formula error, e.g. #VALUE!
      if (typeof v === 'number' && dateCells.has(`${r},${c}`)) return serialToDate(v);
      return v as Cell;
    }),
  );
}

/**
 * Row edits on a raw grid (values and formulas), with every A1 reference moved as a spreadsheet
 * moves it. HyperFormula refuses to insert rows through a spilled array ("Cannot move cell"), which
 * Sheets allows, so edit scenarios edit the grid and evaluate it afresh.
 */
export function insertRows(grid: Cell[][], index: number, count = 1): Cell[][] {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const moved = grid.map((row) => row.map((c) => shiftFormula(c, index + 1, count)));
  moved.splice(index, 0, ...Array.from({ length: count }, () => new Array<Cell>(width).fill(null)));
  return moved;
}

export function deleteRows(grid: Cell[][], index: number, count = 1): Cell[][] {
  const kept = grid.filter((_, r) => r < index || r >= index + count);
  return kept.map((row) => row.map((c) => shiftFormula(c, index + count + 1, -count)));
}

/** References to rows at or below `fromRow` (1-based) move by `by` rows; text in quotes is kept. */
function shiftFormula(c: Cell, fromRow: number, by: number): Cell {
  if (typeof c !== 'string' || !c.startsWith('=')) return c;
  return c
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![A-Za-z0-9_.])(\$?[A-Z]{1,3}\$?)(\d+)/g, (_m, colPart: string, row: string) => `${colPart}${Number(row) >= fromRow ? Number(row) + by : row}`)))
    .join('');
}
