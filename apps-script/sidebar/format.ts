// Numbers, dates and values as the sidebar shows them. Pure; runs in the browser and in tests.
import { formatNumber, formatRange, keyResultStyle } from '../../shared/number-format.ts';
import { formatValue } from '../../shared/values.ts';
import type { SidebarKeyResult } from './contract.ts';

/** OKR scores read 0.0–1.0, two decimals: "0.65". */
export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : score.toFixed(2);
}

export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`;
}

/** One line on where a key result stands, worded for its type. */
export function currentLine(kr: SidebarKeyResult): string {
  switch (kr.type) {
    case 'metric': {
      const style = keyResultStyle(kr);
      const range = formatRange(kr, style);
      return kr.current === null ? `Not checked in · ${range}` : `Now ${formatNumber(kr.current, style)} · ${range}`;
    }
    case 'milestone':
      return kr.current === null ? `Not checked in · ${formatValue(kr.target) || '?'} milestones` : `${formatValue(kr.current)} of ${formatValue(kr.target) || '?'} done`;
    case 'binary':
      return kr.current === null ? 'Not checked in' : kr.current ? 'Done' : 'Not done yet';
    case 'manual':
      return kr.current === null ? 'Not checked in' : `Self-assessed ${percent(kr.current)}`;
    default:
      return kr.currentRaw || 'Not checked in';
  }
}

const DAY_MS = 86_400_000;

/** "today", "yesterday", "3 days ago", or the date when it is older than a month. */
export function relativeDay(iso: string, asOf: string): string {
  const then = new Date(iso);
  const now = new Date(asOf);
  if (Number.isNaN(then.getTime())) return iso;
  const days = Math.floor((startOfDay(now) - startOfDay(then)) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 31) return `${days} days ago`;
  return shortDate(iso);
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function shortDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
