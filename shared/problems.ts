// Building and printing problems.
import type { Problem, Severity } from './schemas.ts';

export interface Where {
  team: string;
  tab: string;
}

export function problem(
  where: Where,
  severity: Severity,
  code: string,
  message: string,
  extra: Partial<Omit<Problem, 'severity' | 'code' | 'message' | 'team' | 'tab'>> = {},
): Problem {
  const p: Problem = { severity, code, team: where.team, tab: where.tab, message };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (p as Record<string, unknown>)[k] = v;
  return p;
}

/** `sales / OKRs / row 3 / Type: unknown type "metrc" (expected …)` */
export function formatProblem(p: Problem): string {
  const parts = [p.team, p.tab];
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  const head = parts.join(' / ');
  return p.column ? `${head} / ${p.column}: ${p.message}` : `${head}: ${p.message}`;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Stable order for people: by team, tab, row, then errors first. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.team.localeCompare(b.team) ||
      a.tab.localeCompare(b.tab) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}
