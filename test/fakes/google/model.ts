/**
 * In-memory spreadsheet model of the fake: books → tabs → sparse cell grids of
 * typed values (string / number / boolean / formula / error) plus stored
 * formats, charts, conditional formats, filters and dimension metadata.
 * The fake does not evaluate formulas: a formula cell reads back as its cached
 * value when one was supplied (test fixtures), else as empty.
 */
import { type Area, columnLetters, formatA1, parseArea, splitRange } from './a1.ts';
import { timeZoneOffsetMs } from '../apps-script/dates.ts';
import { badRequest } from './errors.ts';

export type Scalar = string | number | boolean;
export type Json = Record<string, unknown>;

export interface Cell {
  /** Effective value; for formulas the cached result, if known. */
  v?: Scalar;
  /** Formula text including the leading `=`. */
  f?: string;
  /** Error value (`errorValue` in the API). */
  err?: { type: string; message?: string };
  /** userEnteredFormat, stored verbatim. */
  fmt?: Json;
  note?: string;
  /** Other CellData fields (dataValidation, hyperlink, textFormatRuns…), stored verbatim. */
  extra?: Json;
}

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: string;
  gridProperties: { rowCount: number; columnCount: number; [k: string]: unknown };
  [k: string]: unknown;
}

export interface Chart {
  chartId: number;
  spec?: unknown;
  position?: unknown;
  [k: string]: unknown;
}

export interface Tab {
  properties: SheetProperties;
  rows: (Array<Cell | undefined> | undefined)[];
  charts: Chart[];
  conditionalFormats: unknown[];
  basicFilter?: unknown;
  rowMetadata: Map<number, Json>;
  columnMetadata: Map<number, Json>;
}

export interface Book {
  id: string;
  properties: { title: string; locale: string; timeZone: string; autoRecalc: string; [k: string]: unknown };
  /** Ordered by properties.index. */
  tabs: Tab[];
  /** Every batchUpdate request applied, verbatim, in order (for asserting what writers sent). */
  history: Json[];
  /** Request kinds the fake does not model: accepted and stored verbatim. */
  unhandled: Json[];
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;

/** What tests may put in a grid cell for `addSpreadsheet` / `updateValues`. */
export type FakeCellInput =
  | Scalar
  | null
  | undefined
  | Date
  | { formula?: string; value?: Scalar | Date; error?: string; format?: Json; note?: string };

// ---------- dates ----------

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
export const dateToSerial = (d: Date): number => (d.getTime() - EPOCH) / DAY;
export const serialToDate = (s: number): Date => new Date(Math.round(EPOCH + s * DAY));

const DATE_TYPES = new Set(['DATE', 'TIME', 'DATE_TIME']);
const isDateFormat = (fmt: Json | undefined): boolean => {
  const nf = fmt?.numberFormat as { type?: string } | undefined;
  return !!nf?.type && DATE_TYPES.has(nf.type);
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function formatDate(serial: number, pattern: string): string {
  const d = serialToDate(serial);
  const Y = d.getUTCFullYear();
  const M = d.getUTCMonth();
  const D = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const ampm = /am\/pm/i.test(pattern);
  const hh = ampm ? ((h + 11) % 12) + 1 : h;
  const pad = (n: number) => String(n).padStart(2, '0');
  const tokens = pattern.match(/yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|am\/pm|[^a-z]+|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  tokens.forEach((tok, k) => {
    const lower = tok.toLowerCase();
    const next = tokens
      .slice(k + 1)
      .find((t) => /[a-z]/i.test(t))
      ?.toLowerCase();
    // `mm` right after hours or right before seconds means minutes.
    const minutes = (lower === 'mm' || lower === 'm') && (lastWasHour || next === 'ss' || next === 's');
    switch (lower) {
      case 'yyyy':
        out += String(Y);
        break;
      case 'yy':
        out += pad(Y % 100);
        break;
      case 'mmmm':
        out += MONTHS[M];
        break;
      case 'mmm':
        out += (MONTHS[M] as string).slice(0, 3);
        break;
      case 'mm':
        out += minutes ? pad(mi) : pad(M + 1);
        break;
      case 'm':
        out += minutes ? String(mi) : String(M + 1);
        break;
      case 'dd':
        out += pad(D);
        break;
      case 'd':
        out += String(D);
        break;
      case 'hh':
        out += pad(hh);
        break;
      case 'h':
        out += String(hh);
        break;
      case 'ss':
        out += pad(s);
        break;
      case 's':
        out += String(s);
        break;
      case 'am/pm':
        out += h < 12 ? 'AM' : 'PM';
        break;
      default:
        out += tok;
    }
    if (/[a-z]/i.test(tok)) lastWasHour = lower === 'h' || lower === 'hh';
  });
  return out;
}

const DEFAULT_PATTERNS: Record<string, string> = { DATE: 'M/d/yyyy', TIME: 'h:mm:ss am/pm', DATE_TIME: 'M/d/yyyy H:mm:ss' };

function formatNumber(n: number, fmt: Json | undefined): string {
  const nf = fmt?.numberFormat as { type?: string; pattern?: string } | undefined;
  const type = nf?.type;
  if (type && DATE_TYPES.has(type)) return formatDate(n, nf?.pattern || (DEFAULT_PATTERNS[type] as string));
  const pattern = nf?.pattern ?? (type === 'PERCENT' ? '0.00%' : type === 'CURRENCY' ? '$#,##0.00' : '');
  if (type === 'TEXT' || pattern === '') return general(n);
  const percent = pattern.includes('%');
  const decimals = /\.(0+)/.exec(pattern)?.[1]?.length ?? 0;
  const grouping = pattern.includes(',');
  const prefix = /^[^#0.,]*/.exec(pattern)?.[0].replace(/"/g, '') ?? '';
  const value = percent ? n * 100 : n;
  const body = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  });
  return `${value < 0 ? '-' : ''}${percent ? '' : prefix}${body}${percent ? '%' : ''}`;
}

/** The "automatic" display format: integers verbatim, up to 10 significant digits otherwise. */
const general = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(10))));

