// The example company carries two quarters: Q3 2026 closed and graded, Q4 2026 current on the
// examples' as-of day, each rolling up on its own with no error.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollupFolder } from '../../sync-service/engine/rollup-folder.ts';

describe('Northwind in two quarters', () => {
  it('rolls up Q3 2026 (graded, with learnings) and Q4 2026 (current) apart, with no error', async () => {
    const rolled = await rollupFolder(path.resolve('examples'), { asOf: new Date('2026-11-25T00:00:00Z') });
    expect(rolled.periods.map((p) => [p.period.label, p.period.start, p.period.end, p.current])).toEqual([
      ['Q3 2026', '2026-07-01', '2026-09-30', false],
      ['Q4 2026', '2026-10-01', '2026-12-31', true],
    ]);
    const [q3, q4] = rolled.periods.map((p) => p.document);
    for (const doc of [q3!, q4!]) expect(doc.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Q3: the six .xlsx workbooks (a .csv holds one tab: Q4 only), every objective graded.
    expect(q3!.teams.map((t) => t.team).sort()).toEqual(['Customer Success', 'Engineering', 'Marketing', 'Northwind Analytics', 'Product', 'Sales']);
    expect(q3!.objectives.length).toBe(25);
    for (const o of q3!.objectives) {
      // The score at the close, rounded to two decimals.
      expect(Math.abs((o.finalScore ?? Number.NaN) - (o.score ?? 0)), o.key).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(o.learning, o.key).toMatch(/\w/);
      expect(typeof o.carryOn, o.key).toBe('boolean');
    }
    // Q4 is the examples' figures: 30 objectives, none graded yet.
    expect(q4!.objectives.length).toBe(30);
    expect(q4!.objectives.some((o) => o.finalScore !== undefined)).toBe(false);
  });
});
