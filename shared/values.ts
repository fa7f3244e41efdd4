// Reading cells the way people type them. A cell arrives as Apps Script's getValues() gives it
// (number, string, boolean, Date, ''), as the Sheets API gives it (numbers or formatted strings),
// or as text from a CSV export.

export type Cell = string | number | boolean | Date | null | undefined;

export type Parsed<T> = { kind: 'blank' } | { kind: 'ok'; value: T } | { kind: 'invalid'; text: string };

const BLANK = { kind: 'blank' } as const;
const ok = <T>(value: T): Parsed<T> => ({ kind: 'ok', value });
const invalid = (text: string): Parsed<never> => ({ kind: 'invalid', text });

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cleanText(cell) === '');
}

/**
 * The whitespace the code and the template's formulas both remove: space, tab, line feed,
 * carriage return and the non-breaking space. The formulas turn the last four into spaces and TRIM
 * (TRIM itself removes only spaces in Sheets, Excel, LibreOffice and HyperFormula); any other
 * character, e.g. an em space, is text to both.
 */
export const SHEET_WHITESPACE = [' ', '\t', '\n', '\r', '\u00a0'] as const;

/** Collapse whitespace like the formulas' TRIM (see SHEET_WHITESPACE). */
export function cleanText(s: string): string {
  // Most cells are already clean; testing is far cheaper than rebuilding the string.
  // Runs become one space, then one space goes from each end: String.trim() would also take an em
  // space or a BOM off the ends, which TRIM keeps.
  return s !== '' && needsCleaning(s) ? s.replace(/[ \t\n\r\u00a0]+/g, ' ').replace(/^ | $/g, '') : s;
}

/**
 * Leading or trailing space, a run of two, or any whitespace other than a plain space. A loop over
 * the character codes: every cell of every sheet passes here, and a regular expression cost twice
 * as much.
 */
function needsCleaning(s: string): boolean {
  const last = s.length - 1;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(last) === 32) return true;
  let space = false;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) space = false;
    else if (c === 32) {
      if (space) return true;
      space = true;
    } else if (c === 9 || c === 10 || c === 13 || c === 160) return true;
    else space = false;
  }
  return false;
}

/** The cell as text, trimmed ('' for blank). Dates become YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cleanText(cell);
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // Not reached by the types above; a value from elsewhere (a Date of another realm) reads as text.
  return cleanText(String(cell));
}

const CURRENCY = /[$€£¥₹₩¢]/g;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const US_THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const SPACE_THOUSANDS = /^\d{1,3}([ \u00a0\u202f']\d{3})+([.,]\d+)?$/;

/** How a locale writes numbers: its decimal and digit-group separators (`de_DE`: `,` and `.`). */
export interface NumberLocale {
  decimal: '.' | ',';
  group: string;
}

/**
 * The separators of a spreadsheet locale such as `de_DE` or `en_US` (Google's spelling), from the
 * platform's Intl data; undefined when the locale is unknown.
 */
export function numberLocale(locale: string | undefined): NumberLocale | undefined {
  if (!locale) return undefined;
  // Every sheet of a company names the same locale or two: Intl is asked once per locale.
  if (LOCALES.has(locale)) return LOCALES.get(locale);
  const found = localeSeparators(locale);
  if (LOCALES.size >= 256) LOCALES.clear();
  LOCALES.set(locale, found);
  return found;
}
const LOCALES = new Map<string, NumberLocale | undefined>();

function localeSeparators(locale: string): NumberLocale | undefined {
  try {
    const parts = new Intl.NumberFormat(locale.replace('_', '-'), { useGrouping: true }).formatToParts(12345.6);
    const decimal = parts.find((p) => p.type === 'decimal')?.value;
    const group = parts.find((p) => p.type === 'group')?.value ?? (decimal === ',' ? '.' : ',');
    return decimal === ',' || decimal === '.' ? { decimal, group } : undefined;
  } catch {
    return undefined;
  }
}

