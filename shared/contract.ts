// The sheet contract: turn an OKR table (from getValues(), the Sheets API, an .xlsx or a .csv)
// into scored objectives plus a list of problems. Never throws on bad rows: each bad row or cell
// is reported with its sheet row number and column, and the rest still parses.
import { COLUMN_BY_KEY, columnForHeader, columnLetter, type ColumnKey } from './columns.ts';
import { findHeader, readMetadata } from './header.ts';
import { problem, type Where } from './problems.ts';
import { effectiveWeight, objectiveScore, scoreKeyResult } from './scoring.ts';
import { KR_TYPES } from './enums.ts';
import type { KeyResult, Kind, KrType, Objective, ParsedTable, Problem, SheetMeta } from './schemas.ts';
import {
  cellText,
  parseBinary,
  parseConfidence,
  parseDate,
  parseNumber,
  splitIds,
  formatValue,
  type Cell,
  type Parsed,
} from './values.ts';

export interface ParseContext {
  /** Used when the sheet has no `Team:` metadata (e.g. the file name). */
  team?: string;
  tab: string;
}

const REQUIRED: readonly ColumnKey[] = ['objectiveId', 'objective', 'keyResult', 'type'];
const EXPECTED_TYPES = `expected ${KR_TYPES.join(', ')}`;
/** The Sheets API and Excel show a formula's error as its code, e.g. `#VALUE!`. */
const SHEET_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|ERROR!)/;
/** A score written by the template agrees with ours to far better than this. */
const SCORE_TOLERANCE = 1e-6;