// ---------- cells ----------

const isEmpty = (c: Cell | undefined): boolean => !c || (c.v === undefined && c.f === undefined && c.err === undefined);

/**
 * A Date in a test grid is an instant, stored as Sheets stores it: the serial number of its wall
 * clock in the spreadsheet's time zone (what SERIAL_NUMBER reads give back).
 */
const zonedSerial = (d: Date, timeZone: string): number => dateToSerial(new Date(d.getTime() + timeZoneOffsetMs(d.getTime(), timeZone)));

export function cellFromInput(x: FakeCellInput, timeZone = 'Etc/GMT'): Cell | undefined {
  if (x === null || x === undefined || x === '') return undefined;
  if (x instanceof Date) return { v: zonedSerial(x, timeZone), fmt: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } };
  if (typeof x === 'object') {
    const cell: Cell = {};
    if (x.formula !== undefined) cell.f = x.formula.startsWith('=') ? x.formula : `=${x.formula}`;
    if (x.value instanceof Date) {
      cell.v = zonedSerial(x.value, timeZone);
      cell.fmt = { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } };
    } else if (x.value !== undefined) cell.v = x.value;
    if (x.error !== undefined) cell.err = { type: 'ERROR', message: x.error };
    if (x.format !== undefined) cell.fmt = structuredClone(x.format);
    if (x.note !== undefined) cell.note = x.note;
    return cell;
  }
  return { v: x };
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * What Sheets stores for a value sent with valueInputOption USER_ENTERED: formulas,
 * numbers (incl. `1,234.5`, `$12`, `50%`), booleans and dates are parsed as if typed.
 */
export function parseUserEntered(s: string): Cell | undefined {
  if (s === '') return undefined;
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.startsWith('=')) return { f: s };
  const t = s.trim();
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  const pct = /^(.*)%$/.exec(t);
  if (pct && pct[1] !== '' && NUMBER.test(pct[1] as string)) {
    return { v: Number((pct[1] as string).replace(/,/g, '')) / 100, fmt: { numberFormat: { type: 'PERCENT', pattern: '0.00%' } } };
  }
  const cur = /^(-?)\$(.+)$/.exec(t);
  if (cur && NUMBER.test(cur[2] as string)) {
    return {
      v: Number(`${cur[1]}${(cur[2] as string).replace(/,/g, '')}`),
      fmt: { numberFormat: { type: 'CURRENCY', pattern: '"$"#,##0.00' } },
    };
  }
  if (t !== '' && t !== '.' && NUMBER.test(t) && /\d/.test(t)) return { v: Number(t.replace(/,/g, '')) };
  const iso = ISO_DATE.exec(t);
  const us = US_DATE.exec(t);
  if (iso || us) {
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : [us?.[3], us?.[1], us?.[2]];
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() === Number(m) - 1) {
      return { v: dateToSerial(date), fmt: { numberFormat: { type: 'DATE', pattern: iso ? 'yyyy-mm-dd' : 'M/d/yyyy' } } };
    }
  }
  return { v: s };
}

