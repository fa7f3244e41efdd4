// The sheet contract: turn an OKR table (from getValues(), the Sheets API, an .xlsx or a .csv)
// into scored objectives plus a list of problems. Never throws on bad rows: each bad row or cell
// is reported with its sheet row number and column, and the rest still parses.
import { CLOSING_KEYS, COLUMN_BY_KEY, columnForHeader, columnLetter, type SheetColumnKey } from './columns.ts';
import { findHeader, readMetadata } from './header.ts';
import { problem, type Where } from './problems.ts';
import { type CellMode, numberCellMessage, readNumberCell } from './number-cell.ts';
import { type ClosingCells, readClosing } from './closing.ts';
import { effectiveWeight, objectiveScore, scoreKeyResult } from './scoring.ts';
import { KR_TYPES } from './enums.ts';
import type { KeyResult, Kind, KrType, Objective, ParsedTable, Problem, SheetMeta } from './schemas.ts';
import {
  ASPIRATIONAL_WORDS,
  COMMITTED_WORDS,
  cellText,
  parseBinary,
  parseConfidence,
  parseDate,
  parseNumber,
  splitIds,
  formatValue,
  numberLocale,
  type Cell,
  type NumberLocale,
  type Parsed,
} from './values.ts';

export interface ParseContext {
  /** Used when the sheet has no `Team:` metadata (e.g. the file name). */
  team?: string;
  tab: string;
  /**
   * 'typed' for cells that keep their types (getValues(), the Sheets API's UNFORMATTED_VALUE, an
   * .xlsx): text is then never a number, as in the sheet's formulas (number-cell.ts). 'text'
   * (default) for a grid of strings such as a CSV, parsed as people type.
   */
  cells?: CellMode;
  /** The spreadsheet's locale (`de_DE`, Google's spelling): its separators read text numbers. */
  locale?: string;
}

const REQUIRED: readonly SheetColumnKey[] = ['objectiveId', 'objective', 'keyResult', 'type'];
const EXPECTED_TYPES = `expected ${KR_TYPES.join(', ')}`;
/** The Sheets API and Excel show a formula's error as its code, e.g. `#VALUE!`. */
const SHEET_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|ERROR!)/;
/** A score written by the template agrees with ours to far better than this. */
const SCORE_TOLERANCE = 1e-6;

/**
 * The same texts recur in every team's sheet ("80%", "yes", "0.62"): a reader of a small
 * vocabulary reads each distinct text once. The readers are pure and their results are never
 * mutated, so sharing is safe.
 */
const MEMO_MAX = 16_384;
function memoized<T>(read: (cell: Cell) => T): (cell: Cell) => T {
  const memo = new Map<string, T>();
  return (cell) => {
    if (typeof cell !== 'string') return read(cell);
    let hit = memo.get(cell);
    if (hit === undefined) {
      hit = read(cell);
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(cell, hit);
    }
    return hit;
  };
}

/**
 * How far a Score cell may be from ours and still agree. A number is the formula's result; text
 * (a CSV export, the API's formatted values) is rounded for display, e.g. "0.33" or "33%".
 */
/** The error code a Score cell shows (`#VALUE!`), or null; only text starting with `#` is tested. */
function sheetError(cell: Cell): string | null {
  if (typeof cell !== 'string') return null;
  const shown = cellText(cell);
  return shown.charCodeAt(0) === 35 && SHEET_ERROR.test(shown) ? shown : null;
}

const scoreTolerance = memoized((cell: Cell): number => {
  if (typeof cell !== 'string') return SCORE_TOLERANCE;
  const shown = shownDecimals(cell) + (cell.includes('%') ? 2 : 0);
  return Math.max(SCORE_TOLERANCE, 0.5 * 10 ** -shown + 1e-12);
});

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The digits after the first `.` or `,` that has any (as /[.,](\d+)/ finds them), without allocating. */
function shownDecimals(text: string): number {
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if ((c !== 46 && c !== 44) || !isDigit(text.charCodeAt(i + 1))) continue;
    let end = i + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    return end - i - 1;
  }
  return 0;
}

