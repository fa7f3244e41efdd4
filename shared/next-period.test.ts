import { describe, expect, it } from 'vitest';
import { nextPeriod, nextPeriodDates, nextPeriodLabel } from './next-period.ts';

describe('next period', () => {
  it.each([
    ['2026-10-01', '2026-12-31', '2027-01-01', '2027-03-31'],
    ['2027-01-01', '2027-03-31', '2027-04-01', '2027-06-30'],
    ['2026-07-01', '2026-12-31', '2027-01-01', '2027-06-30'],
    ['2026-01-01', '2026-12-31', '2027-01-01', '2027-12-31'],
    ['2026-11-01', '2027-01-31', '2027-02-01', '2027-04-30'],
    ['2026-01-15', '2026-04-14', '2026-04-15', '2026-07-13'], // not whole months: same number of days
  ])('%s..%s → %s..%s', (start, end, ns, ne) => {
    expect(nextPeriodDates(start, end)).toEqual({ start: ns, end: ne });
  });

  it.each([
    ['2026 Q4', '2027 Q1'],
    ['2026 Q1', '2026 Q2'],
    ['Q3 2026', 'Q4 2026'],
    ['Q4 2026', 'Q1 2027'],
    ['2026-Q4', '2027-Q1'],
    ['Sales 2026 q2', 'Sales 2026 q3'],
    ['H2 2026', 'H1 2027'],
    ['2026 H1', '2026 H2'],
    ['FY2026', 'FY2027'],
    ['Autumn', null],
    ['2026/2027', null],
  ])('label %s → %s', (label, next) => {
    expect(nextPeriodLabel(label)).toBe(next);
  });

  it('names an unlabelled or unknown period by its dates', () => {
    expect(nextPeriod({ start: '2026-10-01', end: '2026-12-31' })).toEqual({ label: '2027-01-01 – 2027-03-31', start: '2027-01-01', end: '2027-03-31' });
    expect(nextPeriod({ label: '2026 Q4', start: '2026-10-01', end: '2026-12-31' })).toEqual({ label: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });
  });
});
