import { describe, expect, it } from 'vitest';
import { closingLoad, closingSave, openClosingSidebar, openNextQuarterSidebar, startNextQuarter } from '../../apps-script/main.ts';
import type { ClosingData, ClosingObjective, ClosingSaveResult } from '../../apps-script/sidebar/closing-contract.ts';
import { COLUMNS, type ColumnKey } from '../../shared/columns.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import type { AppsScriptFake } from '../fakes/apps-script/index.ts';
import { grid, useAddonFake } from './harness.ts';
import { freezeClock, NOW, setup } from './sidebar-support.ts';

const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
type Ready = Extract<ClosingData, { ok: true }>;
function loaded(): Ready {
  const d = closingLoad();
  if (!d.ok) throw new Error(d.message);
  return d;
}
const grade = (o: ClosingObjective, edit: Partial<{ finalScore: number | null; learning: string; carryOn: boolean | null }>) => ({
  objectiveId: o.id,
  row: o.row,
  rowVersion: o.rowVersion,
  finalScore: o.finalScore,
  learning: o.learning,
  carryOn: o.carryOn,
  ...edit,
});
function ok(r: ClosingSaveResult): Extract<ClosingSaveResult, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
}
/** TEAM-1 half done (activation 0.4 → 0.5 of 0.65, milestone 3/5), TEAM-2 done (rollback yes, survey 100%). */
function scored(f: AppsScriptFake): void {
  setup(f);
  const s = f.sheet('OKRs');
  s.getRange(7, col('current')).setValues([[0.5]]);
  s.getRange(9, col('current')).setValues([[3]]);
  s.getRange(10, col('current'), 2, 1).setValues([['yes'], [1]]);
}

