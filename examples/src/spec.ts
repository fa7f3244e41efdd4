// How the example company is described: teams, objectives and key results, each key result with
// where it stands today and how it got there (the shape of its weekly check-ins).
import type { Kind, KrType } from '../../shared/schemas.ts';

/** How a value is displayed in the sheet (its number format), and so how a CSV export writes it. */
export type Unit = 'usd' | 'int' | 'pct' | 'pct1' | 'dec1' | 'dec2';

/** How a key result moved from its start to today's value over the weekly check-ins. */
export type Shape = 'steady' | 'early' | 'late' | 'stall';

export interface KrSpec {
  title: string;
  type: KrType;
  owner: string;
  unit?: Unit;
  /** metric only */
  start?: number;
  /** metric and milestone; null = left blank (a quality hint). */
  target?: number | null;
  /** Today's value: a number (metric, milestone, manual 0..1) or done / not done (binary). */
  current: number | boolean;
  weight?: number;
  /** Confidence at the first check-in and today. */
  confidence: [number, number];
  shape?: Shape;
  /** First week checked in (1 = week of 5 Oct); default 1. */
  from?: number;
  /** binary: the week it was done. */
  doneWeek?: number;
  /** Value rounding between check-ins (default from the unit). */
  step?: number;
  /** Check-in notes by week (1 = week of 5 Oct). */
  notes?: Record<number, string>;
}

export interface ObjectiveSpec {
  id: string;
  title: string;
  alignsTo?: string[];
  kind: Kind;
  weight?: number;
  owner: string;
  notes?: string;
  keyResults: KrSpec[];
}

export interface TeamSpec {
  /** File name without extension. */
  file: string;
  format: 'xlsx' | 'csv';
  level: 'company' | 'team';
  team: string;
  mission?: string;
  /** Check-in day: 0 = Monday … 4 = Friday, and the hour (UTC). */
  checkinDay: number;
  checkinHour: number;
  /** How this team types binary values. */
  yesNo: [string, string];
  objectives: ObjectiveSpec[];
}

type KrOptions = Partial<Pick<KrSpec, 'weight' | 'shape' | 'from' | 'step' | 'notes'>> & { confidence: [number, number] };

export const metric = (title: string, owner: string, unit: Unit, start: number, target: number | null, current: number, o: KrOptions): KrSpec => ({
  title,
  type: 'metric',
  owner,
  unit,
  start,
  target,
  current,
  ...o,
});

export const milestone = (title: string, owner: string, target: number, current: number, o: KrOptions): KrSpec => ({
  title,
  type: 'milestone',
  owner,
  unit: 'int',
  target,
  current,
  ...o,
});

export const binary = (title: string, owner: string, doneWeek: number | null, o: KrOptions): KrSpec => ({
  title,
  type: 'binary',
  owner,
  current: doneWeek !== null,
  ...(doneWeek !== null ? { doneWeek } : {}),
  ...o,
});

export const manual = (title: string, owner: string, current: number, o: KrOptions): KrSpec => ({
  title,
  type: 'manual',
  owner,
  unit: 'pct',
  current,
  ...o,
});
