// The sidebar: load (one server call), edit with live previews, save every change in one call,
// and the outcomes a save can have (saved, conflict, invalid, busy).
import { useEffect, useRef, useState } from 'hono/jsx/dom';
import { elapsedFraction } from '../../shared/status.ts';
import { server } from './client.ts';
import type { Conflict, KrChange, SaveResult, SidebarData, SidebarKeyResult } from './contract.ts';
import { collectChanges, draftState, initialDraft, type Draft, type Field } from './edit.ts';
import { objectivePreview } from './edit.ts';
import { percent, plural, shortDate } from './format.ts';
import { HeadRow, Hints } from './components.tsx';
import { ObjectiveCard, type Panel } from './objective.tsx';

type Ready = Extract<SidebarData, { ok: true }>;

type Phase = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: SidebarData };

type Outcome =
  | { kind: 'saved'; saved: number }
  | { kind: 'refused'; count: number }
  | { kind: 'conflict'; conflicts: Conflict[]; data: SidebarData; changes: KrChange[] }
  | { kind: 'busy'; message: string }
  | { kind: 'invalid'; count: number }
  | { kind: 'error'; message: string }
  | { kind: 'reloaded'; kept: number };

type ServerErrors = Record<string, Partial<Record<Field, string>>>;

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [open, setOpenMap] = useState<Record<string, boolean>>({});
  const [working, setWorking] = useState<'' | 'saving' | 'loading' | 'inserting'>('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [serverErrors, setServerErrors] = useState<ServerErrors>({});
  const noticeRef = useRef<HTMLDivElement>(null);

  const load = (after?: Outcome | null) => {
    setWorking('loading');
    server
      .sidebarLoad()
      .then((data) => {
        setPhase({ kind: 'ready', data });
        setOutcome(after ?? null);
      })
      .catch((e: Error) => {
        setPhase((p) => (p.kind === 'ready' ? p : { kind: 'failed', message: e.message }));
        setOutcome({ kind: 'error', message: `Could not read the sheet: ${e.message}` });
      })
      .finally(() => setWorking(''));
  };

  useEffect(() => load(), []);
  // Move focus to what a save or reload produced, so keyboard and screen-reader users hear it.
  useEffect(() => {
    if (outcome && outcome.kind !== 'refused') noticeRef.current?.focus();
  }, [outcome]);

  if (phase.kind === 'loading') {
    return (
      <main class="sidebar">
        <p class="loading" role="status">
          Loading key results…
        </p>
      </main>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <main class="sidebar">
        <div class="notice error" role="alert">
          <p>{`Could not read the sheet: ${phase.message}`}</p>
          <button type="button" class="action" onClick={() => load()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  const data = phase.data;
  if (!data.ok) {
    const d = data;
    const insert = () => {
      setWorking('inserting');
      server
        .insertTeamOkrs()
        .then(() => load())
        .catch((e: Error) => {
          setWorking('');
          setOutcome({ kind: 'error', message: `Could not insert the template: ${e.message}` });
        });
    };
    return (
      <main class="sidebar">
        <section class="not-okr" aria-labelledby="not-okr-h">
          <h1 id="not-okr-h">{`“${d.sheetName}” is not an OKR table`}</h1>
          <p>{d.message}</p>
          <p class="muted">Insert the team template (objectives, key results and score formulas), then score from here.</p>
          <div class="buttons">
            <button type="button" class="action" disabled={working !== ''} onClick={insert}>
              {working === 'inserting' ? 'Inserting…' : 'Insert team OKR template'}
            </button>
            <button type="button" disabled={working !== ''} onClick={() => load()}>
              Check again
            </button>
          </div>
          {outcome?.kind === 'error' && (
            <p class="error" role="alert">
              {outcome.message}
            </p>
          )}
        </section>
      </main>
    );
  }

  const ready: Ready = data;
  const krById = new Map<string, SidebarKeyResult>();
  for (const o of ready.objectives) for (const kr of o.keyResults) krById.set(kr.id, kr);
  const perObjective = ready.objectives.map((o) => o.keyResults.map((kr) => draftState(kr, drafts[kr.id])));
  const changedCount = perObjective.flat().filter((s) => s.changed).length;
  const busy = working !== '';

  const isOpen = (what: Panel, id: string) => open[`${what}:${id}`];
  const setOpen = (what: Panel, id: string, value: boolean) => setOpenMap((m) => ({ ...m, [`${what}:${id}`]: value }));

  const onInput = (krId: string, field: Field, value: string) => {
    const kr = krById.get(krId);
    if (!kr) return;
    setDrafts((ds) => ({ ...ds, [krId]: { ...(ds[krId] ?? initialDraft(kr)), [field]: value } }));
    setServerErrors((es) => {
      if (!es[krId]?.[field]) return es;
      const { [field]: _gone, ...rest } = es[krId]!;
      return { ...es, [krId]: rest };
    });
    if (outcome?.kind === 'saved' || outcome?.kind === 'reloaded') setOutcome(null);
  };

  const send = (changes: KrChange[], force: boolean) => {
    setWorking('saving');
    server
      .sidebarSave({ sheetName: ready.sheetName, changes, ...(force ? { force: true } : {}) })
      .then((r: SaveResult) => onSaved(r, changes))
      .catch((e: Error) => setOutcome({ kind: 'error', message: `Nothing was saved: ${e.message}` }))
      .finally(() => setWorking(''));
  };

  const onSaved = (r: SaveResult, changes: KrChange[]) => {
    if (r.ok) {
      setPhase({ kind: 'ready', data: r.data });
      setDrafts({});
      setServerErrors({});
      // Close the forms that were saved; open histories stay open and show the new check-in.
      setOpenMap((m) => {
        const next = { ...m };
        for (const c of changes) delete next[`edit:${c.krId}`];
        return next;
      });
      setOutcome({ kind: 'saved', saved: r.saved });
      return;
    }
    if (r.reason === 'conflict') setOutcome({ kind: 'conflict', conflicts: r.conflicts, data: r.data, changes });
    else if (r.reason === 'busy') setOutcome({ kind: 'busy', message: r.message });
    else {
      const errs: ServerErrors = {};
      for (const e of r.errors) {
        errs[e.krId] = { ...errs[e.krId], [e.field]: e.message };
        setOpen('edit', e.krId, true);
      }
      setServerErrors(errs);
      setOutcome({ kind: 'invalid', count: r.errors.length });
    }
  };

  const save = () => {
    const { changes, invalid } = collectChanges(ready, drafts);
    if (invalid.length) {
      for (const id of invalid) setOpen('edit', id, true);
      setOutcome({ kind: 'refused', count: invalid.length });
      return;
    }
    if (changes.length) send(changes, false);
  };

  const useTheirs = (o: Extract<Outcome, { kind: 'conflict' }>) => {
    const conflicted = new Set(o.conflicts.map((c) => c.krId));
    const kept = Object.fromEntries(Object.entries(drafts).filter(([id]) => !conflicted.has(id)));
    setDrafts(kept);
    setPhase({ kind: 'ready', data: o.data });
    setOutcome({ kind: 'reloaded', kept: Object.keys(kept).length });
  };

  const discard = () => {
    setDrafts({});
    setServerErrors({});
    setOutcome(null);
  };

  const elapsed = elapsedFraction(ready.period, new Date(ready.asOf));
  const problems = ready.problems;

  return (
    <main class="sidebar">
      <header class="head">
        <HeadRow title={ready.team || ready.sheetName} busy={busy} reloading={working === 'loading'} onReload={() => load()} />
        <div class="meta">
          {[
            ready.sheetName,
            ready.period ? ready.period.label || `${shortDate(ready.period.start)} – ${shortDate(ready.period.end)}` : 'No period set',
          ].join(' · ')}
        </div>
        {ready.period && elapsed !== null && (
          <div class="time" title={`${shortDate(ready.period.start)} – ${shortDate(ready.period.end)}`}>
            <div class="time-bar" role="img" aria-label={`${percent(elapsed)} of the period has passed`}>
              <span style={`width:${Math.round(elapsed * 100)}%`} />
            </div>
            <span class="meta">{`${percent(elapsed)} of the period gone`}</span>
          </div>
        )}
        {ready.teamPageUrl && (
          // The sidebar is a sandboxed iframe: links must open in a new tab (target _blank or _top),
          // https://developers.google.com/apps-script/guides/html/restrictions#setting_the_link_target_attribute
          <a class="company-link small" href={ready.teamPageUrl} target="_blank" rel="noopener noreferrer">
            {`See ${ready.team || 'this team'} in the company view ↗`}
          </a>
        )}
      </header>

      <div ref={noticeRef} tabindex={-1} class="notice-slot">
        <OutcomeView outcome={outcome} busy={busy} onKeepMine={(o) => send(o.changes, true)} onUseTheirs={useTheirs} onRetry={save} />
      </div>

      {problems.length > 0 && (
        <details class="sheet-problems">
          <summary>{`${plural(problems.length, 'problem')} in this sheet`}</summary>
          <Hints hints={problems} id="sheet-problems" />
        </details>
      )}

      {ready.objectives.length === 0 && <p class="muted">No objectives yet. Add an objective and its key results in the sheet, then reload.</p>}
      {ready.objectives.map((o, i) => (
        <ObjectiveCard
          key={`o${o.row}`}
          o={o}
          uid={`o${i}`}
          period={ready.period}
          asOf={ready.asOf}
          states={perObjective[i]!}
          preview={objectivePreview(o, perObjective[i]!, ready)}
          isOpen={isOpen}
          setOpen={setOpen}
          serverErrors={serverErrors}
          busy={busy}
          onInput={onInput}
        />
      ))}

      <footer class="savebar">
        <span class="meta" aria-live="polite">
          {changedCount ? `${plural(changedCount, 'unsaved change')}` : ready.user ? `Checking in as ${ready.user}` : 'No changes'}
        </span>
        <div class="buttons">
          <button type="button" disabled={busy || changedCount === 0} onClick={discard}>
            Discard
          </button>
          <button type="button" class="action" disabled={busy || changedCount === 0} onClick={save}>
            {working === 'saving' ? 'Saving…' : 'Save'}
          </button>
        </div>
      </footer>
    </main>
  );
}

interface OutcomeProps {
  outcome: Outcome | null;
  busy: boolean;
  onKeepMine: (o: Extract<Outcome, { kind: 'conflict' }>) => void;
  onUseTheirs: (o: Extract<Outcome, { kind: 'conflict' }>) => void;
  onRetry: () => void;
}

function OutcomeView({ outcome: o, busy, onKeepMine, onUseTheirs, onRetry }: OutcomeProps) {
  if (!o) return null;
  switch (o.kind) {
    case 'saved':
      return (
        <div class="notice ok" role="status">
          {`Saved ${plural(o.saved, 'key result')}. Scores below are fresh from the sheet.`}
        </div>
      );
    case 'reloaded':
      return (
        <div class="notice" role="status">
          {`Showing the sheet's current values.${o.kept ? ` Your other ${plural(o.kept, 'change')} ${o.kept === 1 ? 'is' : 'are'} still unsaved.` : ''}`}
        </div>
      );
    case 'refused':
      return (
        <div class="notice error" role="alert">
          {`Nothing was saved: fix the ${plural(o.count, 'key result')} marked below.`}
        </div>
      );
    case 'invalid':
      return (
        <div class="notice error" role="alert">
          {`Nothing was saved: the sheet refused ${plural(o.count, 'value')}. See the messages below.`}
        </div>
      );
    case 'busy':
      return (
        <div class="notice warn" role="alert">
          <p>{`${o.message || 'The sheet is busy.'} Nothing was saved.`}</p>
          <button type="button" class="action" disabled={busy} onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case 'error':
      return (
        <div class="notice error" role="alert">
          {o.message}
        </div>
      );
    case 'conflict':
      return (
        <div class="notice warn conflict" role="alert" aria-labelledby="conflict-h">
          <h2 id="conflict-h">Someone else changed the sheet</h2>
          <p>{`Nothing was saved. ${plural(o.conflicts.length, 'key result')} changed since you opened the sidebar:`}</p>
          {o.conflicts.map((c) => (
            <div class="conflict-kr" data-kr={c.krId}>
              <strong>{c.title || c.krId}</strong>
              <table>
                <thead>
                  <tr>
                    <th scope="col" />
                    <th scope="col">Theirs</th>
                    <th scope="col">Mine</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Current</th>
                    <td>{c.theirs.current || '–'}</td>
                    <td>{c.mine.current || '–'}</td>
                  </tr>
                  <tr>
                    <th scope="row">Confidence</th>
                    <td>{percent(c.theirs.confidence)}</td>
                    <td>{percent(c.mine.confidence)}</td>
                  </tr>
                  {(c.theirs.notes || c.mine.note) && (
                    <tr>
                      <th scope="row">Note</th>
                      <td>{c.theirs.notes || '–'}</td>
                      <td>{c.mine.note || '–'}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          ))}
          <div class="buttons">
            <button type="button" class="action" disabled={busy} onClick={() => onKeepMine(o)}>
              Keep mine
            </button>
            <button type="button" disabled={busy} onClick={() => onUseTheirs(o)}>
              Use theirs
            </button>
          </div>
        </div>
      );
  }
}
