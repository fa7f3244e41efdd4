/// <reference types="google-apps-script" />
// The sidebar's server functions (see sidebar/contract.ts). sidebarLoad reads the OKR tab and the
// Check-ins tab once each; sidebarSave re-reads under the document lock, refuses to overwrite rows
// that changed since they were loaded, then writes only the changed cells (one setValues per block
// of adjacent ones) and appends the check-ins with one setValues. Neither loops over the table.

import { parseCheckins } from '../shared/checkins.ts';
import { CHECKIN_COLUMNS, type CheckinKey, DEFAULT_CHECKINS_TAB, normalizeHeader } from '../shared/columns.ts';
import { gradeFor } from '../shared/grades.ts';
import { findHeader } from '../shared/header.ts';
import type { CheckIn, KeyResult, Problem } from '../shared/schemas.ts';
import { scoreKeyResult } from '../shared/scoring.ts';
import { statusAgainstTime } from '../shared/status.ts';
import { CHECKIN_HEADERS } from '../shared/template.ts';
import { validateTables } from '../shared/validate.ts';
import { type Cell, formatValue, parseBinary, parseNumber } from '../shared/values.ts';
import { checkinsSheet, ensureCheckinsSheet } from './checkins-tab.ts';
import type { Sheet, Spreadsheet, Value } from './gas.ts';
import { columnOf, columnRuns, type OkrTab, okrSheetFor, readOkrTab } from './okr-sheet.ts';
import { withDocumentLock } from './document-lock.ts';
import { periodFor } from './period.ts';
import { rowVersion } from './row-version.ts';
import { teamPageUrl } from '../shared/links.ts';
import { readSettings, type Settings } from './settings.ts';
import type { CheckinEntry, Conflict, KrChange, SaveRequest, SaveResult, SidebarData, SidebarKeyResult, SidebarObjective } from './sidebar/contract.ts';

/** Check-ins shown per key result, newest first. */
export const HISTORY_LIMIT = 5;
export const MAX_NOTE_LENGTH = 2000;

type InvalidError = Extract<SaveResult, { reason: 'invalid' }>['errors'][number];

export function sidebarLoad(): SidebarData {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings();
  const tab = readOkrTab(okrSheetFor(ss), settings.team || undefined);
  return sidebarData(tab, readCheckinGrid(ss), settings, new Date(), currentUser());
}

export function sidebarSave(req: SaveRequest): SaveResult {
  if (!isRequest(req))
    return {
      ok: false,
      reason: 'invalid',
      errors: [
        {
          krId: '',
          field: 'current',
          message: 'The save request is malformed: reload the sidebar.',
        },
      ],
    };
  return withDocumentLock(
    () => saveLocked(SpreadsheetApp.getActiveSpreadsheet(), req),
    () => ({
      ok: false,
      reason: 'busy',
      message: 'Someone else is saving check-ins to this spreadsheet right now. Try again in a few seconds — nothing was saved.',
    }),
  );
}

export function currentUser(): string {
  try {
    return Session.getActiveUser().getEmail() || 'unknown';
  } catch {
    return 'unknown';
  }
}

function readCheckinGrid(ss: Spreadsheet): Cell[][] | null {
  const sheet = checkinsSheet(ss);
  return sheet ? (sheet.getDataRange().getValues() as Cell[][]) : null;
}

// ---- Load ----

