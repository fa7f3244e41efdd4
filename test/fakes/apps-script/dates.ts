/**
 * Time-zone arithmetic and Java SimpleDateFormat formatting (Utilities.formatDate), using Intl only.
 * Sheets stores date-times as serial days since 1899-12-30 in the spreadsheet's time zone.
 */

const DAY_MS = 86_400_000;
/** Serial number of 1970-01-01 in the Sheets epoch (1899-12-30). */
const UNIX_EPOCH_SERIAL = 25_569;

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
export function timeZoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(whole))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const asUtc = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  // Date.UTC maps years 0-99 to 1900-1999.
  const fixed = year >= 0 && year < 100 ? new Date(asUtc).setUTCFullYear(year) : asUtc;
  return fixed - whole;
}

/** Wall-clock fields of instant `date` as seen in `timeZone`. */
export function wallClock(date: Date, timeZone: string): WallClock {
  const ms = date.getTime();
  const local = new Date(ms + timeZoneOffsetMs(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
  };
}

/** The instant whose wall clock in `timeZone` reads `localMs` (milliseconds of a UTC-based wall clock). */
export function instantFromWallClock(localMs: number, timeZone: string): number {
  const first = localMs - timeZoneOffsetMs(localMs, timeZone);
  return localMs - timeZoneOffsetMs(first, timeZone);
}

export function dateToSerial(date: Date, timeZone: string): number {
  const ms = date.getTime();
  return (ms + timeZoneOffsetMs(ms, timeZone)) / DAY_MS + UNIX_EPOCH_SERIAL;
}

export function serialToEpochMs(serial: number, timeZone: string): number {
  const localMs = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  return instantFromWallClock(localMs, timeZone);
}

/** Wall clock of a serial number (no time zone involved: serials are already local). */
export function serialToWallClock(serial: number): WallClock {
  const d = new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

export function wallClockToSerial(w: Pick<WallClock, 'year' | 'month' | 'day'> & Partial<WallClock>): number {
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.millisecond ?? 0);
  return ms / DAY_MS + UNIX_EPOCH_SERIAL;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

function offsetText(offsetMs: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  const minutes = Math.round(offsetMs / 60_000);
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

/** Splits a Java pattern into runs of the same letter and quoted/other literals. */
function tokenizeJavaPattern(pattern: string): Array<{ letter: string; count: number } | { literal: string }> {
  const tokens: Array<{ letter: string; count: number } | { literal: string }> = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      const stop = end === -1 ? pattern.length : end;
      tokens.push({ literal: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      tokens.push({ letter: ch, count: j - i });
      i = j;
      continue;
    }
    tokens.push({ literal: ch });
    i++;
  }
  return tokens;
}

/** Utilities.formatDate: Java SimpleDateFormat letters y M d E u a H k K h m s S Z X z D. */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const offset = timeZoneOffsetMs(ms, timeZone);
  const w = wallClock(date, timeZone);
  let out = '';
  for (const token of tokenizeJavaPattern(pattern)) {
    if ('literal' in token) {
      out += token.literal;
      continue;
    }
    const { letter, count } = token;
    switch (letter) {
      case 'y':
      case 'Y':
        out += count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
        break;
      case 'M':
      case 'L':
        out += count >= 4 ? MONTHS[w.month - 1] : count === 3 ? MONTHS[w.month - 1]?.slice(0, 3) : pad(w.month, count);
        break;
      case 'd':
        out += pad(w.day, count);
        break;
      case 'D': {
        const dayOfYear = Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / DAY_MS) + 1;
        out += pad(dayOfYear, count);
        break;
      }
      case 'E':
        out += count >= 4 ? WEEKDAYS[w.weekday] : WEEKDAYS[w.weekday]?.slice(0, 3);
        break;
      case 'u':
        out += pad(w.weekday === 0 ? 7 : w.weekday, count);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour, count);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, count);
        break;
      case 'K':
        out += pad(w.hour % 12, count);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
        break;
      case 'm':
        out += pad(w.minute, count);
        break;
      case 's':
        out += pad(w.second, count);
        break;
      case 'S':
        out += pad(w.millisecond, count);
        break;
      case 'Z':
        out += offsetText(offset, 'Z');
        break;
      case 'X':
        out += offsetText(offset, count === 1 ? 'X' : count === 2 ? 'XX' : 'XXX');
        break;
      case 'z': {
        const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
          .formatToParts(date)
          .find((p) => p.type === 'timeZoneName')?.value;
        out += name ?? offsetText(offset, 'XXX');
        break;
      }
      default:
        throw new Error(`Illegal pattern character '${letter}'`);
    }
  }
  return out;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