// Only the readers of small vocabularies: a memo of free-form numbers would miss more than it hits.
const readNumber = parseNumber;
const readConfidence = memoized(parseConfidence);
const readBinary = memoized(parseBinary);
/** Start and End: every team's sheet names the same few dates. */
const readDate = memoized(parseDate);

export function parseOkrTable(grid: readonly (readonly Cell[])[], ctx: ParseContext): ParsedTable {
  const header = findHeader(grid, columnForHeader, ['objectiveId', 'keyResult']);
  const rawMeta = readMetadata(grid, header ? header.index : 10);
  const meta = toMeta(rawMeta);
  const team = meta.team || ctx.team || ctx.tab;
  const where: Where = { team, tab: ctx.tab };
  const mode: CellMode = ctx.cells ?? 'text';
  const locale: NumberLocale | undefined = numberLocale(ctx.locale);
  const problems: Problem[] = [];
  const isCompany = Boolean(meta.mission) || /company/i.test(meta.level ?? '');

  for (const key of ['start', 'end'] as const) {
    const raw = rawMeta[key];
    if (raw !== undefined && cellText(raw) !== '' && !meta[key]) {
      problems.push(problem(where, 'warning', 'bad-date', `${key === 'start' ? 'Start' : 'End'} "${cellText(raw)}" is not a date (expected e.g. 2026-10-01)`, { value: cellText(raw) }));
    }
  }
  if (meta.start && meta.end && meta.start > meta.end) {
    problems.push(problem(where, 'error', 'bad-period', `The period ends (${meta.end}) before it starts (${meta.start}) (expected End on or after Start)`));
  }

  if (!header) {
    const empty = grid.every((row) => row.every((c) => cellText(c) === ''));
    problems.push(
      empty
        ? problem(where, 'error', 'empty-sheet', 'The sheet is empty: expected an OKR table with Objective ID, Objective, Key Result and Type columns')
        : problem(where, 'error', 'missing-header', 'No header row in the first 10 rows: expected a row with "Objective ID" and "Key Result" columns'),
    );
    return { team, tab: ctx.tab, meta, isCompany, headerRow: null, objectives: [], problems };
  }

  const headerRow = header.index + 1;
  const col = header.columns;
  const headerName = (key: SheetColumnKey): string => {
    const i = col[key];
    return (i !== undefined && header.headers[i]) || COLUMN_BY_KEY[key].header;
  };
  for (const [key, indexes] of header.duplicates) {
    problems.push(
      problem(where, 'warning', 'duplicate-column', `"${COLUMN_BY_KEY[key].header}" appears in columns ${indexes.map(columnLetter).join(', ')}; using column ${columnLetter(indexes[0]!)} (expected each column once)`, {
        row: headerRow,
        column: headerName(key),
        value: indexes.map((i) => header.headers[i]).join(', '),
      }),
    );
  }
  // The template's column formulas sit in header cells: an error there (a value typed below the
  // formula stops it filling its column) hides the column's name.
  (grid[header.index] ?? []).forEach((cell, i) => {
    const shown = typeof cell === 'string' ? cellText(cell) : '';
    if (SHEET_ERROR.test(shown)) {
      problems.push(
        problem(where, 'warning', 'formula-error', `The header cell in column ${columnLetter(i)} shows ${shown}: its column formula cannot fill the column, usually because something was typed below it (expected a header such as Score; clear the typed cells or use Repair formulas)`, {
          row: headerRow,
          column: columnLetter(i),
          value: shown,
        }),
      );
    }
  });
  for (const key of REQUIRED) {
    if (col[key] === undefined) {
      problems.push(problem(where, 'error', 'missing-column', `Required column "${COLUMN_BY_KEY[key].header}" is missing from the header row (expected Objective ID, Objective, Key Result and Type)`, { row: headerRow, column: COLUMN_BY_KEY[key].header }));
    }
  }

  const objectives: Objective[] = [];
  let current: Objective | null = null;
  const seenKrIds = new Map<string, number>();
  const hasClosing = CLOSING_KEYS.some((k) => col[k] !== undefined);
  const typedColumns = (Object.keys(col) as SheetColumnKey[]).filter((k) => !COLUMN_BY_KEY[k].computed);
  const typedIndexes = typedColumns.map((k) => col[k] as number);
  const rd = new RowReader(headerName, where, problems, mode, locale);

  // Column indexes read once per table (-1: the column is missing), so the row loop reads cells
  // by index: at 200,000 rows keyed lookups and per-row objects were a measurable share.
  const I_OID = col.objectiveId ?? -1;
  const I_OBJECTIVE = col.objective ?? -1;
  const I_ALIGNS = col.alignsTo ?? -1;
  const I_KR = col.keyResult ?? -1;
  const I_KR_ID = col.krId ?? -1;
  const I_TYPE = col.type ?? -1;
  const I_START = col.start ?? -1;
  const I_TARGET = col.target ?? -1;
  const I_CURRENT = col.current ?? -1;
  const I_WEIGHT = col.weight ?? -1;
  const I_SCORE = col.score ?? -1;
  const I_CONFIDENCE = col.confidence ?? -1;
  const I_OWNER = col.owner ?? -1;
  const I_KIND = col.kind ?? -1;
  const I_OBJECTIVE_WEIGHT = col.objectiveWeight ?? -1;
  const I_NOTES = col.notes ?? -1;

  const closing: ClosingCells = {
    present: (key) => col[key] !== undefined,
    get: (key) => rd.cell(col[key] ?? -1),
    at: (key) => rd.at(key, { objectiveId: current?.id }),
    mode,
    locale,
  };
  const closingOnKrRow = (): void => {
    const misplaced = CLOSING_KEYS.filter((k) => rd.text(col[k] ?? -1) !== '');
    if (misplaced.length === 0 || !current) return;
    const first = misplaced[0]!;
    problems.push(
      problem(where, 'warning', 'misplaced-closing', `${misplaced.map(headerName).join(', ')} on a key result row is ignored (expected on the objective's row, ${current.id} on row ${current.row})`, rd.at(first, { objectiveId: current.id, value: rd.text(col[first] ?? -1) })),
    );
  };

  for (let r = header.index + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const row = r + 1;
    rd.startRow(cells, row);

    const oid = rd.text(I_OID);
    const krTitle = rd.text(I_KR);
    if (!oid && !krTitle) {
      if (!typedIndexes.some((i) => cellText(cells[i]) !== '')) continue;
      const stray = typedColumns.filter((k) => rd.text(col[k] as number) !== '');
      const key = stray.includes('objective') ? 'objectiveId' : 'keyResult';
      problems.push(
        problem(where, 'warning', 'missing-value', key === 'objectiveId'
          ? `Objective "${rd.text(I_OBJECTIVE)}" has no Objective ID; the row is ignored (expected a short id such as SALES-1)`
          : `Row has values (${stray.map(headerName).join(', ')}) but no Key Result; the row is ignored (expected a Key Result title)`, rd.at(key, key === 'objectiveId' ? { value: rd.text(I_OBJECTIVE) } : {})),
      );
      continue;
    }

    if (oid) {
      const title = rd.text(I_OBJECTIVE);
      if (!title && I_OBJECTIVE >= 0) problems.push(problem(where, 'error', 'missing-value', `Objective "${oid}" has no title (expected what the objective wants to achieve)`, rd.at('objective', { objectiveId: oid })));
      rd.setIds(oid, undefined);
      current = {
        id: oid,
        title,
        team,
        tab: ctx.tab,
        row,
        alignsTo: splitIds(rd.cell(I_ALIGNS)),
        kind: readKind(rd.cell(I_KIND), where, rd, problems),
        weight: readWeight(rd.cell(I_OBJECTIVE_WEIGHT), mode, locale, where, rd, 'objectiveWeight', problems, 'Objective Weight'),
        owner: rd.text(I_OWNER),
        notes: rd.text(I_NOTES),
        keyResults: [],
        score: null,
        checkedIn: false,
      };
      if (hasClosing) Object.assign(current, readClosing(closing, where, problems));
      objectives.push(current);
    } else if (!current) {
      problems.push(problem(where, 'error', 'kr-before-objective', `Key result "${krTitle}" comes before any objective (expected an Objective ID on this row or on a row above it)`, rd.at('objectiveId', { value: krTitle })));
      continue;
    } else {
      const stray = rd.text(I_OBJECTIVE);
      if (stray) {
        problems.push(problem(where, 'warning', 'missing-value', `Objective "${stray}" has no Objective ID, so this row is read as a key result of ${current.id} (expected an Objective ID on every objective's row)`, rd.at('objectiveId', { objectiveId: current.id, value: stray })));
      }
    }
    if (hasClosing && !oid) closingOnKrRow();
    if (!krTitle) continue;

    const objective: Objective = current;
    const krId = rd.text(I_KR_ID) || `${objective.id}-${objective.keyResults.length + 1}`;
    rd.setIds(objective.id, krId);
    const prevRow = seenKrIds.get(krId);
    if (prevRow !== undefined) {
      problems.push(problem(where, 'warning', 'duplicate-kr-id', `KR ID "${krId}" is also used on row ${prevRow} (expected a unique KR ID)`, rd.ids('krId', krId)));
    } else seenKrIds.set(krId, row);

    const typeRaw = rd.text(I_TYPE);
    const type = readType(typeRaw, I_TYPE >= 0, where, rd, problems);
    const measured = type === 'metric' || type === 'milestone';
    const start = type === 'metric' ? rd.number('start', I_START, 'Start') : null;
    const target = measured ? rd.number('target', I_TARGET, 'Target') : null;

    const currentCell = rd.cell(I_CURRENT);
    let currentValue: number | null = null;
    let invalidCurrent = false;
    if (type === 'binary') {
      const b: Parsed<number> = readBinary(currentCell);
      if (b.kind === 'invalid') {
        invalidCurrent = true;
        problems.push(problem(where, 'error', 'bad-binary', `Current "${b.text}" cannot be read (expected yes/no, true/false, done/not done, 1/0 or ✓/✗)`, rd.ids('current', b.text)));
      }
      currentValue = b.kind === 'ok' ? b.value : null;
    } else if (type !== null) {
      const c = rd.number('current', I_CURRENT, 'Current');
      invalidCurrent = c === undefined;
      currentValue = c ?? null;
    }

    const weight = readWeight(rd.cell(I_WEIGHT), mode, locale, where, rd, 'weight', problems, 'Weight');
    const conf = readConfidence(rd.cell(I_CONFIDENCE));
    if (conf.kind === 'invalid') {
      problems.push(problem(where, 'warning', 'bad-confidence', `Confidence "${conf.text}" is not 0–100% (expected e.g. 80% or 0.8)`, rd.ids('confidence', conf.text)));
    }
    const scoreCell = rd.cell(I_SCORE);
    const scoreError = sheetError(scoreCell);
    const sheetScoreParsed = scoreError === null ? readNumber(scoreCell) : null;
    const sheetScore = sheetScoreParsed?.kind === 'ok' ? sheetScoreParsed.value : null;
    if (scoreError !== null) {
      problems.push(problem(where, 'warning', 'formula-error', `Score shows ${scoreError}: the sheet's formula could not compute this row (expected a score from 0 to 1)`, rd.ids('score', scoreError)));
    }

    // An unreadable Start, Target or Current leaves the key result unscored, as in the sheet.
    const unreadable = invalidCurrent ? 'Current' : start === undefined ? 'Start' : target === undefined ? 'Target' : null;
    const result = unreadable
      ? { score: null, progress: null, state: 'invalid' as const, message: `${unreadable} cannot be read.` }
      : scoreKeyResult({ type, start: start ?? null, target: target ?? null, current: currentValue, sheetScore });
    if (type === 'manual' && result.message && (result.state === 'scored' || result.state === 'manual-score')) {
      const typedIn = result.state === 'scored' ? 'current' : 'score';
      problems.push(problem(where, 'warning', 'out-of-range', result.message, rd.ids(typedIn, formatValue(result.progress))));
    }
    if (type === 'milestone' && result.state === 'invalid' && typeof target === 'number') {
      problems.push(problem(where, 'error', 'bad-target', `Target ${formatValue(target)} is not a number of milestones (expected a number above 0)`, rd.ids('target', formatValue(target))));
    }
    // A number that differs, or text where a score should be: the formula was overwritten.
    if (result.score !== null && result.state !== 'manual-score') {
      const shown =
        sheetScore !== null
          ? Math.abs(sheetScore - result.score) > scoreTolerance(scoreCell) ? formatValue(sheetScore) : null
          : sheetScoreParsed?.kind === 'invalid' ? sheetScoreParsed.text : null;
      if (shown !== null) {
        problems.push(
          problem(where, 'warning', 'score-mismatch', `Score shows ${shown} but the key result scores ${formatValue(result.score)}: the Score formula may have been overwritten (expected the formula's result)`, rd.ids('score', shown)),
        );
      }
    }

    const kr: KeyResult = {
      id: krId,
      objectiveId: objective.id,
      title: krTitle,
      type,
      typeRaw,
      start: start ?? null,
      target: target ?? null,
      current: currentValue,
      currentRaw: cellText(currentCell),
      weight,
      confidence: conf.kind === 'ok' ? conf.value : null,
      owner: rd.text(I_OWNER) || objective.owner,
      notes: rd.text(I_NOTES),
      row,
      sheetScore,
      // Listed rather than spread (same keys, same order): 200,000 spreads were a measurable share of a parse.
      score: result.score,
      progress: result.progress,
      state: result.state,
    };
    if (result.message !== undefined) kr.message = result.message;
    objective.keyResults.push(kr);
  }

  for (const o of objectives) {
    o.score = objectiveScore(o.keyResults);
    o.checkedIn = o.keyResults.some((kr) => kr.current !== null || kr.state === 'manual-score');
  }
  return { team, tab: ctx.tab, meta, isCompany, headerRow, objectives, problems };
}

