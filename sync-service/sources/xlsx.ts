// An .xlsx as cell grids, the way Sheets' getValues() would give them: formulas as their cached
// results, rich text and links as plain text, errors as `#VALUE!`-style text, dates as Date.
//
// Bounded: ExcelJS expands every range it meets into cells (defined names, data validations, merges),
// so `<dataValidation sqref="A1:XFD1048576">` or a print area over the whole sheet costs minutes and
// gigabytes. Before ExcelJS sees the package, its sizes are checked and the workbook's defined names
// are dropped; of each worksheet only the cells are parsed (merged cells then read blank except the
// first, as in Sheets); and the grid is built from the cells that exist, inside the row and column
// bounds — a cell at XFD2000 is one cell left out with a warning, not 33 million walked.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { columnLetter } from '../../shared/columns.ts';
import type { Cell } from '../../shared/values.ts';
import { BoundError, DEFAULT_READ_BOUNDS, mb, type ReadBounds } from './bounds.ts';
import type { ReadNote, TabGrid, WorkbookGrids } from './grids.ts';
import { pickTabs, skippedTabsMessage } from './tabs.ts';

/** Every worksheet part ExcelJS knows except the cells (see its WorkSheetXform map). */
const IGNORED_SHEET_NODES = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'mergeCells',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

type Bounds = Pick<ReadBounds, 'maxRows' | 'maxColumns' | 'maxUnzippedBytes'>;

export async function readXlsx(bytes: Buffer | Uint8Array, bounds: Bounds = DEFAULT_READ_BOUNDS, fileName = 'the workbook'): Promise<WorkbookGrids> {
  const wb = new ExcelJS.Workbook();
  const pkg = await boundedPackage(bytes, bounds);
  try {
    // ExcelJS's typings want its own Buffer type; a Node Buffer is what it reads.
    await wb.xlsx.load(pkg as unknown as ExcelJS.Buffer, {
      ignoreNodes: IGNORED_SHEET_NODES,
      // Record counts (not addresses): more row records, or cells in one row, than the bounds.
      maxRows: bounds.maxRows,
      maxCols: bounds.maxColumns,
    } as never);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const count = /^Max (row|column|\w+) count \((\d+)\) exceeded/.exec(detail);
    if (count) {
      throw new BoundError(
        count[1] === 'column' ? `a row holds more than ${bounds.maxColumns} cells (the column bound)` : `a sheet holds more than ${bounds.maxRows} rows (the row bound)`,
      );
    }
    throw new Error('not a readable .xlsx workbook (still being saved, an old .xls renamed, or damaged)', { cause: detail });
  }
  const sheets = wb.worksheets;
  const { okr, checkins, people, skipped } = pickTabs(sheets.map((s) => s.name));
  const notes: ReadNote[] = [];
  if (skipped.length > 0) notes.push({ code: 'too-many-tabs', tab: skipped[0] as string, message: skippedTabsMessage(fileName, skipped) });
  const grid = (name: string | null): TabGrid | null => {
    const ws = name === null ? undefined : sheets.find((s) => s.name === name);
    return ws ? { tab: ws.name, grid: worksheetGrid(ws, bounds, notes) } : null;
  };
  const okrGrids = okr.map(grid).filter((g): g is TabGrid => g !== null);
  return { okr: okrGrids, checkins: grid(checkins), people: grid(people), notes };
}

/**
 * The package as ExcelJS will read it: not a zip bomb (the unzipped sizes its directory declares are
 * within the bound) and without the workbook's defined names (print areas, named ranges), which
 * ExcelJS would expand cell by cell.
 */
