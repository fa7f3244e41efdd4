// The period after a closed one: same length in whole months when the period is whole months (a
// quarter gives the next quarter), else the same number of days; its label steps the quarter, half
// or year in the label (2026 Q4 → 2027 Q1, H2 2026 → H1 2027, FY2026 → FY2027).
import type { Period } from './schemas.ts';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ms = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);

/** The first day of the month `months` after the one `isoDate` is in (UTC calendar arithmetic). */
function addMonths(isoDate: string, months: number): number {
  const d = new Date(ms(isoDate));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/** Whole months from the first of start's month to the day after end, when the period covers exactly that. */
function wholeMonths(start: string, end: string): number | null {
  if (!start.endsWith('-01')) return null;
  const after = ms(end) + DAY_MS;
  for (let m = 1; m <= 24; m++) {
    const t = addMonths(start, m);
    if (t === after) return m;
    if (t > after) return null;
  }
  return null;
}

export function nextPeriodDates(start: string, end: string): { start: string; end: string } {
  const nextStart = ms(end) + DAY_MS;
  const months = wholeMonths(start, end);
  if (months !== null) return { start: iso(nextStart), end: iso(addMonths(iso(nextStart), months) - DAY_MS) };
  const days = Math.round((ms(end) - ms(start)) / DAY_MS);
  return { start: iso(nextStart), end: iso(nextStart + days * DAY_MS) };
}

/** Steps `2026 Q4`, `Q4 2026`, `2026-Q4`, `H2 2026`, `FY2026` or a bare year; null when the label has none of them. */
export function nextPeriodLabel(label: string): string | null {
  const part = (re: RegExp, count: number) => {
    const m = re.exec(label);
    if (!m?.groups) return null;
    const year = Number(m.groups.year);
    const n = Number(m.groups.n);
    const [ny, nn] = n >= count ? [year + 1, 1] : [year, n + 1];
    return label.slice(0, m.index) + m[0].replace(m.groups.year!, String(ny)).replace(new RegExp(`(?<=[QqHh])${n}`), String(nn)) + label.slice(m.index + m[0].length);
  };
  return (
    part(/(?<year>\d{4})\s*[-/ ]?\s*[Qq](?<n>[1-4])\b/, 4) ??
    part(/\b[Qq](?<n>[1-4])\s*[-/ ]?\s*(?<year>\d{4})/, 4) ??
    part(/(?<year>\d{4})\s*[-/ ]?\s*[Hh](?<n>[12])\b/, 2) ??
    part(/\b[Hh](?<n>[12])\s*[-/ ]?\s*(?<year>\d{4})/, 2) ??
    (/\d{4}/.test(label) && !/\d{4}.*\d{4}/.test(label) ? label.replace(/\d{4}/, (y) => String(Number(y) + 1)) : null)
  );
}

/** The next period; its label is stepped from the old one, else named by its dates. */
export function nextPeriod(period: Period): Period {
  const dates = nextPeriodDates(period.start, period.end);
  const label = (period.label && nextPeriodLabel(period.label)) || `${dates.start} – ${dates.end}`;
  return { label, ...dates };
}