function toMeta(raw: Record<string, Cell>): SheetMeta {
  const meta: SheetMeta = {};
  for (const key of ['team', 'period', 'mission', 'level'] as const) {
    const t = cellText(raw[key]);
    if (t) meta[key] = t;
  }
  for (const key of ['start', 'end'] as const) {
    const d = readDate(raw[key]);
    if (d.kind === 'ok') meta[key] = d.value;
  }
  return meta;
}

/**
 * Reads the cells of one table's rows and locates their problems. One per table, with methods
 * rather than closures: under tsx every closure made per table is also named (esbuild's keepNames),
 * which at 10,000 tables was a measurable share of the parse. A locator is built only when there
 * is a problem.
 */
class RowReader {
  private cells: readonly Cell[] = [];
  private row = 0;
  private objectiveId = '';
  private krId: string | undefined;

  constructor(
    private readonly headerName: (key: SheetColumnKey) => string,
    private readonly where: Where,
    private readonly problems: Problem[],
    private readonly mode: CellMode,
    private readonly locale: NumberLocale | undefined,
  ) {}

  startRow(cells: readonly Cell[], row: number): void {
    this.cells = cells;
    this.row = row;
  }

  /** The objective and key result the row's problems name (krId undefined on an objective's own fields). */
  setIds(objectiveId: string, krId: string | undefined): void {
    this.objectiveId = objectiveId;
    this.krId = krId;
  }

