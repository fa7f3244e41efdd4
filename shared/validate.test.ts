import { describe, expect, it } from 'vitest';
import { parseOkrTable } from './contract.ts';
import { validateTables } from './validate.ts';

const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Target', 'Current'];

describe('validateTables', () => {
  it('reports contract problems, quality hints and duplicate ids, sorted; not unknown parents', () => {
    const okrs = parseOkrTable(
      [
        HEADER,
        ['W-1', 'Delight customers', 'CO-404', 'NPS', 'metrc', 50, 40],
        ['W-2', 'Grow 20%', '', 'Deals', 'milestone', 4, 1],
      ],
      { team: 'web', tab: 'OKRs' },
    );
    const archive = parseOkrTable([HEADER, ['W-1', 'Old objective', '', 'Thing', 'binary', '', 'yes']], { team: 'web', tab: 'Archive' });
    const problems = validateTables([okrs, archive]);
    expect(problems.map((p) => [p.tab, p.row, p.code])).toEqual([
      ['Archive', 2, 'duplicate-id'],
      ['OKRs', 2, 'unknown-type'],
      ['OKRs', 3, 'metric-title'],
    ]);
    expect(problems[0]!.message).toBe('Objective ID "W-1" is used twice: web / OKRs / row 2 and web / Archive / row 2');
  });
});