/** Digits with the locale's separators → `1234.5`; null when groups are not of three digits. */
function localeDigits(s: string, locale: NumberLocale): string | null {
  const [int = '', frac, ...more] = s.split(locale.decimal);
  if (more.length > 0) return null;
  const groups = int.split(locale.group === ' ' ? /[ \u00a0\u202f]/ : new RegExp(`[ \u00a0\u202f${locale.group.replace(/[.\\]/g, '\\$&')}]`));
  if (groups.length > 1 && !(/^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g)))) return null;
  return groups.join('') + (frac === undefined ? '' : `.${frac}`);
}

/**
 * A number as typed: `1,000`, `8%` (0.08), `$1,200`, `€5`, ` 0.6 `, `−3`, `(5)`, `1 000`, `0,6`.
 * With a locale, its separators decide (`1.000,50` in de_DE; `1,200` is 1.2 there); without one,
 * US grouping is tried first. Booleans and dates are not numbers.
 */
export function parseNumber(cell: Cell, locale?: NumberLocale): Parsed<number> {
  if (typeof cell === 'string' && (locale === undefined || (locale.decimal === '.' && locale.group === ','))) {
    if (cell === '') return BLANK;
    const quick = quickNumber(cell);
    if (!Number.isNaN(quick)) return ok(quick);
  }
  if (isBlank(cell)) return BLANK;
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : invalid(String(cell));
  if (typeof cell !== 'string') return invalid(cellText(cell));
  if (locale?.decimal !== ',' && PLAIN_NUMBER.test(cell)) {
    // The common case, without the rewriting below. 400 digits are Infinity to JavaScript: unreadable.
    const n = Number(cell);
    return Number.isFinite(n) ? ok(n) : invalid(cell.trim());
  }
  const raw = cleanText(cell);
  let s = raw.replace(CURRENCY, '').replace(/\u2212/g, '-').trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '').trim();
  if (locale) s = localeDigits(s, locale) ?? ''; // '' fails the check below
  else if (US_THOUSANDS.test(s)) s = s.replace(/,/g, '');
  else if (SPACE_THOUSANDS.test(s)) s = s.replace(/[ \u00a0\u202f']/g, '').replace(',', '.');
  else if (/^\d*,\d+$/.test(s)) s = s.replace(',', '.'); // decimal comma (semicolon-separated CSVs)
  if (!/^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return invalid(raw);
  let value = Number(s);
  if (!Number.isFinite(value)) return invalid(raw);
  if (percent) value /= 100;
  return ok(negative ? -value : value);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The common typed forms in one pass without allocating: `-`, then `$`, then digits (plain, or
 * US groups of three: `16,500`), an optional `.` fraction and `%`; nothing else, not even a space.
 * NaN for anything else (parseNumber's full rules then decide). At most 15 digits, so the digits
 * are an exact integer m and m / 10^k is the same correctly rounded double as Number() of the
 * text; the percent and sign steps are parseNumber's own.
 */
function quickNumber(s: string): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  if (i < n && s.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  if (i < n && s.charCodeAt(i) === 36) i++;
  let m = 0;
  let digits = 0;
  let run = 0;
  let grouped = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      run++;
    } else if (c === 44) {
      if (grouped ? run !== 3 : run < 1 || run > 3) return Number.NaN;
      grouped = true;
      run = 0;
    } else break;
  }
  if (run === 0 || (grouped && run !== 3)) return Number.NaN;
  let decimals = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      m = m * 10 + (c - 48);
      digits++;
      decimals++;
    }
    if (decimals === 0) return Number.NaN;
  }
  let percent = false;
  if (i < n && s.charCodeAt(i) === 37) {
    percent = true;
    i++;
  }
  if (i !== n || digits > 15) return Number.NaN;
  let value = decimals === 0 ? m : m / (POW10[decimals] as number);
  if (percent) value /= 100;
  return negative ? -value : value;
}

