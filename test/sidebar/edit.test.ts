// The sidebar's input reading and live preview (pure; no browser needed).
import { describe, expect, it } from 'vitest';
import { objectiveScore, scoreKeyResult } from '../../shared/scoring.ts';
import type { SidebarData, SidebarKeyResult, SidebarObjective } from '../../apps-script/sidebar/contract.ts';
import { collectChanges, draftState, initialDraft, objectivePreview, readCurrent, readPercent } from '../../apps-script/sidebar/edit.ts';

function kr(over: Partial<SidebarKeyResult> = {}): SidebarKeyResult {
  const base: SidebarKeyResult = {
    id: 'T-1-1',
    objectiveId: 'T-1',
    title: 'Activation from 40% to 65%',
    owner: 'Ana',
    type: 'metric',
    typeRaw: 'metric',
    start: 0.4,
    target: 0.65,
    current: 0.5,
    currentRaw: '50%',
    weight: 1,
    confidence: 0.6,
    notes: '',
    row: 8,
    score: 0.4,
    progress: 0.4,
    state: 'scored',
    rowVersion: 'v1',
    history: [],
  };
  return { ...base, ...over };
}

function objective(krs: SidebarKeyResult[]): SidebarObjective {
  return {
    id: 'T-1',
    title: 'Delight new customers',
    kind: 'aspirational',
    row: 8,
    owner: 'Ana',
    score: objectiveScore(krs),
    grade: null,
    status: 'on-track',
    expected: 0.35,
    hints: [],
    keyResults: krs,
  };
}

function data(objectives: SidebarObjective[]): Extract<SidebarData, { ok: true }> {
  return {
    ok: true,
    sheetName: 'OKRs',
    team: 'Growth',
    period: { start: '2026-01-01', end: '2026-03-31' },
    asOf: '2026-02-15T12:00:00.000Z',
    user: 'ana@example.com',
    teamPageUrl: null,
    objectives,
    problems: [],
  };
}

describe('reading what the manager types', () => {
  it('reads percentages with or without the sign, and refuses the rest', () => {
    expect(readPercent('80')).toEqual({ ok: true, value: 0.8 });
    expect(readPercent(' 75% ')).toEqual({ ok: true, value: 0.75 });
    expect(readPercent('')).toEqual({ ok: true, value: null });
    expect(readPercent('120')).toEqual({ ok: false, message: 'Enter 0–100%' });
    expect(readPercent('-5')).toMatchObject({ ok: false });
    expect(readPercent('lots')).toMatchObject({ ok: false });
  });

  it('reads Current by the key result type, as the sheet does', () => {
    expect(readCurrent({ type: 'metric' }, '1,200')).toEqual({ ok: true, value: { send: 1200, score: 1200 } });
    expect(readCurrent({ type: 'metric' }, '52%')).toEqual({ ok: true, value: { send: 0.52, score: 0.52 } });
    expect(readCurrent({ type: 'metric' }, 'about 5')).toEqual({ ok: false, message: 'Enter a number' });
    expect(readCurrent({ type: 'milestone' }, '-1')).toMatchObject({ ok: false });
    expect(readCurrent({ type: 'binary' }, 'yes')).toEqual({ ok: true, value: { send: 'yes', score: 1 } });
    expect(readCurrent({ type: 'binary' }, 'no')).toEqual({ ok: true, value: { send: 'no', score: 0 } });
    expect(readCurrent({ type: 'manual' }, '70')).toEqual({ ok: true, value: { send: 0.7, score: 0.7 } });
    expect(readCurrent({ type: 'manual' }, '170')).toMatchObject({ ok: false, message: 'Enter a score of 0–100%' });
    expect(readCurrent({ type: null }, '3')).toMatchObject({ ok: false });
  });
});