async function boundedPackage(bytes: Buffer | Uint8Array, bounds: Bounds): Promise<Uint8Array> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    // JSZip's own wording ("Can't find end of central directory…") means nothing to people.
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error('not a readable .xlsx workbook (still being saved, an old .xls renamed, or damaged)', { cause: detail });
  }
  let unzipped = 0;
  for (const f of Object.values(zip.files)) unzipped += (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (unzipped > bounds.maxUnzippedBytes) {
    throw new BoundError(`it unzips to ${mb(unzipped)}, more than ${mb(bounds.maxUnzippedBytes)} (the bound for one workbook)`);
  }
  const book = zip.file(/^\/?xl\/workbook\.xml$/)[0];
  if (!book) return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const xml = await book.async('string');
  const stripped = xml.replace(/<(\w+:)?definedNames\b[^>]*\/>|<(\w+:)?definedNames\b[\s\S]*?<\/(\w+:)?definedNames>/g, '');
  if (stripped === xml) return bytes;
  zip.file(book.name, stripped);
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

function worksheetGrid(ws: ExcelJS.Worksheet, bounds: Bounds, notes: ReadNote[]): Cell[][] {
  const rows: Cell[][] = [];
  let beyond: { count: number; first: string } | null = null;
  const outside = (row: number, col: number) => {
    if (beyond) beyond.count++;
    else beyond = { count: 1, first: `${columnLetter(col - 1)}${row}` };
  };
  // Only the cells there are: a stray far-away cell costs nothing. Rows that exist (even holding
  // only formatting) are kept, as Sheets' data range keeps them.
  const last = Math.min(ws.rowCount, bounds.maxRows);
  let present = 0;
  for (let r = 1; r <= last; r++) {
    const row = ws.findRow(r);
    const cells: Cell[] = [];
    if (row) {
      present = r;
      for (const [col, value] of rowValues(row)) {
        if (col <= bounds.maxColumns) cells[col - 1] = value;
        else if (value !== null) outside(r, col);
      }
    }
    rows.push(Array.from(cells, (v) => v ?? null));
  }
  rows.length = present;
  ws.eachRow((row, r) => {
    if (r > last) for (const [col, value] of rowValues(row)) if (value !== null) outside(r, col);
  });
  const grid = rows;
  if (beyond) {
    const b = beyond as { count: number; first: string };
    notes.push({
      code: 'beyond-bounds',
      tab: ws.name,
      message: `${b.count} cell(s) lie beyond the ${bounds.maxRows} rows × ${bounds.maxColumns} columns (${columnLetter(bounds.maxColumns - 1)}) that are read, first ${b.first}; they were left out`,
    });
  }
  return grid;
}

/**
 * The cells a row holds, as [column, value]. ExcelJS keeps them in a sparse array whose length is
 * the last column: its eachCell() walks every index (16,384 for a cell at XFD), `for…in` only the
 * cells there are.
 */
function* rowValues(row: ExcelJS.Row): Generator<[number, Cell]> {
  const cells = (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells;
  if (!Array.isArray(cells)) {
    const out: [number, Cell][] = [];
    row.eachCell((cell, col) => out.push([col, cellValue(cell)]));
    yield* out;
    return;
  }
  for (const key in cells) {
    const cell = cells[key as unknown as number];
    if (cell) yield [Number(key) + 1, cellValue(cell)];
  }
}

/**
 * A cell's value; for a formula, its cached result. ExcelJS's `cell.value` copy drops falsy members,
 * so a formula that computed 0, FALSE or "" would read as blank; `cell.result` keeps them.
 */
function cellValue(cell: ExcelJS.Cell): Cell {
  if (cell.type !== ExcelJS.ValueType.Formula) return excelValue(cell.value);
  const result: unknown = cell.result;
  return result === undefined ? null : excelValue(result);
}

/** One ExcelJS cell value as the plain value Sheets would show. */
export function excelValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if ('error' in o && typeof o.error === 'string') return o.error;
  if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? excelValue(o.result) : null;
  if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((t) => String(t.text ?? '')).join('');
  if ('hyperlink' in o || 'text' in o) return textOf(o.text ?? o.hyperlink);
  return null;
}

function textOf(v: unknown): string {
  const x = excelValue(v);
  return x === null || x === undefined ? '' : x instanceof Date ? x.toISOString() : String(x);
}