  cell(i: number): Cell {
    return i < 0 ? undefined : this.cells[i];
  }

  text(i: number): string {
    return i < 0 ? '' : cellText(this.cells[i]);
  }

  at(key: SheetColumnKey, extra: Partial<Problem> = {}): Partial<Problem> {
    return { row: this.row, column: this.headerName(key), ...extra };
  }

  /** The locator with the row's ids, then the value (the order every problem of a row uses). */
  ids(key: SheetColumnKey, value?: string): Partial<Problem> {
    return this.at(key, this.krId === undefined ? { objectiveId: this.objectiveId, value } : { objectiveId: this.objectiveId, krId: this.krId, value });
  }

  /** A number cell by the one rule (number-cell.ts); undefined when it is there but unreadable. */
  number(key: SheetColumnKey, i: number, what: string, consequence = 'the key result is left unscored'): number | null | undefined {
    const cell = this.cell(i);
    const p = readNumberCell(cell, this.mode, this.locale);
    if (p.kind === 'ok') {
      if (p.reason === 'date') this.problems.push(problem(this.where, 'warning', 'date-number', numberCellMessage(what, cell, p, consequence), this.ids(key, cellText(cell))));
      return p.value;
    }
    if (p.kind === 'invalid') {
      this.problems.push(problem(this.where, 'error', p.reason === 'text' ? 'text-number' : 'bad-number', numberCellMessage(what, cell, p, consequence), this.ids(key, p.text)));
      return undefined;
    }
    return null;
  }
}

