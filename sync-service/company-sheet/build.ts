// The company sheet executives read, as a WorkbookModel: Summary, Alignment, Teams, Trends,
// Check-ins and Problems. Pure: the same document, extras and day give the same model.
//
// Everything that depends on the clock is computed from the start of `now`'s UTC day (time
// elapsed, "as of", the check-in windows, today's trend row), so the model — and its hash — only
// changes with the data or once a day, never between two syncs of the same day.
import { GRADE_COLORS, gradeFor } from '../../shared/grades.ts';
import { formatChange, keyResultStyle, PLAIN } from '../../shared/number-format.ts';
import type { Grade, KeyResult, Objective, Period, Problem, Status } from '../../shared/schemas.ts';
import { STATUS_LABELS, elapsedFraction } from '../../shared/status.ts';
import { type AlignmentDocument, type TreeNode, walkTree } from '../engine/document.ts';
import { quarterOverQuarter } from '../engine/quarters.ts';
import { trendsOf, trendTable } from '../web/trends.ts';
import {
  type CellStyle,
  type ModelCell,
  type ModelRow,
  NUMBER_FORMATS,
  type SheetModel,
  type WorkbookModel,
  day,
  dateTime,
  num,
  text,
} from './model.ts';
import { append } from '../../shared/arrays.ts';

/** One objective's scores in one past sync (the store's HistoryRow fits). */
export interface HistoryPoint {
  syncId: number;
  /** ISO time of the sync. */
  at: string;
  period?: string | null;
  key: string;
  id: string;
  isCompany: boolean;
  rolledScore: number | null;
}

/** One check-in as stored (the store's checkins() rows and the shared CheckIn fit). */
export interface CheckinPoint {
  team: string;
  /** ISO 8601. */
  timestamp: string;
  person?: string | null;
  objectiveId?: string | null;
  krId?: string | null;
  before?: unknown;
  after?: unknown;
  score?: number | null;
  confidence?: number | null;
  note?: string | null;
}

export interface CompanySheetExtra {
  /** Score history of earlier syncs (for Trends); the current document adds today's row. */
  history?: readonly HistoryPoint[];
  /** Check-ins (for Check-ins and the Teams tab's last check-in). Absent: those parts say so. */
  checkins?: readonly CheckinPoint[];
  /** The xlsx writer's clock (default: the document's asOf). */
  now?: Date;
  /** Every period's document, in time order (for the Periods tab). Absent: the document's own period only. */
  periods?: readonly { label: string; current: boolean; doc: AlignmentDocument }[];
}

export const MOVED_DAYS = 7;
export const STALE_CHECKIN_DAYS = 14;
/** Stale key results listed on the Check-ins tab at most. */
export const MAX_STALE_ROWS = 300;
const DAY_MS = 86_400_000;
/** Per depth level of the Alignment tree. */
export const INDENT = '    ';

const HEADER: CellStyle = { bold: true, fill: '#e8eaed' };
const BOLD: CellStyle = { bold: true };
const NOTE: CellStyle = { italic: true, color: '#5f6368' };
const SEVERITY: Record<Problem['severity'], CellStyle> = {
  error: { fill: GRADE_COLORS.red.background, color: GRADE_COLORS.red.text },
  warning: { fill: GRADE_COLORS.yellow.background, color: GRADE_COLORS.yellow.text },
};

export const gradeStyle = (grade: Grade | null | undefined): CellStyle | undefined =>
  grade ? { fill: GRADE_COLORS[grade].background, color: GRADE_COLORS[grade].text } : undefined;
const gradeName = (grade: Grade | null | undefined): string => (grade ? grade.charAt(0).toUpperCase() + grade.slice(1) : '');
const statusName = (status: Status | null | undefined): string => (status ? STATUS_LABELS[status] : '');
const header = (...names: string[]): ModelRow => names.map((n) => text(n, HEADER));
const score = (v: number | null | undefined, style?: CellStyle) => num(v, NUMBER_FORMATS.score, style);
const percent = (v: number | null | undefined, style?: CellStyle) => num(v, NUMBER_FORMATS.percent, style);
const count = (v: number | null | undefined, style?: CellStyle) => num(v, NUMBER_FORMATS.integer, style);
const utcDay = (d: Date): Date => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);

