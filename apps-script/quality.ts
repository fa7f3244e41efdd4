/// <reference types="google-apps-script" />
// "Check OKR quality": the shared contract's problems plus quality hints for the active tab, shown
// in a dialog and pinned to the offending cells as notes. Notes are read and written for the whole
// data range at once (getNotes/setNotes), so the cost does not grow with the sheet.
import { columnForHeader, type SheetColumnKey } from '../shared/columns.ts';
import type { HeaderMatch } from '../shared/header.ts';
import { countBySeverity } from '../shared/problems.ts';
import type { Problem } from '../shared/schemas.ts';
import { validateTables } from '../shared/validate.ts';
import type { Sheet } from './gas.ts';
import { escapeHtml, page } from './html.ts';
import { readOkrTab } from './okr-sheet.ts';
import { periodFor } from './period.ts';
import { readSettings } from './settings.ts';

/** Every note the check writes starts with this; anything else in a note is someone's and is kept. */
export const NOTE_PREFIX = 'OKR check: ';

export interface QualityReport {
  tab: string;
  isOkrTable: boolean;
  problems: Problem[];
  objectives: number;
  keyResults: number;
  /** Cells whose check notes were added, changed or removed. */
  notesChanged: number;
}

export function checkOkrQuality(): QualityReport {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  const report = runQualityCheck(sheet, new Date());
  const html = HtmlService.createHtmlOutput(qualityHtml(report)).setWidth(780).setHeight(540);
  SpreadsheetApp.getUi().showModalDialog(html, `OKR quality check — ${report.tab}`);
  return report;
}

export function runQualityCheck(sheet: Sheet, asOf: Date): QualityReport {
  const settings = readSettings();
  const tab = readOkrTab(sheet, settings.team || undefined);
  const problems = tab.header
    ? validateTables([tab.table], {
        asOf,
        period: periodFor(tab.table, settings),
      })
    : tab.table.problems;

  // Our notes from last time go; this run's come back. Other notes stay as they are.
  const notes = tab.range.getNotes();
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const cell = tab.header ? locate(p, tab.header) : null;
    if (!cell || cell.row > notes.length || cell.column > (notes[0]?.length ?? 0)) continue;
    const key = `${cell.row}:${cell.column}`;
    const lines = byCell.get(key) ?? [];
    lines.push(noteLine(p));
    if (p.why) lines.push(`Why: ${oneLine(p.why)}`);
    byCell.set(key, lines);
  }
  let notesChanged = 0;
  const next = notes.map((row, r) =>
    row.map((note, c) => {
      const own = byCell.get(`${r + 1}:${c + 1}`);
      const user = stripCheckNote(note);
      const updated = own ? withCheckNote(user, own) : user;
      if (updated !== note) notesChanged++;
      return updated;
    }),
  );
  if (notesChanged > 0) tab.range.setNotes(next);

  const objectives = tab.table.objectives;
  return {
    tab: tab.name,
    isOkrTable: tab.header !== null,
    problems,
    objectives: objectives.length,
    keyResults: objectives.reduce((n, o) => n + o.keyResults.length, 0),
    notesChanged,
  };
}

/** The 1-based cell a problem is about: its row, and its column by header text (or by alias). */
function locate(p: Problem, header: HeaderMatch<SheetColumnKey>): { row: number; column: number } | null {
  if (p.row === undefined) return null;
  let index = p.column === undefined ? -1 : header.headers.indexOf(p.column);
  if (index < 0 && p.column !== undefined) {
    const key = columnForHeader(p.column);
    index = key === undefined ? -1 : (header.columns[key] ?? -1);
  }
  // A missing column has no cell of its own: mark the row's first cell.
  return { row: p.row, column: index < 0 ? 1 : index + 1 };
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

function noteLine(p: Problem): string {
  return `${NOTE_PREFIX}${p.severity === 'error' ? '' : 'hint: '}${oneLine(p.message)}`;
}

/** Removes this check's block (which never holds a blank line) from the start of a note. */
export function stripCheckNote(note: string): string {
  if (!note.startsWith(NOTE_PREFIX)) return note;
  const end = note.indexOf('\n\n');
  return end < 0 ? '' : note.slice(end + 2);
}

export function withCheckNote(userNote: string, lines: readonly string[]): string {
  const block = lines.join('\n');
  return userNote ? `${block}\n\n${userNote}` : block;
}

export function qualityHtml(r: QualityReport): string {
  if (!r.isOkrTable) {
    const message = r.problems[0]?.message ?? 'No OKR table found.';
    return page(
      `<h2>This tab holds no OKR table</h2><p>${escapeHtml(message)}</p><p>Open an OKR tab and run the check again, or use <b>Insert team OKRs</b> to start one.</p>`,
    );
  }
  const { errors, warnings } = countBySeverity(r.problems);
  if (r.problems.length === 0) {
    return page(
      `<h2 class="ok">No problems found</h2><p>${r.objectives} objective(s) and ${r.keyResults} key result(s) on <b>${escapeHtml(r.tab)}</b> follow the OKR contract and the quality guidelines.</p>`,
    );
  }
  const rows = r.problems
    .map(
      (p) =>
        `<tr><td class="${p.severity}">${p.severity === 'error' ? 'Fix' : 'Hint'}</td><td>${p.row ?? '—'}</td><td>${escapeHtml(p.column ?? '—')}</td><td>${escapeHtml(p.message)}${p.why ? `<div class="why">Why: ${escapeHtml(p.why)}</div>` : ''}</td></tr>`,
    )
    .join('');
  const summary = `${errors} problem(s) to fix and ${warnings} hint(s) on <b>${escapeHtml(r.tab)}</b>.`;
  return page(
    `<h2>OKR quality check</h2><p>${summary} The cells are marked with notes starting “${escapeHtml(NOTE_PREFIX.trim())}”; they disappear when you run the check again after fixing them.</p>` +
      `<table><thead><tr><th></th><th>Row</th><th>Column</th><th>What to fix</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
