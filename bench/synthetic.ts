// A seeded synthetic company for the benchmarks: one company sheet and N team sheets in the
// template layout (metadata rows, blank row, header), every cell a STRING the way a sheet export or
// the Sheets API's formatted values give it ("1,000", "8%", "$1,200", "yes", "0.62"). Teams form a
// ten-way tree under the company (team i reports to team ⌊i/10⌋−1, the first ten to the company),
// and every objective aligns to an objective of its parent team or the company's; some have two
// parents, a few none. Same seed, same sheets.
import { COLUMNS, type ColumnKey } from '../shared/columns.ts';
import { gradeFor } from '../shared/grades.ts';
import type { Kind, KrType } from '../shared/schemas.ts';
import { objectiveScore, scoreKeyResult } from '../shared/scoring.ts';
import { CHECKIN_HEADERS } from '../shared/template.ts';

export type Grid = string[][];

export interface SyntheticOptions {
  teams: number;
  /** Key results per team sheet (default 20: 10,000 teams → 200,000 key results). */
  krsPerTeam?: number;
  seed?: number;
  /** Check-in rows per team sheet (default 0; the sync benchmark uses a few). */
  checkinsPerTeam?: number;
}

export interface SyntheticSheet {
  /** Spreadsheet title / file name (the team's fallback name). */
  title: string;
  team: string;
  okr: Grid;
  checkins: Grid | null;
}

export interface SyntheticCompany {
  company: SyntheticSheet;
  teams: SyntheticSheet[];
  keyResults: number;
  objectives: number;
}

export const PERIOD = { label: '2026 Q4', start: '2026-10-01', end: '2026-12-31' } as const;
/** About 60% into the period: statuses against time are meaningful. */
export const AS_OF = new Date('2026-11-25T12:00:00Z');

const COMPANY_OBJECTIVES = 5;
const WIDTH = COLUMNS.length;
const IDX = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i])) as Record<ColumnKey, number>;

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof rng>;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const VERBS = ['Delight', 'Grow', 'Simplify', 'Harden', 'Accelerate', 'Modernise', 'Win', 'Earn the trust of'];
const NOUNS = ['our customers', 'the platform', 'new markets', 'the onboarding journey', 'our partners', 'the release train', 'the data pipeline'];
const OWNERS = ['ana@example.com', 'bo@example.com', 'chen@example.com', 'dee@example.com', 'eli@example.com', 'femi@example.com'];

export const teamName = (i: number) => `Team ${String(i + 1).padStart(5, '0')}`;
const teamPrefix = (i: number) => `T${i + 1}`;
/** Objective ids of team i (objective counts are drawn per team, so they are passed in). */
const objectiveId = (team: number, o: number) => `${teamPrefix(team)}-${o + 1}`;

interface KrCells {
  type: KrType;
  start: string;
  target: string;
  current: string;
  /** The numbers behind the strings, to write the Score column as the sheet would show it. */
  score: number | null;
  confidence: string;
  weight: string;
}

