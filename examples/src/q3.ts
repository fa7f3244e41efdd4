// The quarter before: Northwind's Q3 2026, closed and graded. Each xlsx team's Q3 tab holds the
// same objectives as its Q4 tab (the ids continue, as a team that keeps its numbering does) with
// where their key results ended on 30 September, and the closing columns the add-on's "Close the
// quarter" writes: Final Score, Learning, Carry On. Deterministic: derived from the Q4 spec.
import type { KrSpec, ObjectiveSpec, TeamSpec } from './spec.ts';

export const Q3_PERIOD = { label: 'Q3 2026', start: '2026-07-01', end: '2026-09-30' } as const;
/** The Q3 tab's name: an OKR tab (its name says OKR), before the current `OKRs` tab. */
export const Q3_TAB = 'OKRs Q3 2026';

/** How far each key result got in Q3, by its position in the team (a fixed, varied pattern). */
const REACHED = [0.85, 0.6, 0.4, 0.95, 0.7, 0.3, 0.75, 0.5, 1, 0.65];

const LEARNINGS = [
  'Deals close when a champion has seen the product on their own data; run pilots earlier.',
  'We spread one team over too many key results; two focused ones would have moved further.',
  'The weekly check-in caught the slip in week 6, too late: look at leading indicators instead.',
  'Hiring lagged the plan by a month, and everything downstream moved with it.',
  'Customers adopt what onboarding shows them first: put the report they need on day one.',
  'The target was a guess; next quarter starts from the baseline we now measure.',
  'Shipping behind a flag let us learn from ten customers before a hundred saw it.',
];

/** An aspirational objective stretches: none ends far above 0.75 (above 0.9 it would not have stretched). */
function q3Kr(kr: KrSpec, i: number, aspirational: boolean): KrSpec {
  const reached = REACHED[i % REACHED.length] as number;
  const f = aspirational ? Math.min(reached, 0.75) : reached;
  if (kr.type === 'binary') return { ...kr, current: f >= 0.7 && !aspirational };
  if (kr.type === 'manual') return { ...kr, current: f };
  const start = kr.start ?? 0;
  const target = typeof kr.target === 'number' ? kr.target : start;
  const raw = start + (target - start) * f;
  const step = kr.type === 'milestone' ? 1 : (kr.step ?? (Number.isInteger(start) && Number.isInteger(target) ? 1 : 0.01));
  return { ...kr, current: (kr.type === 'milestone' ? Math.floor(raw / step) : Math.round(raw / step)) * step };
}

/** The team's Q3 objectives: Q4's, with Q3's values. */
export function q3Team(team: TeamSpec): TeamSpec {
  let n = 0;
  const objectives: ObjectiveSpec[] = team.objectives.map((o) => ({ ...o, keyResults: o.keyResults.map((kr) => q3Kr(kr, n++, o.kind === 'aspirational')) }));
  return { ...team, objectives };
}

export interface Closing {
  finalScore: number;
  learning: string;
  carryOn: boolean;
}

/** What closing the quarter wrote for an objective whose Q3 score was `score`. */
export function closingFor(index: number, score: number): Closing {
  const finalScore = Math.round(score * 100) / 100;
  return { finalScore, learning: LEARNINGS[index % LEARNINGS.length] as string, carryOn: finalScore < 0.7 };
}
