// The storage layer's own data shapes. Deliberately structural and permissive: the domain core
// (shared/) is richer and still moving, so only the fields the database indexes or queries are
// named here; everything else passes through untouched (loose objects) and is kept in jsonb.
import { z } from 'zod';

/** Sync outcomes. 'ok' and 'partial' are complete (they have a snapshot); 'failed' never does. */
export const SYNC_STATUSES = ['running', 'ok', 'partial', 'failed'] as const;
export const SyncStatus = z.enum(SYNC_STATUSES);
export type SyncStatus = z.infer<typeof SyncStatus>;

export const CompleteStatus = z.enum(['ok', 'partial']);
export type CompleteStatus = z.infer<typeof CompleteStatus>;

/** A score: a finite number or null. Undefined is read as null. */
const Score = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

/** Where a sync reads from: one spreadsheet / file (anything else the engine wants to remember rides along). */
export const SourceRef = z.looseObject({
  id: z.string(),
  team: z.string().optional(),
  name: z.string().optional(),
  kind: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const KeyResultInput = z.looseObject({
  id: z.string(),
  title: z.string().optional(),
  score: Score.optional(),
});
export type KeyResultInput = z.infer<typeof KeyResultInput>;

/** One objective of the roll-up. The whole object is stored as jsonb and served back unchanged. */
export const ObjectiveInput = z.looseObject({
  /** Unique across the company (e.g. `team/O1`). */
  key: z.string().min(1),
  /** The id as written in the team's sheet (not unique across teams). */
  id: z.string(),
  title: z.string(),
  team: z.string(),
  isCompany: z.boolean(),
  kind: z.string().optional(),
  parents: z.array(z.string()).optional(),
  ownScore: Score,
  rolledScore: Score,
  /** Known values: red | yellow | green. */
  grade: z.string().nullish(),
  /** Known values: not-started | on-track | at-risk | off-track. */
  status: z.string().nullish(),
  /** Overrides the sync's period label for this objective. */
  period: z.string().optional(),
  keyResults: z.array(KeyResultInput).optional(),
});
export type ObjectiveInput = z.infer<typeof ObjectiveInput>;

export const ProblemInput = z.looseObject({
  severity: z.string(),
  code: z.string(),
  team: z.string().optional(),
  tab: z.string().optional(),
  message: z.string(),
});
export type ProblemInput = z.infer<typeof ProblemInput>;

/** The whole alignment result, stored verbatim for fast serving. */
export const AlignmentInput = z.looseObject({
  objectives: z.array(z.unknown()).optional(),
  problems: z.array(z.unknown()).optional(),
  coverage: z.unknown().optional(),
});
export type AlignmentInput = z.infer<typeof AlignmentInput>;

/** One row of a team's Check-ins tab. */
export const CheckinInput = z.looseObject({
  team: z.string(),
  /** ISO 8601. */
  timestamp: z.string(),
  person: z.string().nullish(),
  objectiveId: z.string().nullish(),
  krId: z.string().nullish(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  score: Score.optional(),
  confidence: Score.optional(),
  note: z.string().nullish(),
});
export type CheckinInput = z.infer<typeof CheckinInput>;

/** The last good parse of one team's sheet, reused when the sheet is unchanged or unreadable. */
export const TeamSnapshotInput = z.object({
  team: z.string(),
  sourceId: z.string(),
  /** The source's modified time / version the parse was made from. */
  sourceVersion: z.string().nullish(),
  parsed: z.unknown(),
});
export type TeamSnapshotInput = z.infer<typeof TeamSnapshotInput>;

/** What the engine learned about a team's source in this sync (change detection and staleness). */
export const TeamStateInput = z.object({
  team: z.string(),
  sourceId: z.string(),
  /** Source's last-modified time as reported (kept as text: formats differ by source). Omitted → unchanged. */
  lastModified: z.string().nullish(),
  /** Source's version / revision id, when it has one. Omitted → unchanged. */
  version: z.string().nullish(),
  /** True when this sync could not read the team and its last good snapshot was reused. */
  stale: z.boolean().default(false),
  staleReason: z.string().nullish(),
  /** An error reading the team in this sync; sets last_error_at. */
  error: z.string().nullish(),
  /** When the error happened (ISO); defaults to now. */
  errorAt: z.string().nullish(),
});
export type TeamStateInput = z.input<typeof TeamStateInput>;

export const SyncCounts = z.looseObject({
  teamsRead: z.number().optional(),
  skippedUnchanged: z.number().optional(),
  stale: z.number().optional(),
  problems: z.number().optional(),
  requests: z.number().optional(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

/** One period's roll-up in a sync (the current one's document is `alignment` itself). */
export const PeriodInput = z.object({
  label: z.string(),
  start: z.string().nullish(),
  end: z.string().nullish(),
  current: z.boolean(),
  /** Teams, objectives, company score: what GET /api/periods lists. */
  summary: z.looseObject({}).default({}),
  /** The period's document; omitted for the current period. */
  alignment: AlignmentInput.optional(),
});
export type PeriodInput = z.input<typeof PeriodInput>;

export const CompleteSyncInput = z.object({
  alignment: AlignmentInput,
  /** Every period rolled up, in time order (absent: one period, the sync's). */
  periods: z.array(PeriodInput).optional(),
  /** Defaults to `alignment.objectives`. */
  objectives: z.array(ObjectiveInput).optional(),
  /** Fresh parses; ones identical to the team's last stored snapshot are not stored again. */
  teamSnapshots: z.array(TeamSnapshotInput).default([]),
  /** Deduplicated across syncs; only new ones are stored. */
  checkins: z.array(CheckinInput).default([]),
  teamStates: z.array(TeamStateInput).default([]),
  counts: SyncCounts.default({}),
  problems: z.array(ProblemInput).default([]),
  /** Defaults to 'partial' when any team state is stale, else 'ok'. */
  status: CompleteStatus.optional(),
  /** Period label (e.g. `2025-Q3`) for this sync's objective snapshots. */
  period: z.string().nullish(),
  /** Measured by the engine; defaults to finished − started. */
  durationMs: z.number().int().nonnegative().optional(),
});
export type CompleteSyncInput = z.input<typeof CompleteSyncInput>;

// ---- Outputs ---------------------------------------------------------------------------------

export interface CompleteSyncResult {
  syncId: number;
  status: CompleteStatus;
  finishedAt: string;
  etag: string;
  /** False when the alignment equals the previous snapshot's and was not stored again. */
  snapshotStored: boolean;
  /** The sync whose snapshot this sync serves (itself, or the earlier identical one). */
  snapshotSyncId: number;
  newCheckins: number;
  teamSnapshotsStored: number;
}

export interface SyncRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: SyncStatus;
  sources: SourceRef[];
  counts: SyncCounts;
  durationMs: number | null;
  error: string | null;
  period: string | null;
  snapshotSyncId: number | null;
  problemCount: number;
}

export interface SyncRunDetail extends SyncRun {
  problems: ProblemInput[];
}

export interface LatestAlignment<A = AlignmentInput> {
  /** The latest complete sync. */
  syncId: number;
  /** The sync that stored the snapshot (≤ syncId: unchanged syncs share it). */
  snapshotSyncId: number;
  status: CompleteStatus;
  finishedAt: string;
  period: string | null;
  /** Quoted strong ETag, a hash of the alignment's content (and period): equal content → equal tag. */
  etag: string;
  alignment: A;
}

export interface LatestAlignmentJson extends Omit<LatestAlignment, 'alignment'> {
  /** The alignment exactly as stored (JSON text), for serving without re-serialising. */
  json: string;
}

/** One objective in one stored snapshot. `at` is when that snapshot's sync finished. */
export interface HistoryRow {
  syncId: number;
  at: string;
  period: string | null;
  key: string;
  id: string;
  team: string;
  title: string;
  isCompany: boolean;
  ownScore: number | null;
  rolledScore: number | null;
  grade: string | null;
  status: string | null;
}

/** A period of a stored snapshot (GET /api/periods). */
export interface StoredPeriod {
  label: string;
  start: string | null;
  end: string | null;
  current: boolean;
  etag: string;
  summary: Record<string, unknown>;
}

export interface HistoryQuery {
  /** ISO time or Date; inclusive, on the snapshot's sync finish time. */
  from?: string | Date;
  to?: string | Date;
  team?: string;
  companyOnly?: boolean;
  period?: string;
  limit?: number;
}

export interface StoredObjective {
  syncId: number;
  key: string;
  period: string | null;
  /** The objective exactly as given to completeSync. */
  data: ObjectiveInput;
}

export interface TeamState {
  team: string;
  sourceId: string;
  lastModified: string | null;
  version: string | null;
  lastGoodSyncId: number | null;
  stale: boolean;
  staleReason: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  updatedAt: string;
}

export interface StoredTeamSnapshot {
  team: string;
  sourceId: string;
  syncId: number;
  sourceVersion: string | null;
  parsed: unknown;
}

export interface StoredCheckin extends CheckinInput {
  firstSeenSync: number;
}

export interface CheckinQuery {
  team?: string;
  /** The period label the check-in's timestamp falls in (set by each sync). */
  period?: string;
  krId?: string;
  objectiveId?: string;
  /** ISO time or Date; inclusive. */
  since?: string | Date;
  limit?: number;
}

export type LockResult<T> = { skipped: true } | { skipped: false; value: T };
