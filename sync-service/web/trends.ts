// Score over time, two ways. The stored history has one point per stored snapshot (a sync that
// changed something); it is the record. A fresh install has one snapshot, so the quarter so far is
// also replayed from the teams' check-ins: at each week, each key result scores what its latest
// check-in said (0 before its first), rolled up exactly as a sync does (shared rollup). The last
// point is the live score. trendFor picks between them: it is the one source of trend data for the
// view, GET /api/history's `trends` and the company sheet's Trends tab. Pure.
import { rollup } from '../../shared/rollup.ts';
import type { AlignedObjective, Objective, ParsedTable, Period, RollupMode } from '../../shared/schemas.ts';
import { objectiveScore } from '../../shared/scoring.ts';
import { extent } from '../../shared/arrays.ts';

export interface Point {
  t: number;
  v: number | null;
}

export interface HistoryLike {
  at: string;
  key: string;
  rolledScore: number | null;
}

export interface CheckinLike {
  team: string;
  timestamp: string;
  objectiveId?: string | null | undefined;
  krId?: string | null | undefined;
  score?: number | null | undefined;
}

const DAY = 86_400_000;

/** Stored history → each key's rolled score per snapshot, oldest first. */
export function historySeries(rows: readonly HistoryLike[]): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  for (const h of rows) {
    const t = Date.parse(h.at);
    if (!Number.isFinite(t)) continue;
    const list = out.get(h.key) ?? [];
    list.push({ t, v: h.rolledScore });
    out.set(h.key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.t - b.t);
  return out;
}

/** True when stored history is rich enough to chart on its own (≥ 3 snapshots over ≥ 3 days). */
export function historyIsEnough(points: readonly Point[] | undefined): boolean {
  if (!points || points.length < 3) return false;
  return points[points.length - 1]!.t - points[0]!.t >= 3 * DAY;
}

/** The chart's time span: the period, else from the first point to the last. */
export function timeDomain(period: Pick<Period, 'start' | 'end'> | null | undefined, points: readonly number[]): [number, number] | null {
  if (period) {
    const start = Date.parse(`${period.start.slice(0, 10)}T00:00:00Z`);
    const end = Date.parse(`${period.end.slice(0, 10)}T00:00:00Z`) + DAY;
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) return [start, end];
  }
  if (points.length === 0) return null;
  const { min: lo, max: hi } = extent(points);
  return hi - lo < DAY ? [lo - DAY, hi + DAY] : [lo, hi];
}

/** Sample times for a replay: weekly from the start (fewer when the span is long), then asOf. */
export function replayTimes(start: number, asOf: number, maxPoints = 40): number[] {
  if (!(asOf > start)) return [asOf];
  const weeks = Math.ceil((asOf - start) / (7 * DAY));
  const step = 7 * DAY * Math.max(1, Math.ceil(weeks / maxPoints));
  const times: number[] = [];
  for (let t = start + step; t < asOf; t += step) times.push(t);
  times.push(asOf);
  return [start, ...times];
}

export interface ReplayInput {
  objectives: readonly AlignedObjective[];
  period: Period | null;
  mode: RollupMode;
  asOf: string;
}

/**
 * Every objective's rolled score at weekly times from the period's start (or the first check-in)
 * to asOf, replayed from check-ins. Null when there are no check-ins to replay.
 */