/** Value written through the values API. null means "leave the cell alone". */
export function cellFromValuesApi(x: unknown, option: string): Cell | undefined | 'skip' {
  if (x === null || x === undefined) return 'skip';
  if (typeof x === 'number' || typeof x === 'boolean') return { v: x };
  if (typeof x !== 'string') throw badRequest(`Invalid values: unsupported value ${JSON.stringify(x)}`);
  if (option === 'RAW') return x === '' ? undefined : { v: x };
  return parseUserEntered(x);
}

export interface ExtendedValue {
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  formulaValue?: string;
  errorValue?: { type: string; message?: string };
}

export function extendedToCell(ev: ExtendedValue | undefined): Pick<Cell, 'v' | 'f' | 'err'> {
  if (!ev) return {};
  if (ev.formulaValue !== undefined) return { f: ev.formulaValue };
  if (ev.stringValue !== undefined) return { v: ev.stringValue };
  if (ev.numberValue !== undefined) return { v: ev.numberValue };
  if (ev.boolValue !== undefined) return { v: ev.boolValue };
  if (ev.errorValue !== undefined) return { err: ev.errorValue };
  return {};
}

const scalarToExtended = (v: Scalar): ExtendedValue =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'number' ? { numberValue: v } : { boolValue: v };

export function userEnteredValue(c: Cell): ExtendedValue | undefined {
  if (c.f !== undefined) return { formulaValue: c.f };
  if (c.err !== undefined) return { errorValue: c.err };
  return c.v === undefined ? undefined : scalarToExtended(c.v);
}

export function effectiveValue(c: Cell): ExtendedValue | undefined {
  if (c.err !== undefined) return { errorValue: c.err };
  return c.v === undefined ? undefined : scalarToExtended(c.v);
}

export function formattedValue(c: Cell): string | undefined {
  if (c.err !== undefined) return c.err.message?.startsWith('#') ? c.err.message : '#ERROR!';
  if (c.v === undefined) return undefined;
  if (typeof c.v === 'number') return formatNumber(c.v, c.fmt);
  if (typeof c.v === 'boolean') return c.v ? 'TRUE' : 'FALSE';
  return c.v;
}

export interface RenderOptions {
  valueRenderOption: string;
  dateTimeRenderOption: string;
}

/** A cell as the values API returns it; undefined = empty (trimmed). */
export function renderCell(c: Cell | undefined, o: RenderOptions): unknown {
  if (isEmpty(c) || !c) return undefined;
  if (o.valueRenderOption === 'FORMULA' && c.f !== undefined) return c.f;
  if (o.valueRenderOption === 'FORMATTED_VALUE') return formattedValue(c);
  if (c.err !== undefined) return formattedValue(c);
  if (typeof c.v === 'number' && o.dateTimeRenderOption === 'FORMATTED_STRING' && isDateFormat(c.fmt)) return formattedValue(c);
  return c.f !== undefined && c.v === undefined ? '' : c.v;
}

// ---------- tabs ----------

export function newTab(properties: Partial<SheetProperties> & { sheetId: number; title: string; index: number }): Tab {
  const { gridProperties, ...rest } = properties;
  return {
    properties: {
      sheetType: 'GRID',
      ...rest,
      gridProperties: { rowCount: DEFAULT_ROWS, columnCount: DEFAULT_COLS, ...(gridProperties ?? {}) },
    },
    rows: [],
    charts: [],
    conditionalFormats: [],
    rowMetadata: new Map(),
    columnMetadata: new Map(),
  };
}

export const getCell = (tab: Tab, r: number, c: number): Cell | undefined => tab.rows[r]?.[c];

export function setCell(tab: Tab, r: number, c: number, cell: Cell | undefined): void {
  const empty = !cell || (isEmpty(cell) && cell.fmt === undefined && cell.note === undefined && cell.extra === undefined);
  if (empty) {
    const row = tab.rows[r];
    if (row) row[c] = undefined;
    return;
  }
  let row = tab.rows[r];
  if (!row) {
    row = [];
    tab.rows[r] = row;
  }
  row[c] = cell;
}

