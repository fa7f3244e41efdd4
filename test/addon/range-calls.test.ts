import { describe, expect, it } from 'vitest';
import { ACTIONS, type ActionMeasurement, measureActions } from './range-calls.ts';

const rangeMethods = (m: ActionMeasurement) => Object.fromEntries(Object.entries(m.byMethod).filter(([k]) => k.startsWith('Range.')));

describe('Range calls per action do not grow with the sheet', () => {
  it('the same count for 10 and 1,000 key results, for every action', () => {
    const small = measureActions(10);
    const large = measureActions(1000);
    for (const action of ACTIONS) {
      expect(small[action].rangeCalls, action).toBeGreaterThan(0);
      expect(large[action].rangeCalls, action).toBe(small[action].rangeCalls);
      expect(rangeMethods(large[action]), action).toEqual(rangeMethods(small[action]));
    }
    // The work was really done at both sizes: notes pinned, rows and check-ins written.
    for (const m of [small, large]) {
      expect(m.qualityCheck.byMethod['Range.setNotes']).toBe(1);
      // Two rows far apart, three cells each (Current, Confidence, Notes are not adjacent) + the check-ins.
      expect(m.sidebarSave.byMethod['Range.setValues']).toBe(7);
      expect(m.repairFormulas.byMethod['Range.setValues']).toBe(2); // one per run of formula columns
      // The three header cells, then Final Score, Learning, Carry On of two rows far apart.
      expect(m.closingSave.byMethod['Range.setValues']).toBe(3);
      expect(m.closingSave.byMethod['Range.setNotes']).toBe(1);
      expect(m.startNextQuarter.byMethod['Range.setValues']).toBe(1);
    }
  }, 120_000);
});
