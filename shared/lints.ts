// Quality hints: warnings that teach what a good OKR looks like, each with a short why.
// Shared by the add-on's "Check OKR quality", the sidebar and the service.
import { problem } from './problems.ts';
import type { ParsedTable, Period, Problem } from './schemas.ts';
import { elapsedFraction } from './status.ts';

export const LIMITS = { keyResultsPerObjective: 5, objectivesPerTeam: 5, notAmbitiousScore: 0.9 } as const;

export const WHY = {
  'no-key-results': 'An objective without key results cannot be measured: add 2–5 outcomes that would prove it is achieved.',
  'too-many-key-results': 'More than five key results dilutes focus: keep the three to five that matter most.',
  'too-many-objectives': 'Focus: three to five objectives per team per period. With more, nothing is a priority.',
  'not-measurable': 'Without a target nobody can tell when the key result is achieved: give it a number to reach.',
  'metric-title': 'Objectives say what and why in words; numbers belong in the key results that measure them.',
  'no-range': 'Start equals Target, so there is no distance to travel: the key result scores all or nothing.',
  'not-ambitious': 'Aspirational OKRs should stretch: scoring above 0.9 at the end means the bar was set too low.',
} as const;
export type LintCode = keyof typeof WHY;

// Numbers that make a title read like a metric; years (2026) and periods (Q3, H1) do not count.
const METRIC_IN_TITLE = /(?<![\p{L}\d])(?!(?:19|20)\d\d(?!\d))\d[\d,.]*\s*(%|k\b|m\b|x\b|\+)?/iu;
const PERIOD_TOKEN = /\b(Q[1-4]|H[12]|FY\d{2,4})\b/gi;

export function titleHasMetric(title: string): boolean {
  let hit = TITLE_MEMO.get(title);
  if (hit === undefined) {
    hit = METRIC_IN_TITLE.test(title.replace(PERIOD_TOKEN, ''));
    if (TITLE_MEMO.size >= 16_384) TITLE_MEMO.clear();
    TITLE_MEMO.set(title, hit);
  }
  return hit;
}
/** Objective titles repeat across teams ("Delight our customers"): each is tested once. */
const TITLE_MEMO = new Map<string, boolean>();

export interface LintOptions {
  asOf?: Date;
  period?: Pick<Period, 'start' | 'end'> | null;
}

export function lintTable(table: ParsedTable, opts: LintOptions = {}): Problem[] {
  const where = { team: table.team, tab: table.tab };
  const hints: Problem[] = [];
  const hint = (code: LintCode, message: string, extra: Partial<Problem>) =>
    hints.push(problem(where, 'warning', code, message, { why: WHY[code], ...extra }));

  const period = opts.period ?? (table.meta.start && table.meta.end ? { start: table.meta.start, end: table.meta.end } : null);
  const ended = opts.asOf ? elapsedFraction(period, opts.asOf) === 1 : false;

  if (table.objectives.length > LIMITS.objectivesPerTeam) {
    const extra = table.objectives[LIMITS.objectivesPerTeam]!;
    hint('too-many-objectives', `${table.team} has ${table.objectives.length} objectives (aim for at most ${LIMITS.objectivesPerTeam})`, { row: extra.row, column: 'Objective ID', objectiveId: extra.id });
  }
  for (const o of table.objectives) {
    const at = { row: o.row, objectiveId: o.id };
    if (o.keyResults.length === 0) hint('no-key-results', `Objective ${o.id} has no key results`, { ...at, column: 'Key Result' });
    if (o.keyResults.length > LIMITS.keyResultsPerObjective) {
      hint('too-many-key-results', `Objective ${o.id} has ${o.keyResults.length} key results (aim for at most ${LIMITS.keyResultsPerObjective})`, { ...at, column: 'Key Result' });
    }
    if (titleHasMetric(o.title)) {
      hint('metric-title', `Objective ${o.id} "${o.title}" reads like a metric: move the number into a key result`, { ...at, column: 'Objective', value: o.title });
    }
    if (ended && o.kind === 'aspirational' && o.score !== null && o.score > LIMITS.notAmbitiousScore) {
      hint('not-ambitious', `Objective ${o.id} scored ${o.score.toFixed(2)} on an aspirational goal`, { ...at, column: 'Objective Score' });
    }
    for (const kr of o.keyResults) {
      // The locator is built only for a hint (200,000 key results, a few hints).
      if (kr.state === 'no-target') hint('not-measurable', `Key result ${kr.id} has no target`, { row: kr.row, objectiveId: o.id, krId: kr.id, column: 'Target' });
      // Judged from Start and Target, so the hint shows before anyone checks in.
      const noRange = kr.state === 'no-range' || (kr.type === 'metric' && kr.target !== null && (kr.start ?? 0) === kr.target);
      if (noRange) hint('no-range', `Key result ${kr.id} has Start = Target (${kr.target})`, { row: kr.row, objectiveId: o.id, krId: kr.id, column: 'Target' });
    }
  }
  return hints;
}
