import { describe, expect, it } from 'vitest';
import { sidebarLoad, sidebarSave } from '../../apps-script/main.ts';
import type { SaveResult, SidebarData, SidebarKeyResult } from '../../apps-script/sidebar/contract.ts';
import { parseCheckins } from '../../shared/checkins.ts';
import { COLUMNS, type ColumnKey, DEFAULT_CHECKINS_TAB } from '../../shared/columns.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import { gradeFor } from '../../shared/grades.ts';
import { scoreKeyResult } from '../../shared/scoring.ts';
import { statusAgainstTime } from '../../shared/status.ts';
import { CHECKIN_HEADERS } from '../../shared/template.ts';
import type { AppsScriptFake } from '../fakes/apps-script/index.ts';
import { grid, useAddonFake } from './harness.ts';
import { change, freezeClock, load, NOW, setup } from './sidebar-support.ts';

const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
const krs = (d: SidebarData) => (d.ok ? d.objectives.flatMap((o) => o.keyResults) : []);
const kr = (d: SidebarData, id: string): SidebarKeyResult => {
  const found = krs(d).find((k) => k.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
function expectOk(r: SaveResult): Extract<SaveResult, { ok: true }> {
  if (!r.ok) throw new Error(`save failed: ${JSON.stringify(r)}`);
  return r;
}
const cell = (f: AppsScriptFake, row: number, key: ColumnKey) => grid(f, 'OKRs')[row - 1]![col(key) - 1];


describe('sidebarLoad', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it('returns every objective with scored key results, grades, status against time, hints and the user', () => {
    const f = fake();
    setup(f);
    const sheet = f.sheet('OKRs');
    sheet.getRange(7, col('current')).setValues([[0.5]]);
    sheet.getRange(9, col('current')).setValues([[4]]);
    const m = f.counters.measure(() => sidebarLoad());
    const data = m.result;
    if (!data.ok) throw new Error('not ok');
    // One read of the OKR tab, one of Check-ins.
    expect(m.byMethod['Range.getValues']).toBe(2);
    expect(data).toMatchObject({
      sheetName: 'OKRs',
      team: 'Growth',
      user: 'user@example.com',
      asOf: NOW.toISOString(),
      period: { label: '2026 Q1', start: '2026-01-01', end: '2026-03-31' },
    });

    const table = parseOkrTable(grid(f, 'OKRs'), { tab: 'OKRs' });
    expect(data.objectives.map((o) => o.id)).toEqual(table.objectives.map((o) => o.id));
    for (const [i, o] of data.objectives.entries()) {
      const t = table.objectives[i]!;
      expect(o.score).toBeCloseTo(t.score!, 12);
      expect(o.grade).toBe(gradeFor(t.score, t.kind));
      const expected = statusAgainstTime({
        score: t.score,
        kind: t.kind,
        checkedIn: t.checkedIn,
        period: { start: '2026-01-01', end: '2026-03-31' },
        asOf: NOW,
      });
      expect({ status: o.status, expected: o.expected }).toEqual(expected);
      for (const k of o.keyResults) {
        const s = scoreKeyResult({
          type: k.type,
          start: k.start,
          target: k.target,
          current: k.current,
        });
        expect(k.score).toBe(s.score);
        expect(k.rowVersion).toMatch(/^[0-9a-f]{16}$/);
        expect(k.history).toEqual([]);
      }
    }
    expect(kr(data, 'TEAM-1-1')).toMatchObject({
      current: 0.5,
      score: expect.closeTo(0.4, 12),
      row: 7,
      owner: 'PM',
      state: 'scored',
    });
    expect(new Set(krs(data).map((k) => k.rowVersion)).size).toBe(krs(data).length);
  });

  it('attaches quality hints to their objective', () => {
    const f = fake();
    setup(f);
    f.sheet('OKRs')
      .getRange(7, col('target'))
      .setValues([['']]);
    const data = load();
    expect(data.objectives[0]!.hints.map((h) => h.code)).toContain('not-measurable');
    expect(data.objectives[0]!.hints[0]!.why).toBeTruthy();
    expect(data.objectives[1]!.hints).toEqual([]);
  });

  it('opens on the OKR tab by the shared tab rule when the active tab is another one (Check-ins, Guide)', () => {
    const f = fake();
    setup(f);
    f.setSheetValues('Notes', [['just', 'a', 'list']]);
    for (const other of ['Check-ins', 'Notes']) {
      f.setActiveSheet(other);
      const data = load();
      expect(data.sheetName).toBe('OKRs');
      expect(data.objectives.length).toBeGreaterThan(0);
    }
  });

  it('says when the active tab holds no OKR table', () => {
    const f = fake();
    f.setSheetValues('Sheet1', [['just', 'a', 'list']]);
    f.setActiveSheet('Sheet1');
    expect(sidebarLoad()).toMatchObject({
      ok: false,
      reason: 'not-okr-table',
      sheetName: 'Sheet1',
    });
  });
});

describe('sidebarLoad in a consumer account', () => {
  const fake = useAddonFake({ user: '' });

  it('falls back to "unknown" when the account hides the email', () => {
    setup(fake());
    expect(load().user).toBe('unknown');
  });
});

describe('sidebarSave', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it('writes Current, Confidence and Notes, keeps the formulas, appends one check-in per change', () => {
    const f = fake();
    setup(f);
    const formulasBefore = f.sheetFormulas('OKRs');
    const data = load();
    const metric = kr(data, 'TEAM-1-1');
    const binary = kr(data, 'TEAM-2-1');
    const m = f.counters.measure(() =>
      sidebarSave({
        sheetName: 'OKRs',
        changes: [
          change(metric, {
            current: 0.55,
            confidence: 0.7,
            note: 'New onboarding emails live',
          }),
          change(binary, { current: 'yes', confidence: 1, note: '' }),
        ],
      }),
    );
    const r = expectOk(m.result);
    expect(r.saved).toBe(2);
    // Only the changed cells: Current, Confidence, Notes of one row, Current and Confidence of the
    // other (a blank note is not written), none adjacent; then the check-ins.
    expect(m.byMethod['Range.setValues']).toBe(6);
    expect(f.locks.state('document')).toMatchObject({
      held: false,
      acquisitions: 1,
      releases: 1,
    });

    expect(cell(f, metric.row, 'current')).toBe(0.55);
    expect(cell(f, metric.row, 'confidence')).toBe(0.7);
    expect(cell(f, metric.row, 'notes')).toBe('New onboarding emails live');
    expect(cell(f, binary.row, 'current')).toBe('yes');
    expect(cell(f, binary.row, 'notes')).toBe(''); // a blank note leaves Notes alone
    // Formulas anywhere in the table are untouched, the Score cells recomputed.
    expect(f.sheetFormulas('OKRs')).toEqual(formulasBefore);
    expect(cell(f, metric.row, 'score')).toBeCloseTo(0.6, 12);

    const checkins = grid(f, DEFAULT_CHECKINS_TAB);
    expect(checkins).toHaveLength(3);
    expect(checkins[0]).toEqual([...CHECKIN_HEADERS]);
    const [c1, c2] = parseCheckins(checkins, {
      team: 'Growth',
      tab: DEFAULT_CHECKINS_TAB,
    }).checkins;
    expect(c1).toMatchObject({
      timestamp: NOW.toISOString(),
      person: 'user@example.com',
      objectiveId: 'TEAM-1',
      krId: 'TEAM-1-1',
      before: '',
      after: '0.55',
      confidence: 0.7,
      note: 'New onboarding emails live',
    });
    expect(c1!.score).toBeCloseTo(0.6, 12);
    expect(c2).toMatchObject({
      objectiveId: 'TEAM-2',
      krId: 'TEAM-2-1',
      before: '',
      after: 'yes',
      score: 1,
      confidence: 1,
    });

    // The fresh data: new values, new versions, the history.
    const fresh = r.data;
    expect(kr(fresh, 'TEAM-1-1')).toMatchObject({
      current: 0.55,
      confidence: 0.7,
      notes: 'New onboarding emails live',
      score: expect.closeTo(0.6, 12),
    });
    expect(kr(fresh, 'TEAM-1-1').rowVersion).not.toBe(metric.rowVersion);
    expect(kr(fresh, 'TEAM-1-2').rowVersion).toBe(kr(data, 'TEAM-1-2').rowVersion);
    expect(kr(fresh, 'TEAM-1-1').history).toEqual([
      {
        timestamp: NOW.toISOString(),
        person: 'user@example.com',
        before: '',
        after: '0.55',
        score: expect.closeTo(0.6, 12),
        confidence: 0.7,
        note: 'New onboarding emails live',
      },
    ]);

    // A second check-in lands after the first; the history is newest first.
    const again = expectOk(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [
          change(kr(fresh, 'TEAM-1-1'), {
            current: 0.6,
            confidence: 0.8,
            note: 'Week 7',
          }),
        ],
      }),
    );
    expect(grid(f, DEFAULT_CHECKINS_TAB)).toHaveLength(4);
    expect(kr(again.data, 'TEAM-1-1').history.map((h) => [h.before, h.after])).toEqual([
      ['0.55', '0.6'],
      ['', '0.55'],
    ]);
  });

  it('only touches the edited columns of the changed rows, even with formulas and text that looks like one in between', () => {
    const f = fake();
    setup(f);
    const sheet = f.sheet('OKRs');
    sheet.getRange(8, col('current')).setFormula('=1+1');
    sheet.getRange(8, col('notes')).setValues([["'=not a formula"]]);
    const data = load();
    expectOk(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [
          change(kr(data, 'TEAM-1-1'), {
            current: 0.5,
            note: '=HYPERLINK("x")',
          }),
          change(kr(data, 'TEAM-1-3'), { current: 2 }),
        ],
      }),
    );
    expect(f.sheetFormulas('OKRs')[7]![col('current') - 1]).toBe('=1+1');
    expect(cell(f, 8, 'notes')).toBe('=not a formula');
    expect(f.sheetFormulas('OKRs')[7]![col('notes') - 1]).toBe('');
    expect(cell(f, 7, 'notes')).toBe('=HYPERLINK("x")');
    expect(f.sheetFormulas('OKRs')[6]![col('notes') - 1]).toBe('');
    expect(cell(f, 9, 'current')).toBe(2);
  });

  it('writes nothing and returns the conflicts when a row changed since it was loaded', () => {
    const f = fake();
    setup(f);
    const data = load();
    // Someone else checks in TEAM-1-1 meanwhile.
    f.sheet('OKRs')
      .getRange(7, col('current'))
      .setValues([[0.6]]);
    const before = f.sheetValues('OKRs');
    const checkinsBefore = f.sheetValues(DEFAULT_CHECKINS_TAB);
    const r = sidebarSave({
      sheetName: 'OKRs',
      changes: [
        change(kr(data, 'TEAM-1-1'), {
          current: 0.45,
          confidence: 0.5,
          note: 'mine',
        }),
        change(kr(data, 'TEAM-1-3'), { current: 1 }),
      ],
    });
    expect(r).toMatchObject({
      ok: false,
      reason: 'conflict',
      conflicts: [
        {
          krId: 'TEAM-1-1',
          row: 7,
          title: 'Activation rate from 40% to 65%',
          theirs: { current: '0.6', confidence: null, notes: '' },
          mine: { current: '0.45', confidence: 0.5, note: 'mine' },
        },
      ],
    });
    expect(f.sheetValues('OKRs')).toEqual(before);
    expect(f.sheetValues(DEFAULT_CHECKINS_TAB)).toEqual(checkinsBefore);
    if (r.ok || r.reason !== 'conflict') throw new Error('expected a conflict');
    expect(kr(r.data, 'TEAM-1-1').current).toBe(0.6);
    expect(f.locks.state('document').held).toBe(false);

    // "Keep mine": force overwrites.
    const forced = expectOk(
      sidebarSave({
        sheetName: 'OKRs',
        force: true,
        changes: [
          change(kr(data, 'TEAM-1-1'), {
            current: 0.45,
            confidence: 0.5,
            note: 'mine',
          }),
        ],
      }),
    );
    expect(cell(f, 7, 'current')).toBe(0.45);
    expect(kr(forced.data, 'TEAM-1-1').history[0]).toMatchObject({
      before: '0.6',
      after: '0.45',
    });
  });

  it('finds a key result that moved (rows inserted above) and saves it in its new row', () => {
    const f = fake();
    setup(f);
    const data = load();
    f.sheet('OKRs').insertRowsBefore(7, 2);
    const r = expectOk(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [change(kr(data, 'TEAM-1-1'), { current: 0.5 })],
      }),
    );
    expect(cell(f, 9, 'current')).toBe(0.5);
    expect(kr(r.data, 'TEAM-1-1').row).toBe(9);
  });

  it('sees a different key result in the row as a conflict, not as the same one', () => {
    const f = fake();
    setup(f);
    const data = load();
    f.sheet('OKRs')
      .getRange(7, col('keyResult'))
      .setValues([['Something else entirely']]);
    expect(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [change(kr(data, 'TEAM-1-1'), { current: 0.5 })],
      }),
    ).toMatchObject({ ok: false, reason: 'conflict' });
  });

  it('rejects invalid input field by field, writing nothing', () => {
    const f = fake();
    setup(f);
    f.sheet('OKRs')
      .getRange(8, col('target'))
      .setValues([['']]);
    const data = load();
    const before = f.sheetValues('OKRs');
    const r = sidebarSave({
      sheetName: 'OKRs',
      changes: [
        change(kr(data, 'TEAM-1-2'), { current: 2 }), // metric without a target
        change(kr(data, 'TEAM-2-2'), { current: 1.5 }), // manual above 100%
        change(kr(data, 'TEAM-2-1'), { current: 'maybe' }), // binary
        change(kr(data, 'TEAM-1-1'), { current: 'lots', confidence: 2 }),
        change(kr(data, 'TEAM-1-3'), { current: -1, note: 'x'.repeat(5000) }),
        { ...change(kr(data, 'TEAM-1-3'), {}), krId: 'NOPE-9' },
      ],
    });
    if (r.ok || r.reason !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(r).slice(0, 200)}`);
    const by = (krId: string, field: string) => r.errors.filter((e) => e.krId === krId && e.field === field).map((e) => e.message);
    expect(by('TEAM-1-2', 'current')).toEqual(['Target is blank: this key result cannot be scored.']);
    expect(by('TEAM-2-2', 'current')[0]).toMatch(/between 0% and 100%/);
    expect(by('TEAM-2-1', 'current')[0]).toMatch(/not yes or no/);
    expect(by('TEAM-1-1', 'confidence')[0]).toMatch(/between 0% and 100%/);
    expect(by('TEAM-1-3', 'note')[0]).toMatch(/too long/);
    expect(by('TEAM-1-3', 'current')).toEqual(['Milestones done cannot be negative.']);
    expect(by('NOPE-9', 'current')[0]).toMatch(/no longer on “OKRs”/);
    expect(f.sheetValues('OKRs')).toEqual(before);

    const r2 = sidebarSave({
      sheetName: 'OKRs',
      changes: [
        change(kr(data, 'TEAM-1-1'), { current: 'lots' }),
        change(kr(data, 'TEAM-1-3'), { current: -1 }),
        { ...change(kr(data, 'TEAM-1-1'), {}), krId: 'NOPE-9' },
      ],
    });
    if (r2.ok || r2.reason !== 'invalid') throw new Error('expected invalid');
    expect(r2.errors.map((e) => [e.krId, e.message])).toEqual([
      ['TEAM-1-1', 'Current “lots” is not a number.'],
      ['TEAM-1-3', 'Milestones done cannot be negative.'],
      ['NOPE-9', expect.stringMatching(/no longer on “OKRs”/)],
    ]);
    expect(f.sheetValues('OKRs')).toEqual(before);
    expect(grid(f, DEFAULT_CHECKINS_TAB)).toHaveLength(1);
  });

  it('returns busy, writing nothing, when another save holds the document lock', () => {
    const f = fake();
    setup(f);
    const data = load();
    f.locks.holdByOther('document');
    const before = f.sheetValues('OKRs');
    expect(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [change(kr(data, 'TEAM-1-1'), { current: 0.5 })],
      }),
    ).toMatchObject({ ok: false, reason: 'busy' });
    expect(f.sheetValues('OKRs')).toEqual(before);
    expect(f.locks.state('document').timeouts).toBe(1);
    f.locks.holdByOther('document', false);
    expectOk(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [change(kr(data, 'TEAM-1-1'), { current: 0.5 })],
      }),
    );
  });

  it('recreates a deleted Check-ins tab and keeps a checkbox cell boolean', () => {
    const f = fake();
    setup(f);
    f.spreadsheet.deleteSheet(f.sheet(DEFAULT_CHECKINS_TAB));
    f.sheet('OKRs')
      .getRange(10, col('current'))
      .setValues([[false]]);
    const data = load();
    expectOk(
      sidebarSave({
        sheetName: 'OKRs',
        changes: [change(kr(data, 'TEAM-2-1'), { current: 'yes' })],
      }),
    );
    expect(cell(f, 10, 'current')).toBe(true);
    const rows = grid(f, DEFAULT_CHECKINS_TAB);
    expect(rows[0]).toEqual([...CHECKIN_HEADERS]);
    expect(rows[1]!.slice(2, 6)).toEqual(['TEAM-2', 'TEAM-2-1', 'no', 'yes']);
  });

  it('reports a tab that is gone', () => {
    fake();
    expect(
      sidebarSave({
        sheetName: 'Nope',
        changes: [
          {
            krId: 'A-1',
            row: 7,
            rowVersion: 'x',
            current: 1,
            confidence: null,
            note: '',
          },
        ],
      }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ krId: 'A-1', message: expect.stringMatching(/no longer exists/) }],
    });
  });
});