export function sidebarData(tab: OkrTab, checkinGrid: Cell[][] | null, settings: Settings, asOf: Date, user: string): SidebarData {
  const { table, header, grid } = tab;
  if (!header) {
    return {
      ok: false,
      reason: 'not-okr-table',
      sheetName: tab.name,
      message: `“${tab.name}” holds no OKR table (${table.problems[0]?.message ?? 'no header row'}). Open an OKR tab, or insert one from the add-on menu.`,
    };
  }
  const period = periodFor(table, settings);
  const problems = validateTables([table], { asOf, period });
  const hints = new Map<string, Problem[]>();
  const general: Problem[] = [];
  for (const p of problems) {
    if (p.objectiveId !== undefined && table.objectives.some((o) => o.id === p.objectiveId)) {
      hints.set(p.objectiveId, [...(hints.get(p.objectiveId) ?? []), p]);
    } else general.push(p);
  }
  const history = historyByKr(checkinGrid, table.team);
  const cell = (row: number, key: 'keyResult' | 'current' | 'confidence' | 'notes'): Cell => {
    const i = header.columns[key];
    return i === undefined ? '' : grid[row - 1]?.[i];
  };
  const objectives: SidebarObjective[] = table.objectives.map((o) => {
    const { status, expected } = statusAgainstTime({
      score: o.score,
      kind: o.kind,
      checkedIn: o.checkedIn,
      period,
      asOf,
    });
    return {
      id: o.id,
      title: o.title,
      kind: o.kind,
      row: o.row,
      owner: o.owner,
      score: o.score,
      grade: gradeFor(o.score, o.kind),
      status,
      expected,
      hints: hints.get(o.id) ?? [],
      keyResults: o.keyResults.map(
        (kr): SidebarKeyResult => ({
          id: kr.id,
          objectiveId: kr.objectiveId,
          title: kr.title,
          owner: kr.owner,
          type: kr.type,
          typeRaw: kr.typeRaw,
          start: kr.start,
          target: kr.target,
          current: kr.current,
          currentRaw: kr.currentRaw,
          weight: kr.weight,
          confidence: kr.confidence,
          notes: kr.notes,
          row: kr.row,
          score: kr.score,
          progress: kr.progress,
          state: kr.state,
          ...(kr.message !== undefined ? { message: kr.message } : {}),
          rowVersion: rowVersion(cell(kr.row, 'keyResult'), cell(kr.row, 'current'), cell(kr.row, 'confidence'), cell(kr.row, 'notes')),
          history: history.get(historyKey(kr.objectiveId, kr.id)) ?? history.get(historyKey('', kr.id)) ?? [],
        }),
      ),
    };
  });
  return {
    ok: true,
    sheetName: tab.name,
    team: table.team,
    period,
    asOf: asOf.toISOString(),
    user,
    teamPageUrl: teamPageUrl(settings.syncUrl, table.team),
    objectives,
    problems: general,
  };
}

const historyKey = (objectiveId: string, krId: string) => `${objectiveId}\u0000${krId}`;

function historyByKr(grid: Cell[][] | null, team: string): Map<string, CheckinEntry[]> {
  const out = new Map<string, CheckinEntry[]>();
  if (!grid) return out;
  const { checkins } = parseCheckins(grid, { team, tab: DEFAULT_CHECKINS_TAB });
  const sorted = [...checkins].sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.row - a.row);
  for (const c of sorted) {
    const key = historyKey(c.objectiveId, c.krId);
    const list = out.get(key) ?? [];
    if (list.length < HISTORY_LIMIT) list.push(entry(c));
    out.set(key, list);
  }
  return out;
}

function entry(c: CheckIn): CheckinEntry {
  return {
    timestamp: c.timestamp,
    person: c.person,
    before: c.before,
    after: c.after,
    score: c.score,
    confidence: c.confidence,
    note: c.note,
  };
}

// ---- Save ----

/** A validated change, ready to write. */
interface Plan {
  change: KrChange;
  kr: KeyResult;
  /** What goes into the Current cell. */
  cellValue: Value;
  current: number | null;
  after: string;
}

function isRequest(req: SaveRequest): boolean {
  return !!req && typeof req === 'object' && typeof req.sheetName === 'string' && Array.isArray(req.changes);
}

