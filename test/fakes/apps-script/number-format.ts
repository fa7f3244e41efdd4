import { MONTHS, WEEKDAYS, serialToWallClock } from './dates.ts';

/** What Range.getNumberFormat returns for a cell left on "Automatic". */
export const AUTOMATIC_FORMAT = '0.###############';
/** Format Sheets applies when a script writes a Date. */
export const DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const PLAIN_TEXT_FORMAT = '@';

const dateFormatCache = new Map<string, boolean>();

/** Strips quoted literals, escapes and [brackets] so only pattern letters remain. */
function patternLetters(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/** True when a Sheets number format renders dates/times (so getValues returns a Date). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === AUTOMATIC_FORMAT || format === PLAIN_TEXT_FORMAT) return false;
  let cached = dateFormatCache.get(format);
  if (cached === undefined) {
    cached = /[dmyhs]/i.test(patternLetters(format)) && !/^general$/i.test(format);
    dateFormatCache.set(format, cached);
  }
  return cached;
}

/** Sheets' "Automatic" rendering of a number. */
export function formatAutomaticNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number.parseFloat(n.toPrecision(10))).replace('e+', 'E+').replace('e-', 'E-');
}

type DateToken = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number } | { kind: 'ampm'; text: string };

function tokenizeDateFormat(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end === -1 ? format.length : end;
      tokens.push({ kind: 'literal', text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'literal', text: format[i + 1] ?? '' });
      i += 2;
    } else if (/^(am\/pm|a\/p)/i.test(format.slice(i))) {
      const text = (/^(am\/pm|a\/p)/i.exec(format.slice(i)) as RegExpExecArray)[0];
      tokens.push({ kind: 'ampm', text });
      i += text.length;
    } else if (/[dmyhsDMYHS]/.test(ch)) {
      let j = i;
      while (format[j]?.toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: 'field', letter: ch, count: j - i });
      i = j;
    } else if (ch === '.' && /^\.0+/.test(format.slice(i))) {
      const text = (/^\.0+/.exec(format.slice(i)) as RegExpExecArray)[0];
      tokens.push({ kind: 'field', letter: '.', count: text.length - 1 });
      i += text.length;
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i++;
    }
  }
  return tokens;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Renders a serial date-time with a Sheets date pattern (m means minutes after h or before s). */
export function formatSerialDate(serial: number, format: string): string {
  const w = serialToWallClock(serial);
  const tokens = tokenizeDateFormat(format);
  const hasAmPm = tokens.some((t) => t.kind === 'ampm');
  const fields = tokens.filter((t): t is Extract<DateToken, { kind: 'field' }> => t.kind === 'field');
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    if (token.kind === 'ampm') {
      const am = w.hour < 12;
      out += token.text.toLowerCase() === 'a/p' ? (am ? 'a' : 'p') : am ? 'AM' : 'PM';
      continue;
    }
    const { letter, count } = token;
    const idx = fields.indexOf(token);
    const prev = fields[idx - 1];
    const next = fields[idx + 1];
    switch (letter.toLowerCase()) {
      case 'y':
        out += count <= 2 ? pad(w.year % 100, 2) : String(w.year);
        break;
      case 'd':
        out += count >= 4 ? WEEKDAYS[w.weekday] : count === 3 ? WEEKDAYS[w.weekday]?.slice(0, 3) : pad(w.day, count);
        break;
      case 'h': {
        const hour = hasAmPm ? (w.hour % 12 === 0 ? 12 : w.hour % 12) : w.hour;
        out += pad(hour, Math.min(count, 2));
        break;
      }
      case 's':
        out += pad(w.second, Math.min(count, 2));
        break;
      case '.':
        out += `.${pad(w.millisecond, 3).slice(0, count).padEnd(count, '0')}`;
        break;
      case 'm': {
        const isMinute = prev?.letter.toLowerCase() === 'h' || next?.letter.toLowerCase() === 's';
        if (isMinute) out += pad(w.minute, Math.min(count, 2));
        else out += count >= 4 ? MONTHS[w.month - 1] : count === 3 ? MONTHS[w.month - 1]?.slice(0, 3) : pad(w.month, count);
        break;
      }
    }
  }
  return out;
}

/** Renders a number with a Sheets numeric pattern: 0, 0.00, #,##0, 0%, literal prefixes/suffixes. */
export function formatNumberPattern(n: number, format: string): string {
  const sections = format.split(';');
  const section = n < 0 && sections[1] !== undefined ? sections[1] : (sections[0] ?? '');
  const value = n < 0 && sections[1] !== undefined ? Math.abs(n) : n;
  const core = /[#0?][#0?,]*(\.[#0?]*)?|\.[#0?]+/.exec(section);
  if (!core) return section.replace(/"/g, '');
  const prefix = section.slice(0, core.index).replace(/"|\\/g, '');
  const suffix = section.slice(core.index + core[0].length).replace(/"|\\/g, '');
  const percent = (prefix + suffix).includes('%') ? 100 : 1;
  const [intPart = '', fracPart = ''] = core[0].split('.');
  const decimals = fracPart.length;
  const minDecimals = (fracPart.match(/0/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouped = intPart.includes(',');
  const scaled = value * percent;
  let text = Math.abs(scaled).toFixed(decimals);
  let [whole = '0', frac = ''] = text.split('.');
  frac = frac.replace(/0+$/, '').padEnd(minDecimals, '0');
  whole = whole.replace(/^0+/, '').padStart(minInt, '0');
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  text = frac ? `${whole}.${frac}` : whole;
  if (text === '') text = '0';
  const sign = scaled < 0 && Number(text.replace(/,/g, '')) !== 0 ? '-' : '';
  return `${sign}${prefix}${text}${suffix}`;
}

/** Display text for a number under a cell's format (undefined = Automatic). */
export function formatNumber(n: number, format: string | undefined, dateKind?: 'date' | 'datetime' | 'time'): string {
  if (format === PLAIN_TEXT_FORMAT) return String(n);
  if (format && isDateFormat(format)) return formatSerialDate(n, format);
  if (format && format !== AUTOMATIC_FORMAT && !/^general$/i.test(format)) return formatNumberPattern(n, format);
  if (dateKind === 'date') return formatSerialDate(n, 'M/d/yyyy');
  if (dateKind === 'datetime') return formatSerialDate(n, 'M/d/yyyy H:mm:ss');
  if (dateKind === 'time') return formatSerialDate(n, 'h:mm:ss am/pm');
  return formatAutomaticNumber(n);
}
