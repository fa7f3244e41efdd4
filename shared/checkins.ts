// The Check-ins tab: one row per key result update, appended by the sidebar.
import { CHECKIN_COLUMNS, normalizeHeader, type CheckinKey } from './columns.ts';
import { findHeader } from './header.ts';
import { problem } from './problems.ts';
import type { CheckIn, Problem } from './schemas.ts';
import { instantFromWallClock, isTimeZone } from './time-zone.ts';
import { cellText, parseConfidence, parseDateTime, parseNumber, type Cell } from './values.ts';

const LOOKUP: ReadonlyMap<string, CheckinKey> = new Map(
  CHECKIN_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((n) => [normalizeHeader(n), c.key] as const)),
);

export interface CheckinsContext {
  team: string;
  tab: string;
  /**
   * The spreadsheet's time zone. A timestamp read as a serial number (the Sheets API's
   * SERIAL_NUMBER) or as text without an offset is wall-clock time there; a Date (Apps Script,
   * .xlsx) is already an instant. Without it such timestamps are read as UTC.
   */
  timeZone?: string | undefined;
}

/** The check-in's instant: a wall-clock timestamp is placed in the sheet's time zone. */
function instantOf(cell: Cell, parsed: Date, timeZone: string | undefined): Date {
  if (!timeZone || cell instanceof Date || !isTimeZone(timeZone)) return parsed;
  if (typeof cell === 'string' && /(Z|[+-]\d{2}:?\d{2})$/i.test(cell.trim())) return parsed;
  return new Date(instantFromWallClock(parsed.getTime(), timeZone));
}

export function parseCheckins(grid: readonly (readonly Cell[])[], ctx: CheckinsContext): { checkins: CheckIn[]; problems: Problem[] } {
  const where = { team: ctx.team, tab: ctx.tab };
  const header = findHeader(grid, (t) => LOOKUP.get(normalizeHeader(t)), ['timestamp', 'krId']);
  if (!header) {
    const empty = grid.every((row) => row.every((c) => cellText(c) === ''));
    return {
      checkins: [],
      problems: empty ? [] : [problem(where, 'warning', 'missing-header', 'No Check-ins header: expected a row with "Timestamp" and "KR ID" columns')],
    };
  }
  const col = header.columns;
  const checkins: CheckIn[] = [];
  const problems: Problem[] = [];
  for (let r = header.index + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const get = (k: CheckinKey): Cell => (col[k] === undefined ? undefined : cells[col[k]!]);
    if (cells.every((c) => cellText(c) === '')) continue;
    const row = r + 1;
    const ts = parseDateTime(get('timestamp'));
    const krId = cellText(get('krId'));
    if (ts.kind !== 'ok') {
      problems.push(problem(where, 'warning', 'bad-date', `Timestamp "${cellText(get('timestamp'))}" is not a date and time; the check-in is skipped (expected e.g. 2026-10-01 14:30)`, { row, column: 'Timestamp', value: cellText(get('timestamp')) }));
      continue;
    }
    if (!krId) {
      problems.push(problem(where, 'warning', 'missing-value', 'KR ID is blank; the check-in is skipped (expected the key result’s id)', { row, column: 'KR ID' }));
      continue;
    }
    const score = parseNumber(get('score'));
    const conf = parseConfidence(get('confidence'));
    checkins.push({
      team: ctx.team,
      timestamp: instantOf(get('timestamp'), ts.value, ctx.timeZone).toISOString(),
      person: cellText(get('person')),
      objectiveId: cellText(get('objectiveId')),
      krId,
      before: cellText(get('before')),
      after: cellText(get('after')),
      score: score.kind === 'ok' ? score.value : null,
      confidence: conf.kind === 'ok' ? conf.value : null,
      note: cellText(get('note')),
      row,
    });
  }
  return { checkins, problems };
}

/**
 * The time (epoch ms) of the latest check-in per team and key result (key `team\u0000krId`),
 * counting only those at or before `asOf` when given. Unreadable times are skipped.
 */
export function latestCheckinTimes(
  checkins: readonly { team: string; krId?: string | null | undefined; timestamp: string }[],
  asOf?: Date,
): Map<string, number> {
  const until = asOf ? asOf.getTime() : Number.POSITIVE_INFINITY;
  const latest = new Map<string, number>();
  for (const c of checkins) {
    const t = Date.parse(c.timestamp);
    if (!c.krId || !Number.isFinite(t) || t > until) continue;
    const k = `${c.team}\u0000${c.krId}`;
    if (t > (latest.get(k) ?? Number.NEGATIVE_INFINITY)) latest.set(k, t);
  }
  return latest;
}
