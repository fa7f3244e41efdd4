// Calendar arithmetic in the configured time zone: the ISO week a moment falls in, and the moment
// of a wall-clock time on a given day there. Pure (Intl only), so the DST edges are testable.
import { instantFromWallClock, wallClockOf } from '../../shared/time-zone.ts';
import type { WEEKDAYS } from '../config/schema.ts';

export type Weekday = (typeof WEEKDAYS)[number];

const DAY_MS = 86_400_000;
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const w = new Date(wallClockOf(at.getTime(), timeZone));
  return { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds() };
}

/** A real `YYYY-MM-DD` day (Date.parse rolls 2026-02-30 over into March instead of refusing it). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** The instant the clocks in `timeZone` show `date` `time` (in a DST gap: the instant just after it). */
export function zonedMoment(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(instantFromWallClock(Date.UTC(y, m - 1, d, hh, mm), timeZone));
}

/** ISO 8601 week of a calendar date (`2026-W49`): weeks start on Monday; week 1 holds 4 January. */
export function isoWeekOfDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${pad(week)}`;
}

/** The ISO week `at` falls in, in `timeZone`. */
export function isoWeek(at: Date, timeZone: string): string {
  return isoWeekOfDate(localDate(at, timeZone));
}

const WEEKDAY_INDEX: Record<Weekday, number> = { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 };

/** This ISO week's send moment: `weekday` at `time` in `timeZone`, in the week holding `at`. */
export function sendMomentOfWeek(at: Date, when: { weekday: Weekday; time: string; timeZone: string }): Date {
  const date = localDate(at, when.timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  const target = new Date(monday + WEEKDAY_INDEX[when.weekday] * DAY_MS).toISOString().slice(0, 10);
  return zonedMoment(target, when.time, when.timeZone);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
