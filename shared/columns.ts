// The OKR table's columns: canonical keys, the header the template writes, accepted aliases,
// and the note the template puts on each header to explain it.

export const COLUMN_KEYS = [
  'objectiveId',
  'objective',
  'alignsTo',
  'keyResult',
  'krId',
  'type',
  'start',
  'target',
  'current',
  'weight',
  'score',
  'confidence',
  'owner',
  'kind',
  'objectiveWeight',
  'notes',
  'objectiveScore',
  'grade',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/**
 * Optional objective-row columns written when a quarter is closed (the add-on's Close the quarter
 * step adds them at the right of the table). The default templates leave them out: a live quarter
 * has no final score yet, and the template's formulas never read them.
 */
export const CLOSING_KEYS = ['finalScore', 'learning', 'carryOn'] as const;
export type ClosingKey = (typeof CLOSING_KEYS)[number];

/** Every column the contract reads: the template's and the optional closing ones. */
export type SheetColumnKey = ColumnKey | ClosingKey;

export interface ColumnDef<K extends SheetColumnKey = SheetColumnKey> {
  key: K;
  header: string;
  aliases: readonly string[];
  required: boolean;
  /** Written by formulas in the template; never typed by people. */
  computed: boolean;
  /** In the default templates (false: added to a tab when it is closed). */
  inTemplate: boolean;
  note: string;
}

const def = <K extends SheetColumnKey = ColumnKey>(
  key: K,
  header: string,
  aliases: string[],
  note: string,
  opts: { required?: boolean; computed?: boolean; inTemplate?: boolean } = {},
): ColumnDef<K> => ({ key, header, aliases, note, required: !!opts.required, computed: !!opts.computed, inTemplate: opts.inTemplate ?? true });

/**
 * The template's columns, in template order. Names must stay distinct after normalizeHeader
 * ("Objective #" would read as "Objective"), here and in CLOSING_COLUMNS.
 */
export const COLUMNS: readonly ColumnDef<ColumnKey>[] = [
  def('objectiveId', 'Objective ID', ['Obj ID', 'OID', 'Objective No'], 'A short unique id for the objective, e.g. SALES-1. Leave blank on the key result rows below it.', { required: true }),
  def('objective', 'Objective', ['Objective Title', 'Goal'], 'What you want to achieve: qualitative, inspiring, time-bound. No numbers here — numbers go in key results.', { required: true }),
  def('alignsTo', 'Aligns To', ['Parent', 'Parent ID', 'Parent Objective', 'Aligned To', 'Supports', 'Contributes To'], 'The id(s) of the company or parent objective(s) this objective supports. Separate several with commas.'),
  def('keyResult', 'Key Result', ['KR', 'Key Result Title', 'Result'], 'A measurable outcome that shows the objective is met. One per row; 2–5 per objective.', { required: true }),
  def('krId', 'KR ID', ['Key Result ID', 'KRID'], 'Optional. Defaults to <Objective ID>-<n>.'),
  def('type', 'Type', ['KR Type', 'Measure', 'Measure Type'], 'metric (from Start to Target), milestone (steps done out of Target), binary (yes/no), manual (a 0–100% judgement in Current).', { required: true }),
  def('start', 'Start', ['Baseline', 'Start Value', 'From'], 'Metric baseline at the start of the period (blank = 0).'),
  def('target', 'Target', ['Target Value', 'Goal Value', 'To'], 'Metric target, or the number of milestones. Lower than Start for a metric you want to decrease.'),
  def('current', 'Current', ['Actual', 'Current Value', 'Value', 'Progress'], 'Where it stands now. Metric: the value; milestone: steps done; binary: yes/no; manual: your score 0–100%.'),
  def('weight', 'Weight', ['KR Weight'], 'How much this key result counts in its objective (blank = 1, 0 = leave out).'),
  def('score', 'Score', ['KR Score'], 'Computed 0.0–1.0. Do not type here: the formula scores the row.', { computed: true }),
  def('confidence', 'Confidence', ['Conf', 'Confidence Level'], 'How sure you are the key result will be met by period end, 0–100%.'),
  def('owner', 'Owner', ['DRI', 'Responsible', 'Assignee'], 'The one person accountable.'),
  def('kind', 'Kind', ['Commitment', 'OKR Kind', 'Objective Kind'], 'aspirational (0.7 is success) or committed (only 1.0 is success). On the objective row.'),
  def('objectiveWeight', 'Objective Weight', ['Obj Weight'], 'How much this objective counts in the parent it aligns to (blank = 1).'),
  def('notes', 'Notes', ['Note', 'Comments', 'Comment'], 'Context, risks, links.'),
  def('objectiveScore', 'Objective Score', ['Obj Score'], 'Computed: weighted mean of the objective’s key result scores.', { computed: true }),
  def('grade', 'Grade', ['Objective Grade', 'Color'], 'Computed: red below 0.4, yellow from 0.4, green from 0.7 (committed: green only at 1.0).', { computed: true }),
];

/** Not in the template (inTemplate false), in the order the closing step appends them. */
export const CLOSING_COLUMNS: readonly ColumnDef<ClosingKey>[] = [
  def('finalScore', 'Final Score', ['Final Grade', 'End Score', 'Closing Score'], 'Written when the quarter is closed: the objective’s final score, 0.0–1.0, frozen (it no longer follows the key results).', { inTemplate: false }),
  def('learning', 'Learning', ['Learnings', 'Lesson', 'Lessons Learned', 'What We Learned'], 'Written when the quarter is closed: one line on what we learned.', { inTemplate: false }),
  def('carryOn', 'Carry On', ['Carry Over', 'Carries On', 'Continue'], 'Written when the quarter is closed: yes if the objective or its learning carries on into the next quarter, no if not.', { inTemplate: false }),
];

/** Every column the contract reads. */
export const ALL_COLUMNS: readonly ColumnDef[] = [...COLUMNS, ...CLOSING_COLUMNS];

export const COLUMN_BY_KEY: Readonly<Record<SheetColumnKey, ColumnDef>> = Object.fromEntries(
  ALL_COLUMNS.map((c) => [c.key, c]),
) as Record<SheetColumnKey, ColumnDef>;

/** Case-insensitive, ignoring spaces and punctuation; keeps letters and digits of any script. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const HEADER_LOOKUP: ReadonlyMap<string, SheetColumnKey> = (() => {
  const map = new Map<string, SheetColumnKey>();
  for (const c of ALL_COLUMNS) {
    for (const name of [c.header, ...c.aliases]) map.set(normalizeHeader(name), c.key);
  }
  return map;
})();

/** Header texts repeat across every team's sheet: each is normalized once (a bounded memo). */
const HEADER_MEMO = new Map<string, SheetColumnKey | null>();
const HEADER_MEMO_MAX = 4096;

export function columnForHeader(text: string): SheetColumnKey | undefined {
  const hit = HEADER_MEMO.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const key = HEADER_LOOKUP.get(normalizeHeader(text));
  if (HEADER_MEMO.size >= HEADER_MEMO_MAX) HEADER_MEMO.clear();
  HEADER_MEMO.set(text, key ?? null);
  return key;
}

/** Spreadsheet column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---- The Check-ins tab ----
export const CHECKIN_KEYS = [
  'timestamp',
  'person',
  'objectiveId',
  'krId',
  'before',
  'after',
  'score',
  'confidence',
  'note',
] as const;
export type CheckinKey = (typeof CHECKIN_KEYS)[number];

export const CHECKIN_COLUMNS: readonly { key: CheckinKey; header: string; aliases: readonly string[] }[] = [
  { key: 'timestamp', header: 'Timestamp', aliases: ['Time', 'Date', 'When'] },
  { key: 'person', header: 'Person', aliases: ['Who', 'By', 'User'] },
  { key: 'objectiveId', header: 'Objective ID', aliases: ['Objective'] },
  { key: 'krId', header: 'KR ID', aliases: ['Key Result ID', 'KR'] },
  { key: 'before', header: 'Before', aliases: ['Value Before', 'From'] },
  { key: 'after', header: 'After', aliases: ['Value After', 'To', 'Value'] },
  { key: 'score', header: 'Score', aliases: [] },
  { key: 'confidence', header: 'Confidence', aliases: [] },
  { key: 'note', header: 'Note', aliases: ['Notes', 'Comment'] },
];

// ---- The optional People tab: who gets the weekly check-in reminder ----
export const PEOPLE_KEYS = ['owner', 'email'] as const;
export type PeopleKey = (typeof PEOPLE_KEYS)[number];

export const PEOPLE_COLUMNS: readonly { key: PeopleKey; header: string; aliases: readonly string[] }[] = [
  { key: 'owner', header: 'Owner', aliases: ['Name', 'Person', 'Who'] },
  { key: 'email', header: 'Email', aliases: ['E-mail', 'Mail', 'Email Address', 'E-mail Address'] },
];

export const DEFAULT_OKR_TAB = 'OKRs';
export const DEFAULT_CHECKINS_TAB = 'Check-ins';
export const DEFAULT_PEOPLE_TAB = 'People';
