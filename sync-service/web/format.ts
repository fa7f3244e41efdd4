// Formatting for the alignment view: scores, percentages, dates and links. Pure.
import { GRADE_COLORS } from '../../shared/grades.ts';
import type { Grade } from '../../shared/schemas.ts';

/** `0.57`, or an en dash when there is no score. */
export function fmtScore(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '–';
}

/** `96%` (whole percent), or an en dash. */
export function pct(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? `${Math.round(n * 100)}%` : '–';
}

/** A score as a bar width: 0..100 (clamped). */
export function barPercent(n: number | null | undefined): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) return 0;
  return Math.round(Math.min(1, Math.max(0, n)) * 1000) / 10;
}

/** Numbers as the sheets show them: `150,000`, `0.999`, `12.5`. */
export function fmtNumber(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function toDate(v: string | number | Date): Date | null {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `25 Nov 2026` (UTC: the server cannot know the reader's time zone; the page script localises). */
export function fmtDate(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const d = toDate(v);
  return d ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : String(v);
}

/** `25 Nov 2026, 21:32 UTC` */
export function fmtDateTime(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const d = toDate(v);
  if (!d) return String(v);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${fmtDate(d)}, ${hh}:${mm} UTC`;
}

/** `3 min ago`, `2 h ago`, `4 days ago`; `just now` under a minute. */
export function relativeTime(v: string | Date, now: Date): string {
  const d = toDate(v);
  if (!d) return '';
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Short axis label for a date: `5 Oct`. */
export function fmtDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

export function fmtMonth(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `.` and `..` are dot segments that browsers remove from a path, even percent-encoded: they go in the query. */
export const teamHref = (team: string) =>
  team === '.' || team === '..' ? `/team?name=${encodeURIComponent(team)}` : `/teams/${encodeURIComponent(team)}`;
export const objectiveHref = (key: string) => `/objectives/${encodeURIComponent(key)}`;

export function problemsHref(q: { team?: string; severity?: string; code?: string } = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/problems?${s}` : '/problems';
}

/** Colours for a grade; neutral greys when there is no grade (nothing scored yet). */
export function gradeColors(grade: Grade | null | undefined): { background: string; text: string; bar: string } {
  return grade ? GRADE_COLORS[grade] : { background: '#e5e7eb', text: '#374151', bar: '#9ca3af' };
}

/** A DOM id from arbitrary text (keys may hold slashes, spaces, `#`). */
export function domId(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}`)}`;
}