describe('Close the quarter: grade and reflect', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it('the menu items open the one sidebar on its closing and next-quarter views', () => {
    const f = fake();
    openClosingSidebar();
    openNextQuarterSidebar();
    const shown = f.ui.dialogs.map((s) => ({ kind: s.kind, title: s.title, html: s.html }));
    expect(shown.map((s) => s.kind)).toEqual(['sidebar', 'sidebar']);
    expect(shown.map((s) => s.title)).toEqual(['Close the quarter', 'Start next quarter']);
    expect(shown[0]!.html).toContain('<div id="okr-view" data-view="close" hidden></div>');
    expect(shown[1]!.html).toContain('data-view="next"');
  });

  it('loads each objective with its live score and grade, no closing columns yet, and the next period', () => {
    const f = fake();
    scored(f);
    const m = f.counters.measure(() => closingLoad());
    expect(m.byMethod['Range.getValues']).toBe(1);
    const d = m.result as Ready;
    expect(d).toMatchObject({ sheetName: 'OKRs', team: 'Growth', hasColumns: false, next: { label: '2026 Q2', start: '2026-04-01', end: '2026-06-30' } });
    expect(d.objectives.map((o) => [o.id, o.grade, o.finalScore, o.learning, o.carryOn, o.suggestCarry])).toEqual([
      ['TEAM-1', 'red', null, '', null, true],
      ['TEAM-2', 'green', null, '', null, false],
    ]);
    const table = parseOkrTable(grid(f, 'OKRs'), { tab: 'OKRs', cells: 'typed' });
    expect(d.objectives[0]!.score).toBeCloseTo(table.objectives[0]!.score!, 12);
  });

  it('saves final score, learning and carry on: adds the three columns right of the table with notes, writes text as text', () => {
    const f = fake();
    scored(f);
    const before = grid(f, 'OKRs');
    const d = loaded();
    const [a, b] = d.objectives;
    const m = f.counters.measure(() =>
      closingSave({
        sheetName: 'OKRs',
        grades: [grade(a!, { finalScore: 0.35, learning: '+1 onboarding call beats\n docs', carryOn: true }), grade(b!, { finalScore: 1, learning: '007 rollbacks', carryOn: false })],
      }),
    );
    const r = ok(m.result);
    expect(r).toMatchObject({ saved: 2, addedColumns: ['Final Score', 'Learning', 'Carry On'] });
    const after = grid(f, 'OKRs');
    expect(after[5]!.slice(18, 21)).toEqual(['Final Score', 'Learning', 'Carry On']);
    expect(f.sheet('OKRs').getRange(6, 19, 1, 3).getNotes()[0]!.every((n) => n.startsWith('Written when the quarter is closed'))).toBe(true);
    expect(after[6]!.slice(18, 21)).toEqual([0.35, '+1 onboarding call beats docs', 'yes']);
    expect(after[9]!.slice(18, 21)).toEqual([1, '007 rollbacks', 'no']);
    // Nothing else changed: the template's 18 columns are as they were.
    expect(after.map((row) => row.slice(0, 18))).toEqual(before.map((row) => row.slice(0, 18)));
    const table = parseOkrTable(after, { tab: 'OKRs', cells: 'typed' });
    expect(table.problems).toEqual([]);
    expect(table.objectives.map((o) => [o.finalScore, o.learning, o.carryOn])).toEqual([
      [0.35, '+1 onboarding call beats docs', true],
      [1, '007 rollbacks', false],
    ]);
    // Header (values, notes and style in one range) + number format + one block per objective row.
    expect(m.byMethod['Range.setValues']).toBe(3);
    expect(r.data.ok && r.data.hasColumns).toBe(true);
    expect(r.data.ok && r.data.objectives.map((o) => o.suggestCarry)).toEqual([true, false]);
  });

  it('writes only the cells that change, into columns the tab already has, wherever they sit', () => {
    const f = fake();
    scored(f);
    const d = loaded();
    ok(closingSave({ sheetName: 'OKRs', grades: d.objectives.map((o) => grade(o, { finalScore: 0.5, learning: 'x', carryOn: true })) }));
    const again = loaded();
    const same = f.counters.measure(() => closingSave({ sheetName: 'OKRs', grades: again.objectives.map((o) => grade(o, {})) }));
    expect(ok(same.result).addedColumns).toEqual([]);
    expect(same.byMethod['Range.setValues'] ?? 0).toBe(0);
    const one = f.counters.measure(() => closingSave({ sheetName: 'OKRs', grades: [grade(again.objectives[1]!, { learning: 'y' })] }));
    expect(one.byMethod['Range.setValues']).toBe(1);
    expect(grid(f, 'OKRs')[9]!.slice(18, 21)).toEqual([0.5, 'y', 'yes']);
  });

  it('refuses a row someone changed since the load, and overwrites it only when forced', () => {
    const f = fake();
    scored(f);
    ok(closingSave({ sheetName: 'OKRs', grades: [grade(loaded().objectives[0]!, { learning: 'mine' })] }));
    const d = loaded();
    f.sheet('OKRs').getRange(7, 20).setValue('theirs');
    const r = closingSave({ sheetName: 'OKRs', grades: [grade(d.objectives[0]!, { learning: 'mine again' })] });
    expect(r).toMatchObject({ ok: false, reason: 'conflict', conflicts: [{ objectiveId: 'TEAM-1', row: 7 }] });
    expect(grid(f, 'OKRs')[6]![19]).toBe('theirs');
    ok(closingSave({ sheetName: 'OKRs', force: true, grades: [grade(d.objectives[0]!, { learning: 'mine again' })] }));
    expect(grid(f, 'OKRs')[6]![19]).toBe('mine again');
  });

  it('rejects a final score outside 0–1 and a carry on that is not yes/no, writing nothing', () => {
    const f = fake();
    scored(f);
    const before = grid(f, 'OKRs');
    const [a, b] = loaded().objectives;
    const r = closingSave({ sheetName: 'OKRs', grades: [grade(a!, { finalScore: 1.5 }), grade(b!, { carryOn: 'maybe' as unknown as boolean })] });
    expect(r).toMatchObject({ ok: false, reason: 'invalid', errors: [{ objectiveId: 'TEAM-1', field: 'finalScore' }, { objectiveId: 'TEAM-2', field: 'carryOn' }] });
    expect(grid(f, 'OKRs')).toEqual(before);
  });

  it('is busy, saving nothing, while another save holds the document lock', () => {
    const f = fake();
    scored(f);
    const d = loaded();
    f.locks.holdByOther('document');
    const before = grid(f, 'OKRs');
    const r = closingSave({ sheetName: 'OKRs', grades: [grade(d.objectives[0]!, { learning: 'x' })] });
    expect(r).toMatchObject({ ok: false, reason: 'busy' });
    expect(grid(f, 'OKRs')).toEqual(before);
  });
});