describe('draft state and live preview', () => {
  it('an untouched form is no change', () => {
    const k = kr();
    const s = draftState(k, initialDraft(k));
    expect(s).toMatchObject({ changed: false, change: null, errors: {} });
    expect(s.preview.score).toBe(k.score);
  });

  it('a new metric value previews the shared score and becomes one change', () => {
    const k = kr();
    const s = draftState(k, { ...initialDraft(k), current: '60%', note: 'New onboarding email' });
    const expected = scoreKeyResult({ type: 'metric', start: 0.4, target: 0.65, current: 0.6 });
    expect(s.preview).toEqual(expected);
    expect(s.preview.score).toBeCloseTo(0.8, 10);
    expect(s.change).toEqual({ krId: 'T-1-1', row: 8, rowVersion: 'v1', current: 0.6, confidence: 0.6, note: 'New onboarding email' });
  });

  it('keeps the rowVersion the edit started from', () => {
    const k = kr({ rowVersion: 'v2' });
    const s = draftState(k, { current: '0.55', confidence: '60', note: '', rowVersion: 'v1' });
    expect(s.change?.rowVersion).toBe('v1');
  });

  it('explains and refuses a value it cannot read', () => {
    const k = kr();
    const s = draftState(k, { ...initialDraft(k), current: 'about half' });
    expect(s.errors.current).toBe('Enter a number');
    expect(s.changed).toBe(true);
    expect(s.change).toBeNull();
    const c = draftState(k, { ...initialDraft(k), confidence: '150' });
    expect(c.errors.confidence).toMatch(/0–100%/);
    expect(c.change).toBeNull();
  });

  it('refuses a value for a key result without a Target, with the reason', () => {
    const k = kr({ target: null, current: null, currentRaw: '', score: null, progress: null, state: 'no-target' });
    const s = draftState(k, { ...initialDraft(k), current: '5' });
    expect(s.errors.current).toBe('Target is blank: this key result cannot be scored.');
    expect(s.change).toBeNull();
  });

  it('a confidence-only check-in re-sends Current as it is', () => {
    const k = kr();
    const s = draftState(k, { ...initialDraft(k), confidence: '80' });
    expect(s.change).toMatchObject({ current: 0.5, confidence: 0.8 });
    const b = kr({ type: 'binary', typeRaw: 'binary', current: 1, currentRaw: 'yes', start: null, target: null, score: 1 });
    expect(draftState(b, { ...initialDraft(b), confidence: '90' }).change).toMatchObject({ current: 'yes', confidence: 0.9 });
  });

  it('previews the objective score as the weighted mean of the previewed key results', () => {
    const a = kr();
    const b = kr({ id: 'T-1-2', type: 'milestone', typeRaw: 'milestone', start: null, target: 4, current: 1, currentRaw: '1', score: 0.25, weight: 3 });
    const o = objective([a, b]);
    const d = data([o]);
    const states = [draftState(a, undefined), draftState(b, { ...initialDraft(b), current: '3' })];
    const p = objectivePreview(o, states, d);
    expect(p.changed).toBe(true);
    expect(p.score).toBeCloseTo((0.4 * 1 + 0.75 * 3) / 4, 10);
    expect(['on-track', 'at-risk', 'off-track']).toContain(p.status);
    // Untouched: the server's numbers stand.
    expect(objectivePreview(o, [draftState(a, undefined), draftState(b, undefined)], d)).toEqual({ score: o.score, status: 'on-track', expected: 0.35, changed: false });
  });

  it('collects every change for one save, and names the key results that stop it', () => {
    const a = kr();
    const b = kr({ id: 'T-1-2', row: 9, rowVersion: 'w1' });
    const d = data([objective([a, b])]);
    expect(collectChanges(d, { 'T-1-1': { ...initialDraft(a), current: '0.6' }, 'T-1-2': { ...initialDraft(b), note: 'on it' } })).toEqual({
      changes: [
        { krId: 'T-1-1', row: 8, rowVersion: 'v1', current: 0.6, confidence: 0.6, note: '' },
        { krId: 'T-1-2', row: 9, rowVersion: 'w1', current: 0.5, confidence: 0.6, note: 'on it' },
      ],
      invalid: [],
    });
    expect(collectChanges(d, { 'T-1-2': { ...initialDraft(b), current: 'x' } })).toEqual({ changes: [], invalid: ['T-1-2'] });
  });
});
