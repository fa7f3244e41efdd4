// Data shapes shared by the add-on, the sidebar and the service. Types come from these schemas
// (z.infer); runtime modules import them with `import type` so the add-on bundle stays free of zod.
import { z } from 'zod';
import { GRADES, KINDS, KR_TYPES, ROLLUP_MODES, STATUSES } from './enums.ts';

export const KrType = z.enum(KR_TYPES);
export type KrType = z.infer<typeof KrType>;

export const Kind = z.enum(KINDS);
export type Kind = z.infer<typeof Kind>;

export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const RollupMode = z.enum(ROLLUP_MODES);
export type RollupMode = z.infer<typeof RollupMode>;

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

/** One thing wrong with (or worth improving in) a sheet, located as precisely as the data allows. */
export const Problem = z.object({
  severity: Severity,
  code: z.string(),
  team: z.string(),
  tab: z.string(),
  /** The sheet's own 1-based row number (header on row 1 → first data row is 2). */
  row: z.number().int().optional(),
  /** The column's header as written in the sheet (or the canonical name when the column is missing). */
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
  /** Quality hints carry a short why, to teach rather than scold. */
  why: z.string().optional(),
  objectiveId: z.string().optional(),
  krId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

/** Where a key result stands, beyond its number. */
export const KrState = z.enum([
  'scored', // a score from data
  'not-checked-in', // Current is blank: scores 0
  'no-range', // metric with Start = Target: 1 or 0
  'no-target', // Target blank (metric/milestone): cannot be scored
  'unknown-type',
  'invalid', // a value that cannot be read (reported as a problem)
  'manual-score', // hand-made sheet: a manual score typed in Score
]);
export type KrState = z.infer<typeof KrState>;

export const ScoreResult = z.object({
  /** 0..1, or null when the key result cannot be scored. */
  score: z.number().nullable(),
  /** Unclamped progress (over-achievement is kept here: 1.25 = 125 %). */
  progress: z.number().nullable(),
  state: KrState,
  /** Why it scored the way it did, when that is not obvious. */
  message: z.string().optional(),
});
export type ScoreResult = z.infer<typeof ScoreResult>;

export const KeyResult = z.object({
  id: z.string(),
  objectiveId: z.string(),
  title: z.string(),
  type: KrType.nullable(),
  typeRaw: z.string(),
  start: z.number().nullable(),
  target: z.number().nullable(),
  /** Parsed current value (binary: 1 or 0). */
  current: z.number().nullable(),
  currentRaw: z.string(),
  weight: z.number(),
  confidence: z.number().nullable(),
  owner: z.string(),
  notes: z.string(),
  row: z.number().int(),
  /** The Score cell as read from the sheet (the formula's result), when present. */
  sheetScore: z.number().nullable(),
  score: z.number().nullable(),
  progress: z.number().nullable(),
  state: KrState,
  message: z.string().optional(),
});
export type KeyResult = z.infer<typeof KeyResult>;

export const Objective = z.object({
  id: z.string(),
  title: z.string(),
  team: z.string(),
  tab: z.string(),
  row: z.number().int(),
  alignsTo: z.array(z.string()),
  kind: Kind,
  /** Objective Weight: how much this objective counts in its parents' roll-up. */
  weight: z.number(),
  owner: z.string(),
  notes: z.string(),
  keyResults: z.array(KeyResult),
  /** Own score: weighted mean of its key results' scores; null when none can be scored. */
  score: z.number().nullable(),
  /** True once any key result has a Current value. */
  checkedIn: z.boolean(),
  // Written when the quarter is closed (the optional closing columns); absent when the tab has no such column.
  /** Final Score, 0..1, frozen at close; null when the column is there but blank or unreadable. */
  finalScore: z.number().min(0).max(1).nullable().optional(),
  /** One line: what we learned. */
  learning: z.string().optional(),
  /** Whether the objective or its learning carries on into the next quarter; absent when not set. */
  carryOn: z.boolean().optional(),
});
export type Objective = z.infer<typeof Objective>;

export const SheetMeta = z.object({
  team: z.string().optional(),
  period: z.string().optional(),
  /** ISO dates (YYYY-MM-DD). */
  start: z.string().optional(),
  end: z.string().optional(),
  mission: z.string().optional(),
  level: z.string().optional(),
});
export type SheetMeta = z.infer<typeof SheetMeta>;

export const ParsedTable = z.object({
  team: z.string(),
  tab: z.string(),
  meta: SheetMeta,
  /** A company sheet holds the company objectives (it has a Mission, or Level: company). */
  isCompany: z.boolean(),
  headerRow: z.number().int().nullable(),
  objectives: z.array(Objective),
  problems: z.array(Problem),
});
export type ParsedTable = z.infer<typeof ParsedTable>;

export const CheckIn = z.object({
  team: z.string(),
  /** ISO 8601 timestamp. */
  timestamp: z.string(),
  person: z.string(),
  objectiveId: z.string(),
  krId: z.string(),
  before: z.string(),
  after: z.string(),
  score: z.number().nullable(),
  confidence: z.number().nullable(),
  note: z.string(),
  row: z.number().int(),
});
export type CheckIn = z.infer<typeof CheckIn>;

/** One row of a team's optional People tab: where an owner's weekly reminder goes. */
export const PersonEmail = z.object({
  team: z.string(),
  /** As written in the OKR table's Owner column (matched case-insensitively). */
  owner: z.string(),
  email: z.string(),
  row: z.number().int(),
});
export type PersonEmail = z.infer<typeof PersonEmail>;

export const Period = z.object({
  label: z.string().optional(),
  start: z.string(),
  end: z.string(),
});
export type Period = z.infer<typeof Period>;

export const AlignedObjective = Objective.extend({
  /** Unique across the company: the id, or `team/id` for a duplicate. */
  key: z.string(),
  isCompany: z.boolean(),
  /** Keys of the parents this objective rolls into (links inside a cycle or to unknown ids excluded). */
  parents: z.array(z.string()),
  children: z.array(z.string()),
  rolledScore: z.number().nullable(),
  grade: Grade.nullable(),
  status: Status,
  /** The score expected by now (status against time), when the period is known. */
  expected: z.number().nullable(),
  reachesCompany: z.boolean(),
  inCycle: z.boolean(),
});
export type AlignedObjective = z.infer<typeof AlignedObjective>;

export const TeamSummary = z.object({
  team: z.string(),
  tab: z.string(),
  isCompany: z.boolean(),
  objectives: z.number().int(),
  keyResults: z.number().int(),
  /** Mean of the team's objectives' own scores. */
  score: z.number().nullable(),
  /** Team objectives that reach a company objective. */
  aligned: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
});
export type TeamSummary = z.infer<typeof TeamSummary>;

export const Coverage = z.object({
  teamObjectives: z.number().int(),
  aligned: z.number().int(),
  /** aligned / teamObjectives; null when there are no team objectives. */
  ratio: z.number().nullable(),
});
export type Coverage = z.infer<typeof Coverage>;

export const Alignment = z.object({
  mode: RollupMode,
  asOf: z.string(),
  period: Period.nullable(),
  mission: z.string().nullable(),
  objectives: z.array(AlignedObjective),
  /** Company objectives' keys, in sheet order. */
  roots: z.array(z.string()),
  /** Team objectives with no valid parent (none given, or only unknown ones). */
  orphans: z.array(z.string()),
  coverage: Coverage,
  teamsWithoutAlignment: z.array(z.string()),
  teams: z.array(TeamSummary),
  /** Mean of the company objectives' rolled-up scores (all roots when there is no company sheet). */
  overall: z.number().nullable(),
  problems: z.array(Problem),
});
export type Alignment = z.infer<typeof Alignment>;