/** One key result: a type and values typed the way people type them. */
function keyResult(r: Rand): KrCells {
  const roll = r();
  const confidence = r() < 0.5 ? `${int(r, 3, 9) * 10}%` : r() < 0.5 ? (int(r, 3, 9) / 10).toFixed(1) : '';
  const weight = r() < 0.15 ? String(int(r, 2, 3)) : '';
  const checkedIn = r() < 0.85;
  if (roll < 0.5) {
    // metric: counts with thousands separators, percentages or money
    const style = r();
    let start: number;
    let target: number;
    let fmt: (n: number) => string;
    if (style < 0.4) {
      start = int(r, 1, 50) * 100;
      target = start + int(r, 1, 40) * 100 * (r() < 0.2 ? -0.5 : 1);
      fmt = thousands;
    } else if (style < 0.75) {
      start = int(r, 1, 40);
      target = start + int(r, 5, 40);
      fmt = (n) => `${Math.round(n)}%`;
    } else {
      start = int(r, 10, 200) * 100;
      target = start + int(r, 10, 100) * 100;
      fmt = (n) => `$${thousands(n)}`;
    }
    const noTarget = r() < 0.02;
    const current = checkedIn ? start + (target - start) * (r() * 1.1) : null;
    const cells = { type: 'metric' as const, start: fmt(start), target: noTarget ? '' : fmt(target), current: current === null ? '' : fmt(current) };
    const typed = (s: string) => (s === '' ? null : Number(s.replace(/[$,%]/g, '')) / (s.endsWith('%') ? 100 : 1));
    const score = scoreKeyResult({ type: 'metric', start: typed(cells.start), target: typed(cells.target), current: typed(cells.current) }).score;
    return { ...cells, score, confidence, weight };
  }
  if (roll < 0.7) {
    const target = int(r, 2, 8);
    const current = checkedIn ? int(r, 0, target) : null;
    const score = scoreKeyResult({ type: 'milestone', start: null, target, current }).score;
    return { type: 'milestone', start: '', target: String(target), current: current === null ? '' : String(current), score, confidence, weight };
  }
  if (roll < 0.85) {
    const yes = r() < 0.4;
    const current = checkedIn ? pick(r, yes ? ['yes', 'done', 'TRUE', '✓'] : ['no', 'not done', 'FALSE']) : '';
    const score = scoreKeyResult({ type: 'binary', start: null, target: null, current: current === '' ? null : yes ? 1 : 0 }).score;
    return { type: 'binary', start: '', target: '', current, score, confidence, weight };
  }
  const pct = checkedIn ? int(r, 0, 10) * 10 : null;
  // A rare unreadable value keeps the problem paths warm.
  const current = pct === null ? '' : r() < 0.01 ? 'n/a' : `${pct}%`;
  const score = current === 'n/a' ? null : scoreKeyResult({ type: 'manual', start: null, target: null, current: pct === null ? null : pct / 100 }).score;
  return { type: 'manual', start: '', target: '', current, score, confidence, weight };
}

/** Splits `total` key results over `objectives` objectives: at least 2 each, at most 5 while they fit. */
function spread(r: Rand, total: number, objectives: number): number[] {
  const base = Math.min(2, Math.floor(total / objectives));
  const cap = Math.max(5, Math.ceil(total / objectives));
  const counts = new Array<number>(objectives).fill(base);
  for (let left = total - base * objectives; left > 0; ) {
    const o = Math.floor(r() * objectives);
    if ((counts[o] as number) >= cap) continue;
    counts[o] = (counts[o] as number) + 1;
    left--;
  }
  return counts;
}

interface ObjectiveSpec {
  id: string;
  alignsTo: string[];
  kind: Kind;
  krs: number;
}

function sheetGrid(meta: [string, string][], objectives: ObjectiveSpec[], r: Rand, title: () => string): Grid {
  const blank = () => new Array<string>(WIDTH).fill('');
  const rows: Grid = meta.map(([k, v]) => {
    const row = blank();
    row[0] = k;
    row[1] = v;
    return row;
  });
  rows.push(blank());
  rows.push(COLUMNS.map((c) => c.header));
  for (const o of objectives) {
    const krs = Array.from({ length: o.krs }, () => keyResult(r));
    const weights = krs.map((k) => (k.weight === '' ? 1 : Number(k.weight)));
    const oScore = objectiveScore(krs.map((k, i) => ({ score: k.score, weight: weights[i] as number })));
    krs.forEach((kr, i) => {
      const row = blank();
      if (i === 0) {
        row[IDX.objectiveId] = o.id;
        row[IDX.objective] = title();
        row[IDX.alignsTo] = o.alignsTo.join(', ');
        row[IDX.kind] = o.kind;
        row[IDX.objectiveWeight] = r() < 0.1 ? '2' : '';
        row[IDX.objectiveScore] = oScore === null ? '' : oScore.toFixed(2);
        row[IDX.grade] = gradeFor(oScore, o.kind) ?? '';
      }
      row[IDX.keyResult] = `Key result ${i + 1} of ${o.id}`;
      row[IDX.type] = kr.type;
      row[IDX.start] = kr.start;
      row[IDX.target] = kr.target;
      row[IDX.current] = kr.current;
      row[IDX.weight] = kr.weight;
      row[IDX.score] = kr.score === null ? '' : kr.score.toFixed(2);
      row[IDX.confidence] = kr.confidence;
      row[IDX.owner] = pick(r, OWNERS);
      rows.push(row);
    });
  }
  // The template leaves ready empty rows (with formulas that show blank) below the table.
  for (let i = 0; i < 5; i++) rows.push(blank());
  // Like the Sheets API: a row ends at its last non-empty cell.
  return rows.map(trimRow);
}