/** Grows the grid so that (rows × cols) fits — what the values API does on writes. */
export function ensureGrid(tab: Tab, rows: number, cols: number): void {
  const g = tab.properties.gridProperties;
  if (rows > g.rowCount) g.rowCount = rows;
  if (cols > g.columnCount) g.columnCount = cols;
}

/** Replaces all values of a tab from a test grid (formats of untouched cells are dropped too). */
export function fillTab(tab: Tab, grid: readonly (readonly FakeCellInput[])[], timeZone?: string): void {
  tab.rows = [];
  let cols = 0;
  grid.forEach((row, r) => {
    row.forEach((x, c) => {
      setCell(tab, r, c, cellFromInput(x, timeZone));
    });
    cols = Math.max(cols, row.length);
  });
  ensureGrid(tab, grid.length, cols);
}

// ---------- ranges ----------

export interface ResolvedRange {
  tab: Tab;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  /** Open-ended bounds, for writes that may grow the grid. */
  open: { rows: boolean; cols: boolean };
}

export const findTab = (book: Book, title: string): Tab | undefined => book.tabs.find((t) => t.properties.title === title);

/**
 * Resolves an A1 range against a book. Like Google, a range naming a missing
 * tab (or otherwise unparseable) is a 400 "Unable to parse range: <range>".
 */
export function resolveRange(book: Book, range: string): ResolvedRange {
  const fail = () => badRequest(`Unable to parse range: ${range}`);
  const split = splitRange(range);
  if (!split) throw fail();
  let tab: Tab | undefined;
  let area: Area | null = {};
  if (split.sheet !== undefined) {
    tab = findTab(book, split.sheet);
    if (split.area !== undefined) area = parseArea(split.area);
  } else if (split.area !== undefined) {
    // Bare text: a tab name wins over an A1 reference, as in Sheets.
    tab = findTab(book, split.area);
    if (!tab) {
      area = parseArea(split.area);
      tab = [...book.tabs].sort((a, b) => a.properties.index - b.properties.index)[0];
    }
  }
  if (!tab || !area) throw fail();
  const g = tab.properties.gridProperties;
  const r0 = area.startRow ?? 0;
  const c0 = area.startCol ?? 0;
  return {
    tab,
    r0,
    c0,
    r1: area.endRow ?? Math.max(g.rowCount, r0 + 1),
    c1: area.endCol ?? Math.max(g.columnCount, c0 + 1),
    open: { rows: area.endRow === undefined, cols: area.endCol === undefined },
  };
}

/** The A1 text Google echoes back: open ends clipped to the grid. */
export function rangeText(rr: ResolvedRange): string {
  const g = rr.tab.properties.gridProperties;
  const r1 = rr.open.rows ? Math.max(rr.r0 + 1, Math.min(rr.r1, g.rowCount)) : rr.r1;
  const c1 = rr.open.cols ? Math.max(rr.c0 + 1, Math.min(rr.c1, g.columnCount)) : rr.c1;
  return formatA1(rr.tab.properties.title, rr.r0, rr.c0, r1, c1);
}

/** Reads a range with Google's trimming: trailing empty cells per row and trailing empty rows are dropped. */
export function readValues(rr: ResolvedRange, o: RenderOptions & { majorDimension: string }): unknown[][] {
  const { tab } = rr;
  const r1 = Math.min(rr.r1, tab.rows.length);
  const rows: unknown[][] = [];
  for (let r = rr.r0; r < r1; r++) {
    const src = tab.rows[r];
    const out: unknown[] = [];
    if (src) {
      const c1 = Math.min(rr.c1, src.length);
      for (let c = rr.c0; c < c1; c++) {
        const v = renderCell(src[c], o);
        out[c - rr.c0] = v;
      }
    }
    rows.push(trimRow(out));
  }
  const grid = o.majorDimension === 'COLUMNS' ? transpose(rows).map(trimRow) : rows;
  while (grid.length > 0 && (grid[grid.length - 1] as unknown[]).length === 0) grid.pop();
  return grid;
}

function trimRow(row: unknown[]): unknown[] {
  let n = row.length;
  while (n > 0 && row[n - 1] === undefined) n--;
  const out = new Array<unknown>(n);
  // Holes inside a row come back as "" like the real API.
  for (let i = 0; i < n; i++) out[i] = row[i] === undefined ? '' : row[i];
  return out;
}

