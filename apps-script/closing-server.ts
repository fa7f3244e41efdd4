/// <reference types="google-apps-script" />
// Grade and reflect: the Close the quarter sidebar's server functions. closingLoad reads the OKR tab
// once; closingSave re-reads it under the document lock, refuses rows changed since they were
// loaded (row versions, as sidebarSave), adds the missing closing columns at the right of the table
// (header cells with their notes), then writes only the changed Final Score, Learning and Carry On
// cells. Range calls do not depend on the table's size.
import { CLOSING_COLUMNS, type ClosingKey } from '../shared/columns.ts';
import { gradeFor } from '../shared/grades.ts';
import { nextPeriod } from '../shared/next-period.ts';
import { suggestCarry } from '../shared/next-quarter.ts';
import type { Objective } from '../shared/schemas.ts';
import { validateTables } from '../shared/validate.ts';
import type { Cell } from '../shared/values.ts';
import { withDocumentLock } from './document-lock.ts';
import type { Sheet, Value } from './gas.ts';
import { columnOf, type OkrTab, okrSheetFor, readOkrTab } from './okr-sheet.ts';
import { periodFor } from './period.ts';
import { rowVersion } from './row-version.ts';
import { readSettings, type Settings } from './settings.ts';
import type { ClosingData, ClosingField, ClosingObjective, ClosingSaveRequest, ClosingSaveResult, ObjectiveGrade } from './sidebar/closing-contract.ts';
import { asText, type CellWrite, sameAsCell, writeCells } from './sidebar-server.ts';
import { HEADER_BACKGROUND } from './style.ts';

export const MAX_LEARNING_LENGTH = 500;
const FINAL_SCORE_FORMAT = '0.00';

type InvalidError = Extract<ClosingSaveResult, { reason: 'invalid' }>['errors'][number];
type Columns = Record<ClosingKey | 'objective', number | undefined>;

export function closingLoad(): ClosingData {
  const settings = readSettings();
  const tab = readOkrTab(okrSheetFor(SpreadsheetApp.getActiveSpreadsheet()), settings.team || undefined);
  return closingData(tab, settings);
}

export function closingSave(req: ClosingSaveRequest): ClosingSaveResult {
  if (!req || typeof req !== 'object' || typeof req.sheetName !== 'string' || !Array.isArray(req.grades)) {
    return { ok: false, reason: 'invalid', errors: [{ objectiveId: '', field: 'finalScore', message: 'The save request is malformed: reload the sidebar.' }] };
  }
  return withDocumentLock(
    () => saveLocked(req),
    () => ({ ok: false, reason: 'busy', message: 'Someone else is saving to this spreadsheet right now. Try again in a few seconds — nothing was saved.' }),
  );
}

// ---- Load ----

function columnsOf(tab: OkrTab): Columns {
  const h = tab.header;
  const at = (key: ClosingKey | 'objective') => (h ? columnOf(h, key) : undefined);
  return { objective: at('objective'), finalScore: at('finalScore'), learning: at('learning'), carryOn: at('carryOn') };
}

function objectiveVersion(tab: OkrTab, col: Columns, row: number): string {
  const at = (c: number | undefined): Cell => (c === undefined ? '' : tab.grid[row - 1]?.[c - 1]);
  return rowVersion(at(col.objective), at(col.finalScore), at(col.learning), at(col.carryOn));
}

export function closingData(tab: OkrTab, settings: Settings): ClosingData {
  const { table, header } = tab;
  if (!header) {
    return {
      ok: false,
      reason: 'not-okr-table',
      sheetName: tab.name,
      message: `“${tab.name}” holds no OKR table: open the OKR tab of the quarter you are closing.`,
    };
  }
  const period = periodFor(table, settings);
  const col = columnsOf(tab);
  const suggested = suggestCarry(table.objectives, (i) => {
    const o = table.objectives[i]!;
    return gradeFor(o.finalScore ?? o.score, o.kind) === 'green';
  });
  const objectives = table.objectives.map((o, i): ClosingObjective => {
    return {
      id: o.id,
      title: o.title,
      kind: o.kind,
      row: o.row,
      alignsTo: o.alignsTo,
      keyResults: o.keyResults.length,
      score: o.score,
      grade: gradeFor(o.score, o.kind),
      finalScore: o.finalScore ?? null,
      learning: o.learning ?? '',
      carryOn: o.carryOn ?? null,
      rowVersion: objectiveVersion(tab, col, o.row),
      suggestCarry: suggested[i]!,
    };
  });
  const problems = validateTables([table], { asOf: new Date(), period }).filter((p) => p.severity === 'error');
  return {
    ok: true,
    sheetName: tab.name,
    team: table.team,
    isCompany: table.isCompany,
    period,
    next: period ? nextPeriod(period) : null,
    hasColumns: CLOSING_COLUMNS.every((c) => col[c.key] !== undefined),
    objectives,
    problems,
  };
}