export function replayFromCheckins(input: ReplayInput, checkins: readonly CheckinLike[]): { times: number[]; series: Map<string, Point[]> } | null {
  const asOf = Date.parse(input.asOf);
  const byKr = new Map<string, { t: number; score: number }[]>();
  let first = Number.POSITIVE_INFINITY;
  for (const c of checkins) {
    const t = Date.parse(c.timestamp);
    if (!Number.isFinite(t) || typeof c.score !== 'number' || !Number.isFinite(c.score) || !c.krId) continue;
    // A check-in names its KR; its objective id is optional in the sheet, so match on team + KR.
    const k = `${c.team}\u0000${c.krId}`;
    const list = byKr.get(k) ?? [];
    list.push({ t, score: c.score });
    byKr.set(k, list);
    first = Math.min(first, t);
  }
  if (byKr.size === 0 || !Number.isFinite(asOf)) return null;
  for (const list of byKr.values()) list.sort((a, b) => a.t - b.t);

  const domain = timeDomain(input.period, [first, asOf]);
  const start = Math.min(domain ? domain[0] : first, asOf);
  const times = replayTimes(start, asOf);

  // The tables as the roll-up saw them, grouped back by sheet (company sheets first keeps keys equal).
  const groups = new Map<string, { table: Omit<ParsedTable, 'objectives'>; objectives: AlignedObjective[] }>();
  for (const o of input.objectives) {
    const g = `${o.isCompany ? 0 : 1}\u0000${o.team}\u0000${o.tab}`;
    if (!groups.has(g)) groups.set(g, { table: { team: o.team, tab: o.tab, meta: {}, isCompany: o.isCompany, headerRow: null, problems: [] }, objectives: [] });
    groups.get(g)!.objectives.push(o);
  }

  const series = new Map<string, Point[]>(input.objectives.map((o) => [o.key, []]));
  const scoreAt = (team: string, krId: string, t: number): number => {
    const list = byKr.get(`${team}\u0000${krId}`);
    let v = 0;
    if (list) for (const c of list) if (c.t <= t) v = c.score;
    return v;
  };
  for (const [i, t] of times.entries()) {
    if (i === times.length - 1) {
      // The live values (from the sheets) end every line.
      for (const o of input.objectives) series.get(o.key)!.push({ t, v: o.rolledScore });
      break;
    }
    const tables: ParsedTable[] = [...groups.values()].map(({ table, objectives }) => ({
      ...table,
      objectives: objectives.map((o): Objective => {
        // A key result that cannot be scored (no target, unknown type) stays unscored.
        const keyResults = o.keyResults.map((kr) => ({ ...kr, score: kr.score === null ? null : scoreAt(o.team, kr.id, t) }));
        // rollup() reads only an Objective's own fields, so the aligned extras can ride along.
        return { ...o, keyResults, score: objectiveScore(keyResults), checkedIn: true };
      }),
    }));
    const rolled = rollup(tables, { mode: input.mode, asOf: new Date(t), period: input.period, lints: false });
    for (const o of rolled.objectives) {
      const list = series.get(o.key);
      list?.push({ t, v: o.rolledScore });
    }
  }
  return { times, series };
}

export type TrendSourceKind = 'history' | 'check-ins' | 'snapshots';

export interface Trend {
  line: Point[];
  dots: Point[];
  source: TrendSourceKind;
}

/** An objective's trend: stored history when there is enough, else the replay, else the few snapshots. */
export function trendFor(key: string, stored: ReadonlyMap<string, Point[]>, replay: { series: Map<string, Point[]> } | null): Trend {
  const snapshots = stored.get(key) ?? [];
  if (historyIsEnough(snapshots)) return { line: snapshots, dots: snapshots.length <= 40 ? snapshots : [], source: 'history' };
  const replayed = replay?.series.get(key);
  if (replayed && replayed.length > 1) return { line: replayed, dots: snapshots, source: 'check-ins' };
  return { line: snapshots, dots: snapshots, source: 'snapshots' };
}

export interface TrendInput extends ReplayInput {
  /** Stored history rows (any objectives; those of `keys` are used). */
  history: readonly HistoryLike[];
  checkins: readonly CheckinLike[];
}

/**
 * The trends of `keys`, from stored history and check-ins, each ending at the live score as of the
 * document's asOf (a surface written before this sync is stored, like the company sheet, still ends
 * on today's value).
 */
export function trendsOf(input: TrendInput, keys: readonly string[]): Map<string, Trend> {
  const stored = historySeries(input.history);
  const replay = replayFromCheckins(input, input.checkins);
  const live = new Map(input.objectives.map((o) => [o.key, o.rolledScore]));
  const asOf = Date.parse(input.asOf);
  const out = new Map<string, Trend>();
  for (const key of keys) {
    const trend = trendFor(key, stored, replay);
    const last = trend.line[trend.line.length - 1];
    if (trend.source !== 'check-ins' && Number.isFinite(asOf) && live.has(key) && (!last || last.t < asOf)) {
      trend.line = [...trend.line, { t: asOf, v: live.get(key) ?? null }];
    }
    out.set(key, trend);
  }
  return out;
}

/** Trends as a table: one row per UTC date (the day's last value), one column per key. */
export function trendTable(trends: ReadonlyMap<string, Trend>, keys: readonly string[]): { date: string; values: (number | null | undefined)[] }[] {
  const byDate = new Map<string, Map<string, { t: number; v: number | null }>>();
  for (const key of keys) {
    for (const p of trends.get(key)?.line ?? []) {
      const date = new Date(p.t).toISOString().slice(0, 10);
      const day = byDate.get(date) ?? new Map<string, { t: number; v: number | null }>();
      const prev = day.get(key);
      if (!prev || p.t >= prev.t) day.set(key, p);
      byDate.set(date, day);
    }
  }
  return [...byDate.keys()].sort().map((date) => ({ date, values: keys.map((k) => byDate.get(date)?.get(k)?.v) }));
}
