// The company sheet as plain data: tabs → rows of typed cells with their style. Built once per
// sync by build.ts and rendered by both writers (google.ts through Sheets batchUpdate, xlsx.ts
// through ExcelJS), so the two outputs hold the same cells. Plain JSON (dates as ISO strings), so
// a hash of it tells whether anything changed since the last write.
import { createHash } from 'node:crypto';

export const TAB_NAMES = ['Summary', 'Alignment', 'Teams', 'Trends', 'Periods', 'Check-ins', 'Learnings', 'Problems'] as const;
export type TabName = (typeof TAB_NAMES)[number];

/** Number formats, in the syntax both Sheets and Excel read. */
export const NUMBER_FORMATS = { score: '0.00', percent: '0%', integer: '0' } as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[keyof typeof NUMBER_FORMATS];
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

export interface CellStyle {
  bold?: true;
  italic?: true;
  /** Background, '#rrggbb'. */
  fill?: string;
  /** Text colour, '#rrggbb'. */
  color?: string;
  wrap?: true;
  align?: 'left' | 'center' | 'right';
}

/** Text is always written as a literal string (never a formula), whatever it starts with. */
export interface TextCell {
  text: string;
  style?: CellStyle;
}
export interface NumberCell {
  number: number;
  format: NumberFormat;
  style?: CellStyle;
}
/** A day (`YYYY-MM-DD`) or, with `time`, an ISO instant shown to the minute (UTC). */
export interface DateCell {
  date: string;
  time?: true;
  style?: CellStyle;
}
export type ModelCell = TextCell | NumberCell | DateCell;
export type ModelRow = (ModelCell | null)[];

/** A line chart over a block of the sheet: one domain column and one series per column, header row first. */
export interface LineChartModel {
  title: string;
  xAxis: string;
  yAxis: string;
  /** 0-based row of the series names; data follows it. */
  headerRow: number;
  /** Rows (header included) currently holding data. */
  rowCount: number;
  domainColumn: number;
  seriesColumns: number[];
}

export interface SheetModel {
  name: TabName;
  /** Rows kept in view when scrolling. */
  frozenRows: number;
  /** Column widths in pixels (Sheets); Excel gets them in characters. */
  widths: number[];
  rows: ModelRow[];
  chart?: LineChartModel;
}

export interface WorkbookModel {
  sheets: SheetModel[];
}

export const isText = (c: ModelCell | null | undefined): c is TextCell => !!c && 'text' in c;
export const isNumber = (c: ModelCell | null | undefined): c is NumberCell => !!c && 'number' in c;
export const isDate = (c: ModelCell | null | undefined): c is DateCell => !!c && 'date' in c;

/** Both Excel (32 767) and Sheets (50 000) cap a cell's text. */
export const MAX_TEXT = 32_000;

export function text(value: string, style?: CellStyle): TextCell {
  const t = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  return style ? { text: t, style } : { text: t };
}

/** A number cell, or an empty one for null / NaN / ±Infinity (JSON and sheets have no such numbers). */
export function num(value: number | null | undefined, format: NumberFormat, style?: CellStyle): NumberCell | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return style ? { number: value, format, style } : { number: value, format };
}

export function day(date: Date | string, style?: CellStyle): DateCell | null {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString().slice(0, 10);
  return style ? { date: iso, style } : { date: iso };
}

export function dateTime(date: Date | string, style?: CellStyle): DateCell | null {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return style ? { date: iso, time: true, style } : { date: iso, time: true };
}

/** Widest row of a sheet. */
export function columnCount(sheet: SheetModel): number {
  // A loop, not Math.max(...rows): spreading 100,000+ rows as arguments overflows the call stack.
  let widest = Math.max(sheet.widths.length, 1);
  for (const r of sheet.rows) if (r.length > widest) widest = r.length;
  return widest;
}

/** Stable fingerprint of a model (key order is fixed by construction). */
export function modelHash(model: WorkbookModel): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}