export function buildCompanyWorkbook(document: AlignmentDocument, extra: CompanySheetExtra = {}, now: Date = new Date(document.asOf)): WorkbookModel {
  const today = utcDay(Number.isNaN(now.getTime()) ? new Date(document.asOf) : now);
  const lastCheckin = lastCheckins(extra.checkins);
  return {
    sheets: [
      summarySheet(document, today),
      alignmentSheet(document),
      teamsSheet(document, extra.checkins ? lastCheckin : null),
      trendsSheet(document, extra.history ?? [], extra.checkins ?? null, today),
      periodsSheet(extra.periods ?? [{ label: document.period?.label ?? periodText(document.period), current: true, doc: document }]),
      checkinsSheet(document, extra.checkins ?? null, lastCheckin, today),
      learningsSheet(document),
      problemsSheet(document.problems),
    ],
  };
}

// ---- Summary ----------------------------------------------------------------------------------

function periodText(period: Period | null): string {
  if (!period) return 'Not set';
  const range = `${period.start} – ${period.end}`;
  return period.label ? `${period.label} (${range})` : range;
}

/** Team objectives aligned (directly or not) under a company objective, and the teams they come from. */
function beneath(node: TreeNode): { objectives: number; teams: string[] } {
  const keys = new Set<string>();
  const teams = new Set<string>();
  for (const { node: n } of walkTree(node.children)) {
    if (n.isCompany) continue;
    keys.add(n.key);
    teams.add(n.team);
  }
  return { objectives: keys.size, teams: [...teams].sort((a, b) => a.localeCompare(b)) };
}

function summarySheet(doc: AlignmentDocument, today: Date): SheetModel {
  const overallGrade = gradeOf(doc.overall);
  const elapsed = elapsedFraction(doc.period, today);
  const teamCount = doc.teams.filter((t) => !t.isCompany).length;
  const stale = doc.staleTeams.map((s) => s.team);
  const rows: ModelRow[] = [
    [text('Company', BOLD), text(doc.company.name, BOLD)],
    [text('Mission', BOLD), text(doc.company.mission ?? '')],
    [text('Period', BOLD), text(periodText(doc.period))],
    [text('As of', BOLD), day(today)],
    [text('Time elapsed', BOLD), elapsed === null ? text('Period not set', NOTE) : percent(elapsed)],
    [text('Overall score', BOLD), score(doc.overall, gradeStyle(overallGrade)), text(gradeName(overallGrade), gradeStyle(overallGrade))],
    [
      text('Alignment coverage', BOLD),
      percent(doc.coverage.ratio),
      text(`${doc.coverage.aligned} of ${doc.coverage.teamObjectives} team objectives reach a company objective`),
    ],
    [text('Stale teams', BOLD), count(stale.length), text(stale.join(', '))],
    [],
    header('Company objective', 'ID', 'Owner', 'Rolled-up score', 'Grade', 'Status', 'Aligned objectives', 'Team coverage', 'Teams'),
  ];
  for (const node of doc.tree) {
    const b = beneath(node);
    const g = gradeStyle(node.grade);
    rows.push([
      text(node.title, BOLD),
      text(node.id),
      text(node.owner),
      score(node.rolledScore, g),
      text(gradeName(node.grade), g),
      text(statusName(node.status)),
      count(b.objectives),
      teamCount ? percent(b.teams.length / teamCount) : null,
      text(b.teams.join(', ')),
    ]);
  }
  if (doc.tree.length === 0) rows.push([text('No company objectives: add a company sheet (Level: company, or a Mission).', NOTE)]);
  return { name: 'Summary', frozenRows: 0, widths: [320, 90, 140, 120, 80, 100, 130, 120, 260], rows };
}

/** Scores without a kind of their own (overall, team averages) read on the aspirational scale. */
const gradeOf = (score: number | null): Grade | null => gradeFor(score, 'aspirational');

// ---- Alignment --------------------------------------------------------------------------------

function nodeNotes(n: TreeNode): string {
  const notes: string[] = [];
  if (n.stale) notes.push(`stale: last good values of ${n.team}`);
  if (n.repeated) notes.push('shown in full above');
  if (n.deeper) notes.push('more objectives aligned beneath, too deep to show here');
  if (n.inCycle) notes.push('in an alignment cycle');
  if (n.problems.length) notes.push(`${n.problems.length} problem${n.problems.length === 1 ? '' : 's'}`);
  return notes.join('; ');
}

