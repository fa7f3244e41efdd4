import { describe, expect, it } from 'vitest';
import { parseOkrTable } from './contract.ts';
import { LIMITS, WHY, lintTable, titleHasMetric } from './lints.ts';
import type { ParsedTable } from './schemas.ts';
import type { Cell } from './values.ts';

const HEADER = ['Objective ID', 'Objective', 'Key Result', 'Type', 'Start', 'Target', 'Current', 'Kind'];
type KrSpec = [type: string, start: Cell, target: Cell, current: Cell];
type O = { id: string; title?: string; kind?: string; krs?: KrSpec[] };
const BINARY: KrSpec[] = [['binary', null, null, null]];

function table(objectives: O[], meta: Cell[][] = []): ParsedTable {
  const rows: Cell[][] = [];
  for (const o of objectives) {
    const krs = o.krs ?? BINARY;
    if (krs.length === 0) rows.push([o.id, o.title ?? `Objective ${o.id.replace(/\d/g, '')}`, null, null, null, null, null, o.kind ?? null]);
    krs.forEach(([type, start, target, current], i) => {
      rows.push([i === 0 ? o.id : null, i === 0 ? (o.title ?? 'Delight our customers') : null, `KR ${i}`, type, start, target, current, i === 0 ? (o.kind ?? null) : null]);
    });
  }
  return parseOkrTable([...meta, HEADER, ...rows], { team: 'web', tab: 'OKRs' });
}
const hintCodes = (t: ParsedTable, opts = {}) => lintTable(t, opts).map((p) => p.code);

describe('quality hints', () => {
  it('a good table has none', () => {
    expect(lintTable(table([{ id: 'W-1' }, { id: 'W-2' }]))).toEqual([]);
  });

  it('every hint is a located warning with a why', () => {
    const t = table([{ id: 'W-1', krs: [] }, { id: 'W-2', title: 'Grow revenue 20%', krs: [['metric', 5, 5, null], ['metric', 0, null, 3]] }]);
    const hints = lintTable(t);
    expect(hints.map((h) => h.code).sort()).toEqual(['metric-title', 'no-key-results', 'no-range', 'not-measurable']);
    for (const h of hints) {
      expect(h).toMatchObject({ severity: 'warning', team: 'web', tab: 'OKRs', why: WHY[h.code as keyof typeof WHY] });
      expect(h.row).toBeGreaterThan(1);
      expect(h.column).toBeTruthy();
    }
  });

  it('objective with no key results', () => {
    const [h] = lintTable(table([{ id: 'W-1', krs: [] }]));
    expect(h).toMatchObject({ code: 'no-key-results', row: 2, objectiveId: 'W-1', column: 'Key Result' });
  });

  it('objective with more than 5 key results (5 is fine)', () => {
    const five = Array.from({ length: 5 }, () => BINARY[0]!);
    expect(hintCodes(table([{ id: 'W-1', krs: five }]))).toEqual([]);
    expect(hintCodes(table([{ id: 'W-1', krs: [...five, BINARY[0]!] }]))).toEqual(['too-many-key-results']);
  });

  it('team with more than 5 objectives (5 is fine), pointing at the sixth', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `W-${i + 1}` }));
    expect(hintCodes(table(ids(LIMITS.objectivesPerTeam)))).toEqual([]);
    const [h, ...rest] = lintTable(table(ids(6)));
    expect(rest).toEqual([]);
    expect(h).toMatchObject({ code: 'too-many-objectives', row: 7, objectiveId: 'W-6' });
    expect(h!.message).toMatch(/web has 6 objectives/);
  });

  it('key result with no target (metric and milestone)', () => {
    const hints = lintTable(table([{ id: 'W-1', krs: [['metric', 1, null, 2], ['milestone', null, '', 1], ['binary', null, null, 'yes']] }]));
    expect(hints.map((h) => [h.code, h.row, h.krId, h.column])).toEqual([
      ['not-measurable', 2, 'W-1-1', 'Target'],
      ['not-measurable', 3, 'W-1-2', 'Target'],
    ]);
  });

  it('metric with no range, before and after check-in', () => {
    for (const current of [null, 5, 6]) {
      const hints = lintTable(table([{ id: 'W-1', krs: [['metric', 5, 5, current]] }]));
      expect(hints.map((h) => [h.code, h.krId])).toEqual([['no-range', 'W-1-1']]);
    }
    // Blank Start is 0.
    expect(hintCodes(table([{ id: 'W-1', krs: [['metric', null, 0, null]] }]))).toEqual(['no-range']);
    expect(hintCodes(table([{ id: 'W-1', krs: [['metric', 4, 5, null]] }]))).toEqual([]);
  });

  it.each([
    ['Grow revenue to $1M', true],
    ['Reach 50% activation', true],
    ['Hit 10k users', true],
    ['Increase NPS to 50', true],
    ['Ship 3x faster', true],
    ['Grow to 2,000 customers', true],
    ['Delight new customers', false],
    ['Win Q3 by delighting customers', false],
    ['Our best 2026 yet', false],
    ['Launch v2 of the API', false],
    ['Make H1 FY26 count', false],
  ])('a title that reads like a metric: %j → %s', (title, flagged) => {
    expect(titleHasMetric(title)).toBe(flagged);
    expect(hintCodes(table([{ id: 'W-1', title }]))).toEqual(flagged ? ['metric-title'] : []);
  });

  describe('not ambitious: aspirational above 0.9 at period end', () => {
    const meta: Cell[][] = [['Start:', '2026-01-01'], ['End:', '2026-03-31']];
    const done = (kind?: string, current: Cell = 0.95): ParsedTable => table([{ id: 'W-1', kind, krs: [['manual', null, null, current]] }], meta);
    const end = new Date('2026-04-01T00:00:00Z');
    const during = new Date('2026-03-31T12:00:00Z');

    it('fires at the end for aspirational only', () => {
      const [h] = lintTable(done(), { asOf: end });
      expect(h).toMatchObject({ code: 'not-ambitious', row: 4, objectiveId: 'W-1', column: 'Objective Score' });
      expect(h!.message).toMatch(/scored 0.95/);
      expect(hintCodes(done('committed'), { asOf: end })).toEqual([]);
    });

    it('not before the end, not at exactly 0.9, not without a date', () => {
      expect(hintCodes(done(), { asOf: during })).toEqual([]);
      expect(hintCodes(done(undefined, 0.9), { asOf: end })).toEqual([]);
      expect(hintCodes(done())).toEqual([]);
    });

    it('uses the given period over the sheet’s own', () => {
      const t = table([{ id: 'W-1', krs: [['manual', null, null, 1]] }]);
      expect(hintCodes(t, { asOf: end, period: { start: '2026-01-01', end: '2026-03-31' } })).toEqual(['not-ambitious']);
    });
  });
});
