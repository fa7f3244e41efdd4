// One team's OKR tab: the add-on's template filled with the team's objectives, evaluated in
// HyperFormula so every formula cell has the result a spreadsheet would have cached.
import { COLUMNS, type ColumnKey } from '../../shared/columns.ts';
import { buildOkrTemplate, type TemplateCell, type TemplateGrid, type TemplateObjective } from '../../shared/template.ts';
import type { Cell } from '../../shared/values.ts';
import { evaluateGrid } from '../../test/hf-sheet.ts';
import { finalValue, valueText } from './history.ts';
import { PERIOD } from './northwind.ts';
import { closingFor } from './q3.ts';
import type { KrSpec, TeamSpec, Unit } from './spec.ts';

/** How a cell is shown: a number format for the cell, and the text Google Sheets displays. */
export type CellStyle = { kind: 'unit'; unit: Unit } | { kind: 'score' } | { kind: 'confidence' } | { kind: 'date' } | { kind: 'general' };

export interface OkrSheet {
  template: TemplateGrid;
  /** What a spreadsheet holds: values, and formulas as "=..." strings. */
  values: TemplateCell[][];
  /** The evaluated grid: formula results in place of formulas ('' for an empty result). */
  results: Cell[][];
  style: (row: number, col: number) => CellStyle;
}

export const EMPTY_ROWS = 5;
const col = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i])) as Record<ColumnKey, number>;

function templateObjectives(team: TeamSpec): TemplateObjective[] {
  for (const o of team.objectives) {
    // The objective's row shares one Owner cell with its first key result.
    if (o.keyResults[0] && o.keyResults[0].owner !== o.owner) throw new Error(`${o.id}: the first key result's owner must be the objective's owner`);
  }
  return team.objectives.map((o) => ({
    id: o.id,
    title: o.title,
    kind: o.kind,
    owner: o.owner,
    ...(o.alignsTo ? { alignsTo: o.alignsTo } : {}),
    ...(o.weight !== undefined ? { weight: o.weight } : {}),
    ...(o.notes ? { notes: o.notes } : {}),
    keyResults: o.keyResults.map((kr) => ({
      title: kr.title,
      type: kr.type,
      owner: kr.owner,
      start: kr.type === 'metric' ? (kr.start ?? null) : null,
      target: kr.type === 'metric' || kr.type === 'milestone' ? (kr.target ?? null) : null,
      // Binary values are typed as words; the others are numbers in the cell.
      current: kr.type === 'binary' ? valueText(kr, finalValue(kr), team) : finalValue(kr),
      weight: kr.weight ?? null,
      confidence: kr.confidence[1],
    })),
  }));
}

/**
 * The closing columns the add-on's "Close the quarter" adds right of the table (header + each
 * objective's row): Final Score (its score then, frozen), Learning, Carry On.
 */
function addClosingColumns(values: TemplateCell[][], results: Cell[][], headerRow: number, objectiveRows: readonly number[]): void {
  const at = COLUMNS.length;
  const put = (r: number, cells: (string | number)[]) => {
    for (const grid of [values, results] as (TemplateCell | Cell)[][][]) {
      const line = grid[r - 1] as (TemplateCell | Cell)[];
      while (line.length < at) line.push(null);
      line.splice(at, cells.length, ...cells);
    }
  };
  put(headerRow, ['Final Score', 'Learning', 'Carry On']);
  objectiveRows.forEach((r, i) => {
    const score = results[r - 1]?.[col.objectiveScore];
    const c = closingFor(i, typeof score === 'number' ? score : 0);
    put(r, [c.finalScore, c.learning, c.carryOn ? 'yes' : 'no']);
  });
}

export function buildOkrSheet(team: TeamSpec, period: { label: string; start: string; end: string } = PERIOD, closed = false): OkrSheet {
  const template = buildOkrTemplate({
    level: team.level,
    team: team.team,
    period: period.label,
    start: period.start,
    end: period.end,
    ...(team.mission ? { mission: team.mission } : {}),
    objectives: templateObjectives(team),
    emptyRows: EMPTY_ROWS,
  });
  const { values } = template;
  const { values: evaluated } = evaluateGrid(values);
  const results: Cell[][] = values.map((row, r) =>
    row.map((v, c) => {
      // Empty cells below a column formula hold its results.
      if (v === null || v === '') return evaluated[r]?.[c] ?? '';
      if (typeof v !== 'string' || !v.startsWith('=')) return v;
      const result = evaluated[r]?.[c] ?? '';
      if (typeof result === 'string' && result.startsWith('#')) throw new Error(`${team.team}: ${result} in row ${r + 1}, column ${c + 1}`);
      return result;
    }),
  );

  // Which key result is on each data row (in template order).
  const krByRow = new Map<number, KrSpec>();
  let row = template.firstDataRow;
  const objectiveRows: number[] = [];
  for (const o of team.objectives) {
    objectiveRows.push(row);
    for (const kr of o.keyResults) krByRow.set(row++, kr);
  }
  if (closed) addClosingColumns(values, results, template.headerRow, objectiveRows);

  const style = (r: number, c: number): CellStyle => {
    const rowNumber = r + 1;
    if (rowNumber < template.headerRow) {
      const key = values[r]?.[0];
      return c === 1 && (key === 'Start:' || key === 'End:') ? { kind: 'date' } : { kind: 'general' };
    }
    if (rowNumber === template.headerRow) return { kind: 'general' };
    if (c === col.score || c === col.objectiveScore) return { kind: 'score' };
    if (c === col.confidence) return { kind: 'confidence' };
    const kr = krByRow.get(rowNumber);
    if (kr && (c === col.start || c === col.target || c === col.current)) {
      if (kr.type === 'manual') return { kind: 'unit', unit: 'pct' };
      if (kr.type === 'metric' || kr.type === 'milestone') return { kind: 'unit', unit: kr.unit ?? 'int' };
    }
    return { kind: 'general' };
  };
  return { template, values, results, style };
}
