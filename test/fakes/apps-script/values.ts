import { DetailedCellError } from 'hyperformula';
import type { CellValue, RawCellContent } from 'hyperformula';
import { dateToSerial, wallClockToSerial } from './dates.ts';
import { DATE_FORMAT, DATE_TIME_FORMAT, PLAIN_TEXT_FORMAT } from './number-format.ts';

/** A value as Apps Script hands it to scripts: never null/undefined. */
export type ScriptValue = number | string | boolean | Date;

export const isDateObject = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** How one written JS value lands in a cell. */
export interface CellInput {
  /** What HyperFormula stores (strings are "'"-prefixed so HF never re-parses them). */
  content: RawCellContent;
  /** Number format Sheets applies as a side effect (dates, percents), only if the cell has none. */
  impliedFormat?: string;
  /** Formula text as written (content then holds HF's translation). */
  formula?: string;
  /** The stored value, for data-validation checks. */
  stored: number | string | boolean | null;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const US_MONTH_DAY = /^(\d{1,2})\/(\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?$/i;
const CURRENCY = /^(-?)\$((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$/;

/**
 * Interprets a string the way Sheets interprets a value a script writes with setValue(s): as if
 * typed into the cell (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues).
 * So `+1 deal` and `- shipped v2` are formulas (that fail: #ERROR!), `007` is 7, `50%` is 0.5,
 * `$1,200` is 1200, `2026-01-05`, `1/5/2026` and `3/4` are dates (the last in this year), `9:30` a time.
 */
function parseTyped(text: string, year: number): CellInput {
  const t = text.trim();
  if (t !== '' && /\d/.test(t) && NUMBER.test(t)) {
    const n = Number(t.replace(/,/g, ''));
    return { content: n, stored: n };
  }
  // A leading + or - starts a formula, as a leading = does.
  if (/^[+-]./.test(t)) return { content: `=${t}`, formula: `=${t}`, stored: null };
  const cur = CURRENCY.exec(t);
  if (cur) {
    const n = Number(`${cur[1]}${(cur[2] as string).replace(/,/g, '')}`);
    return { content: n, stored: n, impliedFormat: (cur[2] as string).includes('.') ? '"$"#,##0.00' : '"$"#,##0' };
  }
  const md = US_MONTH_DAY.exec(t);
  if (md && validDate(year, Number(md[1]), Number(md[2]))) {
    const serial = wallClockToSerial({ year, month: Number(md[1]), day: Number(md[2]) });
    return { content: serial, stored: serial, impliedFormat: 'M/d' };
  }
  const time = TIME.exec(t);
  if (time) {
    let h = Number(time[1]);
    const m = Number(time[2]);
    const sec = Number(time[3] ?? 0);
    const ampm = time[4]?.toLowerCase();
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
    if (h < 24 && m < 60 && sec < 60) {
      const serial = (h * 3600 + m * 60 + sec) / 86_400;
      return { content: serial, stored: serial, impliedFormat: 'h:mm:ss am/pm' };
    }
  }
  const pct = PERCENT.exec(t);
  if (pct) {
    const n = Number(pct[1]) / 100;
    return { content: n, stored: n, impliedFormat: pct[1]?.includes('.') ? '0.00%' : '0%' };
  }
  if (/^(true|false)$/i.test(t)) {
    const b = t.toLowerCase() === 'true';
    return { content: b, stored: b };
  }
  const iso = ISO_DATE.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (validDate(y, m, d)) {
      const hasTime = iso[4] !== undefined;
      const serial = wallClockToSerial({ year: y, month: m, day: d, hour: Number(iso[4] ?? 0), minute: Number(iso[5] ?? 0), second: Number(iso[6] ?? 0) });
      return { content: serial, stored: serial, impliedFormat: hasTime ? 'yyyy-mm-dd H:mm:ss' : DATE_FORMAT };
    }
  }
  const us = US_DATE.exec(t);
  if (us) {
    const [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (validDate(y, m, d)) {
      const serial = wallClockToSerial({ year: y, month: m, day: d });
      return { content: serial, stored: serial, impliedFormat: 'M/d/yyyy' };
    }
  }
  return { content: `'${text}`, stored: text };
}

/**
 * Converts a value passed to setValue(s)/appendRow into cell content, like Sheets does:
 * '=...' is a formula, strings are parsed as if typed unless the cell is plain text ('@')
 * or starts with an apostrophe, Dates become serials in the spreadsheet time zone.
 */
export function toCellInput(value: unknown, cellFormat: string | undefined, timeZone: string, year = new Date().getUTCFullYear()): CellInput {
  if (value === null || value === undefined || value === '') return { content: null, stored: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { content: `'${String(value)}`, stored: String(value) };
    return { content: value, stored: value };
  }
  if (typeof value === 'boolean') return { content: value, stored: value };
  if (isDateObject(value)) {
    if (Number.isNaN(value.getTime())) return { content: null, stored: null };
    const serial = dateToSerial(value, timeZone);
    return { content: serial, stored: serial, impliedFormat: DATE_TIME_FORMAT };
  }
  const text = String(value);
  if (text.startsWith('=') && text.length > 1) return { content: text, formula: text, stored: null };
  if (cellFormat === PLAIN_TEXT_FORMAT) return { content: `'${text}`, stored: text };
  if (text.startsWith("'")) return { content: `'${text.slice(1)}`, stored: text.slice(1) };
  return parseTyped(text, year);
}

/** Sheets shows some HyperFormula errors under another name. */
const ERROR_NAMES: Record<string, string> = { '#CYCLE!': '#REF!', '#SPILL!': '#REF!', '#LIC!': '#ERROR!' };

export function errorText(error: DetailedCellError): string {
  return ERROR_NAMES[error.value] ?? error.value;
}

/** Converts an evaluated HF value to what getValues returns ('' for empty, error text for errors). */
export function fromCellValue(value: CellValue, asDate: ((serial: number) => Date) | undefined): ScriptValue {
  if (value === null || value === undefined) return '';
  if (value instanceof DetailedCellError) return errorText(value);
  if (typeof value === 'number' && asDate) return asDate(value);
  return value;
}
