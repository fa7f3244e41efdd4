// One key result: where it stands, the check-in form with its live score preview, its history.
import { formatValue } from '../../shared/values.ts';
import type { Kind, Period } from '../../shared/schemas.ts';
import { ScoreChart } from './chart.tsx';
import { ScoreBar } from './components.tsx';
import type { SidebarKeyResult } from './contract.ts';
import type { DraftState, Field } from './edit.ts';
import { formatChange, formatRange, keyResultStyle, type NumberStyle } from '../../shared/number-format.ts';
import { currentLine, percent, relativeDay, scoreText, shortDate } from './format.ts';

export interface KeyResultProps {
  kr: SidebarKeyResult;
  /** Unique DOM id prefix. */
  uid: string;
  kind: Kind;
  period: Period | null;
  asOf: string;
  state: DraftState;
  editing: boolean;
  historyOpen: boolean;
  /** Errors the server returned for this key result. */
  serverErrors: Partial<Record<Field, string>>;
  busy: boolean;
  onToggleEdit: () => void;
  onToggleHistory: () => void;
  onInput: (field: Field, value: string) => void;
}

const TYPE_LABEL: Record<string, string> = { metric: 'Metric', milestone: 'Milestones', binary: 'Yes/no', manual: 'Manual' };

export function KeyResultCard(p: KeyResultProps) {
  const { kr, uid, state } = p;
  // Newest first, whatever order the server sent.
  const history = [...kr.history].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
  const last = history[0];
  const errors = { ...p.serverErrors, ...state.errors };
  return (
    <li class={`kr${state.changed ? ' changed' : ''}`} data-kr={kr.id}>
      <div class="kr-title">{kr.title}</div>
      <div class="meta">
        {[kr.id, TYPE_LABEL[kr.type ?? ''] ?? (kr.typeRaw || 'no type'), kr.owner].filter(Boolean).join(' · ')}
      </div>
      <div class="meta current">{currentLine(kr)}{kr.confidence !== null && ` · ${percent(kr.confidence)} confident`}</div>
      <ScoreBar score={kr.score} kind={p.kind} label="Score" />
      {kr.message && kr.state !== 'not-checked-in' && <p class="note-msg">{kr.message}</p>}
      <p class="meta last">
        {last ? `Last check-in ${relativeDay(last.timestamp, p.asOf)}${last.person ? ` by ${last.person}` : ''}` : 'No check-ins yet'}
      </p>
      <div class="kr-actions">
        <button
          type="button"
          class="link"
          aria-expanded={p.editing ? 'true' : 'false'}
          aria-controls={`${uid}-form`}
          onClick={p.onToggleEdit}
        >
          {p.editing ? 'Hide check-in' : 'Check in'}
        </button>
        <button
          type="button"
          class="link"
          aria-expanded={p.historyOpen ? 'true' : 'false'}
          aria-controls={`${uid}-history`}
          onClick={p.onToggleHistory}
        >
          {`History (${kr.history.length})`}
        </button>
      </div>
      {p.editing && <CheckinForm {...p} errors={errors} />}
      {p.historyOpen && (
        <div class="history" id={`${uid}-history`}>
          <ScoreChart id={`${uid}-chart`} history={kr.history} period={p.period} kind={p.kind} />
          {kr.history.length > 0 && (
            <ol class="checkins" aria-label={`Check-ins for ${kr.title}`}>
              {history.map((h) => (
                <li>
                  <div>
                    <strong>{shortDate(h.timestamp)}</strong>
                    {h.person && ` · ${h.person}`}
                  </div>
                  <div class="meta">
                    {`${formatChange(h.before, h.after, keyResultStyle(kr))} · score ${scoreText(h.score)}`}
                    {h.confidence !== null && ` · ${percent(h.confidence)} confident`}
                  </div>
                  {h.note && <div class="checkin-note">{h.note}</div>}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </li>
  );
}

function CheckinForm(p: KeyResultProps & { errors: Partial<Record<Field, string>> }) {
  const { kr, uid, state, errors } = p;
  const d = state.draft;
  const field = (f: Field) => `${uid}-${f}`;
  const describedBy = (f: Field, help?: string) => [errors[f] ? `${field(f)}-err` : '', help ?? ''].filter(Boolean).join(' ') || undefined;
  const onText = (f: Field) => (e: Event) => p.onInput(f, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const style = keyResultStyle(kr);
  const preview = state.preview;
  // A new score only once a readable new value is typed; otherwise the saved one stands.
  const fresh = state.current !== kr.current;
  const showMessage = preview.message && preview.message !== errors.current && (fresh || preview.state !== 'not-checked-in');
  const canScore = kr.type !== null;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled region around several fields, one of them a fieldset itself; a fieldset here would nest legends.
    <div class="form" id={`${uid}-form`} role="group" aria-label={`Check in: ${kr.title}`}>
      {kr.type === 'binary' ? (
        <fieldset class="field" aria-describedby={describedBy('current')}>
          <legend>Done?</legend>
          <div class="radios">
            {(['yes', 'no'] as const).map((v) => (
              <label class="radio">
                <input
                  type="radio"
                  name={field('current')}
                  value={v}
                  checked={d.current === v}
                  disabled={p.busy}
                  onChange={onText('current')}
                />
                {v === 'yes' ? 'Yes' : 'No'}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <div class="field">
          <label for={field('current')}>{currentLabel(kr)}</label>
          <div class={kr.type === 'manual' ? 'suffixed' : ''}>
            <input
              id={field('current')}
              type="text"
              inputmode="decimal"
              autocomplete="off"
              value={d.current}
              disabled={p.busy || !canScore}
              aria-invalid={errors.current ? 'true' : undefined}
              aria-describedby={describedBy('current', `${field('current')}-help`)}
              onInput={onText('current')}
            />
            {kr.type === 'manual' && <span class="suffix">%</span>}
          </div>
          <p class="help" id={`${field('current')}-help`}>
            {currentHelp(kr, style)}
          </p>
        </div>
      )}
      {errors.current && (
        <p class="error" id={`${field('current')}-err`} role="alert">
          {errors.current}
        </p>
      )}

      <div class="field">
        <label for={field('confidence')}>Confidence</label>
        <div class="suffixed">
          <input
            id={field('confidence')}
            type="text"
            inputmode="decimal"
            autocomplete="off"
            value={d.confidence}
            disabled={p.busy}
            aria-invalid={errors.confidence ? 'true' : undefined}
            aria-describedby={describedBy('confidence', `${field('confidence')}-help`)}
            onInput={onText('confidence')}
          />
          <span class="suffix">%</span>
        </div>
        <p class="help" id={`${field('confidence')}-help`}>
          How sure you are it will be met by the period's end.
        </p>
        {errors.confidence && (
          <p class="error" id={`${field('confidence')}-err`} role="alert">
            {errors.confidence}
          </p>
        )}
      </div>

      <div class="field">
        <label for={field('note')}>Note</label>
        <textarea
          id={field('note')}
          rows={2}
          value={d.note}
          disabled={p.busy}
          placeholder="What changed? (optional)"
          aria-invalid={errors.note ? 'true' : undefined}
          aria-describedby={describedBy('note')}
          onInput={onText('note')}
        />
        {errors.note && (
          <p class="error" id={`${field('note')}-err`} role="alert">
            {errors.note}
          </p>
        )}
      </div>

      <div class="preview" aria-live="polite">
        <div class="preview-head">
          <span>{fresh ? 'New score' : 'Score'}</span>
          {fresh && kr.score !== preview.score && (
            <span class="muted">{`was ${scoreText(kr.score)}`}</span>
          )}
        </div>
        <ScoreBar score={preview.score} kind={p.kind} before={kr.score} label={fresh ? 'New score' : 'Score'} />
        {showMessage && <p class="note-msg">{preview.message}</p>}
        {preview.progress !== null && preview.progress > 1 && (
          <p class="note-msg">{`${percent(preview.progress)} of target: over-achievement scores 1.00.`}</p>
        )}
      </div>
    </div>
  );
}

function currentLabel(kr: SidebarKeyResult): string {
  switch (kr.type) {
    case 'metric':
      return 'Current value';
    case 'milestone':
      return 'Milestones done';
    case 'manual':
      return 'Your score';
    default:
      return 'Current';
  }
}

function currentHelp(kr: SidebarKeyResult, style: NumberStyle): string {
  switch (kr.type) {
    case 'metric':
      return `From ${formatRange(kr, style).replace(' → ', ' to ')}.${style.percent ? ' Type 52% or 0.52.' : ''}`;
    case 'milestone':
      return kr.target === null ? 'Steps done so far.' : `Steps done, out of ${formatValue(kr.target)}.`;
    case 'manual':
      return 'Your judgement of progress, 0–100%.';
    default:
      return 'Unknown type: this key result cannot be scored. Fix its Type in the sheet.';
  }
}