// ---- Save ----

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function checkGrade(g: ObjectiveGrade, seen: Set<string>): InvalidError[] {
  const id = g && typeof g.objectiveId === 'string' ? g.objectiveId : '';
  const bad = (field: ClosingField, message: string): InvalidError => ({ objectiveId: id, field, message });
  if (!g || !id || typeof g.row !== 'number' || typeof g.rowVersion !== 'string') return [bad('finalScore', 'A grade is missing its objective id, row or version: reload the sidebar.')];
  const errors: InvalidError[] = [];
  if (seen.has(id)) errors.push(bad('finalScore', `Objective ${id} is graded twice in one save.`));
  seen.add(id);
  if (!(g.finalScore === null || (typeof g.finalScore === 'number' && Number.isFinite(g.finalScore) && g.finalScore >= 0 && g.finalScore <= 1))) {
    errors.push(bad('finalScore', 'The final score must be between 0 and 1 (e.g. 0.7), or empty.'));
  }
  if (typeof g.learning !== 'string') errors.push(bad('learning', 'The learning must be text.'));
  else if (oneLine(g.learning).length > MAX_LEARNING_LENGTH) errors.push(bad('learning', `Keep the learning to one line (at most ${MAX_LEARNING_LENGTH} characters).`));
  if (!(g.carryOn === null || typeof g.carryOn === 'boolean')) errors.push(bad('carryOn', 'Carry On must be yes, no or empty.'));
  return errors;
}

function saveLocked(req: ClosingSaveRequest): ClosingSaveResult {
  const settings = readSettings();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(req.sheetName);
  const fail = (message: string): ClosingSaveResult => ({
    ok: false,
    reason: 'invalid',
    errors: req.grades.map((g) => ({ objectiveId: g && typeof g.objectiveId === 'string' ? g.objectiveId : '', field: 'finalScore' as const, message })),
  });
  if (!sheet) return fail(`The tab “${req.sheetName}” no longer exists: reload the sidebar.`);
  const tab = readOkrTab(sheet, settings.team || undefined);
  if (!tab.header || tab.table.headerRow === null) return fail(`The tab “${req.sheetName}” no longer holds an OKR table: reload the sidebar.`);

  const errors: InvalidError[] = [];
  const seen = new Set<string>();
  const planned: { grade: ObjectiveGrade; objective: Objective }[] = [];
  for (const g of req.grades) {
    const problems = checkGrade(g, seen);
    errors.push(...problems);
    if (problems.length) continue;
    const objective = tab.table.objectives.find((o) => o.id === g.objectiveId && o.row === g.row) ?? tab.table.objectives.find((o) => o.id === g.objectiveId);
    if (!objective) errors.push({ objectiveId: g.objectiveId, field: 'finalScore', message: `Objective ${g.objectiveId} is no longer on “${tab.name}” (deleted or renamed?): reload the sidebar.` });
    else planned.push({ grade: g, objective });
  }
  if (errors.length) return { ok: false, reason: 'invalid', errors };

  const col = columnsOf(tab);
  const conflicts = planned
    .filter((p) => objectiveVersion(tab, col, p.objective.row) !== p.grade.rowVersion)
    .map((p) => ({ objectiveId: p.objective.id, row: p.objective.row, title: p.objective.title }));
  if (conflicts.length && !req.force) return { ok: false, reason: 'conflict', conflicts, data: closingData(tab, settings) };

  const addedColumns = planned.length ? addClosingColumns(sheet, tab, col) : [];
  writeCells(sheet, gradeCells(tab, col, planned));
  SpreadsheetApp.flush();
  return { ok: true, saved: planned.length, addedColumns, data: closingData(readOkrTab(sheet, settings.team || undefined), settings) };
}

/**
 * The missing closing columns go right of the data range's last column, so no column someone uses
 * without a header is taken over: header cells (with the template's header style and each column's
 * note) in one write, and Final Score's cells formatted as a score. Fills in `col`.
 */
function addClosingColumns(sheet: Sheet, tab: OkrTab, col: Columns): string[] {
  const missing = CLOSING_COLUMNS.filter((c) => col[c.key] === undefined);
  if (missing.length === 0) return [];
  const headerRow = tab.table.headerRow as number;
  const first = (tab.grid[0]?.length ?? 0) + 1;
  const last = first + missing.length - 1;
  // getRange may not reach past the sheet's last column: grow it first.
  const maxColumns = sheet.getMaxColumns();
  if (last > maxColumns) sheet.insertColumnsAfter(maxColumns, last - maxColumns);
  sheet
    .getRange(headerRow, first, 1, missing.length)
    .setValues([missing.map((c) => asText(c.header))])
    .setNotes([missing.map((c) => c.note)])
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND)
    .setWrap(true)
    .setVerticalAlignment('middle');
  missing.forEach((c, i) => {
    col[c.key] = first + i;
  });
  const scoreColumn = col.finalScore as number;
  const below = sheet.getMaxRows() - headerRow;
  if (below > 0 && missing.some((c) => c.key === 'finalScore')) sheet.getRange(headerRow + 1, scoreColumn, below, 1).setNumberFormat(FINAL_SCORE_FORMAT);
  return missing.map((c) => c.header);
}

function gradeCells(tab: OkrTab, col: Columns, planned: { grade: ObjectiveGrade; objective: Objective }[]): CellWrite[] {
  const cells: CellWrite[] = [];
  for (const { grade, objective } of planned) {
    const row = objective.row;
    const put = (column: number | undefined, value: Value) => {
      if (column !== undefined && !sameAsCell(tab.grid[row - 1]?.[column - 1], value)) cells.push({ row, column, value });
    };
    put(col.finalScore, grade.finalScore ?? '');
    put(col.learning, asText(oneLine(grade.learning)));
    const existingCarry = col.carryOn === undefined ? undefined : tab.grid[row - 1]?.[col.carryOn - 1];
    // A checkbox column keeps its booleans, as sidebarSave does for binary key results.
    const carry: Value = grade.carryOn === null ? '' : typeof existingCarry === 'boolean' ? grade.carryOn : grade.carryOn ? 'yes' : 'no';
    put(col.carryOn, carry);
  }
  return cells;
}
