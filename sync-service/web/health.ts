// Alignment health: how much of the company's work is connected to its objectives, and how fresh
// and well-formed the OKRs are. Pure: from the alignment document and the stored check-ins.
import { latestCheckinTimes } from '../../shared/checkins.ts';
import type { Coverage, Problem, Severity } from '../../shared/schemas.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import type { CheckinLike } from './trends.ts';

/** A key result with no check-in for this many days is stale. */
export const STALE_AFTER_DAYS = 14;

export interface ObjectiveRef {
  key: string;
  id: string;
  title: string;
  team: string;
}

export interface StaleKr {
  team: string;
  objective: ObjectiveRef;
  krId: string;
  title: string;
  /** The latest check-in, or null when it has none at all. */
  lastCheckin: string | null;
}

export interface HintGroup {
  code: string;
  severity: Severity;
  count: number;
  teams: number;
  why: string | null;
  /** One message, as an example. */
  example: string;
}

export interface Health {
  coverage: Coverage;
  orphans: ObjectiveRef[];
  teamsWithoutAlignment: string[];
  staleKrs: StaleKr[];
  keyResults: number;
  /** Check-ins older than this are stale. */
  staleSince: string;
  hints: HintGroup[];
  errors: number;
  warnings: number;
}

const ref = (o: ObjectiveRef): ObjectiveRef => ({ key: o.key, id: o.id, title: o.title, team: o.team });

/** Problems grouped by code: errors first, then the most frequent. */
export function groupProblems(problems: readonly Problem[]): HintGroup[] {
  const groups = new Map<string, HintGroup & { teamSet: Set<string> }>();
  for (const p of problems) {
    let g = groups.get(p.code);
    if (!g) {
      g = { code: p.code, severity: p.severity, count: 0, teams: 0, why: p.why ?? null, example: p.message, teamSet: new Set() };
      groups.set(p.code, g);
    }
    g.count++;
    g.teamSet.add(p.team);
    if (p.severity === 'error') g.severity = 'error';
    g.why ??= p.why ?? null;
  }
  return [...groups.values()]
    .map(({ teamSet, ...g }) => ({ ...g, teams: teamSet.size }))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || b.count - a.count || a.code.localeCompare(b.code));
}

export function alignmentHealth(doc: AlignmentDocument, checkins: readonly CheckinLike[], opts: { days?: number } = {}): Health {
  const days = opts.days ?? STALE_AFTER_DAYS;
  const asOf = Date.parse(doc.asOf);
  const since = (Number.isFinite(asOf) ? asOf : Date.now()) - days * 86_400_000;

  const latest = latestCheckinTimes(checkins);

  const staleKrs: StaleKr[] = [];
  let keyResults = 0;
  for (const o of doc.objectives) {
    for (const kr of o.keyResults) {
      keyResults++;
      const last = latest.get(`${o.team}\u0000${kr.id}`);
      if (last !== undefined && last >= since) continue;
      staleKrs.push({ team: o.team, objective: ref(o), krId: kr.id, title: kr.title, lastCheckin: last === undefined ? null : new Date(last).toISOString() });
    }
  }
  // Longest silent first; never checked in before everything else.
  staleKrs.sort((a, b) => (a.lastCheckin ?? '').localeCompare(b.lastCheckin ?? '') || a.team.localeCompare(b.team) || a.krId.localeCompare(b.krId));

  const byKey = new Map(doc.objectives.map((o) => [o.key, o]));
  const errors = doc.problems.filter((p) => p.severity === 'error').length;
  return {
    coverage: doc.coverage,
    orphans: doc.orphans
      .map((k) => byKey.get(k))
      .filter((o) => o !== undefined)
      .map(ref),
    teamsWithoutAlignment: doc.teamsWithoutAlignment,
    staleKrs,
    keyResults,
    staleSince: new Date(since).toISOString(),
    hints: groupProblems(doc.problems),
    errors,
    warnings: doc.problems.length - errors,
  };
}
