// The Close the quarter sidebar: 1. grade and reflect (final score, one-line learning, carries on,
// per objective; one save), 2. start next quarter (choose the objectives to copy; one call makes the
// tab). The "Start next quarter…" menu item opens it on step 2.
import { useEffect, useState } from 'hono/jsx/dom';
import type { Period } from '../../shared/schemas.ts';
import { server } from './client.ts';
import type { ClosingData, ClosingObjective, ClosingSaveResult, NextQuarterResult } from './closing-contract.ts';
import { collectGrades, type GradeDraft, initialGrade, parseFinalScore } from './closing-edit.ts';
import { HeadRow, ScoreBar } from './components.tsx';
import { plural, scoreText, shortDate } from './format.ts';

type Ready = Extract<ClosingData, { ok: true }>;
type Outcome =
  | { kind: 'saved'; saved: number; added: string[] }
  | { kind: 'conflict'; titles: string[] }
  | { kind: 'refused'; message: string }
  | { kind: 'created'; sheetName: string; period: Period; copied: { from: string; to: string }[] }
  | { kind: 'error'; message: string };

const periodText = (p: Period | null): string => (p ? `${p.label ? `${p.label}: ` : ''}${shortDate(p.start)} – ${shortDate(p.end)}` : 'No period set');

export function ClosingApp({ start }: { start: 'close' | 'next' }) {
  const [data, setData] = useState<ClosingData | null>(null);
  const [failed, setFailed] = useState('');
  const [drafts, setDrafts] = useState<Record<string, GradeDraft>>({});
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [working, setWorking] = useState<'' | 'loading' | 'saving' | 'creating'>('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const load = (after: Outcome | null = null) => {
    setWorking('loading');
    server
      .closingLoad()
      .then((d) => {
        setData(d);
        setDrafts({});
        setChosen({});
        setOutcome(after);
      })
      .catch((e: Error) => setFailed(e.message))
      .finally(() => setWorking(''));
  };
  useEffect(() => load(), []);

  if (failed && !data) {
    return (
      <main class="sidebar">
        <div class="notice error" role="alert">{`Could not read the sheet: ${failed}`}</div>
      </main>
    );
  }
  if (!data) {
    return (
      <main class="sidebar">
        <p class="loading" role="status">
          Loading objectives…
        </p>
      </main>
    );
  }
  if (!data.ok) {
    return (
      <main class="sidebar">
        <section class="not-okr">
          <h1>{`“${data.sheetName}” is not an OKR table`}</h1>
          <p>{data.message}</p>
          <button type="button" disabled={working !== ''} onClick={() => load()}>
            Check again
          </button>
        </section>
      </main>
    );
  }
  const ready: Ready = data;
  const busy = working !== '';
  const draft = (o: ClosingObjective) => drafts[o.id] ?? initialGrade(o);
  const edit = (o: ClosingObjective, change: Partial<GradeDraft>) => setDrafts((ds) => ({ ...ds, [o.id]: { ...(ds[o.id] ?? initialGrade(o)), ...change } }));
  const isChosen = (o: ClosingObjective) => chosen[o.id] ?? o.suggestCarry;

  const save = (force: boolean) => {
    const { grades, invalid } = collectGrades(ready.objectives, drafts);
    if (invalid.length) {
      setOutcome({ kind: 'refused', message: `Nothing was saved: the final score of ${invalid.join(', ')} must be between 0 and 1 (e.g. 0.7 or 70%).` });
      return;
    }
    setWorking('saving');
    server
      .closingSave({ sheetName: ready.sheetName, grades, ...(force ? { force: true } : {}) })
      .then((r: ClosingSaveResult) => {
        if (r.ok) {
          setData(r.data);
          setDrafts({});
          setOutcome({ kind: 'saved', saved: r.saved, added: r.addedColumns });
        } else if (r.reason === 'conflict') setOutcome({ kind: 'conflict', titles: r.conflicts.map((c) => c.title || c.objectiveId) });
        else if (r.reason === 'busy') setOutcome({ kind: 'refused', message: `${r.message}` });
        else setOutcome({ kind: 'refused', message: `Nothing was saved: ${r.errors.map((e) => `${e.objectiveId}: ${e.message}`).join(' ')}` });
      })
      .catch((e: Error) => setOutcome({ kind: 'error', message: `Nothing was saved: ${e.message}` }))
      .finally(() => setWorking(''));
  };

  const create = () => {
    setWorking('creating');
    server
      .startNextQuarter({ sheetName: ready.sheetName, objectiveIds: ready.objectives.filter(isChosen).map((o) => o.id) })
      .then((r: NextQuarterResult) => setOutcome(r.ok ? { kind: 'created', sheetName: r.sheetName, period: r.period, copied: r.copied } : { kind: 'refused', message: r.message }))
      .catch((e: Error) => setOutcome({ kind: 'error', message: `Nothing was created: ${e.message}` }))
      .finally(() => setWorking(''));
  };

  const carried = ready.objectives.filter(isChosen).length;
  return (
    <main class="sidebar closing">
      <header class="head">
        <HeadRow title={ready.team || ready.sheetName} busy={busy} reloading={working === 'loading'} onReload={() => load()} />
        <div class="meta">{`${ready.sheetName} · ${periodText(ready.period)}`}</div>
      </header>

      <div class="notice-slot" aria-live="polite">
        <OutcomeView outcome={outcome} busy={busy} onOverwrite={() => save(true)} onReload={() => load()} />
      </div>

      <details class="step" open={start === 'close'}>
        <summary>
          <h2>1. Grade and reflect</h2>
        </summary>
        <p class="muted">Confirm each objective’s final score (it is frozen in the Final Score column), write one line on what you learned, and tick whether it carries on.</p>
        {ready.objectives.length === 0 && <p class="muted">No objectives on this tab.</p>}
        {ready.objectives.map((o, i) => {
          const d = draft(o);
          const bad = parseFinalScore(d.finalScore) === undefined;
          const uid = `g${i}`;
          return (
            <section class="objective grade" data-objective={o.id} aria-labelledby={`${uid}-h`}>
              <h3 id={`${uid}-h`} class="obj-title">
                {o.title}
              </h3>
              <div class="meta">{`${o.id} · ${o.kind === 'committed' ? 'Committed' : 'Aspirational'} · ${plural(o.keyResults, 'key result')}`}</div>
              <ScoreBar score={o.score} kind={o.kind} label="Live score" />
              <div class="field">
                <label for={`${uid}-final`}>Final score (0–1)</label>
                <input
                  id={`${uid}-final`}
                  name="finalScore"
                  inputmode="decimal"
                  value={d.finalScore}
                  aria-invalid={bad ? 'true' : 'false'}
                  aria-describedby={`${uid}-final-help`}
                  disabled={busy}
                  onInput={(e: Event) => edit(o, { finalScore: (e.target as HTMLInputElement).value })}
                />
                <span id={`${uid}-final-help`} class={bad ? 'error' : 'help'}>
                  {bad ? 'A score from 0 to 1, e.g. 0.7 or 70%.' : `Live score ${scoreText(o.score)}`}
                </span>
              </div>
              <div class="field">
                <label for={`${uid}-learning`}>What we learned</label>
                <input
                  id={`${uid}-learning`}
                  name="learning"
                  maxlength={500}
                  value={d.learning}
                  disabled={busy}
                  onInput={(e: Event) => edit(o, { learning: (e.target as HTMLInputElement).value })}
                />
              </div>
              <label class="check">
                <input type="checkbox" name="carryOn" checked={d.carryOn} disabled={busy} onChange={(e: Event) => edit(o, { carryOn: (e.target as HTMLInputElement).checked })} />
                Carries on next quarter
              </label>
            </section>
          );
        })}
        <div class="buttons">
          <button type="button" class="action" disabled={busy || ready.objectives.length === 0} onClick={() => save(false)}>
            {working === 'saving' ? 'Saving…' : 'Save grades'}
          </button>
        </div>
      </details>

      <details class="step" open={start === 'next'}>
        <summary>
          <h2>2. Start next quarter</h2>
        </summary>
        {ready.next ? (
          <>
            <p class="muted">{`A new tab for ${periodText(ready.next)}, holding the objectives ticked below under new IDs, their key results reset (metrics start where they ended). This tab stays as the record.`}</p>
            <fieldset class="choose">
              <legend>Copy into the next quarter</legend>
              {ready.objectives.map((o) => (
                <label class="check" data-choose={o.id}>
                  <input type="checkbox" checked={isChosen(o)} disabled={busy} onChange={(e: Event) => setChosen((c) => ({ ...c, [o.id]: (e.target as HTMLInputElement).checked }))} />
                  {`${o.id} ${o.title}`}
                </label>
              ))}
            </fieldset>
            <div class="buttons">
              <button type="button" class="action" disabled={busy} onClick={create}>
                {working === 'creating' ? 'Creating…' : `Create the ${ready.next.label || 'next'} tab (${plural(carried, 'objective')})`}
              </button>
            </div>
          </>
        ) : (
          <p class="muted">This tab has no Start and End (nor Settings): set them to count the next period from.</p>
        )}
      </details>
    </main>
  );
}

