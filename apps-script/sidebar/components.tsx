// Small pieces: the score bar (shared grade colours), the status chip, quality hints.
import { GRADE_COLORS, GRADE_LABELS, gradeFor } from '../../shared/grades.ts';
import type { Kind, Problem, Status } from '../../shared/schemas.ts';
import { STATUS_LABELS } from '../../shared/status.ts';
import { scoreText } from './format.ts';

export interface ScoreBarProps {
  score: number | null;
  kind: Kind;
  /** The saved score, when the bar previews an edit: drawn as a tick so the change is visible. */
  before?: number | null;
  label: string;
}

export function ScoreBar({ score, kind, before, label }: ScoreBarProps) {
  const grade = gradeFor(score, kind);
  const width = score === null ? 0 : Math.round(Math.min(1, Math.max(0, score)) * 100);
  const color = grade ? GRADE_COLORS[grade].bar : 'transparent';
  const spoken = score === null ? `${label}: cannot be scored` : `${label} ${scoreText(score)}, ${GRADE_LABELS[grade!].toLowerCase()}`;
  const showBefore = before !== undefined && before !== null && before !== score;
  return (
    <div class="score" role="img" aria-label={showBefore ? `${spoken} (was ${scoreText(before)})` : spoken}>
      <div class="bar">
        <span class="fill" style={`width:${width}%;background:${color}`} />
        {showBefore && <span class="was" style={`left:${Math.round(Math.min(1, Math.max(0, before!)) * 100)}%`} />}
      </div>
      <span class="num" style={grade ? `color:${GRADE_COLORS[grade].text}` : ''}>
        {scoreText(score)}
      </span>
    </div>
  );
}

export function StatusChip({ status, expected }: { status: Status; expected: number | null }) {
  const title = expected === null ? undefined : `Expected by now: ${scoreText(expected)}`;
  return (
    <span class={`chip ${status}`} title={title}>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** Hints teach: the message says what, the why says why it matters. */
export function Hints({ hints, id }: { hints: readonly Problem[]; id: string }) {
  return (
    <ul class="hints" id={id}>
      {hints.map((h) => (
        <li class={h.severity}>
          <strong>{h.message}</strong>
          {h.why && <span class="why">{h.why}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The sidebar's title row: the team (or tab) and a Reload button. */
export function HeadRow({ title, busy, reloading, onReload }: { title: string; busy: boolean; reloading: boolean; onReload: () => void }) {
  return (
    <div class="head-row">
      <h1>{title}</h1>
      <button type="button" class="small" disabled={busy} onClick={onReload} aria-label="Reload from the sheet">
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
    </div>
  );
}
