// Key result and objective scoring — the one implementation. The template's formulas
// (formulas.ts) compute the same numbers in the sheet; a test proves they agree.
import type { KrType, ScoreResult } from './schemas.ts';

export interface ScoreInput {
  type: KrType | null;
  start: number | null;
  target: number | null;
  /** Parsed Current (binary: 1 or 0); null when blank. */
  current: number | null;
  /** A manual score typed into Score in a hand-made sheet (used only when Current is blank). */
  sheetScore?: number | null;
}

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Two values this close (relative to their size, at least 1) are the same: 0.3 and
 * 0.30000000000000004 are one Start = Target. The template's formulas make the same test
 * (formulas.ts), rather than rely on each engine's own `=` (Sheets rounds, HyperFormula and
 * LibreOffice use their own epsilons).
 */
export const SAME_VALUE_EPSILON = 1e-9;
export const sameValue = (a: number, b: number): boolean => Math.abs(a - b) <= SAME_VALUE_EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

export function scoreKeyResult(input: ScoreInput): ScoreResult {
  const { type, current } = input;
  switch (type) {
    case null:
      return { score: null, progress: null, state: 'unknown-type', message: 'Unknown type: this key result cannot be scored.' };
    case 'metric': {
      if (input.target === null) return noTarget();
      if (current === null) return notCheckedIn();
      const start = input.start ?? 0;
      if (sameValue(input.target, start)) {
        const score = sameValue(current, input.target) ? 1 : 0;
        return {
          score,
          progress: score,
          state: 'no-range',
          message: 'Start equals Target: the key result scores 1 when Current reaches Target, else 0.',
        };
      }
      const progress = ratio(current - start, input.target - start, () => (current / 2 - start / 2) / ((input.target as number) / 2 - start / 2));
      if (progress === null) return tooLarge();
      return { score: clamp01(progress), progress, state: 'scored' };
    }
    case 'milestone': {
      if (input.target === null) return noTarget();
      if (input.target <= 0) {
        return { score: null, progress: null, state: 'invalid', message: 'Target must be the number of milestones (above 0).' };
      }
      if (current === null) return notCheckedIn();
      const progress = current / input.target;
      if (!Number.isFinite(progress)) return tooLarge();
      return { score: clamp01(progress), progress, state: 'scored' };
    }
    case 'binary':
      if (current === null) return notCheckedIn();
      return { score: current ? 1 : 0, progress: current ? 1 : 0, state: 'scored' };
    case 'manual': {
      if (current === null) {
        // Hand-made sheets type the manual score into Score; the template keeps Score a formula.
        const typed = input.sheetScore;
        if (typed !== null && typed !== undefined && typed !== 0) {
          const score = clamp01(typed);
          return score === typed
            ? { score, progress: typed, state: 'manual-score' }
            : { score, progress: typed, state: 'manual-score', message: outOfRange(typed, score) };
        }
        return notCheckedIn();
      }
      const score = clamp01(current);
      return score === current
        ? { score, progress: current, state: 'scored' }
        : { score, progress: current, state: 'scored', message: outOfRange(current, score) };
    }
  }
}

function outOfRange(value: number, score: number): string {
  return `Manual score ${value} is out of range and was clamped to ${score} (expected 0 to 100%).`;
}

/**
 * a / b, or — when a difference of two huge numbers overflowed (1e308 − (−1e308)) — the same ratio
 * computed on halves; null when even that is not a finite number.
 */
function ratio(a: number, b: number, halved: () => number): number | null {
  const r = Number.isFinite(a) && Number.isFinite(b) ? a / b : halved();
  return Number.isFinite(r) ? r : null;
}

function tooLarge(): ScoreResult {
  return { score: null, progress: null, state: 'invalid', message: 'The numbers are too large to score (beyond ±1e308).' };
}

function noTarget(): ScoreResult {
  return { score: null, progress: null, state: 'no-target', message: 'Target is blank: this key result cannot be scored.' };
}

function notCheckedIn(): ScoreResult {
  return { score: 0, progress: 0, state: 'not-checked-in', message: 'Not checked in yet: Current is blank.' };
}

/** Weight as it counts: blank → 1; zero, negative (a problem) or unreadable → left out. */
export function effectiveWeight(weight: number | null): number {
  if (weight === null) return 1;
  return weight > 0 ? weight : 0;
}

/**
 * Weighted mean of the parts that have a score and a positive weight; null when none do. Weights as
 * large as 1e308 cannot overflow it: then the weights are taken relative to the largest.
 */
export function weightedMean(parts: readonly { score: number | null; weight: number }[]): number | null {
  let sum = 0;
  let total = 0;
  let largest = 0;
  for (const p of parts) {
    if (p.score === null || !(p.weight > 0) || !Number.isFinite(p.weight)) continue;
    sum += p.score * p.weight;
    total += p.weight;
    if (p.weight > largest) largest = p.weight;
  }
  if (!(total > 0)) return null;
  if (Number.isFinite(total) && Number.isFinite(sum)) return sum / total;
  sum = 0;
  total = 0;
  for (const p of parts) {
    if (p.score === null || !(p.weight > 0) || !Number.isFinite(p.weight)) continue;
    sum += p.score * (p.weight / largest);
    total += p.weight / largest;
  }
  return sum / total;
}

/** Objective score = weighted mean of its key results' scores (weights already effective). */
export function objectiveScore(keyResults: readonly { score: number | null; weight: number }[]): number | null {
  return weightedMean(keyResults);
}
