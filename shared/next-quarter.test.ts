import { describe, expect, it } from 'vitest';
import { parseOkrTable } from './contract.ts';
import { carriedObjective, renumber, suggestCarry } from './next-quarter.ts';

describe('starting the next quarter', () => {
  it('gives each objective the next free number of its prefix, never one used on any tab', () => {
    expect([...renumber(['ENG-1', 'ENG-2', 'OPS-7'], ['ENG-1', 'ENG-2', 'eng-4', 'OPS-7'])]).toEqual([
      ['ENG-1', 'ENG-5'],
      ['ENG-2', 'ENG-6'],
      ['OPS-7', 'OPS-8'],
    ]);
    expect([...renumber(['GROWTH', 'S1'], ['GROWTH', 'S1', 'GROWTH-2'])]).toEqual([
      ['GROWTH', 'GROWTH-3'],
      ['S1', 'S2'],
    ]);
  });

  it('suggests the objectives marked Carry On, else those not graded green', () => {
    const green = (i: number) => i === 0;
    expect(suggestCarry([{ carryOn: false }, { carryOn: true }, {}], green)).toEqual([false, true, false]);
    expect(suggestCarry([{}, { carryOn: false }, {}], green)).toEqual([false, true, true]);
  });

  it('copies an objective under its new ID: metrics start at their last Current, Current, Confidence, Notes and KR IDs cleared', () => {
    const t = parseOkrTable(
      [
        ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'KR ID', 'Type', 'Start', 'Target', 'Current', 'Weight', 'Confidence', 'Owner', 'Kind', 'Objective Weight', 'Notes'],
        ['ENG-1', 'Fast builds', 'CO-1, CO-2', 'Build minutes', 'B-1', 'metric', 30, 10, 18, 2, 0.6, 'Ana', 'committed', 3, 'context'],
        [null, null, null, 'Cache shipped', null, 'binary', null, null, 'yes', null, null, 'Bo', null, null, 'done last week'],
        [null, null, null, 'Flaky tests', null, 'metric', 40, 0, null, null, null, null, null, null, null],
      ],
      { tab: 'OKRs', team: 'eng', cells: 'typed' },
    );
    expect(carriedObjective(t.objectives[0]!, 'ENG-4')).toEqual({
      id: 'ENG-4',
      title: 'Fast builds',
      kind: 'committed',
      alignsTo: ['CO-1', 'CO-2'],
      weight: 3,
      owner: 'Ana',
      notes: 'context',
      keyResults: [
        { title: 'Build minutes', type: 'metric', start: 18, target: 10, weight: 2 },
        { title: 'Cache shipped', type: 'binary', owner: 'Bo' },
        { title: 'Flaky tests', type: 'metric', start: 40, target: 0 },
      ],
    });
  });
});
