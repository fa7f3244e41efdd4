/// <reference types="google-apps-script" />
// The Check-ins tab: one row per key result update. Created once, appended to by the sidebar.
import { CHECKIN_COLUMNS, type CheckinKey, DEFAULT_CHECKINS_TAB } from '../shared/columns.ts';
import { CHECKIN_HEADERS } from '../shared/template.ts';
import type { Sheet, Spreadsheet } from './gas.ts';
import { HEADER_BACKGROUND } from './style.ts';

const FORMATS: Partial<Record<CheckinKey, string>> = {
  timestamp: 'yyyy-mm-dd hh:mm',
  score: '0.00',
  confidence: '0%',
};
const WIDTHS: Partial<Record<CheckinKey, number>> = {
  timestamp: 140,
  person: 200,
  before: 90,
  after: 90,
  score: 70,
  confidence: 90,
  note: 360,
};

export function checkinsSheet(ss: Spreadsheet): Sheet | null {
  return ss.getSheetByName(DEFAULT_CHECKINS_TAB);
}

/**
 * The Check-ins tab, created (as the last tab, with its header) if missing. insertSheet makes the
 * new tab the active one (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname,-sheetindex),
 * so the tab the user was on is made active again.
 */
export function ensureCheckinsSheet(ss: Spreadsheet): Sheet {
  const existing = checkinsSheet(ss);
  if (existing) return existing;
  const active = ss.getActiveSheet();
  const sheet = ss.insertSheet(DEFAULT_CHECKINS_TAB, ss.getNumSheets());
  writeCheckinsHeader(sheet);
  ss.setActiveSheet(active);
  return sheet;
}

export function writeCheckinsHeader(sheet: Sheet): void {
  const width = CHECKIN_HEADERS.length;
  sheet
    .getRange(1, 1, 1, width)
    .setValues([[...CHECKIN_HEADERS]])
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND);
  sheet.setFrozenRows(1);
  const rows = Math.max(1, sheet.getMaxRows() - 1);
  CHECKIN_COLUMNS.forEach((c, i) => {
    const format = FORMATS[c.key];
    if (format) sheet.getRange(2, i + 1, rows, 1).setNumberFormat(format);
    const width = WIDTHS[c.key];
    if (width) sheet.setColumnWidth(i + 1, width);
  });
}
