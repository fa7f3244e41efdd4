// Weekly check-ins: how each key result got from its start to today's value. Values follow the
// key result's shape, rounded the way people report them; a row is written when the value moved,
// when there is a note, or as a "no change" confirmation after three quiet weeks.
import { scoreKeyResult } from '../../shared/scoring.ts';
import { DEFAULT_STEP, displayNumber, roundTo } from './format.ts';
import { AS_OF } from './northwind.ts';
import type { KrSpec, ObjectiveSpec, Shape, TeamSpec } from './spec.ts';

export interface CheckinRow {
  timestamp: Date;
  person: string;
  objectiveId: string;
  krId: string;
  before: string;
  after: string;
  score: number | null;
  confidence: number;
  note: string;
}

/** Monday of the period's first full week (1 Oct 2026 is a Thursday). */
const FIRST_MONDAY = Date.UTC(2026, 9, 5);
const WEEKS = 8;
const DAY_MS = 86_400_000;
const QUIET_WEEKS = 3;

/** The team's check-in days before "today": week number (1 = week of 5 Oct) and date. */
export function checkinWeeks(team: TeamSpec): { week: number; date: Date }[] {
  const today = Date.parse(`${AS_OF}T00:00:00Z`);
  const out: { week: number; date: Date }[] = [];
  for (let week = 1; week <= WEEKS; week++) {
    const t = FIRST_MONDAY + ((week - 1) * 7 + team.checkinDay) * DAY_MS + team.checkinHour * 3_600_000;
    if (t < today) out.push({ week, date: new Date(t) });
  }
  return out;
}

const SHAPES: Record<Shape, (x: number) => number> = {
  steady: (x) => x,
  early: (x) => 1 - (1 - x) ** 2,
  late: (x) => x * x,
  stall: (x) => Math.min(1, 2 * x),
};

/** A small deterministic hash, to spread check-in minutes without randomness. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The value a key result starts the period at (null: nothing reported yet). */
function startValue(kr: KrSpec): number | null {
  if (kr.type === 'metric') return kr.start ?? 0;
  if (kr.type === 'manual') return null;
  return 0;
}

export function finalValue(kr: KrSpec): number {
  return typeof kr.current === 'boolean' ? (kr.current ? 1 : 0) : kr.current;
}

/** The text a person sees for a value (what Before/After record). */
export function valueText(kr: KrSpec, value: number | null, team: TeamSpec): string {
  if (value === null) return '';
  if (kr.type === 'binary') return value ? team.yesNo[0] : team.yesNo[1];
  if (kr.type === 'manual') return `${Math.round(value * 100)}%`;
  return displayNumber(value, kr.unit ?? 'int');
}

/** Round in-between values the way people report them: to a tenth of the range's order of magnitude. */
function defaultStep(kr: KrSpec, start: number, final: number): number {
  if (kr.type === 'manual') return 0.05;
  const unit = kr.unit ?? 'int';
  if (unit !== 'usd' && unit !== 'int') return DEFAULT_STEP[unit];
  const range = Math.abs((kr.target ?? final) - start);
  return range > 0 ? Math.max(1, 10 ** (Math.floor(Math.log10(range)) - 1)) : 1;
}

export function krCheckins(team: TeamSpec, objective: ObjectiveSpec, kr: KrSpec, krId: string): CheckinRow[] {
  const weeks = checkinWeeks(team).filter((w) => w.week >= (kr.from ?? 1));
  const available = new Set(weeks.map((w) => w.week));
  for (const w of Object.keys(kr.notes ?? {})) {
    if (!available.has(Number(w))) throw new Error(`${krId}: a note for week ${w}, but ${team.team} has no check-in that week`);
  }
  if (kr.type === 'binary' && kr.doneWeek !== undefined && !available.has(kr.doneWeek)) {
    throw new Error(`${krId}: done in week ${kr.doneWeek}, but ${team.team} has no check-in that week`);
  }
  const start = startValue(kr);
  const final = finalValue(kr);
  const step = kr.step ?? defaultStep(kr, start ?? 0, final);
  const shape = SHAPES[kr.shape ?? 'steady'];
  const [c0, c1] = kr.confidence;

  const rows: CheckinRow[] = [];
  let prev = start;
  let quiet = 0;
  weeks.forEach(({ week, date }, i) => {
    const x = (i + 1) / weeks.length;
    let value: number;
    if (kr.type === 'binary') value = kr.doneWeek !== undefined && week >= kr.doneWeek ? 1 : 0;
    else if (i === weeks.length - 1) value = final;
    else value = roundTo((start ?? 0) + (final - (start ?? 0)) * shape(x), step);
    const note = kr.notes?.[week] ?? '';
    quiet++;
    if (value === prev && !note && quiet < QUIET_WEEKS) return;
    const score = scoreKeyResult({ type: kr.type, start: kr.start ?? null, target: kr.target ?? null, current: value }).score;
    const minute = hash(`${krId}/${week}`) % 50;
    rows.push({
      timestamp: new Date(date.getTime() + minute * 60_000),
      person: kr.owner,
      objectiveId: objective.id,
      krId,
      before: valueText(kr, prev, team),
      after: valueText(kr, value, team),
      score,
      confidence: roundTo(c0 + (c1 - c0) * x, 0.05),
      note,
    });
    prev = value;
    quiet = 0;
  });
  return rows;
}

export function teamCheckins(team: TeamSpec): CheckinRow[] {
  const rows = team.objectives.flatMap((o) => o.keyResults.flatMap((kr, i) => krCheckins(team, o, kr, `${o.id}-${i + 1}`)));
  return rows.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || a.krId.localeCompare(b.krId));
}
