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
      const progress = (current - start) / (input.target - start);
      return { score: clamp01(progress), progress, state: 'scored' };
    }
    case 'milestone': {
      if (input.target === null) return noTarget();
      if (input.target <= 0) {
        return { score: null, progress: null, state: 'invalid', message: 'Target must be the number of milestones (above 0).' };
      }
      if (current === null) return notCheckedIn();
      const progress = current / input.target;
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

/** Weighted mean of the parts that have a score and a positive weight; null when none do. */
export function weightedMean(parts: readonly { score: number | null; weight: number }[]): number | null {
  let sum = 0;
  let total = 0;
  for (const p of parts) {
    if (p.score === null || !(p.weight > 0)) continue;
    sum += p.score * p.weight;
    total += p.weight;
  }
  return total > 0 ? sum / total : null;
}

/** Objective score = weighted mean of its key results' scores (weights already effective). */
export function objectiveScore(keyResults: readonly { score: number | null; weight: number }[]): number | null {
  return weightedMean(keyResults);
}
