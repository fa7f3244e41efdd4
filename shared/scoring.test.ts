import { describe, expect, it } from 'vitest';
import { clamp01, effectiveWeight, objectiveScore, scoreKeyResult, weightedMean, type ScoreInput } from './scoring.ts';

const score = (input: Partial<ScoreInput> & Pick<ScoreInput, 'type'>) =>
  scoreKeyResult({ start: null, target: null, current: null, ...input });

describe('metric', () => {
  it('progress = (Current − Start) / (Target − Start)', () => {
    const r = score({ type: 'metric', start: 40, target: 65, current: 50 });
    expect(r.state).toBe('scored');
    expect(r.score).toBeCloseTo(0.4, 12);
    expect(r.progress).toBeCloseTo(0.4, 12);
  });

  it('works unchanged for a decreasing metric (Target < Start)', () => {
    const r = score({ type: 'metric', start: 400_000, target: 250_000, current: 325_000 });
    expect(r.score).toBeCloseTo(0.5, 12);
    expect(score({ type: 'metric', start: 3, target: 1, current: 0.5 })).toMatchObject({ score: 1, progress: 1.25 });
    expect(score({ type: 'metric', start: 3, target: 1, current: 4 })).toMatchObject({ score: 0, progress: -0.5 });
  });

  it('clamps the score to 0..1 and keeps the unclamped progress', () => {
    expect(score({ type: 'metric', start: 0, target: 100, current: 150 })).toMatchObject({ score: 1, progress: 1.5, state: 'scored' });
    expect(score({ type: 'metric', start: 10, target: 20, current: 5 })).toMatchObject({ score: 0, progress: -0.5, state: 'scored' });
  });

  it('reads a blank Start as 0', () => {
    expect(score({ type: 'metric', start: null, target: 200, current: 50 })).toMatchObject({ score: 0.25, progress: 0.25 });
  });

  it('Start = Target scores 1 when Current equals Target, else 0, with a message', () => {
    const hit = score({ type: 'metric', start: 5, target: 5, current: 5 });
    expect(hit).toMatchObject({ score: 1, progress: 1, state: 'no-range' });
    expect(hit.message).toMatch(/Start equals Target/);
    expect(score({ type: 'metric', start: 5, target: 5, current: 6 })).toMatchObject({ score: 0, state: 'no-range' });
    expect(score({ type: 'metric', start: 5, target: 5, current: 4 })).toMatchObject({ score: 0, state: 'no-range' });
    // Blank Start is 0, so Target 0 has no range either.
    expect(score({ type: 'metric', start: null, target: 0, current: 0 })).toMatchObject({ score: 1, state: 'no-range' });
  });

  it('cannot score without a Target', () => {
    expect(score({ type: 'metric', start: 1, target: null, current: 3 })).toMatchObject({ score: null, progress: null, state: 'no-target' });
  });

  it('blank Current = not checked in: score 0', () => {
    const r = score({ type: 'metric', start: 1, target: 3, current: null });
    expect(r).toMatchObject({ score: 0, progress: 0, state: 'not-checked-in' });
    expect(r.message).toMatch(/Not checked in/);
  });
});

describe('milestone', () => {
  it('scores Current / Target, clamped', () => {
    expect(score({ type: 'milestone', target: 5, current: 3 })).toMatchObject({ score: 0.6, progress: 0.6, state: 'scored' });
    expect(score({ type: 'milestone', target: 4, current: 6 })).toMatchObject({ score: 1, progress: 1.5 });
    expect(score({ type: 'milestone', target: 4, current: -1 })).toMatchObject({ score: 0, progress: -0.25 });
  });
  it('ignores Start', () => {
    expect(score({ type: 'milestone', start: 2, target: 4, current: 2 }).score).toBe(0.5);
  });
  it('needs a Target above 0', () => {
    expect(score({ type: 'milestone', target: null, current: 1 })).toMatchObject({ score: null, state: 'no-target' });
    expect(score({ type: 'milestone', target: 0, current: 1 })).toMatchObject({ score: null, state: 'invalid' });
    expect(score({ type: 'milestone', target: -3, current: 1 })).toMatchObject({ score: null, state: 'invalid' });
  });
  it('blank Current = not checked in', () => {
    expect(score({ type: 'milestone', target: 4, current: null })).toMatchObject({ score: 0, state: 'not-checked-in' });
  });
});

describe('binary', () => {
  it('yes → 1, no → 0, blank → not checked in', () => {
    expect(score({ type: 'binary', current: 1 })).toMatchObject({ score: 1, progress: 1, state: 'scored' });
    expect(score({ type: 'binary', current: 0 })).toMatchObject({ score: 0, progress: 0, state: 'scored' });
    expect(score({ type: 'binary', current: null })).toMatchObject({ score: 0, state: 'not-checked-in' });
  });
  it('needs no Target', () => {
    expect(score({ type: 'binary', target: null, current: 1 }).score).toBe(1);
  });
});

