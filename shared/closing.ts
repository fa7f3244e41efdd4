// The closing columns on an objective's row (Final Score, Learning, Carry On): read when present,
// each bad value named with its cell. A tab that was never closed has none of them, and its
// objectives carry none of the fields.
import type { ClosingKey } from './columns.ts';
import { type CellMode, numberCellMessage, readNumberCell } from './number-cell.ts';
import { problem, type Where } from './problems.ts';
import type { Objective, Problem } from './schemas.ts';
import { type Cell, cellText, formatValue, type NumberLocale, parseBinary } from './values.ts';

export type ClosingFields = Pick<Objective, 'finalScore' | 'learning' | 'carryOn'>;

export interface ClosingCells {
  /** Which closing columns the header has. */
  present: (key: ClosingKey) => boolean;
  get: (key: ClosingKey) => Cell;
  /** Locates a problem in a column of the row being read (called only when there is one). */
  at: (key: ClosingKey) => Partial<Problem>;
  mode: CellMode;
  locale: NumberLocale | undefined;
}

export function readClosing(cells: ClosingCells, where: Where, problems: Problem[]): ClosingFields {
  const out: ClosingFields = {};
  if (cells.present('finalScore')) out.finalScore = readFinalScore(cells, where, problems);
  if (cells.present('learning')) out.learning = cellText(cells.get('learning'));
  if (cells.present('carryOn')) {
    const carry = readCarryOn(cells, where, problems);
    if (carry !== undefined) out.carryOn = carry;
  }
  return out;
}

function readFinalScore(cells: ClosingCells, where: Where, problems: Problem[]): number | null {
  const cell = cells.get('finalScore');
  const p = readNumberCell(cell, cells.mode, cells.locale);
  if (p.kind === 'blank') return null;
  if (p.kind === 'invalid') {
    problems.push(problem(where, 'error', p.reason === 'text' ? 'text-number' : 'bad-final-score', numberCellMessage('Final Score', cell, p, 'the objective has no final score'), { ...cells.at('finalScore'), value: p.text }));
    return null;
  }
  if (!(p.value >= 0 && p.value <= 1)) {
    problems.push(
      problem(where, 'error', 'bad-final-score', `Final Score ${formatValue(p.value)} is outside 0–1; the objective has no final score (expected a score from 0.0 to 1.0, e.g. 0.7 or 70%)`, {
        ...cells.at('finalScore'),
        value: cellText(cell),
      }),
    );
    return null;
  }
  return p.value;
}

function readCarryOn(cells: ClosingCells, where: Where, problems: Problem[]): boolean | undefined {
  const b = parseBinary(cells.get('carryOn'));
  if (b.kind === 'blank') return undefined;
  if (b.kind === 'invalid') {
    problems.push(problem(where, 'warning', 'bad-carry-on', `Carry On "${b.text}" is not yes or no; read as not set (expected yes or no)`, { ...cells.at('carryOn'), value: b.text }));
    return undefined;
  }
  return b.value === 1;
}