function treeRows(nodes: readonly TreeNode[]): ModelRow[] {
  const rows: ModelRow[] = [];
  for (const { node: n, depth } of walkTree(nodes)) {
    const g = gradeStyle(n.grade);
    const strong = n.isCompany ? BOLD : undefined;
    rows.push([
      text(INDENT.repeat(depth) + n.title, strong),
      text(n.id),
      text(n.team),
      text(n.owner),
      score(n.score),
      score(n.rolledScore, g),
      text(gradeName(n.grade), g),
      text(statusName(n.status)),
      text(nodeNotes(n)),
    ]);
  }
  return rows;
}

function alignmentSheet(doc: AlignmentDocument): SheetModel {
  const rows: ModelRow[] = [header('Objective', 'ID', 'Team', 'Owner', 'Own score', 'Rolled-up score', 'Grade', 'Status', 'Notes')];
  append(rows, treeRows(doc.tree));
  if (doc.unaligned.length) {
    rows.push([], [text('Not aligned to a company objective', BOLD)]);
    append(rows, treeRows(doc.unaligned));
  }
  if (doc.tree.length === 0 && doc.unaligned.length === 0) rows.push([text('No objectives yet.', NOTE)]);
  return { name: 'Alignment', frozenRows: 1, widths: [420, 90, 140, 140, 90, 120, 80, 100, 260], rows };
}

// ---- Teams ------------------------------------------------------------------------------------

function lastCheckins(checkins: readonly CheckinPoint[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of checkins ?? []) {
    const t = Date.parse(c.timestamp);
    if (!Number.isFinite(t)) continue;
    for (const k of [c.team, krKey(c.team, c.krId ?? '')]) if (t > (out.get(k) ?? -Infinity)) out.set(k, t);
  }
  return out;
}
const krKey = (team: string, krId: string) => `${team}\u0000${krId}`;

function teamsSheet(doc: AlignmentDocument, last: Map<string, number> | null): SheetModel {
  const rows: ModelRow[] = [
    header('Team', 'Source', 'Objectives', 'Key results', 'Average score', 'Aligned', 'Last check-in', 'Stale', 'Stale reason', 'Errors', 'Warnings'),
  ];
  for (const t of doc.teams) {
    const g = gradeStyle(gradeOf(t.score));
    const at = last?.get(t.team);
    rows.push([
      text(t.team, t.isCompany ? BOLD : undefined),
      text(t.source ?? ''),
      count(t.objectives),
      count(t.keyResults),
      score(t.score, g),
      t.isCompany ? text('company', NOTE) : count(t.aligned),
      at === undefined ? null : dateTime(new Date(at)),
      text(t.stale ? 'Yes' : ''),
      text(t.staleReason ?? ''),
      count(t.errors),
      count(t.warnings),
    ]);
  }
  // Teams that could not be read at all (no earlier good read) are not in the roll-up.
  const known = new Set(doc.teams.map((t) => t.team));
  for (const s of doc.staleTeams) {
    if (known.has(s.team)) continue;
    rows.push([text(s.team), text(s.name), null, null, null, null, null, text('Yes (missing)', SEVERITY.error), text(s.reason), null, null]);
  }
  return { name: 'Teams', frozenRows: 1, widths: [180, 200, 90, 90, 110, 80, 140, 110, 320, 70, 80], rows };
}

// ---- Trends -----------------------------------------------------------------------------------

function periodKey(period: Period | null): string | null {
  return period ? (period.label ?? `${period.start}..${period.end}`) : null;
}