/** What can be checked without the sheet. `usable` is false when the change cannot even be located or read. */
function checkChange(c: KrChange, seen: Set<string>): { errors: InvalidError[]; usable: boolean } {
  const id = c && typeof c.krId === 'string' ? c.krId : '';
  const bad = (field: InvalidError['field'], message: string): InvalidError => ({ krId: id, field, message });
  if (!c || !id || typeof c.row !== 'number' || typeof c.rowVersion !== 'string') {
    return {
      errors: [bad('current', 'A change is missing its key result id, row or version: reload the sidebar.')],
      usable: false,
    };
  }
  const errors: InvalidError[] = [];
  let usable = true;
  if (seen.has(id)) {
    errors.push(bad('current', `Key result ${id} is changed twice in one save.`));
    usable = false;
  }
  seen.add(id);
  if (!(c.current === null || typeof c.current === 'number' || typeof c.current === 'string')) {
    errors.push(bad('current', 'Current must be a number, yes/no, or empty.'));
    usable = false;
  }
  if (!(c.confidence === null || (typeof c.confidence === 'number' && Number.isFinite(c.confidence) && c.confidence >= 0 && c.confidence <= 1))) {
    errors.push(bad('confidence', 'Confidence must be between 0% and 100%.'));
  }
  if (typeof c.note !== 'string') {
    errors.push(bad('note', 'The note must be text.'));
    usable = false;
  } else if (c.note.length > MAX_NOTE_LENGTH) errors.push(bad('note', `The note is too long (${c.note.length} characters; at most ${MAX_NOTE_LENGTH}).`));
  return { errors, usable };
}

/** Checks a change against the key result as it is in the sheet now. */
function planChange(change: KrChange, kr: KeyResult, existing: Cell): Plan | InvalidError {
  const fail = (message: string): InvalidError => ({
    krId: change.krId,
    field: 'current',
    message,
  });
  const raw = change.current;
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { change, kr, cellValue: '', current: null, after: '' };
  switch (kr.type) {
    case null:
      return fail(`Type “${kr.typeRaw}” is not metric, milestone, binary or manual, so a value cannot be scored: fix the Type in the sheet first.`);
    case 'binary': {
      const p = parseBinary(raw);
      if (p.kind !== 'ok') return fail(`“${String(raw)}” is not yes or no.`);
      const word = p.value ? 'yes' : 'no';
      // A checkbox column keeps its booleans.
      return {
        change,
        kr,
        cellValue: typeof existing === 'boolean' ? p.value === 1 : word,
        current: p.value,
        after: word,
      };
    }
    default: {
      const p = typeof raw === 'number' ? (Number.isFinite(raw) ? { kind: 'ok' as const, value: raw } : { kind: 'invalid' as const }) : parseNumber(raw);
      if (p.kind !== 'ok') return fail(`Current “${String(raw)}” is not a number.`);
      const n = p.value;
      if (kr.type === 'metric' || kr.type === 'milestone') {
        const check = scoreKeyResult({
          type: kr.type,
          start: kr.start,
          target: kr.target,
          current: n,
        });
        if (check.state === 'no-target' || check.state === 'invalid') return fail(check.message ?? 'This key result cannot be scored.');
        if (kr.type === 'milestone' && n < 0) return fail('Milestones done cannot be negative.');
      }
      if (kr.type === 'manual' && (n < 0 || n > 1)) return fail(`A manual score must be between 0% and 100% (got ${formatValue(n * 100)}%).`);
      return { change, kr, cellValue: n, current: n, after: formatValue(n) };
    }
  }
}