function transpose(rows: unknown[][]): unknown[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const cols: unknown[][] = [];
  for (let c = 0; c < width; c++) cols.push(rows.map((r) => (c < r.length && r[c] !== '' ? r[c] : undefined)));
  return cols;
}

export interface WriteResult {
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
}

/** values.update semantics: write at the range's top-left, grow the grid, error when overflowing a bounded range. */
export function writeValues(range: ResolvedRange, values: unknown[][], option: string, majorDimension = 'ROWS'): WriteResult {
  let rr = range;
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) throw badRequest("Invalid value at 'data.values'");
  const rows = majorDimension === 'COLUMNS' ? transposeInput(values) : values;
  const height = rows.length;
  const width = Math.max(0, ...rows.map((r) => r.length));
  const title = rr.tab.properties.title;
  // A single-cell range is only an anchor (Sheets writes the whole block from there).
  if (rr.r1 - rr.r0 === 1 && rr.c1 - rr.c0 === 1) rr = { ...rr, open: { rows: true, cols: true } };
  if (!rr.open.rows && height > rr.r1 - rr.r0) {
    throw badRequest(`Requested writing within range [${rangeText(rr)}], but tried writing to row [${rr.r0 + height}]`);
  }
  if (!rr.open.cols && width > rr.c1 - rr.c0) {
    throw badRequest(
      `Requested writing within range [${rangeText(rr)}], but tried writing to column [${columnLetters(rr.c0 + width - 1)}]`,
    );
  }
  ensureGrid(rr.tab, rr.r0 + height, rr.c0 + width);
  let cells = 0;
  rows.forEach((row, i) => {
    row.forEach((x, j) => {
      const next = cellFromValuesApi(x, option);
      if (next === 'skip') return;
      const r = rr.r0 + i;
      const c = rr.c0 + j;
      // Writing a value keeps the cell's format and note unless the input implies a format (dates, %).
      setCell(rr.tab, r, c, { ...withoutValue(getCell(rr.tab, r, c)), ...(next ?? {}) });
      cells++;
    });
  });
  return {
    updatedRange: height && width ? formatA1(title, rr.r0, rr.c0, rr.r0 + height, rr.c0 + width) : rangeText(rr),
    updatedRows: rows.filter((r) => r.length > 0).length,
    updatedColumns: width,
    updatedCells: cells,
  };
}

function transposeInput(values: unknown[][]): unknown[][] {
  const out: unknown[][] = [];
  values.forEach((col, c) => {
    col.forEach((x, r) => {
      out[r] ??= [];
      (out[r] as unknown[])[c] = x;
    });
  });
  return out.map((r) => Array.from(r, (x) => x ?? null));
}

function withoutValue(cell: Cell | undefined): Cell {
  if (!cell) return {};
  const { v: _v, f: _f, err: _e, ...keep } = cell;
  return keep;
}

/** Clears values (not formats) in a range, as values.clear does. */
export function clearValues(rr: ResolvedRange): void {
  const r1 = Math.min(rr.r1, rr.tab.rows.length);
  for (let r = rr.r0; r < r1; r++) {
    const row = rr.tab.rows[r];
    if (!row) continue;
    const c1 = Math.min(rr.c1, row.length);
    for (let c = rr.c0; c < c1; c++) {
      const cell = row[c];
      if (!cell) continue;
      setCell(rr.tab, r, c, withoutValue(cell));
    }
  }
}

/** Last non-empty row index + 1 within [c0, c1) — where values.append writes. */
export function dataHeight(tab: Tab, c0: number, c1: number): number {
  for (let r = tab.rows.length - 1; r >= 0; r--) {
    const row = tab.rows[r];
    if (!row) continue;
    for (let c = c0; c < Math.min(c1, row.length); c++) if (!isEmpty(row[c])) return r + 1;
  }
  return 0;
}

/** CellData as spreadsheets.get(includeGridData) returns it. */
export function cellData(c: Cell | undefined): Json {
  if (!c) return {};
  const out: Json = {};
  const uev = userEnteredValue(c);
  if (uev) out.userEnteredValue = uev;
  const ev = effectiveValue(c);
  if (ev) out.effectiveValue = ev;
  const fv = formattedValue(c);
  if (fv !== undefined) out.formattedValue = fv;
  if (c.fmt) out.userEnteredFormat = structuredClone(c.fmt);
  if (c.note !== undefined) out.note = c.note;
  if (c.extra) Object.assign(out, structuredClone(c.extra));
  return out;
}