function trendsSheet(doc: AlignmentDocument, history: readonly HistoryPoint[], checkins: readonly CheckinPoint[] | null, today: Date): SheetModel {
  const columns = doc.tree.map((n) => ({ key: n.key, label: `${n.id}: ${n.title}` }));
  const period = periodKey(doc.period);
  // Earlier syncs are dated by the database's clock, today's row by the sync's: a stored sync dated
  // today or later is today's row (the current document), so a sync that changed nothing writes nothing.
  const todayIso = today.toISOString().slice(0, 10);
  const stored = history.filter(
    (h) => h.isCompany && (period === null || !h.period || h.period === period) && Number.isFinite(Date.parse(h.at)) && new Date(h.at).toISOString().slice(0, 10) < todayIso,
  );
  // The same trends as the alignment view and GET /api/history (stored history, else replayed from check-ins).
  const keys = columns.map((c) => c.key);
  const trends = trendsOf({ objectives: doc.objectives, period: doc.period, mode: doc.mode, asOf: today.toISOString(), history: stored, checkins: checkins ?? [] }, keys);
  const rows: ModelRow[] = [header('Date', ...columns.map((c) => c.label))];
  for (const { date, values } of trendTable(trends, keys)) rows.push([day(date), ...values.map((v) => score(v))]);
  const sheet: SheetModel = { name: 'Trends', frozenRows: 1, widths: [110, ...columns.map(() => 160)], rows };
  if (columns.length > 0) {
    sheet.chart = {
      title: 'Company objectives: rolled-up score over the period',
      xAxis: 'Date',
      yAxis: 'Rolled-up score',
      headerRow: 0,
      rowCount: rows.length,
      domainColumn: 0,
      seriesColumns: columns.map((_, i) => i + 1),
    };
  }
  return sheet;
}

// ---- Check-ins --------------------------------------------------------------------------------

function checkinsSheet(doc: AlignmentDocument, checkins: readonly CheckinPoint[] | null, last: Map<string, number>, today: Date): SheetModel {
  const krs = new Map<string, { kr: KeyResult; objective: Objective }>();
  for (const o of doc.objectives) for (const kr of o.keyResults) if (!krs.has(krKey(o.team, kr.id))) krs.set(krKey(o.team, kr.id), { kr, objective: o });

  const rows: ModelRow[] = [
    [text(`What moved: check-ins of the last ${MOVED_DAYS} days`, BOLD)],
    header('When', 'Team', 'Objective ID', 'KR ID', 'Key result', 'Before → After', 'Score', 'Confidence', 'Person', 'Note'),
  ];
  const from = today.getTime() - (MOVED_DAYS - 1) * DAY_MS;
  const until = today.getTime() + DAY_MS;
  if (!checkins) rows.push([text('Check-in history was not available for this sheet.', NOTE)]);
  else {
    const moved = checkins
      .map((c) => ({ c, t: Date.parse(c.timestamp) }))
      .filter(({ t }) => t >= from && t < until)
      .sort((a, b) => b.t - a.t || a.c.team.localeCompare(b.c.team) || (a.c.krId ?? '').localeCompare(b.c.krId ?? ''));
    for (const { c, t } of moved) {
      const found = krs.get(krKey(c.team, c.krId ?? ''));
      rows.push([
        dateTime(new Date(t)),
        text(c.team),
        text(c.objectiveId || found?.objective.id || ''),
        text(c.krId ?? ''),
        text(found?.kr.title ?? ''),
        text(formatChange(c.before, c.after, found ? keyResultStyle(found.kr) : PLAIN)),
        score(c.score),
        score(c.confidence),
        text(c.person ?? ''),
        text(c.note ?? ''),
      ]);
    }
    if (moved.length === 0) rows.push([text(`No check-ins in the last ${MOVED_DAYS} days.`, NOTE)]);
  }

  rows.push([], [text(`Stale key results: no check-in for ${STALE_CHECKIN_DAYS} days`, BOLD)]);
  rows.push(header('Team', 'Objective ID', 'KR ID', 'Key result', 'Owner', 'Last check-in', 'Days since'));
  if (!checkins) rows.push([text('Check-in history was not available for this sheet.', NOTE)]);
  else {
    const stale: { kr: KeyResult; objective: Objective; at: number | undefined; days: number | null }[] = [];
    for (const { kr, objective } of krs.values()) {
      const at = last.get(krKey(objective.team, kr.id));
      const days = at === undefined ? null : Math.floor((today.getTime() - utcDay(new Date(at)).getTime()) / DAY_MS);
      if (days === null || days >= STALE_CHECKIN_DAYS) stale.push({ kr, objective, at, days });
    }
    // Most neglected first (never checked in, then longest since); the list is capped so a large
    // company's sheet stays well inside the Sheets API's request size.
    stale.sort((a, b) => (b.days ?? Number.POSITIVE_INFINITY) - (a.days ?? Number.POSITIVE_INFINITY) || a.objective.team.localeCompare(b.objective.team));
    for (const { kr, objective, at, days } of stale.slice(0, MAX_STALE_ROWS)) {
      rows.push([
        text(objective.team),
        text(objective.id),
        text(kr.id),
        text(kr.title),
        text(kr.owner || objective.owner),
        at === undefined ? text('never', NOTE) : dateTime(new Date(at)),
        count(days),
      ]);
    }
    if (stale.length > MAX_STALE_ROWS) {
      rows.push([text(`…and ${stale.length - MAX_STALE_ROWS} more stale key results: every team's page in the alignment view lists its own.`, NOTE)]);
    }
    if (stale.length === 0) rows.push([text('Every key result was checked in recently.', NOTE)]);
  }
  return { name: 'Check-ins', frozenRows: 2, widths: [140, 140, 100, 90, 320, 160, 70, 90, 140, 320], rows };
}