function readType(raw: string, hasColumn: boolean, where: Where, rd: RowReader, problems: Problem[]): KrType | null {
  if (!hasColumn) return null;
  const t = raw.toLowerCase();
  if ((KR_TYPES as readonly string[]).includes(t)) return t as KrType;
  problems.push(
    problem(where, 'error', raw ? 'unknown-type' : 'missing-value', raw ? `unknown type "${raw}" (${EXPECTED_TYPES})` : `Type is blank (${EXPECTED_TYPES})`, rd.ids('type', raw)),
  );
  return null;
}

function readKind(cell: Cell, where: Where, rd: RowReader, problems: Problem[]): Kind {
  const t = cellText(cell).toLowerCase();
  if (t === '' || (ASPIRATIONAL_WORDS as readonly string[]).includes(t)) return 'aspirational';
  if ((COMMITTED_WORDS as readonly string[]).includes(t)) return 'committed';
  problems.push(problem(where, 'warning', 'bad-kind', `Kind "${cellText(cell)}" is not understood; read as aspirational (expected committed or aspirational)`, rd.ids('kind', cellText(cell))));
  return 'aspirational';
}

function readWeight(cell: Cell, mode: CellMode, locale: NumberLocale | undefined, where: Where, rd: RowReader, key: SheetColumnKey, problems: Problem[], label: string): number {
  // A checkbox includes (ticked) or leaves out (unticked) the key result, as in the formulas.
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  const p = readNumberCell(cell, mode, locale);
  if (p.kind === 'blank') return 1;
  if (p.kind === 'invalid') {
    const message = p.reason ? numberCellMessage(label, cell, p, 'it counts as 0') : `${label} "${p.text}" is not a number; it counts as 0 (expected a number such as 1 or 2.5)`;
    problems.push(problem(where, 'error', p.reason === 'text' ? 'text-number' : 'bad-number', message, rd.ids(key, p.text)));
    return 0;
  }
  if (p.reason === 'date') problems.push(problem(where, 'warning', 'date-number', numberCellMessage(label, cell, p, ''), rd.ids(key, cellText(cell))));
  if (p.value < 0) {
    problems.push(problem(where, 'error', 'negative-weight', `${label} ${formatValue(p.value)} is negative (expected 0 or more); it counts as 0`, rd.ids(key, formatValue(p.value))));
  }
  return effectiveWeight(p.value);
}
