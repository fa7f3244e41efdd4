// What the manager types, read the way the sheet reads it, and the score it would give.
// Pure (no DOM): the live preview and the save request both come from here, so what the
// sidebar previews is exactly what the server is asked to write.
import { objectiveScore, scoreKeyResult } from '../../shared/scoring.ts';
import { statusAgainstTime } from '../../shared/status.ts';
import { formatValue, parseBinary, parseNumber } from '../../shared/values.ts';
import type { ScoreResult, Status } from '../../shared/schemas.ts';
import type { KrChange, SidebarData, SidebarKeyResult, SidebarObjective } from './contract.ts';

/** The three fields as typed, plus the rowVersion of the load the edit started from. */
export interface Draft {
  current: string;
  confidence: string;
  note: string;
  rowVersion: string;
}

export type Drafts = Readonly<Record<string, Draft>>;

export type Field = 'current' | 'confidence' | 'note';

export type FieldRead<T> = { ok: true; value: T } | { ok: false; message: string };

// The server's limit (sidebar-server.ts MAX_NOTE_LENGTH), checked here so the manager hears it at once.
const NOTE_MAX = 2000;

/** 0–100% as typed: "80" or "80%" (the input shows a % sign, so a bare number is a percentage). */
export function readPercent(text: string): FieldRead<number | null> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = parseNumber(t.endsWith('%') ? t : `${t}%`);
  if (n.kind !== 'ok' || n.value < 0 || n.value > 1) return { ok: false, message: 'Enter 0–100%' };
  return { ok: true, value: n.value };
}

/** The Current field for a key result's type: the value to send and the number to score. */
export function readCurrent(
  kr: Pick<SidebarKeyResult, 'type'>,
  text: string,
): FieldRead<{ send: number | string | null; score: number | null }> {
  const t = text.trim();
  switch (kr.type) {
    case 'binary': {
      const b = parseBinary(t);
      if (b.kind === 'blank') return { ok: true, value: { send: null, score: null } };
      if (b.kind === 'invalid') return { ok: false, message: 'Choose yes or no' };
      return { ok: true, value: { send: b.value ? 'yes' : 'no', score: b.value } };
    }
    case 'manual': {
      const p = readPercent(t);
      return p.ok ? { ok: true, value: { send: p.value, score: p.value } } : { ok: false, message: 'Enter a score of 0–100%' };
    }
    case 'metric':
    case 'milestone': {
      const n = parseNumber(t);
      if (n.kind === 'blank') return { ok: true, value: { send: null, score: null } };
      if (n.kind === 'invalid') return { ok: false, message: 'Enter a number' };
      if (kr.type === 'milestone' && n.value < 0) return { ok: false, message: 'Enter the number of milestones done (0 or more)' };
      return { ok: true, value: { send: n.value, score: n.value } };
    }
    default:
      return { ok: false, message: 'Unknown type: this key result cannot be scored. Fix its Type in the sheet.' };
  }
}

/** The text a field starts with: what the sheet holds now, in the form the input expects. */
export function initialDraft(kr: SidebarKeyResult): Draft {
  let current = kr.currentRaw;
  if (kr.type === 'binary') current = kr.current === null ? '' : kr.current ? 'yes' : 'no';
  else if (kr.type === 'manual') current = kr.current === null ? '' : percentText(kr.current);
  return { current, confidence: kr.confidence === null ? '' : percentText(kr.confidence), note: '', rowVersion: kr.rowVersion };
}

export function percentText(x: number): string {
  return formatValue(Math.round(x * 1000) / 10);
}

export interface DraftState {
  /** The draft (or the sheet's values when untouched). */
  draft: Draft;
  changed: boolean;
  errors: Partial<Record<Field, string>>;
  /** The KrChange to send; null when unchanged or invalid. */
  change: KrChange | null;
  /** The score the key result would get (the loaded score when the value is untouched or invalid). */
  preview: ScoreResult;
  /** The Current it would be scored from. */
  current: number | null;
}