function saveLocked(ss: Spreadsheet, req: SaveRequest): SaveResult {
  const settings = readSettings();
  const sheet = ss.getSheetByName(req.sheetName);
  const everyChange = (message: string): SaveResult => ({
    ok: false,
    reason: 'invalid',
    errors: req.changes.map((c) => ({
      krId: c && typeof c.krId === 'string' ? c.krId : '',
      field: 'current' as const,
      message,
    })),
  });
  if (!sheet) return everyChange(`The tab “${req.sheetName}” no longer exists: reload the sidebar.`);
  const tab = readOkrTab(sheet, settings.team || undefined);
  const checkinGrid = readCheckinGrid(ss);
  const asOf = new Date();
  const user = currentUser();
  const { header, grid } = tab;
  if (!header) return everyChange(`The tab “${req.sheetName}” no longer holds an OKR table: reload the sidebar.`);
  if (req.changes.length === 0)
    return {
      ok: true,
      saved: 0,
      data: sidebarData(tab, checkinGrid, settings, asOf, user),
    };

  const col = {
    current: columnOf(header, 'current'),
    confidence: columnOf(header, 'confidence'),
    notes: columnOf(header, 'notes'),
    keyResult: columnOf(header, 'keyResult'),
  };
  const at = (row: number, column: number | undefined): Cell => (column === undefined ? '' : grid[row - 1]?.[column - 1]);
  const krs = tab.table.objectives.flatMap((o) => o.keyResults);

  const errors: InvalidError[] = [];
  const plans: Plan[] = [];
  const seen = new Set<string>();
  for (const change of req.changes) {
    const checked = checkChange(change, seen);
    errors.push(...checked.errors);
    if (!checked.usable) continue;
    // The same row when it still holds this key result, else wherever it moved to.
    const kr = krs.find((k) => k.id === change.krId && k.row === change.row) ?? krs.find((k) => k.id === change.krId);
    if (!kr) {
      errors.push({
        krId: change.krId,
        field: 'current',
        message: `Key result ${change.krId} is no longer on “${tab.name}” (deleted or renamed?): reload the sidebar.`,
      });
      continue;
    }
    if (col.current === undefined) {
      errors.push({
        krId: change.krId,
        field: 'current',
        message: 'This tab has no Current column.',
      });
      continue;
    }
    if (col.confidence === undefined && change.confidence !== null) {
      errors.push({
        krId: change.krId,
        field: 'confidence',
        message: 'This tab has no Confidence column: add one, or leave confidence empty.',
      });
    }
    const plan = planChange(change, kr, at(kr.row, col.current));
    if ('message' in plan) errors.push(plan);
    else plans.push(plan);
  }
  if (errors.length) return { ok: false, reason: 'invalid', errors };

  const conflicts: Conflict[] = [];
  for (const p of plans) {
    const row = p.kr.row;
    const now = rowVersion(at(row, col.keyResult), at(row, col.current), at(row, col.confidence), at(row, col.notes));
    if (now === p.change.rowVersion) continue;
    conflicts.push({
      krId: p.kr.id,
      row,
      title: p.kr.title,
      theirs: {
        current: p.kr.currentRaw,
        confidence: p.kr.confidence,
        notes: p.kr.notes,
      },
      mine: {
        current: p.after,
        confidence: p.change.confidence,
        note: p.change.note,
      },
    });
  }
  if (conflicts.length && !req.force)
    return {
      ok: false,
      reason: 'conflict',
      conflicts,
      data: sidebarData(tab, checkinGrid, settings, asOf, user),
    };

  writeRows(sheet, tab, plans, col);
  appendCheckins(ss, checkinGrid, plans, asOf, user);
  SpreadsheetApp.flush();

  const fresh = readOkrTab(sheet, settings.team || undefined);
  return {
    ok: true,
    saved: plans.length,
    data: sidebarData(fresh, readCheckinGrid(ss), settings, asOf, user),
  };
}

/** As the After column shows it: binary values as yes/no (a checkbox's TRUE/FALSE included). */
function beforeText(kr: KeyResult): string {
  if (kr.type === 'binary' && kr.current !== null) return kr.current ? 'yes' : 'no';
  return kr.currentRaw;
}

/**
 * setValues() parses a string as if it were typed (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues):
 * "+1 deal" and "- shipped v2" become failing formulas, "50%" 0.5, "007" 7, "2026-01-05" a date.
 * A leading apostrophe makes Sheets keep the text as it is (and is not part of the value).
 */
export const asText = (s: string): string => (s === '' ? s : `'${s}`);

/** Whether writing `value` (text `'`-prefixed as asText makes it) would leave the cell as it is. */
export function sameAsCell(existing: Cell, value: Value): boolean {
  const was = existing ?? '';
  return typeof value === 'string' && value.startsWith("'") ? was === value.slice(1) : was === value;
}

/** One cell to write: 1-based row and column. */
export interface CellWrite {
  row: number;
  column: number;
  value: Value;
}

/**
 * Writes only the cells that change, one setValues per rectangle of adjacent changed cells: runs of
 * adjacent columns in a row, merged with the same run in the rows below. Other cells — a
 * colleague's edit, rich text and links in Notes, a protected cell — are never touched, and the
 * number of Range calls depends on the changes, not on the table's size.
 */
