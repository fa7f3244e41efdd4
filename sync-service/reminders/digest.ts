// The leaders' weekly digest as data: score movement over the week, off-track objectives, coverage,
// stale teams and how the check-in habit is doing. Pure: from the alignment, the stored history
// and the due list; compose.ts turns it into words.
import type { Coverage, Period } from '../../shared/schemas.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import { latestCheckinTimes } from '../../shared/checkins.ts';
import type { CheckinLike, DueList } from './due.ts';

export interface ScoreMove {
  id: string;
  title: string;
  now: number | null;
  /** The score a week earlier; null when it had none then (new, or no history yet). */
  weekAgo: number | null;
}

export interface OffTrack {
  team: string;
  id: string;
  title: string;
  score: number | null;
  expected: number | null;
}

export interface StaleTeamLine {
  team: string;
  /** Why: the sheet could not be read, or how many key results went a week without a check-in. */
  reason: string;
}

export interface Digest {
  company: string;
  week: string;
  asOf: string;
  period: Period | null;
  overall: { now: number | null; weekAgo: number | null };
  moves: ScoreMove[];
  offTrack: OffTrack[];
  coverage: Coverage;
  staleTeams: StaleTeamLine[];
  checkinsThisWeek: number;
  keyResults: number;
  staleKeyResults: number;
  staleAfterDays: number;
  ownersDue: number;
  /** Owners due a reminder who have no known address. */
  withoutEmail: string[];
}

export interface HistoryPoint {
  at: string;
  key: string;
  rolledScore: number | null;
}

const WEEK_MS = 7 * 86_400_000;

/** Each key's last score at or before `t`. */
function scoresAt(history: readonly HistoryPoint[], t: number): Map<string, number | null> {
  const out = new Map<string, { at: number; score: number | null }>();
  for (const h of history) {
    const at = Date.parse(h.at);
    if (!(at <= t)) continue;
    const prev = out.get(h.key);
    if (!prev || at >= prev.at) out.set(h.key, { at, score: h.rolledScore });
  }
  return new Map([...out].map(([k, v]) => [k, v.score]));
}

function mean(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function buildDigest(input: {
  doc: AlignmentDocument;
  /** Company objectives' stored scores (store.history({ companyOnly: true })). */
  history: readonly HistoryPoint[];
  checkins: readonly CheckinLike[];
  due: DueList;
  asOf: Date;
  week: string;
  staleAfterDays: number;
}): Digest {
  const { doc, due, asOf } = input;
  const t = asOf.getTime();
  const current = asOf.getTime() >= Date.parse(doc.asOf) ? null : scoresAt(input.history, t);
  const before = scoresAt(input.history, t - WEEK_MS);
  const roots = doc.roots.map((k) => doc.objectives.find((o) => o.key === k)).filter((o) => o !== undefined);
  const moves: ScoreMove[] = roots.map((o) => ({
    id: o.id,
    title: o.title,
    now: current ? (current.get(o.key) ?? null) : o.rolledScore,
    weekAgo: before.get(o.key) ?? null,
  }));

  const offTrack: OffTrack[] = doc.objectives
    .filter((o) => o.status === 'off-track')
    .map((o) => ({ team: o.team, id: o.id, title: o.title, score: o.rolledScore, expected: o.expected }))
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || a.team.localeCompare(b.team) || a.id.localeCompare(b.id));

  return {
    company: doc.company.name,
    week: input.week,
    asOf: asOf.toISOString(),
    period: doc.period,
    // Compared only like with like: when an objective had no score a week ago there is no overall change.
    overall: { now: mean(moves.map((m) => m.now)), weekAgo: moves.some((m) => m.now !== null && m.weekAgo === null) ? null : mean(moves.map((m) => m.weekAgo)) },
    moves,
    offTrack,
    coverage: doc.coverage,
    staleTeams: staleTeams(input),
    checkinsThisWeek: input.checkins.filter((c) => {
      const at = Date.parse(c.timestamp);
      return at <= t && at > t - WEEK_MS;
    }).length,
    keyResults: due.keyResults,
    staleKeyResults: due.staleKeyResults,
    staleAfterDays: input.staleAfterDays,
    ownersDue: due.owners.length,
    withoutEmail: due.owners.filter((o) => o.email === null).map((o) => o.owner),
  };
}

/** Teams whose sheet could not be read, then teams where no key result had a check-in in the window. */
function staleTeams(input: { doc: AlignmentDocument; checkins: readonly CheckinLike[]; asOf: Date; staleAfterDays: number }): StaleTeamLine[] {
  const { doc } = input;
  const lines: StaleTeamLine[] = doc.staleTeams.map((s) => ({ team: s.team, reason: `the sheet could not be read (${s.reason})` }));
  const unreadable = new Set(doc.staleTeams.map((s) => s.team));
  const since = input.asOf.getTime() - input.staleAfterDays * 86_400_000;
  const latest = latestCheckinTimes(input.checkins, input.asOf);
  const krs = new Map<string, { total: number; fresh: number }>();
  for (const o of doc.objectives) {
    const c = krs.get(o.team) ?? { total: 0, fresh: 0 };
    for (const kr of o.keyResults) {
      c.total++;
      if ((latest.get(`${o.team}\u0000${kr.id}`) ?? Number.NEGATIVE_INFINITY) >= since) c.fresh++;
    }
    krs.set(o.team, c);
  }
  for (const [team, c] of [...krs].sort(([a], [b]) => a.localeCompare(b))) {
    if (unreadable.has(team) || c.total === 0 || c.fresh > 0) continue;
    lines.push({ team, reason: `no check-in for ${input.staleAfterDays} days on any of its ${c.total} key result${c.total === 1 ? '' : 's'}` });
  }
  return lines;
}