function OutcomeView({ outcome: o, busy, onOverwrite, onReload }: { outcome: Outcome | null; busy: boolean; onOverwrite: () => void; onReload: () => void }) {
  if (!o) return null;
  switch (o.kind) {
    case 'saved':
      return (
        <div class="notice ok" role="status">
          {`Saved the grades of ${plural(o.saved, 'objective')}.${o.added.length ? ` Added the ${o.added.join(', ')} column${o.added.length === 1 ? '' : 's'} to the tab.` : ''}`}
        </div>
      );
    case 'created':
      return (
        <div class="notice ok" role="status">
          {`Created “${o.sheetName}” for ${periodText(o.period)}${o.copied.length ? `: ${o.copied.map((c) => `${c.from} → ${c.to}`).join(', ')}` : ' (no objectives copied)'}. It is the active tab now.`}
        </div>
      );
    case 'conflict':
      return (
        <div class="notice warn" role="alert">
          <p>{`Nothing was saved: someone changed ${o.titles.join(', ')} since you opened the sidebar.`}</p>
          <div class="buttons">
            <button type="button" class="action" disabled={busy} onClick={onOverwrite}>
              Keep mine
            </button>
            <button type="button" disabled={busy} onClick={onReload}>
              Use theirs
            </button>
          </div>
        </div>
      );
    case 'refused':
    case 'error':
      return (
        <div class="notice error" role="alert">
          {o.message}
        </div>
      );
  }
}