export function writeCells(sheet: Sheet, cells: readonly CellWrite[]): void {
  const byRow = new Map<number, Map<number, Value>>();
  for (const c of cells) {
    if (!byRow.has(c.row)) byRow.set(c.row, new Map());
    byRow.get(c.row)?.set(c.column, c.value);
  }
  type Block = { row: number; column: number; width: number; values: Value[][] };
  const open = new Map<string, Block>();
  const blocks: Block[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const columns = byRow.get(row) as Map<number, Value>;
    for (const [column, width] of columnRuns([...columns.keys()])) {
      const values = Array.from({ length: width }, (_, i) => columns.get(column + i) as Value);
      const key = `${column}:${width}`;
      const above = open.get(key);
      if (above && above.row + above.values.length === row) above.values.push(values);
      else {
        const block = { row, column, width, values: [values] };
        blocks.push(block);
        open.set(key, block);
      }
    }
  }
  for (const b of blocks) sheet.getRange(b.row, b.column, b.values.length, b.width).setValues(b.values);
}

/** The Current, Confidence and Notes cells the plans change (cells already holding the value are left alone). */
function writeRows(
  sheet: Sheet,
  tab: OkrTab,
  plans: Plan[],
  col: {
    current?: number | undefined;
    confidence?: number | undefined;
    notes?: number | undefined;
  },
): void {
  const cells: CellWrite[] = [];
  const put = (row: number, column: number | undefined, value: Value | undefined) => {
    if (column === undefined || value === undefined) return;
    if (!sameAsCell(tab.grid[row - 1]?.[column - 1], value)) cells.push({ row, column, value });
  };
  for (const p of plans) {
    const row = p.kr.row;
    put(row, col.current, typeof p.cellValue === 'string' ? asText(p.cellValue) : p.cellValue);
    put(row, col.confidence, p.change.confidence ?? '');
    const note = p.change.note.trim();
    if (note) put(row, col.notes, asText(note));
  }
  writeCells(sheet, cells);
}

/** One setValues on the rows after the Check-ins tab's last row, in that tab's column order. */
function appendCheckins(ss: Spreadsheet, grid: Cell[][] | null, plans: Plan[], asOf: Date, user: string): void {
  const sheet = ensureCheckinsSheet(ss);
  const header = grid ? findHeader(grid, (t) => CHECKIN_LOOKUP.get(normalizeHeader(t)), ['timestamp', 'krId']) : null;
  const position = (key: CheckinKey, i: number) => (header ? header.columns[key] : i);
  const width = header ? Math.max(...Object.values(header.columns).map((i) => (i as number) + 1)) : CHECKIN_COLUMNS.length;
  const rows = plans.map((p) => {
    const values: Record<CheckinKey, Value> = {
      timestamp: asOf,
      person: asText(user),
      objectiveId: asText(p.kr.objectiveId),
      krId: asText(p.kr.id),
      before: asText(beforeText(p.kr)),
      after: asText(p.after),
      score:
        scoreKeyResult({
          type: p.kr.type,
          start: p.kr.start,
          target: p.kr.target,
          current: p.current,
        }).score ?? '',
      confidence: p.change.confidence ?? '',
      note: asText(p.change.note.trim()),
    };
    const row: Value[] = new Array<Value>(width).fill('');
    CHECKIN_COLUMNS.forEach((c, i) => {
      const at = position(c.key, i);
      if (at !== undefined) row[at] = values[c.key];
    });
    return row;
  });
  const last = sheet.getLastRow();
  // A Check-ins tab someone emptied gets its header back in the same write.
  if (last === 0) rows.unshift([...CHECKIN_HEADERS]);
  // getRange may not reach past the sheet's last row: grow it first (Sheets does not on its own).
  const maxRows = sheet.getMaxRows();
  if (last + rows.length > maxRows) sheet.insertRowsAfter(maxRows, last + rows.length - maxRows);
  sheet.getRange(last + 1, 1, rows.length, width).setValues(rows);
}

const CHECKIN_LOOKUP: ReadonlyMap<string, CheckinKey> = new Map(
  CHECKIN_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((n) => [normalizeHeader(n), c.key] as const)),
);
