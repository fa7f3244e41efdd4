import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, STATUS_TOLERANCE, elapsedFraction, expectedScore, statusAgainstTime } from './status.ts';

// A 10-day period: 2026-01-01 .. 2026-01-10 (the end date counts as a whole day).
const period = { start: '2026-01-01', end: '2026-01-10' };
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000); // n days after the start

describe('elapsedFraction', () => {
  it('runs from 0 on the first morning to 1 after the last day', () => {
    expect(elapsedFraction(period, day(0))).toBe(0);
    expect(elapsedFraction(period, day(5))).toBe(0.5);
    expect(elapsedFraction(period, day(9))).toBeCloseTo(0.9, 12);
    expect(elapsedFraction(period, day(10))).toBe(1);
  });
  it('clamps before and after the period', () => {
    expect(elapsedFraction(period, day(-3))).toBe(0);
    expect(elapsedFraction(period, day(40))).toBe(1);
  });
  it('is null without a usable period', () => {
    expect(elapsedFraction(null, day(1))).toBeNull();
    expect(elapsedFraction(undefined, day(1))).toBeNull();
    expect(elapsedFraction({ start: '2026-02-01', end: '2026-01-01' }, day(1))).toBeNull();
    expect(elapsedFraction({ start: 'soon', end: '2026-01-01' }, day(1))).toBeNull();
    expect(elapsedFraction(period, new Date(Number.NaN))).toBeNull();
  });
  it('accepts a one-day period', () => {
    expect(elapsedFraction({ start: '2026-01-01', end: '2026-01-01' }, new Date('2026-01-01T12:00:00Z'))).toBe(0.5);
  });
});

describe('expectedScore', () => {
  it('rises linearly from 0 to 0.7 (aspirational) and 1.0 (committed)', () => {
    expect(expectedScore('aspirational', period, day(0))).toBe(0);
    expect(expectedScore('aspirational', period, day(5))).toBeCloseTo(0.35, 12);
    expect(expectedScore('aspirational', period, day(10))).toBeCloseTo(0.7, 12);
    expect(expectedScore('committed', period, day(5))).toBeCloseTo(0.5, 12);
    expect(expectedScore('committed', period, day(10))).toBe(1);
    expect(expectedScore('committed', null, day(10))).toBeNull();
  });
});

describe('statusAgainstTime', () => {
  const at = (score: number | null, opts: { kind?: 'aspirational' | 'committed'; checkedIn?: boolean; asOf?: Date; period?: typeof period | null } = {}) =>
    statusAgainstTime({ score, kind: opts.kind ?? 'committed', checkedIn: opts.checkedIn ?? true, period: opts.period === undefined ? period : opts.period, asOf: opts.asOf ?? day(5) });

  it('documents its thresholds', () => {
    expect(STATUS_TOLERANCE).toEqual({ onTrack: 0.1, atRisk: 0.25 });
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(['at-risk', 'not-started', 'off-track', 'on-track']);
  });

  it('on track within 0.10 of the expected score', () => {
    // Halfway through, committed: expected 0.5.
    expect(at(0.9)).toEqual({ status: 'on-track', expected: 0.5 });
    expect(at(0.5).status).toBe('on-track');
    expect(at(0.41).status).toBe('on-track');
    expect(at(0.4).status).toBe('on-track');
  });

  it('at risk within 0.25, off track below', () => {
    expect(at(0.39).status).toBe('at-risk');
    expect(at(0.25).status).toBe('at-risk');
    expect(at(0.24).status).toBe('off-track');
    expect(at(0).status).toBe('off-track');
  });

  it('uses the aspirational line for aspirational objectives', () => {
    // Expected 0.35: 0.25 is on track, 0.1 at risk, 0.09 off track.
    expect(at(0.25, { kind: 'aspirational' }).status).toBe('on-track');
    expect(at(0.1, { kind: 'aspirational' }).status).toBe('at-risk');
    expect(at(0.09, { kind: 'aspirational' }).status).toBe('off-track');
  });

  it('not started: nothing checked in, no score, or the period has not begun', () => {
    expect(at(0.5, { checkedIn: false }).status).toBe('not-started');
    expect(at(null).status).toBe('not-started');
    expect(at(0.5, { asOf: day(-1) })).toEqual({ status: 'not-started', expected: 0 });
    expect(at(0.5, { asOf: day(0) }).status).toBe('not-started');
  });

  it('at the end of the period, expects the success score', () => {
    expect(at(0.95, { asOf: day(30) }).status).toBe('on-track');
    expect(at(0.8, { asOf: day(30) }).status).toBe('at-risk');
    expect(at(0.7, { asOf: day(30), kind: 'aspirational' }).status).toBe('on-track');
  });

  it('without a period, the grade stands in', () => {
    expect(at(0.7, { period: null, kind: 'aspirational' })).toEqual({ status: 'on-track', expected: null });
    expect(at(0.5, { period: null, kind: 'aspirational' }).status).toBe('at-risk');
    expect(at(0.1, { period: null, kind: 'aspirational' }).status).toBe('off-track');
    expect(at(0.9, { period: null, kind: 'committed' }).status).toBe('at-risk');
  });
});