function trimRow(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return end === row.length ? row : row.slice(0, end);
}

function checkinGrid(r: Rand, objectives: ObjectiveSpec[], count: number): Grid {
  const rows: Grid = [[...CHECKIN_HEADERS]];
  for (let i = 0; i < count; i++) {
    const o = pick(r, objectives);
    const day = String(int(r, 1, 24)).padStart(2, '0');
    rows.push([
      `2026-11-${day} 10:00`,
      pick(r, OWNERS),
      o.id,
      `${o.id}-${int(r, 1, o.krs)}`,
      String(int(r, 0, 50)),
      String(int(r, 50, 100)),
      (r() * 0.9).toFixed(2),
      `${int(r, 4, 9) * 10}%`,
      `update ${i + 1}`,
    ]);
  }
  return rows;
}

export function syntheticCompany(opts: SyntheticOptions): SyntheticCompany {
  const seed = opts.seed ?? 42;
  const perTeam = opts.krsPerTeam ?? 20;
  const r = rng(seed);
  const title = () => `${pick(r, VERBS)} ${pick(r, NOUNS)}`;
  const meta = (team: string): [string, string][] => [
    ['Team:', team],
    ['Period:', PERIOD.label],
    ['Start:', PERIOD.start],
    ['End:', PERIOD.end],
  ];

  const companyObjectives: ObjectiveSpec[] = Array.from({ length: COMPANY_OBJECTIVES }, (_, o) => ({
    id: `CO-${o + 1}`,
    alignsTo: [],
    kind: o % 2 ? 'committed' : 'aspirational',
    krs: 3,
  }));
  const company: SyntheticSheet = {
    title: 'Company',
    team: 'Company',
    okr: sheetGrid([...meta('Company'), ['Mission:', 'Make every team’s goals visible'], ['Level:', 'Company']], companyObjectives, r, title),
    checkins: null,
  };

  const objectiveCounts: number[] = [];
  const teams: SyntheticSheet[] = [];
  let objectives = COMPANY_OBJECTIVES;
  for (let i = 0; i < opts.teams; i++) {
    const count = Math.min(int(r, 4, 5), perTeam);
    objectiveCounts.push(count);
    const parentTeam = i < 10 ? -1 : Math.floor(i / 10) - 1;
    const parentIds =
      parentTeam < 0 ? companyObjectives.map((o) => o.id) : Array.from({ length: objectiveCounts[parentTeam] as number }, (_, o) => objectiveId(parentTeam, o));
    const specs: ObjectiveSpec[] = spread(r, perTeam, count).map((krs, o) => {
      const roll = r();
      const alignsTo =
        roll < 0.03
          ? [] // an orphan
          : roll < 0.13
            ? [...new Set([pick(r, parentIds), pick(r, r() < 0.5 ? parentIds : companyObjectives.map((c) => c.id))])] // two parents
            : [pick(r, parentIds)];
      return { id: objectiveId(i, o), alignsTo, kind: r() < 0.3 ? 'committed' : 'aspirational', krs };
    });
    objectives += specs.length;
    const team = teamName(i);
    teams.push({
      title: team,
      team,
      okr: sheetGrid(meta(team), specs, r, title),
      checkins: opts.checkinsPerTeam ? checkinGrid(r, specs, opts.checkinsPerTeam) : null,
    });
  }
  return { company, teams, keyResults: COMPANY_OBJECTIVES * 3 + opts.teams * perTeam, objectives };
}

/** A later edit of a team sheet: every checked-in Current moves a little (same shape, new values). */
export function editedGrid(grid: Grid, seed: number): Grid {
  const r = rng(seed);
  return grid.map((row) => {
    const current = row[IDX.current] ?? '';
    if (!/^\d+$/.test(current)) return row;
    const next = [...row];
    next[IDX.current] = String(Number(current) + int(r, 0, 2));
    next[IDX.score] = '';
    return next;
  });
}