export const BINARY_YES = ['yes', 'y', 'true', 'done', '1', '✓', '✔'] as const;
export const BINARY_NO = ['no', 'n', 'false', 'not done', '0', '✗', '✘'] as const;
const YES = new Set<string>(BINARY_YES);
const NO = new Set<string>(BINARY_NO);

/** Kind words (lower case). Blank or anything else reads as aspirational. */
export const COMMITTED_WORDS = ['committed', 'commit'] as const;
export const ASPIRATIONAL_WORDS = ['aspirational', 'stretch'] as const;

/** yes/no, true/false, done/not done, 1/0, ✓/✗ (and checkbox booleans) → 1 or 0. */
export function parseBinary(cell: Cell): Parsed<number> {
  if (isBlank(cell)) return BLANK;
  if (typeof cell === 'boolean') return ok(cell ? 1 : 0);
  const text = (typeof cell === 'number' ? String(cell) : cellText(cell)).toLowerCase();
  if (YES.has(text)) return ok(1);
  if (NO.has(text)) return ok(0);
  return invalid(cellText(cell));
}

/** Confidence as `80%`, `0.8` or `80` (read as a percentage) → 0..1. */
export function parseConfidence(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (n.kind !== 'ok') return n;
  // A bare 80 means 80 %; "150%" is already a fraction (1.5) and out of range.
  const typedPercent = typeof cell === 'string' && cell.includes('%');
  const v = !typedPercent && n.value > 1 && n.value <= 100 ? n.value / 100 : n.value;
  return v >= 0 && v <= 1 ? ok(v) : invalid(cellText(cell));
}

// Sheets and Excel count days from 1899-12-30.
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function serialToDate(serial: number): Date {
  return new Date(SERIAL_EPOCH_MS + Math.round(serial * DAY_MS));
}

export function dateToSerial(date: Date): number {
  return (date.getTime() - SERIAL_EPOCH_MS) / DAY_MS;
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

function parseDateParts(text: string): Date | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m) {
    if (m[7] || m[4]) {
      const d = new Date(m[7] ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    return validUtc(+m[1]!, +m[2]! - 1, +m[3]!);
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text); // US M/D/YYYY as Sheets formats it
  if (m) return validUtc(+m[3]!, +m[1]! - 1, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text); // D.M.YYYY
  if (m) return validUtc(+m[3]!, +m[2]! - 1, +m[1]!);
  m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$/.exec(text); // 1 Oct 2026
  if (m && MONTHS[m[2]!.toLowerCase()] !== undefined) return validUtc(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text); // Oct 1, 2026
  if (m && MONTHS[m[1]!.toLowerCase()] !== undefined) return validUtc(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  return null;
}

function validUtc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  const date = new Date(Date.UTC(y, mo, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo && date.getUTCDate() === d ? date : null;
}

/** A moment from a Date, a serial number (days since 1899-12-30) or text. */
export function parseDateTime(cell: Cell): Parsed<Date> {
  if (isBlank(cell)) return BLANK;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? invalid('') : ok(cell);
  if (typeof cell === 'number') {
    // Plausible serials only: 1927..2119. Anything else is not a date someone typed.
    return cell > 10_000 && cell < 80_000 ? ok(serialToDate(cell)) : invalid(String(cell));
  }
  if (typeof cell !== 'string') return invalid(cellText(cell));
  const text = cleanText(cell);
  const d = parseDateParts(text);
  return d ? ok(d) : invalid(text);
}

/** A calendar date as YYYY-MM-DD. */
export function parseDate(cell: Cell): Parsed<string> {
  const d = parseDateTime(cell);
  return d.kind === 'ok' ? ok(isoDate(d.value)) : d;
}

/** Split an Aligns To cell: several parents separated by commas, semicolons or new lines. */
export function splitIds(cell: Cell): string[] {
  // Split before cleaning: cellText would turn the new lines into spaces.
  const raw = typeof cell === 'string' ? cell : cellText(cell);
  return raw
    .split(/[,;\r\n]+/)
    .map(cleanText)
    .filter((s) => s !== '');
}

/** Show a number the way the sheet would, for messages. */
export function formatValue(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}