describe('manual', () => {
  it('takes Current as the score', () => {
    expect(score({ type: 'manual', current: 0.6 })).toEqual({ score: 0.6, progress: 0.6, state: 'scored' });
    expect(score({ type: 'manual', current: 0 })).toEqual({ score: 0, progress: 0, state: 'scored' });
    expect(score({ type: 'manual', current: 1 })).toEqual({ score: 1, progress: 1, state: 'scored' });
  });
  it('clamps out-of-range values with a message', () => {
    const over = score({ type: 'manual', current: 1.5 });
    expect(over).toMatchObject({ score: 1, progress: 1.5, state: 'scored' });
    expect(over.message).toMatch(/clamped to 1/);
    const under = score({ type: 'manual', current: -0.2 });
    expect(under).toMatchObject({ score: 0, progress: -0.2, state: 'scored' });
    expect(under.message).toMatch(/clamped to 0/);
  });
  it('uses a score typed into Score when Current is blank (hand-made sheets)', () => {
    expect(score({ type: 'manual', current: null, sheetScore: 0.7 })).toEqual({ score: 0.7, progress: 0.7, state: 'manual-score' });
    const over = score({ type: 'manual', current: null, sheetScore: 1.2 });
    expect(over).toMatchObject({ score: 1, progress: 1.2, state: 'manual-score' });
    expect(over.message).toMatch(/clamped/);
  });
  it('prefers Current over Score', () => {
    expect(score({ type: 'manual', current: 0.3, sheetScore: 0.9 }).score).toBe(0.3);
  });
  it('blank Current and no typed score (or the formula’s 0) = not checked in', () => {
    expect(score({ type: 'manual', current: null })).toMatchObject({ score: 0, state: 'not-checked-in' });
    expect(score({ type: 'manual', current: null, sheetScore: null })).toMatchObject({ score: 0, state: 'not-checked-in' });
    expect(score({ type: 'manual', current: null, sheetScore: 0 })).toMatchObject({ score: 0, state: 'not-checked-in' });
  });
});

describe('unknown type', () => {
  it('scores nothing', () => {
    expect(score({ type: null, start: 0, target: 10, current: 5 })).toMatchObject({ score: null, progress: null, state: 'unknown-type' });
  });
});

describe('weights and objective score', () => {
  it('clamp01', () => {
    expect(clamp01(-1)).toBe(0);
    expect(clamp01(0.5)).toBe(0.5);
    expect(clamp01(7)).toBe(1);
  });

  it('effectiveWeight: blank → 1, 0 and negative → 0', () => {
    expect(effectiveWeight(null)).toBe(1);
    expect(effectiveWeight(2.5)).toBe(2.5);
    expect(effectiveWeight(0)).toBe(0);
    expect(effectiveWeight(-1)).toBe(0);
  });

  it('weighted mean of the scored parts with a positive weight', () => {
    expect(weightedMean([{ score: 1, weight: 1 }, { score: 0, weight: 3 }])).toBe(0.25);
    expect(weightedMean([{ score: 0.5, weight: 2.5 }, { score: 1, weight: 0 }, { score: null, weight: 4 }])).toBe(0.5);
    expect(weightedMean([{ score: 1, weight: Number.NaN }, { score: 0.2, weight: 1 }])).toBe(0.2);
  });

  it('is null when nothing counts', () => {
    expect(weightedMean([])).toBeNull();
    expect(weightedMean([{ score: null, weight: 1 }])).toBeNull();
    expect(weightedMean([{ score: 1, weight: 0 }])).toBeNull();
  });

  it('objectiveScore is the weighted mean of its key results', () => {
    expect(objectiveScore([{ score: 0.6, weight: 1 }])).toBe(0.6);
    expect(objectiveScore([{ score: 0.2, weight: 1 }, { score: 0.8, weight: 2 }])).toBeCloseTo(0.6, 12);
    expect(objectiveScore([{ score: null, weight: 1 }, { score: null, weight: 2 }])).toBeNull();
  });
});

describe('numbers at the edge of the double range', () => {
  it('scores a metric from -1e308 to 1e308 without overflowing (no NaN)', () => {
    expect(score({ type: 'metric', start: -1e308, target: 1e308, current: 0 })).toMatchObject({ score: 0.5, state: 'scored' });
    expect(score({ type: 'metric', start: -1e308, target: 1e308, current: 1e308 }).score).toBe(1);
  });

  it('calls a ratio beyond the double range unscorable rather than Infinity', () => {
    // Start and Target differ by more than SAME_VALUE_EPSILON (else the Start = Target rule applies).
    const r = score({ type: 'metric', start: 0, target: 1e-8, current: 1e301 });
    expect(r).toMatchObject({ score: null, state: 'invalid' });
    expect(r.message).toMatch(/too large/);
    expect(score({ type: 'milestone', target: 1e-8, current: 1e301 })).toMatchObject({ score: null, state: 'invalid' });
  });

  it('weighs parts with weights of 1e308 without the sums overflowing', () => {
    expect(weightedMean([{ score: 0.2, weight: 1e308 }, { score: 0.8, weight: 1e308 }])).toBeCloseTo(0.5, 12);
    expect(weightedMean([{ score: 1, weight: 1e308 }, { score: 0, weight: 1 }])).toBeCloseTo(1, 12);
    expect(objectiveScore([{ score: 0.4, weight: Number.MAX_VALUE }, { score: 0.6, weight: Number.MAX_VALUE }])).toBeCloseTo(0.5, 12);
  });
});
