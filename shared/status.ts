// Status against time: is the score where it should be, this far into the period?
//
// The expected score rises linearly from 0 on the period's first day to the success score on
// its last day (0.7 aspirational, 1.0 committed). Compared with the actual score:
//   on track   score ≥ expected − 0.10
//   at risk    score ≥ expected − 0.25
//   off track  below that
//   not started  nothing checked in yet, or the period has not begun.
// Without a known period the grade stands in: green → on track, yellow → at risk, red → off track.
import { gradeFor, successScore } from './grades.ts';
import type { Kind, Period, Status } from './schemas.ts';

export const STATUS_TOLERANCE = { onTrack: 0.1, atRisk: 0.25 } as const;

const DAY_MS = 86_400_000;

// A roll-up judges tens of thousands of objectives against a handful of period dates.
const dayStarts = new Map<string, number>();
function dayStart(iso: string): number {
  let t = dayStarts.get(iso);
  if (t === undefined) {
    t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
    if (dayStarts.size > 1000) dayStarts.clear();
    dayStarts.set(iso, t);
  }
  return t;
}

/** Share of the period elapsed at `asOf`, 0..1 (the end date counts as a whole day). */
export function elapsedFraction(period: Pick<Period, 'start' | 'end'> | null | undefined, asOf: Date): number | null {
  if (!period) return null;
  const start = dayStart(period.start);
  const end = dayStart(period.end) + DAY_MS;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start || !Number.isFinite(asOf.getTime())) return null;
  return Math.min(1, Math.max(0, (asOf.getTime() - start) / (end - start)));
}

export function expectedScore(kind: Kind, period: Pick<Period, 'start' | 'end'> | null | undefined, asOf: Date): number | null {
  const f = elapsedFraction(period, asOf);
  return f === null ? null : f * successScore(kind);
}

export interface StatusInput {
  score: number | null;
  kind: Kind;
  checkedIn: boolean;
  period: Pick<Period, 'start' | 'end'> | null | undefined;
  asOf: Date;
}

export function statusAgainstTime(input: StatusInput): { status: Status; expected: number | null } {
  const expected = expectedScore(input.kind, input.period, input.asOf);
  if (!input.checkedIn || input.score === null) return { status: 'not-started', expected };
  if (expected === null) {
    const grade = gradeFor(input.score, input.kind);
    return { status: grade === 'green' ? 'on-track' : grade === 'yellow' ? 'at-risk' : 'off-track', expected };
  }
  const f = elapsedFraction(input.period, input.asOf);
  if (f === 0) return { status: 'not-started', expected };
  if (input.score >= expected - STATUS_TOLERANCE.onTrack) return { status: 'on-track', expected };
  if (input.score >= expected - STATUS_TOLERANCE.atRisk) return { status: 'at-risk', expected };
  return { status: 'off-track', expected };
}

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
};