export function draftState(kr: SidebarKeyResult, draft: Draft | undefined): DraftState {
  const base = initialDraft(kr);
  const d = draft ?? base;
  const errors: Partial<Record<Field, string>> = {};
  const currentTouched = d.current.trim() !== base.current.trim();
  const confTouched = d.confidence.trim() !== base.confidence.trim();

  let current: number | string | null = null;
  let scoreInput: number | null = kr.current;
  const cur = readCurrent(kr, d.current);
  if (currentTouched) {
    if (cur.ok) {
      current = cur.value.send;
      scoreInput = cur.value.score;
    } else errors.current = cur.message;
  }
  let confidence = kr.confidence;
  if (confTouched) {
    const c = readPercent(d.confidence);
    if (c.ok) confidence = c.value;
    else errors.confidence = 'Confidence: enter 0–100%';
  }
  if (d.note.length > NOTE_MAX) errors.note = `Keep the note under ${NOTE_MAX} characters`;

  const currentChanged = currentTouched && cur.ok && cur.value.score !== kr.current;
  const confChanged = confTouched && confidence !== kr.confidence;
  const preview = currentChanged
    ? scoreKeyResult({ type: kr.type, start: kr.start, target: kr.target, current: scoreInput })
    : { score: kr.score, progress: kr.progress, state: kr.state, ...(kr.message ? { message: kr.message } : {}) };
  // A value the sheet could not score (no Target, a milestone Target of 0) is refused, as the server would.
  if (currentChanged && scoreInput !== null && (preview.state === 'no-target' || preview.state === 'invalid')) {
    errors.current = preview.message ?? 'This key result cannot be scored.';
  }

  // A field typed wrong counts as a change: the manager meant to change it, and Save must say why it refuses.
  const changed = currentChanged || confChanged || d.note.trim() !== '' || Object.keys(errors).length > 0;
  // An untouched Current is re-sent as the sheet holds it, so a confidence-only check-in keeps it.
  const send = currentChanged ? current : untouchedCurrent(kr);
  const change: KrChange | null =
    changed && Object.keys(errors).length === 0
      ? { krId: kr.id, row: kr.row, rowVersion: d.rowVersion, current: send, confidence, note: d.note.trim() }
      : null;
  return { draft: d, changed, errors, change, preview, current: currentChanged ? scoreInput : kr.current };
}

function untouchedCurrent(kr: SidebarKeyResult): number | string | null {
  if (kr.current === null) return kr.currentRaw === '' ? null : kr.currentRaw;
  if (kr.type === 'binary') return kr.current ? 'yes' : 'no';
  return kr.current;
}

export interface ObjectivePreview {
  score: number | null;
  status: Status;
  expected: number | null;
  changed: boolean;
}

/** The objective's score and status if the drafts were saved. */
export function objectivePreview(o: SidebarObjective, states: readonly DraftState[], data: Extract<SidebarData, { ok: true }>): ObjectivePreview {
  const parts = o.keyResults.map((kr, i) => ({ score: states[i] ? states[i]!.preview.score : kr.score, weight: kr.weight }));
  const score = objectiveScore(parts);
  const changed = states.some((s) => s.changed);
  if (!changed) return { score: o.score, status: o.status, expected: o.expected, changed };
  // Checked in, as the domain core counts it: any Current, or a hand-typed manual score.
  const checkedIn = o.keyResults.some((kr, i) => (states[i] ? states[i]!.current : kr.current) !== null || kr.state === 'manual-score');
  const { status, expected } = statusAgainstTime({ score, kind: o.kind, checkedIn, period: data.period, asOf: new Date(data.asOf) });
  return { score, status, expected, changed };
}

/** Every change to send, or the errors that stop the save. */
export function collectChanges(data: Extract<SidebarData, { ok: true }>, drafts: Drafts): { changes: KrChange[]; invalid: string[] } {
  const changes: KrChange[] = [];
  const invalid: string[] = [];
  for (const o of data.objectives) {
    for (const kr of o.keyResults) {
      const draft = drafts[kr.id];
      if (!draft) continue;
      const s = draftState(kr, draft);
      if (Object.keys(s.errors).length) invalid.push(kr.id);
      else if (s.change) changes.push(s.change);
    }
  }
  return { changes, invalid };
}
