// Number formats, and the text Google Sheets shows for a value in that format (which is what
// "Download as CSV" writes): `8%`, `1,000`, `$1,200`, `0.62`, `2026-10-01`.
import type { Unit } from './spec.ts';

export const NUMBER_FORMAT: Readonly<Record<Unit, string>> = {
  usd: '"$"#,##0',
  int: '#,##0',
  pct: '0%',
  pct1: '0.0%',
  dec1: '0.0',
  dec2: '0.00',
};

export const SCORE_FORMAT = '0.00';
export const CONFIDENCE_FORMAT = '0%';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** Rounding between check-ins for fractional units (counts and money scale with their range). */
export const DEFAULT_STEP: Readonly<Record<Unit, number>> = { usd: 1000, int: 1, pct: 0.01, pct1: 0.001, dec1: 0.1, dec2: 0.01 };

const thousands = (n: number, decimals = 0): string => {
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
};

export function displayNumber(value: number, unit: Unit): string {
  switch (unit) {
    case 'usd':
      return value < 0 ? `-$${thousands(-value)}` : `$${thousands(value)}`;
    case 'int':
      return thousands(value);
    case 'pct':
      return `${(value * 100).toFixed(0)}%`;
    case 'pct1':
      return `${(value * 100).toFixed(1)}%`;
    case 'dec1':
      return value.toFixed(1);
    case 'dec2':
      return value.toFixed(2);
  }
}

/** Scores as the template formats them (two decimals). */
export const displayScore = (score: number): string => score.toFixed(2);

export const displayConfidence = (c: number): string => `${Math.round(c * 100)}%`;

const pad = (n: number) => String(n).padStart(2, '0');
export const displayDate = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const displayDateTime = (d: Date): string => `${displayDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/** Round to a step without binary noise (0.36, not 0.36000000000000004). */
export function roundTo(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(10));
}