describe('Start next quarter', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it('creates OKRs (2) for the next period with the chosen objectives under new IDs, key results reset, and leaves the old tab as it was', () => {
    const f = fake();
    scored(f);
    const before = grid(f, 'OKRs');
    const r = startNextQuarter({ sheetName: 'OKRs', objectiveIds: ['TEAM-1'] });
    expect(r).toEqual({ ok: true, sheetName: 'OKRs (2)', period: { label: '2026 Q2', start: '2026-04-01', end: '2026-06-30' }, copied: [{ from: 'TEAM-1', to: 'TEAM-3' }] });
    expect(grid(f, 'OKRs')).toEqual(before);
    expect(f.spreadsheet.getActiveSheet().getName()).toBe('OKRs (2)');
    expect(f.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'OKRs', 'OKRs (2)', 'Check-ins']);

    const d = loaded();
    expect(d).toMatchObject({ sheetName: 'OKRs (2)', team: 'Growth', period: { label: '2026 Q2', start: '2026-04-01', end: '2026-06-30' } });
    const table = parseOkrTable(grid(f, 'OKRs (2)'), { tab: 'OKRs (2)', cells: 'typed' });
    expect(table.problems).toEqual([]);
    // Owner as the old tab reads it (the template's first key result row holds PM).
    const old = parseOkrTable(before, { tab: 'OKRs', cells: 'typed' }).objectives[0]!;
    expect(table.objectives.map((o) => [o.id, o.title, o.alignsTo, o.kind, o.owner])).toEqual([['TEAM-3', old.title, ['CO-1'], 'aspirational', old.owner]]);
    expect(table.objectives[0]!.keyResults.map((k) => [k.id, k.type, k.start, k.target, k.current, k.confidence, k.owner])).toEqual([
      // A metric starts where it ended; the others keep their Target; Current and Confidence are cleared.
      ['TEAM-3-1', 'metric', 0.5, 0.65, null, null, 'PM'],
      ['TEAM-3-2', 'metric', 3, 1, null, null, 'PM'],
      ['TEAM-3-3', 'milestone', null, 5, null, null, 'PM'],
    ]);
    // The new tab is a full template: its formulas score what is typed next.
    expect(table.objectives[0]!.score).toBe(0);
  });

  it('writes copied free text as text, counts IDs across every OKR tab, and names the next tab by the free-name rule', () => {
    const f = fake();
    setup(f);
    f.sheet('OKRs').getRange(7, col('objective')).setValue("'+1 more happy customers");
    const first = startNextQuarter({ sheetName: 'OKRs', objectiveIds: ['TEAM-1', 'TEAM-2'] });
    expect(first).toMatchObject({ ok: true, sheetName: 'OKRs (2)', copied: [{ from: 'TEAM-1', to: 'TEAM-3' }, { from: 'TEAM-2', to: 'TEAM-4' }] });
    // From the old tab again (a second try): IDs still never reused, a third tab.
    const second = startNextQuarter({ sheetName: 'OKRs', objectiveIds: ['TEAM-2'] });
    expect(second).toMatchObject({ ok: true, sheetName: 'OKRs (3)', copied: [{ from: 'TEAM-2', to: 'TEAM-5' }] });
    expect(grid(f, 'OKRs (2)')[6]![col('objective') - 1]).toBe('+1 more happy customers');
  });

  it('steps the period in the spreadsheet time zone (dates stay the calendar days typed)', () => {
    const f = fake();
    f.spreadsheet.setSpreadsheetTimeZone('Pacific/Auckland');
    scored(f);
    const r = startNextQuarter({ sheetName: 'OKRs', objectiveIds: [] });
    expect(r).toMatchObject({ ok: true, period: { start: '2026-04-01', end: '2026-06-30' } });
    expect(loaded().period).toEqual({ label: '2026 Q2', start: '2026-04-01', end: '2026-06-30' });
  });

  it('refuses objectives that are no longer on the tab, and a tab without a period, creating nothing', () => {
    const f = fake();
    scored(f);
    expect(startNextQuarter({ sheetName: 'OKRs', objectiveIds: ['TEAM-9'] })).toMatchObject({ ok: false, message: expect.stringContaining('TEAM-9 is no longer on') });
    f.properties.document.set('okr.settings', JSON.stringify({ team: 'Growth', period: '', start: '', end: '', mission: '', syncUrl: '' }));
    f.sheet('OKRs').getRange(3, 2, 2, 1).setValues([[''], ['']]);
    expect(startNextQuarter({ sheetName: 'OKRs', objectiveIds: ['TEAM-1'] })).toMatchObject({ ok: false, message: expect.stringContaining('no Start and End') });
    expect(f.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'OKRs', 'Check-ins']);
  });
});
