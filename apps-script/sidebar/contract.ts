// What the sidebar and the add-on's server functions exchange. Types only: the sidebar's typed
// client (sidebar/client.ts) derives call names and signatures from the server module itself.
import type { Grade, KrState, KrType, Kind, Period, Problem, Status } from '../../shared/schemas.ts';

export interface CheckinEntry {
  /** ISO 8601 */
  timestamp: string;
  person: string;
  before: string;
  after: string;
  score: number | null;
  confidence: number | null;
  note: string;
}

export interface SidebarKeyResult {
  id: string;
  objectiveId: string;
  title: string;
  owner: string;
  type: KrType | null;
  typeRaw: string;
  start: number | null;
  target: number | null;
  /** Parsed Current (binary: 1/0), and as shown in the sheet. */
  current: number | null;
  currentRaw: string;
  weight: number;
  confidence: number | null;
  notes: string;
  /** The sheet's 1-based row. */
  row: number;
  score: number | null;
  progress: number | null;
  state: KrState;
  message?: string;
  /** Fingerprint of the row's editable cells when loaded; a save checks it to detect others' edits. */
  rowVersion: string;
  history: CheckinEntry[];
}

export interface SidebarObjective {
  id: string;
  title: string;
  kind: Kind;
  row: number;
  owner: string;
  score: number | null;
  grade: Grade | null;
  status: Status;
  expected: number | null;
  /** Quality hints and problems for this objective, phrased to teach. */
  hints: Problem[];
  keyResults: SidebarKeyResult[];
}

export type SidebarData =
  | {
      ok: true;
      sheetName: string;
      team: string;
      period: Period | null;
      /** ISO time the data was read (status against time is judged at it). */
      asOf: string;
      user: string;
      /** The team's page in the company alignment view (from Settings → Sync service URL), or null. */
      teamPageUrl: string | null;
      objectives: SidebarObjective[];
      /** Problems not tied to one objective (e.g. a missing column). */
      problems: Problem[];
    }
  | { ok: false; reason: 'not-okr-table'; sheetName: string; message: string };

export interface KrChange {
  krId: string;
  row: number;
  /** rowVersion from the load this edit started from. */
  rowVersion: string;
  /** The new Current: a number (metric, milestone, manual as 0..1), 'yes'/'no' (binary) or null to clear. */
  current: number | string | null;
  /** 0..1 or null */
  confidence: number | null;
  /** Check-in note (also written to the row's Notes when not blank). */
  note: string;
}

export interface SaveRequest {
  sheetName: string;
  changes: KrChange[];
  /** Overwrite even where the rows changed since they were loaded (the manager chose "keep mine"). */
  force?: boolean;
}

export interface Conflict {
  krId: string;
  row: number;
  title: string;
  /** What the sheet holds now. */
  theirs: { current: string; confidence: number | null; notes: string };
  /** What this manager tried to save. */
  mine: { current: string; confidence: number | null; note: string };
}

export type SaveResult =
  | { ok: true; saved: number; data: SidebarData }
  /** Nothing was written: the manager sees what changed and chooses (retry with force, or reload). */
  | { ok: false; reason: 'conflict'; conflicts: Conflict[]; data: SidebarData }
  | { ok: false; reason: 'invalid'; errors: { krId: string; field: 'current' | 'confidence' | 'note'; message: string }[] }
  | { ok: false; reason: 'busy'; message: string };
