import { describe, expect, it } from 'vitest';
import { parseOkrTable } from './contract.ts';
import { checkinPeriod, currentPeriod, groupByPeriod, objectivesOutside } from './periods.ts';
import { rollup } from './rollup.ts';
import type { ParsedTable } from './schemas.ts';
import type { Cell } from './values.ts';

const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Current'];

function tab(team: string, meta: { period?: string; start?: string; end?: string; company?: boolean }, objectives: [string, string, string?][], name = 'OKRs'): ParsedTable {
  const lines: Cell[][] = [['Team:', team]];
  if (meta.company) lines.push(['Mission:', 'Be useful']);
  if (meta.period) lines.push(['Period:', meta.period]);
  if (meta.start) lines.push(['Start:', meta.start]);
  if (meta.end) lines.push(['End:', meta.end]);
  const rows = objectives.map(([id, title, parent]): Cell[] => [id, title, parent ?? null, 'KR', 'manual', 0.5]);
  return parseOkrTable([...lines, [], HEADER, ...rows], { team, tab: name });
}

const Q3 = { period: '2026 Q3', start: '2026-07-01', end: '2026-09-30' };
const Q4 = { period: '2026 Q4', start: '2026-10-01', end: '2026-12-31' };

describe('groupByPeriod', () => {
  const company3 = tab('Company', { ...Q3, company: true }, [['C1', 'Grow']]);
  const company4 = tab('Company', { ...Q4, company: true }, [['C1', 'Grow more']], 'OKRs (2)');

  it('groups by the Period line, in time order; the current period contains the as-of day', () => {
    const sales4 = tab('Sales', { period: '2026 Q4' }, [['S1', 'Sell', 'C1']], 'OKRs (2)');
    const sales3 = tab('Sales', { period: '2026 Q3' }, [['S1', 'Sell', 'C1']]);
    const { groups, current } = groupByPeriod([company4, company3, sales4, sales3], { asOf: '2026-11-25' });
    expect(groups.map((g) => [g.period, g.tables.map((t) => `${t.team}/${t.tab}`)])).toEqual([
      [{ label: '2026 Q3', start: '2026-07-01', end: '2026-09-30' }, ['Company/OKRs', 'Sales/OKRs']],
      [{ label: '2026 Q4', start: '2026-10-01', end: '2026-12-31' }, ['Company/OKRs (2)', 'Sales/OKRs (2)']],
    ]);
    expect(current.label).toBe('2026 Q4');
    // Past every period: the latest is current; inside Q3: Q3 is.
    expect(groupByPeriod([company3, company4], { asOf: '2027-02-01' }).current.label).toBe('2026 Q4');
    expect(groupByPeriod([company3, company4], { asOf: '2026-08-01' }).current.label).toBe('2026 Q3');
  });

  it('a tab with dates only joins the period its dates fall in; one with neither, the current period', () => {
    const dated = tab('Ops', { start: '2026-07-01', end: '2026-09-30' }, [['O1', 'Run']]);
    const bare = tab('Legal', {}, [['L1', 'Comply']]);
    const odd = tab('Lab', { start: '2025-01-01', end: '2025-03-31' }, [['X1', 'Try']]);
    const { groups } = groupByPeriod([company3, company4, dated, bare, odd], { asOf: '2026-11-25' });
    expect(groups.map((g) => [g.period.label, g.tables.map((t) => t.team)])).toEqual([
      ['2025-01-01..2025-03-31', ['Lab']],
      ['2026 Q3', ['Company', 'Ops']],
      ['2026 Q4', ['Company', 'Legal']],
    ]);
  });

  it('without any period there is one group; a configured period names it', () => {
    const bare = tab('Legal', {}, [['L1', 'Comply']]);
    expect(groupByPeriod([bare], { asOf: '2026-11-25' }).groups.map((g) => g.period)).toEqual([{ label: '', start: null, end: null }]);
    const configured = { label: 'FY26', start: '2026-01-01', end: '2026-12-31' };
    expect(groupByPeriod([bare], { asOf: '2026-11-25', configured }).groups.map((g) => g.period)).toEqual([configured]);
  });
});

describe('links across periods', () => {
  it('a link to a parent that exists only in another period is an error naming both objectives and both periods', () => {
    const company3 = tab('Company', { ...Q3, company: true }, [['C7', 'Open Berlin']]);
    const company4 = tab('Company', { ...Q4, company: true }, [['C1', 'Grow']], 'OKRs (2)');
    const sales4 = tab('Sales', { period: '2026 Q4' }, [['S1', 'Sell in Berlin', 'C7'], ['S2', 'Sell', 'C1']], 'OKRs (2)');
    const { groups } = groupByPeriod([company3, company4, sales4], { asOf: '2026-11-25' });
    const q4 = groups[1]!;
    const a = rollup(q4.tables, { asOf: '2026-11-25', otherPeriods: objectivesOutside(groups, q4), periodLabel: '2026 Q4' });
    const p = a.problems.filter((x) => x.code === 'other-period-parent' || x.code === 'unknown-parent');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ code: 'other-period-parent', severity: 'error', team: 'Sales', row: expect.any(Number), objectiveId: 'S1', value: 'C7' });
    expect(p[0]!.message).toBe(
      'S1 "Sell in Berlin" (2026 Q4) aligns to C7 "Open Berlin" of Company, which is in 2026 Q3: links resolve within a period, so S1 is left unaligned; align it to an objective of 2026 Q4',
    );
    expect(a.objectives.find((o) => o.key === 'S1')?.parents).toEqual([]);
    expect(a.objectives.find((o) => o.key === 'S2')?.parents).toEqual(['C1']);
  });
});

describe('checkinPeriod', () => {
  const periods = [
    { label: '2026 Q3', start: '2026-07-01', end: '2026-09-30' },
    { label: '2026 Q4', start: '2026-10-01', end: '2026-12-31' },
  ];
  it('the period whose Start..End holds the timestamp (End day included); outside, the latest started, else the earliest', () => {
    expect(checkinPeriod(periods, '2026-09-30T23:00:00Z', '2026 Q4')).toBe('2026 Q3');
    expect(checkinPeriod(periods, '2026-10-01T00:00:00Z', '2026 Q4')).toBe('2026 Q4');
    expect(checkinPeriod(periods, '2027-01-05T10:00:00Z', '2026 Q4')).toBe('2026 Q4');
    expect(checkinPeriod(periods, '2026-01-05T10:00:00Z', '2026 Q4')).toBe('2026 Q3');
    expect(checkinPeriod(periods, 'last tuesday', '2026 Q4')).toBe('2026 Q4');
    expect(checkinPeriod([], '2026-08-01T00:00:00Z', '')).toBe('');
  });
  it('currentPeriod: containing, else the latest', () => {
    expect(currentPeriod(periods, '2026-08-15')?.label).toBe('2026 Q3');
    expect(currentPeriod(periods, '2030-01-01')?.label).toBe('2026 Q4');
  });
});
