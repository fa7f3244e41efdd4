import { describe, expect, it } from 'vitest';
import { GRADE_COLORS, GRADE_LABELS, GRADE_THRESHOLDS, gradeFor, successScore } from './grades.ts';

describe('grades', () => {
  it.each([
    [0, 'red'],
    [0.39, 'red'],
    [0.4, 'yellow'],
    [0.69, 'yellow'],
    [0.7, 'green'],
    [1, 'green'],
  ] as const)('aspirational %d → %s', (score, grade) => {
    expect(gradeFor(score, 'aspirational')).toBe(grade);
    expect(gradeFor(score)).toBe(grade);
  });

  it.each([
    [0.39, 'red'],
    [0.4, 'yellow'],
    [0.7, 'yellow'],
    [0.99, 'yellow'],
    [1, 'green'],
  ] as const)('committed %d → %s (green only at 1.0)', (score, grade) => {
    expect(gradeFor(score, 'committed')).toBe(grade);
  });

  it('treats a weighted mean a hair below a threshold as reaching it', () => {
    const mean = (0.4 + 1 + 0.7) / 3; // 0.7 in exact arithmetic, 0.6999999999999998 in floats
    expect(mean).toBeLessThan(0.7);
    expect(gradeFor(mean)).toBe('green');
    expect(gradeFor(1 - 1e-12, 'committed')).toBe('green');
    expect(gradeFor(0.7 - 1e-6)).toBe('yellow');
  });

  it('has no grade without a score', () => {
    expect(gradeFor(null)).toBeNull();
    expect(gradeFor(undefined)).toBeNull();
    expect(gradeFor(Number.NaN)).toBeNull();
  });

  it('success is 0.7 aspirational and 1.0 committed', () => {
    expect(successScore('aspirational')).toBe(0.7);
    expect(successScore('committed')).toBe(1);
    expect(GRADE_THRESHOLDS.committed.yellow).toBe(0.4);
  });

  it('has a color and label per grade', () => {
    for (const g of ['red', 'yellow', 'green'] as const) {
      expect(GRADE_COLORS[g].background).toMatch(/^#[0-9a-f]{6}$/);
      expect(GRADE_LABELS[g]).not.toBe('');
    }
  });
});
