// A workbook's grids → the team's parsed OKR table and check-ins (the shared contract does the work).
import { parseCheckins } from '../../shared/checkins.ts';
import { DEFAULT_OKR_TAB } from '../../shared/columns.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import { parsePeople } from '../../shared/people.ts';
import { problem } from '../../shared/problems.ts';
import type { CheckIn, ParsedTable, PersonEmail, Problem } from '../../shared/schemas.ts';
import type { TabGrid, WorkbookGrids } from './grids.ts';
import { storableGrids, storableText } from './storable.ts';

/** One team's sheet as parsed: what is stored as its "last good" snapshot and reused when unchanged. */
export interface TeamParse {
  /** The workbook's first OKR tab (its Team line names the team). */
  table: ParsedTable;
  /** The workbook's other OKR tabs, in workbook order: one table per tab (one per period). */
  laterTables?: ParsedTable[];
  checkins: CheckIn[];
  /** Problems of the Check-ins tab (the table's own problems are in table.problems). */
  checkinProblems: Problem[];
  /**
   * The People tab's owner → e-mail rows (weekly reminders). Kept out of the alignment document,
   * which is served to anyone who can reach the view. Absent in snapshots stored before it existed.
   */
  people?: PersonEmail[];
  /** Problems of the People tab. */
  peopleProblems?: Problem[];
  /** Problems of the file itself (text that could not be stored, cells beyond the read bounds). */
  sourceProblems?: Problem[];
}

/**
 * Parses a workbook's grids. Text the database cannot store is cleaned first (storable.ts), and what
 * the reader noticed about the file becomes a warning naming `sourceName` (the file or spreadsheet).
 */
export function parseWorkbook(raw: WorkbookGrids, fallbackTeam: string, sourceName = fallbackTeam): TeamParse {
  const grids = storableGrids(raw);
  // Typed cells (an .xlsx, the Sheets API) read text as text, as the sheet's formulas do; a CSV is
  // all text. The spreadsheet's locale (Google) says how its text numbers are written.
  const parseTab = (okr: TabGrid | undefined, team: string) =>
    parseOkrTable(okr?.grid ?? [], {
      team,
      tab: okr?.tab ?? DEFAULT_OKR_TAB,
      cells: okr?.text ? 'text' : 'typed',
      ...(grids.locale ? { locale: grids.locale } : {}),
    });
  const table = parseTab(grids.okr[0], storableText(fallbackTeam));
  // A later tab without a Team line belongs to the same team as the first.
  const laterTables = grids.okr.slice(1).map((t) => parseTab(t, table.team));
  const at = (tab: string) => ({ team: table.team, tab });
  const sourceProblems = (grids.notes ?? []).map((n) =>
    problem(at(n.tab), 'warning', n.code, `${storableText(sourceName)}: ${n.message}`, {
      ...(n.row ? { row: n.row } : {}),
      value: storableText(sourceName),
    }),
  );
  const checkins = grids.checkins ? parseCheckins(grids.checkins.grid, { ...at(grids.checkins.tab), timeZone: grids.timeZone }) : { checkins: [], problems: [] };
  const parse: TeamParse = { table, ...(laterTables.length ? { laterTables } : {}), checkins: checkins.checkins, checkinProblems: checkins.problems, ...(sourceProblems.length ? { sourceProblems } : {}) };
  // Undefined: the People tab was not looked for (the source does not read it).
  if (grids.people === undefined) return parse;
  const people = grids.people ? parsePeople(grids.people.grid, at(grids.people.tab)) : { people: [], problems: [] };
  return { ...parse, people: people.people, peopleProblems: people.problems };
}

/** Every OKR table of a parse, in workbook order. */
export function tablesOf(p: TeamParse): ParsedTable[] {
  return [p.table, ...(p.laterTables ?? [])];
}

/** Whether a stored parse has every part the source now reads (older ones, or ones read before reminders were on, lack the People tab). */
export function isCurrentParse(p: TeamParse, readsPeople: boolean): boolean {
  return !readsPeople || Array.isArray(p.people);
}

/** A parse's problems outside its OKR table: its Check-ins tab's, its People tab's and its file's. */
export function fileProblems(parse: TeamParse): Problem[] {
  return [...parse.checkinProblems, ...(parse.peopleProblems ?? []), ...(parse.sourceProblems ?? [])];
}

/**
 * A deep copy with object keys in sorted order and undefined members dropped — the shape a parse
 * has after a trip through the database (jsonb sorts keys). Fresh and stored parses then roll up to
 * byte-identical JSON, so a sync that changed nothing stores no new snapshot.
 */
export function canonical<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v))) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonical(v);
  }
  return out as T;
}

/** Cheap structural check on a stored snapshot (an older build may have stored another shape). */
export function isTeamParse(v: unknown): v is TeamParse {
  const o = v as Partial<TeamParse> | null;
  return !!o && typeof o === 'object' && !!o.table && Array.isArray(o.table.objectives) && Array.isArray(o.checkins);
}
