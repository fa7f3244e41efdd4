// Reading the examples back, the way a folder-of-workbooks source would: `.xlsx` (OKRs tab +
// Check-ins tab; formula cells by their cached result) and `.csv` (one OKR table; a team's
// Check-ins tab downloaded alongside it as `<name>.checkins.csv`). Team = the sheet's `Team:`
// metadata, else the file name.
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { parseCheckins } from '../../shared/checkins.ts';
import { DEFAULT_CHECKINS_TAB, DEFAULT_OKR_TAB } from '../../shared/columns.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import type { CheckIn, ParsedTable, Problem } from '../../shared/schemas.ts';
import type { Cell } from '../../shared/values.ts';

export const CHECKINS_CSV_SUFFIX = '.checkins.csv';

export interface WorkbookRead {
  file: string;
  table: ParsedTable;
  checkins: CheckIn[];
  /** Problems of the Check-ins tab (the table's own are in table.problems). */
  checkinProblems: Problem[];
}

/** A worksheet as a grid of plain cells. Formula cells give their cached result (`cell.result`: `cell.value.result` drops a 0). */
export function worksheetGrid(ws: ExcelJS.Worksheet): Cell[][] {
  const grid: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(plainCell(row.getCell(c)));
    grid.push(cells);
  }
  return grid;
}

function plainCell(cell: ExcelJS.Cell): Cell {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const result = cell.result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && 'error' in result) return String(result.error);
    return result as Cell;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  return cell.text;
}

export function csvGrid(text: string): Cell[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/** ExcelJS's types want an ArrayBuffer-like: the file's own bytes, not Node's shared pool. */
export function arrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export async function readXlsx(path: string): Promise<WorkbookRead> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(await readFile(path)));
  const file = basename(path);
  const okrs = wb.getWorksheet(DEFAULT_OKR_TAB) ?? wb.worksheets[0];
  const table = parseOkrTable(okrs ? worksheetGrid(okrs) : [], { team: basename(path, extname(path)), tab: okrs?.name ?? DEFAULT_OKR_TAB, cells: 'typed' });
  const tab = wb.getWorksheet(DEFAULT_CHECKINS_TAB);
  const { checkins, problems } = tab ? parseCheckins(worksheetGrid(tab), { team: table.team, tab: tab.name }) : { checkins: [], problems: [] };
  return { file, table, checkins, checkinProblems: problems };
}

export async function readCsv(path: string): Promise<WorkbookRead> {
  const file = basename(path);
  const name = basename(path, '.csv');
  const table = parseOkrTable(csvGrid(await readFile(path, 'utf8')), { team: name, tab: DEFAULT_OKR_TAB });
  const companion = join(path, '..', `${name}${CHECKINS_CSV_SUFFIX}`);
  const text = await readFile(companion, 'utf8').catch(() => null);
  const { checkins, problems } = text === null ? { checkins: [], problems: [] } : parseCheckins(csvGrid(text), { team: table.team, tab: DEFAULT_CHECKINS_TAB });
  return { file, table, checkins, checkinProblems: problems };
}

/** Every workbook in a folder (a `<name>.checkins.csv` belongs to `<name>.csv`), in file-name order. */
export async function readFolder(dir: string): Promise<WorkbookRead[]> {
  const names = (await readdir(dir)).sort();
  const out: WorkbookRead[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (name.startsWith('~$') || name.startsWith('.')) continue;
    if (name.endsWith('.xlsx')) out.push(await readXlsx(path));
    else if (name.endsWith('.csv') && !name.endsWith(CHECKINS_CSV_SUFFIX)) out.push(await readCsv(path));
  }
  return out;
}