export function parseOkrTable(grid: readonly (readonly Cell[])[], ctx: ParseContext): ParsedTable {
  const header = findHeader(grid, columnForHeader, ['objectiveId', 'keyResult']);
  const rawMeta = readMetadata(grid, header ? header.index : 10);
  const meta = toMeta(rawMeta);
  const team = meta.team || ctx.team || ctx.tab;
  const where: Where = { team, tab: ctx.tab };
  const problems: Problem[] = [];
  const isCompany = Boolean(meta.mission) || /company/i.test(meta.level ?? '');

  for (const key of ['start', 'end'] as const) {
    const raw = rawMeta[key];
    if (raw !== undefined && cellText(raw) !== '' && !meta[key]) {
      problems.push(problem(where, 'warning', 'bad-date', `${key === 'start' ? 'Start' : 'End'} "${cellText(raw)}" is not a date (expected e.g. 2026-10-01)`, { value: cellText(raw) }));
    }
  }
  if (meta.start && meta.end && meta.start > meta.end) {
    problems.push(problem(where, 'error', 'bad-period', `The period ends (${meta.end}) before it starts (${meta.start})`));
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
  const headerName = (key: ColumnKey): string => {
    const i = col[key];
    return (i !== undefined && header.headers[i]) || COLUMN_BY_KEY[key].header;
  };
  for (const [key, indexes] of header.duplicates) {
    problems.push(
      problem(where, 'warning', 'duplicate-column', `"${COLUMN_BY_KEY[key].header}" appears in columns ${indexes.map(columnLetter).join(', ')}; using column ${columnLetter(indexes[0]!)}`, {
        row: headerRow,
        column: headerName(key),
      }),
    );
  }
  for (const key of REQUIRED) {
    if (col[key] === undefined) {
      problems.push(problem(where, 'error', 'missing-column', `Required column "${COLUMN_BY_KEY[key].header}" is missing from the header row`, { row: headerRow, column: COLUMN_BY_KEY[key].header }));
    }
  }

  const objectives: Objective[] = [];
  let current: Objective | null = null;
  const seenKrIds = new Map<string, number>();
  const typedColumns = (Object.keys(col) as ColumnKey[]).filter((k) => !COLUMN_BY_KEY[k].computed);

  for (let r = header.index + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const row = r + 1;
    const get = (key: ColumnKey): Cell => {
      const i = col[key];
      return i === undefined ? undefined : cells[i];
    };
    const text = (key: ColumnKey): string => cellText(get(key));
    const at = (key: ColumnKey, extra: Partial<Problem> = {}) => ({ row, column: headerName(key), ...extra });

    const oid = text('objectiveId');
    const krTitle = text('keyResult');
    if (!oid && !krTitle) {
      const stray = typedColumns.filter((k) => text(k) !== '');
      if (stray.length > 0) {
        const key = stray.includes('objective') ? 'objectiveId' : 'keyResult';
        problems.push(
          problem(where, 'warning', 'missing-value', key === 'objectiveId'
            ? `Objective "${text('objective')}" has no Objective ID; the row is ignored`
            : `Row has values (${stray.map(headerName).join(', ')}) but no Key Result; the row is ignored`, at(key)),
        );
      }
      continue;
    }

    if (oid) {
      const title = text('objective');
      if (!title) problems.push(problem(where, 'error', 'missing-value', `Objective "${oid}" has no title`, at('objective', { objectiveId: oid })));
      current = {
        id: oid,
        title,
        team,
        tab: ctx.tab,
        row,
        alignsTo: splitIds(get('alignsTo')),
        kind: readKind(get('kind'), where, at('kind', { objectiveId: oid }), problems),
        weight: readWeight(get('objectiveWeight'), where, at('objectiveWeight', { objectiveId: oid }), problems, 'Objective Weight'),
        owner: text('owner'),
        notes: text('notes'),
        keyResults: [],
        score: null,
        checkedIn: false,
      };
      objectives.push(current);
    } else if (!current) {
      problems.push(problem(where, 'error', 'kr-before-objective', `Key result "${krTitle}" comes before any objective: put an Objective ID on this row or on a row above it`, at('objectiveId', { value: krTitle })));
      continue;
    } else if (text('objective')) {
      problems.push(problem(where, 'warning', 'missing-value', `Objective "${text('objective')}" has no Objective ID, so this row is read as a key result of ${current.id}`, at('objectiveId', { objectiveId: current.id })));
    }
    if (!krTitle) continue;

    const objective: Objective = current;
    const krId = text('krId') || `${objective.id}-${objective.keyResults.length + 1}`;
    const ids = { objectiveId: objective.id, krId };
    const prevRow = seenKrIds.get(krId);
    if (prevRow !== undefined) {
      problems.push(problem(where, 'warning', 'duplicate-kr-id', `KR ID "${krId}" is also used on row ${prevRow}`, at('krId', { ...ids, value: krId })));
    } else seenKrIds.set(krId, row);

    const typeRaw = text('type');
    const type = readType(typeRaw, col.type !== undefined, where, at('type', ids), problems);
    const num = (key: ColumnKey, what: string): number | null => {
      const p = parseNumber(get(key));
      if (p.kind === 'invalid') {
        problems.push(problem(where, 'error', 'bad-number', `${what} "${p.text}" is not a number (expected e.g. 1,000, 8% or $1,200)`, at(key, { ...ids, value: p.text })));
      }
      return p.kind === 'ok' ? p.value : null;
    };
    const measured = type === 'metric' || type === 'milestone';
    const start = measured && type === 'metric' ? num('start', 'Start') : null;
    const target = measured ? num('target', 'Target') : null;

    let current_: Parsed<number>;
    if (type === 'binary') current_ = parseBinary(get('current'));
    else current_ = parseNumber(get('current'));
    let invalidCurrent = false;
    if (current_.kind === 'invalid' && type !== null) {
      invalidCurrent = true;
      const expected = type === 'binary' ? 'yes/no, true/false, done/not done, 1/0 or ✓/✗' : type === 'manual' ? 'a score from 0 to 100%' : 'a number';
      problems.push(problem(where, 'error', type === 'binary' ? 'bad-binary' : 'bad-number', `Current "${current_.text}" cannot be read (expected ${expected})`, at('current', { ...ids, value: current_.text })));
    }
    const currentValue = current_.kind === 'ok' ? current_.value : null;

    const weight = readWeight(get('weight'), where, at('weight', ids), problems, 'Weight');
    const conf = parseConfidence(get('confidence'));
    if (conf.kind === 'invalid') {
      problems.push(problem(where, 'warning', 'bad-confidence', `Confidence "${conf.text}" is not 0–100% (expected e.g. 80% or 0.8)`, at('confidence', { ...ids, value: conf.text })));
    }
    const scoreCell = get('score');
    const sheetScoreParsed = SHEET_ERROR.test(cellText(scoreCell)) ? null : parseNumber(scoreCell);
    const sheetScore = sheetScoreParsed?.kind === 'ok' ? sheetScoreParsed.value : null;
    if (SHEET_ERROR.test(cellText(scoreCell))) {
      problems.push(problem(where, 'warning', 'formula-error', `Score shows ${cellText(scoreCell)}: the sheet's formula could not compute this row`, at('score', { ...ids, value: cellText(scoreCell) })));
    }

    const result = invalidCurrent
      ? { score: null, progress: null, state: 'invalid' as const, message: 'Current cannot be read.' }
      : scoreKeyResult({ type, start, target, current: currentValue, sheetScore });
    if (type === 'manual' && result.message && result.state === 'scored') {
      problems.push(problem(where, 'warning', 'out-of-range', result.message, at('current', { ...ids, value: formatValue(currentValue) })));
    }
    if (type === 'milestone' && result.state === 'invalid' && target !== null) {
      problems.push(problem(where, 'error', 'bad-target', `Target ${formatValue(target)}: ${result.message}`, at('target', { ...ids, value: formatValue(target) })));
    }
    if (sheetScore !== null && result.score !== null && result.state !== 'manual-score' && Math.abs(sheetScore - result.score) > SCORE_TOLERANCE) {
      problems.push(
        problem(where, 'warning', 'score-mismatch', `Score shows ${formatValue(sheetScore)} but the key result scores ${formatValue(result.score)}: the Score formula may have been overwritten`, at('score', { ...ids, value: formatValue(sheetScore) })),
      );
    }

    const kr: KeyResult = {
      id: krId,
      objectiveId: objective.id,
      title: krTitle,
      type,
      typeRaw,
      start,
      target,
      current: currentValue,
      currentRaw: cellText(get('current')),
      weight,
      confidence: conf.kind === 'ok' ? conf.value : null,
      owner: text('owner') || objective.owner,
      notes: text('notes'),
      row,
      sheetScore,
      ...result,
    };
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
    const d = parseDate(raw[key]);
    if (d.kind === 'ok') meta[key] = d.value;
  }
  return meta;
}

function readType(raw: string, hasColumn: boolean, where: Where, at: Partial<Problem>, problems: Problem[]): KrType | null {
  if (!hasColumn) return null;
  const t = raw.toLowerCase();
  if ((KR_TYPES as readonly string[]).includes(t)) return t as KrType;
  problems.push(
    problem(where, 'error', raw ? 'unknown-type' : 'missing-value', raw ? `unknown type "${raw}" (${EXPECTED_TYPES})` : `Type is blank (${EXPECTED_TYPES})`, { ...at, value: raw }),
  );
  return null;
}

function readKind(cell: Cell, where: Where, at: Partial<Problem>, problems: Problem[]): Kind {
  const t = cellText(cell).toLowerCase();
  if (t === '' || t === 'aspirational' || t === 'stretch') return 'aspirational';
  if (t === 'committed' || t === 'commit') return 'committed';
  problems.push(problem(where, 'warning', 'bad-kind', `Kind "${cellText(cell)}" is not committed or aspirational; read as aspirational`, { ...at, value: cellText(cell) }));
  return 'aspirational';
}

function readWeight(cell: Cell, where: Where, at: Partial<Problem>, problems: Problem[], label: string): number {
  const p = parseNumber(cell);
  if (p.kind === 'blank') return 1;
  if (p.kind === 'invalid') {
    problems.push(problem(where, 'error', 'bad-number', `${label} "${p.text}" is not a number; it counts as 0`, { ...at, value: p.text }));
    return 0;
  }
  if (p.value < 0) {
    problems.push(problem(where, 'error', 'negative-weight', `${label} ${formatValue(p.value)} is negative (expected 0 or more); it counts as 0`, { ...at, value: formatValue(p.value) }));
  }
  return effectiveWeight(p.value);
}
