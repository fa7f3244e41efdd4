// Key-result numbers shown the way people typed them: `$171,000`, `35% → 70%`, `1,200`. The one
// formatter for every surface (alignment view, company sheet, CLI, sidebar), so a value never reads
// `171000` in one place and `$171,000` in another.
//
// Sheets read through the API arrive as plain numbers (UNFORMATTED_VALUE, and .xlsx cells through
// ExcelJS), so the style is recovered from what people typed: a Current typed as text (`35%`,
// `$1,200`, a CSV), else the key result's own words (`Monthly cloud spend from $182,000 down to
// $150,000`), else a rate's shape (both ends between 0 and 1, not whole: `0.35 → 0.7` is 35 % → 70 %).
import { cleanText, parseNumber } from './values.ts';

export interface NumberStyle {
  /** A currency symbol written before the number (`$`), or ''. */
  prefix: string;
  /** Shown as a percentage: 0.35 → `35%`. */
  percent: boolean;
}

export const PLAIN: NumberStyle = { prefix: '', percent: false };

/** What a key result carries that tells how its numbers were typed. */
export interface StyledKeyResult {
  type?: string | null;
  title: string;
  currentRaw: string;
  start: number | null;
  target: number | null;
}

const CURRENCY_BEFORE_DIGIT = /([$€£¥₹₩])\s?\d/;
const PERCENT_AFTER_DIGIT = /\d\s?%/;

/** How a key result's Start, Target and Current read, from what people typed. */
export function keyResultStyle(kr: StyledKeyResult): NumberStyle {
  if (kr.type === 'manual') return { prefix: '', percent: true }; // a 0–100 % judgement
  if (kr.type === 'binary' || kr.type === 'milestone') return PLAIN; // yes/no; steps done
  const raw = cleanText(kr.currentRaw);
  const typedNumber = raw !== '' && parseNumber(raw).kind === 'ok';
  const prefix = (typedNumber ? CURRENCY_BEFORE_DIGIT.exec(raw)?.[1] : undefined) ?? CURRENCY_BEFORE_DIGIT.exec(kr.title)?.[1] ?? '';
  const percent = typedNumber && raw.endsWith('%') ? true : PERCENT_AFTER_DIGIT.test(kr.title) || looksLikeRate(kr.start, kr.target);
  return { prefix: percent ? '' : prefix, percent };
}

/** Rates typed as 0.4 → 0.65: both ends inside 0..1 and one not whole. */
function looksLikeRate(start: number | null, target: number | null): boolean {
  if (start === null || target === null) return false;
  return [start, target].every((x) => x >= 0 && x <= 1) && [start, target].some((x) => !Number.isInteger(x));
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** One number in a style: `$171,000`, `35%`, `1.4%`, `-$5,000`; '–' for none. */
export function formatNumber(n: number | null | undefined, style: NumberStyle = PLAIN): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  if (style.percent) return `${PERCENT.format(n * 100)}%`;
  const sign = n < 0 ? '-' : '';
  return `${sign}${style.prefix}${GROUPED.format(Math.abs(n))}`;
}

/** `$182,000 → $150,000`; a blank Start reads as 0, as the scoring does. */
export function formatRange(kr: StyledKeyResult, style: NumberStyle = keyResultStyle(kr)): string {
  return `${formatNumber(kr.start ?? 0, style)} → ${formatNumber(kr.target, style)}`;
}

/**
 * A value from a check-in or a cell (number or text) in the key result's style: `0.35` → `35%`.
 * Text that is not a number (`yes`, `done`) is shown as it is.
 */
export function formatTyped(v: unknown, style: NumberStyle = PLAIN): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'number') return formatNumber(v, style);
  const text = cleanText(String(v));
  const n = parseNumber(text);
  return n.kind === 'ok' ? formatNumber(n.value, style) : text || '–';
}

/** `0.35 → 0.7` from a check-in, as `35% → 70%`. */
export function formatChange(before: unknown, after: unknown, style: NumberStyle = PLAIN): string {
  return `${formatTyped(before, style)} → ${formatTyped(after, style)}`;
}