// ---- Periods ------------------------------------------------------------------------------------

/** Quarter over quarter: the company score, each company objective's and each team's score per period. */
function periodsSheet(periods: readonly { label: string; current: boolean; doc: AlignmentDocument }[]): SheetModel {
  const qoq = quarterOverQuarter(periods);
  const heads = qoq.periods.map((p) => `${p.label}${p.current ? ' (current)' : ' (closed)'}`);
  const cells = (scores: readonly (number | null)[], present: readonly boolean[]) =>
    scores.map((s, i) => (present[i] ? score(s, gradeStyle(gradeOf(s))) : text('—', NOTE)));
  const rows: ModelRow[] = [header('Company objective', ...heads)];
  rows.push([text('Company score', BOLD), ...cells(qoq.overall, qoq.overall.map(() => true))]);
  for (const r of qoq.company) rows.push([text(`${r.key} · ${r.title}`, { wrap: true }), ...cells(r.scores, r.present)]);
  rows.push([]);
  rows.push(header('Team', ...heads));
  for (const r of qoq.teams) rows.push([text(r.key), ...cells(r.scores, r.present)]);
  return { name: 'Periods', frozenRows: 1, widths: [320, ...heads.map(() => 140)], rows };
}

// ---- Learnings ----------------------------------------------------------------------------------

/** Objectives graded at the close of their quarter (Final Score, Learning, Carry On in their tab), company first. */
function learningsSheet(doc: AlignmentDocument): SheetModel {
  const rows: ModelRow[] = [header('Team', 'Objective ID', 'Objective', 'Final score', 'Live score', 'Learning', 'Carries on', 'Aligns to')];
  const closed = doc.objectives.filter((o) => o.finalScore !== undefined || o.learning || o.carryOn !== undefined);
  const ordered = [...closed.filter((o) => o.isCompany), ...closed.filter((o) => !o.isCompany)];
  for (const o of ordered) {
    const final = o.finalScore ?? null;
    rows.push([
      text(o.team, o.isCompany ? BOLD : undefined),
      text(o.id),
      text(o.title, { wrap: true }),
      score(final, gradeStyle(gradeFor(final, o.kind))),
      score(o.score),
      text(o.learning ?? '', { wrap: true }),
      text(o.carryOn === undefined ? '' : o.carryOn ? 'Yes' : 'No'),
      text(o.alignsTo.join(', ')),
    ]);
  }
  if (ordered.length === 0) rows.push([text('No objective is graded yet: close a quarter from the add-on (Close the quarter…) to fill this tab.', NOTE)]);
  return { name: 'Learnings', frozenRows: 1, widths: [160, 110, 320, 90, 90, 420, 90, 120], rows };
}

// ---- Problems ---------------------------------------------------------------------------------

function problemsSheet(problems: readonly Problem[]): SheetModel {
  const rows: ModelRow[] = [header('Team', 'Tab', 'Row', 'Column', 'Severity', 'Message', 'Why')];
  for (const p of problems) {
    const cells: (ModelCell | null)[] = [
      text(p.team),
      text(p.tab),
      count(p.row),
      text(p.column ?? ''),
      text(p.severity, SEVERITY[p.severity]),
      text(p.message, { wrap: true }),
      text(p.why ?? ''),
    ];
    rows.push(cells);
  }
  if (problems.length === 0) rows.push([text('No problems found.', NOTE)]);
  return { name: 'Problems', frozenRows: 1, widths: [160, 120, 60, 140, 90, 520, 360], rows };
}
