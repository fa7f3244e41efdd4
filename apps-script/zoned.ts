/// <reference types="google-apps-script" />
// Dates as the spreadsheet shows them. getValues() hands a date cell back as a Date: the instant at
// which the spreadsheet's own time zone reads that wall clock (a plain date is midnight there —
// 2026-10-01 in Berlin is 2026-09-30T22:00Z). The shared contract reads a Date's calendar day in
// UTC, so the OKR table's dates are re-expressed as the same wall clock in UTC first, with
// Utilities.formatDate in Spreadsheet.getSpreadsheetTimeZone()
// (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheettimezone).
// Check-in timestamps stay instants: they are moments, not calendar days.
import type { Cell } from '../shared/values.ts';
import type { Spreadsheet } from './gas.ts';

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** The wall clock of `d` in `timeZone`, as a Date in UTC. */
export function wallClockDate(d: Date, timeZone: string): Date {
  if (Number.isNaN(d.getTime())) return d;
  return new Date(`${Utilities.formatDate(d, timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSS")}Z`);
}

/** A copy of the grid with every Date re-expressed as its wall clock in `timeZone` (UTC-based). */
export function wallClockGrid(grid: Cell[][], timeZone: string): Cell[][] {
  return grid.map((row) => (row.some(isDate) ? row.map((c) => (isDate(c) ? wallClockDate(c, timeZone) : c)) : row));
}

export function spreadsheetTimeZone(ss: Spreadsheet): string {
  return ss.getSpreadsheetTimeZone();
}
