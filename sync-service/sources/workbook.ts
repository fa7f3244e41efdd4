// Workbook files → cell grids the shared contract reads. An .xlsx gives its OKR tab (and Check-ins
// tab) the way Sheets' getValues() would: formulas as their cached results, rich text and links as
// plain text, errors as `#VALUE!`-style text, dates as Date. A .csv is one OKR table.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Cell } from '../../shared/values.ts';

export interface TabGrid {
  tab: string;
  grid: Cell[][];
  /** Every cell is text (a CSV): numbers are parsed as typed. Otherwise cells keep their types. */
  text?: boolean;
}

/** What a team's workbook holds for the sync: its OKR table and, when present, its check-ins and People tab. */
export interface WorkbookGrids {
  okr: TabGrid | null;
  checkins: TabGrid | null;
  /** The spreadsheet's time zone (Google Sheets): serial-number timestamps are wall-clock time there. */
  timeZone?: string;
  /** The spreadsheet's locale (Google Sheets, e.g. de_DE): how text numbers are written. */
  locale?: string;
  /** Owner → e-mail for the weekly reminders: the tab, null when there is none, undefined when not looked for. */
  people?: TabGrid | null;
}

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.csv'] as const;
const OKR_TAB = /okr/i;
const CHECKINS_TAB = /check.?ins?/i;
/** The optional owner → e-mail tab (shared with the Google reader). */
export const PEOPLE_TAB = /^\s*(people|e-?mails?)\s*$/i;

/** A workbook we read: .xlsx or .csv, not an Office lock file (`~$name.xlsx`) or a dotfile. */
export function isWorkbookFile(name: string): boolean {
  const base = path.basename(name);
  if (base.startsWith('~$') || base.startsWith('.')) return false;
  return (WORKBOOK_EXTENSIONS as readonly string[]).includes(path.extname(base).toLowerCase());
}

/** The file's name without extension: the team when the sheet has no `Team:` line. */
export function teamFromFileName(name: string): string {
  return path.basename(name, path.extname(name));
}

/** OKR tab: the first whose name says OKR, else the first that is not the check-ins or People tab. */
export function pickTabs(names: readonly string[]): { okr: string | null; checkins: string | null; people: string | null } {
  const checkins = names.find((n) => CHECKINS_TAB.test(n)) ?? null;
  const people = names.find((n) => PEOPLE_TAB.test(n)) ?? null;
  const okr = names.find((n) => OKR_TAB.test(n)) ?? names.find((n) => n !== checkins && n !== people) ?? null;
  return { okr, checkins: checkins === okr ? null : checkins, people: people === okr ? null : people };
}

/** Reads a workbook; for a CSV, `checkinsFile` is its `<name>.checkins.csv` companion, if any. */
export async function readWorkbookFile(file: string, checkinsFile?: string | null): Promise<WorkbookGrids> {
  const bytes = await readFile(file);
  if (path.extname(file).toLowerCase() !== '.csv') return readXlsx(bytes);
  const checkins = checkinsFile ? { bytes: await readFile(checkinsFile), fileName: path.basename(checkinsFile) } : undefined;
  return readCsv(bytes, path.basename(file), checkins);
}

// ---- xlsx ------------------------------------------------------------------------------------------

export async function readXlsx(bytes: Buffer | Uint8Array): Promise<WorkbookGrids> {
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings want its own Buffer type; a Node Buffer is what it reads.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    // JSZip's own wording ("Can't find end of central directory…") means nothing to people.
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`not a readable .xlsx workbook (still being saved, an old .xls renamed, or damaged)`, { cause: detail });
  }
  const sheets = wb.worksheets;
  const { okr, checkins, people } = pickTabs(sheets.map((s) => s.name));
  const grid = (name: string | null): TabGrid | null => {
    const ws = name === null ? undefined : sheets.find((s) => s.name === name);
    return ws ? { tab: ws.name, grid: worksheetGrid(ws) } : null;
  };
  return { okr: grid(okr), checkins: grid(checkins), people: grid(people) };
}

function worksheetGrid(ws: ExcelJS.Worksheet): Cell[][] {
  const grid: Cell[][] = [];
  const rows = ws.rowCount;
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    const last = row.cellCount;
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      // A merged range's other cells repeat the master's value in ExcelJS; Sheets reads them blank.
      cells.push(cell.type === ExcelJS.ValueType.Merge ? null : cell.type === ExcelJS.ValueType.Formula ? formulaResult(cell) : excelValue(cell.value));
    }
    grid.push(cells);
  }
  return grid;
}

/**
 * A formula cell's cached result. ExcelJS's `cell.value` copy drops falsy members, so a formula
 * that computed 0, FALSE or "" would read as blank; `cell.result` keeps them.
 */
function formulaResult(cell: ExcelJS.Cell): Cell {
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

// ---- csv -------------------------------------------------------------------------------------------

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what `latin1` means to TextDecoder). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Count of `ch` outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * `,` or `;` (or tab). The header line decides when there is one — a `;` file's numbers may hold
 * decimal commas. Otherwise the delimiter that splits every line into the same number of fields
 * (exports pad rows to the table's width), else the most frequent one. Ties go to `,`.
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  const header = lines.find((l) => /objective\s*id/i.test(l));
  const sample = header ? [header] : lines;
  const stats = DELIMITERS.map((d) => {
    const counts = sample.map((l) => countOutsideQuotes(l, d));
    return { d, total: counts.reduce((a, b) => a + b, 0), consistent: counts.length > 0 && counts.every((c) => c > 0 && c === counts[0]) };
  });
  const pick = (list: typeof stats) => list.reduce<(typeof stats)[number] | null>((best, s) => (s.total > (best?.total ?? 0) ? s : best), null);
  return (pick(stats.filter((s) => s.consistent)) ?? pick(stats))?.d ?? ',';
}

export function csvGrid(bytes: Uint8Array): string[][] {
  const text = decodeText(bytes);
  return parseCsv(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}

/** A CSV is one OKR table; a CSV has no tabs, so problems are located by the file's name. */
export function readCsv(bytes: Uint8Array, fileName: string, checkins?: { bytes: Uint8Array; fileName: string }): WorkbookGrids {
  return {
    okr: { tab: fileName, grid: csvGrid(bytes), text: true },
    checkins: checkins ? { tab: checkins.fileName, grid: csvGrid(checkins.bytes), text: true } : null,
    people: null,
  };
}

const CHECKINS_CSV = /^(.+?)[ ._-]check.?ins?\.csv$/i;

/**
 * A CSV holds one tab, so a team's Check-ins tab is downloaded next to it as `<name>.checkins.csv`:
 * for such a file, the name of the OKR CSV it belongs to (else null).
 */
export function checkinsCsvOwner(name: string): string | null {
  const m = CHECKINS_CSV.exec(path.basename(name));
  return m ? `${m[1]}.csv` : null;
}
