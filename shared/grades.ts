// Google's OKR grading scale, in one place: the template's conditional formatting, the sidebar
// bars, the alignment view and the company sheet all read these thresholds.
import type { Grade, Kind } from './schemas.ts';

export const GRADE_THRESHOLDS: Readonly<Record<Kind, { yellow: number; green: number }>> = {
  // Aspirational: 0.7 is success — the goal was meant to stretch.
  aspirational: { yellow: 0.4, green: 0.7 },
  // Committed: anything short of 1.0 is a miss that needs a plan.
  committed: { yellow: 0.4, green: 1.0 },
};

/** Weighted means of exact thresholds (e.g. 0.7) can land a hair below them in floating point. */
export const GRADE_EPSILON = 1e-9;

export const GRADE_COLORS: Readonly<Record<Grade, { background: string; text: string; bar: string }>> = {
  red: { background: '#f4c7c3', text: '#a50e0e', bar: '#d93025' },
  yellow: { background: '#fce8b2', text: '#7a5901', bar: '#f9ab00' },
  green: { background: '#b7e1cd', text: '#0d652d', bar: '#1e8e3e' },
};

/**
 * A grade is the score's colour, named by its colour everywhere (sheet, sidebar, view, company
 * sheet). It is not a status: "On track / At risk / Off track" judge the score against the time
 * gone (status.ts), so a yellow 0.45 can be on track early in the period.
 */
export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  red: 'Red',
  yellow: 'Yellow',
  green: 'Green',
};

/** The score range of each grade (aspirational; a committed OKR is green only at 1.0). */
export const GRADE_RANGES: Readonly<Record<Grade, string>> = {
  green: '0.7 and up',
  yellow: '0.4 to 0.7',
  red: 'below 0.4',
};

export function gradeFor(score: number | null | undefined, kind: Kind = 'aspirational'): Grade | null {
  if (score === null || score === undefined || Number.isNaN(score)) return null;
  const t = GRADE_THRESHOLDS[kind];
  if (score >= t.green - GRADE_EPSILON) return 'green';
  if (score >= t.yellow - GRADE_EPSILON) return 'yellow';
  return 'red';
}

/** The score that counts as success by the period's end. */
export function successScore(kind: Kind): number {
  return GRADE_THRESHOLDS[kind].green;
}
