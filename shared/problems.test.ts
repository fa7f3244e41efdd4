import { describe, expect, it } from 'vitest';
import { countBySeverity, formatProblem, problem, sortProblems } from './problems.ts';

const where = { team: 'sales', tab: 'OKRs' };

describe('problems', () => {
  it('problem() keeps the defined extras only', () => {
    expect(problem(where, 'error', 'x', 'msg', { row: 3, column: 'Type', value: undefined })).toEqual({
      severity: 'error',
      code: 'x',
      team: 'sales',
      tab: 'OKRs',
      message: 'msg',
      row: 3,
      column: 'Type',
    });
  });

  it('formatProblem names team, tab, row and column', () => {
    expect(formatProblem(problem(where, 'error', 'unknown-type', 'unknown type "metrc" (expected metric, milestone, binary, manual)', { row: 3, column: 'Type' }))).toBe(
      'sales / OKRs / row 3 / Type: unknown type "metrc" (expected metric, milestone, binary, manual)',
    );
    expect(formatProblem(problem(where, 'error', 'empty-sheet', 'The sheet is empty'))).toBe('sales / OKRs: The sheet is empty');
    expect(formatProblem(problem(where, 'warning', 'x', 'm', { column: 'Start' }))).toBe('sales / OKRs / Start: m');
  });

  it('sorts by team, tab, row, then errors first, and counts', () => {
    const ps = [
      problem({ team: 'b', tab: 'OKRs' }, 'error', 'a', 'm', { row: 1 }),
      problem(where, 'warning', 'b', 'm', { row: 4 }),
      problem(where, 'error', 'c', 'm', { row: 4 }),
      problem(where, 'warning', 'd', 'm'),
      problem({ team: 'sales', tab: 'Archive' }, 'warning', 'e', 'm', { row: 9 }),
    ];
    expect(sortProblems(ps).map((p) => p.code)).toEqual(['a', 'e', 'd', 'c', 'b']);
    expect(ps.map((p) => p.code)).toEqual(['a', 'b', 'c', 'd', 'e']); // not mutated
    expect(countBySeverity(ps)).toEqual({ errors: 2, warnings: 3 });
  });
});
