// What the Close the quarter sidebar and its server functions (closing-server.ts, next-quarter.ts)
// exchange. Types only.
import type { Grade, Kind, Period, Problem } from '../../shared/schemas.ts';

export interface ClosingObjective {
  id: string;
  title: string;
  kind: Kind;
  /** The objective's 1-based sheet row. */
  row: number;
  alignsTo: string[];
  keyResults: number;
  /** The live score (weighted mean of its key results) and its grade. */
  score: number | null;
  grade: Grade | null;
  /** As the closing columns hold them now (null / '' when not yet closed). */
  finalScore: number | null;
  learning: string;
  carryOn: boolean | null;
  /** Fingerprint of the row's title and closing cells when loaded; a save checks it. */
  rowVersion: string;
  /** Chosen by default for the next quarter: marked Carry On, else (when none is) not graded green. */
  suggestCarry: boolean;
}

export type ClosingData =
  | {
      ok: true;
      sheetName: string;
      team: string;
      isCompany: boolean;
      period: Period | null;
      /** The period Start next quarter would create, when this one is known. */
      next: Period | null;
      /** Which closing columns the tab already has (Final Score, Learning, Carry On). */
      hasColumns: boolean;
      objectives: ClosingObjective[];
      problems: Problem[];
    }
  | { ok: false; reason: 'not-okr-table'; sheetName: string; message: string };

export interface ObjectiveGrade {
  objectiveId: string;
  row: number;
  rowVersion: string;
  /** 0..1, or null to leave it blank. */
  finalScore: number | null;
  /** One line (line breaks become spaces). */
  learning: string;
  carryOn: boolean | null;
}

export interface ClosingSaveRequest {
  sheetName: string;
  grades: ObjectiveGrade[];
  /** Overwrite rows that changed since they were loaded. */
  force?: boolean;
}

export type ClosingField = 'finalScore' | 'learning' | 'carryOn';

export type ClosingSaveResult =
  | { ok: true; saved: number; addedColumns: string[]; data: ClosingData }
  | { ok: false; reason: 'conflict'; conflicts: { objectiveId: string; row: number; title: string }[]; data: ClosingData }
  | { ok: false; reason: 'invalid'; errors: { objectiveId: string; field: ClosingField; message: string }[] }
  | { ok: false; reason: 'busy'; message: string };

export interface NextQuarterRequest {
  sheetName: string;
  /** Objective IDs (of this tab) to copy into the next period's tab. */
  objectiveIds: string[];
}

export type NextQuarterResult =
  | {
      ok: true;
      /** The new tab, now active. */
      sheetName: string;
      period: Period;
      /** Old → new Objective ID, in sheet order. */
      copied: { from: string; to: string }[];
    }
  | { ok: false; message: string };
