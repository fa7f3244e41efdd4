// One objective: its score and status (previewed while its key results are edited), its quality
// hints, and its key results.
import type { Period } from '../../shared/schemas.ts';
import { Hints, ScoreBar, StatusChip } from './components.tsx';
import type { SidebarObjective } from './contract.ts';
import type { DraftState, Field, ObjectivePreview } from './edit.ts';
import { plural, scoreText } from './format.ts';
import { KeyResultCard } from './key-result.tsx';

export type Panel = 'edit' | 'history' | 'tips';

export interface ObjectiveProps {
  o: SidebarObjective;
  uid: string;
  period: Period | null;
  asOf: string;
  states: readonly DraftState[];
  preview: ObjectivePreview;
  /** undefined: never toggled. */
  isOpen: (what: Panel, id: string) => boolean | undefined;
  setOpen: (what: Panel, id: string, open: boolean) => void;
  serverErrors: Readonly<Record<string, Partial<Record<Field, string>>>>;
  busy: boolean;
  onInput: (krId: string, field: Field, value: string) => void;
}

export function ObjectiveCard(p: ObjectiveProps) {
  const { o, uid, preview } = p;
  const editing = o.keyResults.some((kr) => p.isOpen('edit', kr.id));
  // Hints show for the objective being edited, and on demand for the others.
  const tipsOpen = p.isOpen('tips', o.id) ?? editing;
  const headingId = `${uid}-h`;
  return (
    <section class={`objective${editing ? ' editing' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} class="obj-title">
        {o.title}
      </h2>
      <div class="meta">{[o.id, o.kind === 'committed' ? 'Committed' : 'Aspirational', o.owner].filter(Boolean).join(' · ')}</div>
      <div class="obj-score">
        <ScoreBar score={preview.score} kind={o.kind} before={preview.changed ? o.score : undefined} label={preview.changed ? 'New objective score' : 'Objective score'} />
        <StatusChip status={preview.status} expected={preview.expected} />
      </div>
      {preview.changed && (
        <p class="meta preview-line" aria-live="polite">
          {`If saved: ${scoreText(preview.score)}, was ${scoreText(o.score)}`}
        </p>
      )}
      {o.hints.length > 0 && (
        <div class="tips">
          <button
            type="button"
            class="link tips-toggle"
            aria-expanded={tipsOpen ? 'true' : 'false'}
            aria-controls={`${uid}-tips`}
            onClick={() => p.setOpen('tips', o.id, !tipsOpen)}
          >
            {tipsOpen ? 'Hide tips' : `${plural(o.hints.length, 'tip')} to improve this objective`}
          </button>
          {tipsOpen && <Hints hints={o.hints} id={`${uid}-tips`} />}
        </div>
      )}
      {o.keyResults.length === 0 ? (
        <p class="muted">No key results yet: add 2–5 rows under this objective in the sheet.</p>
      ) : (
        <ul class="krs">
          {o.keyResults.map((kr, i) => (
            <KeyResultCard
              key={`k${kr.row}`}
              kr={kr}
              uid={`${uid}k${i}`}
              kind={o.kind}
              period={p.period}
              asOf={p.asOf}
              state={p.states[i]!}
              editing={p.isOpen('edit', kr.id) === true}
              historyOpen={p.isOpen('history', kr.id) === true}
              serverErrors={p.serverErrors[kr.id] ?? {}}
              busy={p.busy}
              onToggleEdit={() => p.setOpen('edit', kr.id, !p.isOpen('edit', kr.id))}
              onToggleHistory={() => p.setOpen('history', kr.id, !p.isOpen('history', kr.id))}
              onInput={(f, v) => p.onInput(kr.id, f, v)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
