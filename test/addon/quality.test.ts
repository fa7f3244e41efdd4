import { describe, expect, it } from 'vitest';
import { checkOkrQuality } from '../../apps-script/main.ts';
import { NOTE_PREFIX, stripCheckNote, withCheckNote } from '../../apps-script/quality.ts';
import { COLUMNS, type ColumnKey } from '../../shared/columns.ts';
import type { Cell } from '../../shared/values.ts';
import type { AppsScriptFake } from '../fakes/apps-script/index.ts';
import { useAddonFake } from './harness.ts';

const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;

/** A hand-made OKR tab (no add-on validation) with known problems, rows 6–10. */
function row(cells: Partial<Record<ColumnKey, Cell>>): Cell[] {
  return COLUMNS.map((c) => cells[c.key] ?? '');
}
const SHEET: Cell[][] = [
  ['Team:', 'Sales'],
  ['Start:', '2026-01-01'],
  ['End:', '2026-03-31'],
  [],
  COLUMNS.map((c) => c.header),
  row({
    objectiveId: 'SALES-1',
    objective: 'Grow revenue by 20%',
    keyResult: 'New annual revenue',
    type: 'metric',
    start: 0,
    current: 5,
  }),
  row({
    keyResult: 'Demo calls booked',
    type: '<i>metrc</i>',
    target: 40,
    current: 12,
  }),
  row({ keyResult: 'Referral program live', type: 'binary', current: 'maybe' }),
  row({
    objectiveId: 'SALES-2',
    objective: 'Delight customers',
    keyResult: 'Customer happiness (survey)',
    type: 'manual',
    current: 0.5,
    confidence: 'high',
    weight: -1,
  }),
  row({
    objectiveId: 'SALES-1',
    objective: 'Expand to a new region',
    keyResult: 'Regional launch steps',
    type: 'milestone',
    target: 0,
    current: 1,
  }),
];

const EXPECTED: { code: string; row: number; column: ColumnKey }[] = [
  { code: 'metric-title', row: 6, column: 'objective' },
  { code: 'not-measurable', row: 6, column: 'target' },
  { code: 'unknown-type', row: 7, column: 'type' },
  { code: 'bad-binary', row: 8, column: 'current' },
  { code: 'bad-confidence', row: 9, column: 'confidence' },
  { code: 'negative-weight', row: 9, column: 'weight' },
  { code: 'duplicate-id', row: 10, column: 'objectiveId' },
  { code: 'bad-target', row: 10, column: 'target' },
];

function notesOf(fake: AppsScriptFake): string[][] {
  return fake.sheet('Sales').getDataRange().getNotes();
}

describe('Check OKR quality', () => {
  const fake = useAddonFake(() => ({
    sheets: { Sales: SHEET },
    now: () => new Date('2026-02-01T12:00:00Z'),
  }));

  it('reports every problem with its row and column, in an escaped dialog, and pins notes to the cells', () => {
    const f = fake();
    f.setActiveSheet('Sales');
    // Someone's own notes: on a cell the check marks and on one it does not.
    f.sheet('Sales').getRange(7, col('type')).setNote('Ask Dana about this one');
    f.sheet('Sales').getRange(6, col('notes')).setNote('Context: board asked for this');
    const m = f.counters.measure(() => checkOkrQuality());
    const report = m.result;

    expect(report.isOkrTable).toBe(true);
    for (const e of EXPECTED) {
      expect(report.problems, e.code).toContainEqual(
        expect.objectContaining({
          code: e.code,
          row: e.row,
          column: COLUMNS[col(e.column) - 1]!.header,
        }),
      );
    }
    // Whole-range notes: one read, one write, no per-cell calls.
    expect(m.byMethod['Range.getNotes']).toBe(1);
    expect(m.byMethod['Range.setNotes']).toBe(1);
    expect(m.byMethod['Range.setNote'] ?? 0).toBe(0);

    const notes = notesOf(f);
    for (const p of report.problems) {
      if (p.row === undefined || p.column === undefined) continue;
      const note = notes[p.row - 1]![COLUMNS.findIndex((c) => c.header === p.column)]!;
      expect(note.startsWith(NOTE_PREFIX), `${p.code} note`).toBe(true);
      expect(note).toContain(p.message);
      if (p.why) expect(note).toContain(`Why: ${p.why}`);
    }
    expect(notes[6]![col('type') - 1]).toMatch(/^OKR check: unknown type "<i>metrc<\/i>".*\n\nAsk Dana about this one$/s);
    expect(notes[5]![col('notes') - 1]).toBe('Context: board asked for this');
    expect(notes[0]![0]).toBe('');

    const dialog = f.ui.dialogs.at(-1)!;
    expect(dialog.kind).toBe('modal');
    expect(dialog.title).toContain('Sales');
    expect(dialog.html).toContain('&lt;i&gt;metrc&lt;/i&gt;');
    expect(dialog.html).not.toContain('<i>metrc</i>');
    for (const e of EXPECTED) expect(dialog.html).toContain(`<td>${e.row}</td><td>${COLUMNS[col(e.column) - 1]!.header}</td>`);
    expect(dialog.html).toContain('Why: ');
  });

  it('running it again does not stack notes; fixing the sheet removes them and keeps people’s own', () => {
    const f = fake();
    f.setActiveSheet('Sales');
    const sheet = f.sheet('Sales');
    sheet.getRange(7, col('type')).setNote('Ask Dana about this one');
    checkOkrQuality();
    const first = notesOf(f);
    expect(first.flat().filter((n) => n.startsWith(NOTE_PREFIX)).length).toBeGreaterThanOrEqual(EXPECTED.length);
    expect(checkOkrQuality().notesChanged).toBe(0);
    expect(notesOf(f)).toEqual(first);

    // Fix every problem.
    sheet.getRange(6, col('objective')).setValues([['Grow revenue from our best customers']]);
    sheet.getRange(6, col('target')).setValues([[100]]);
    sheet.getRange(7, col('type')).setValues([['metric']]);
    sheet.getRange(8, col('current')).setValues([['yes']]);
    sheet.getRange(9, col('confidence'), 1, 1).setValues([['80%']]);
    sheet.getRange(9, col('weight')).setValues([[1]]);
    sheet.getRange(10, col('objectiveId')).setValues([['SALES-3']]);
    sheet.getRange(10, col('target')).setValues([[3]]);
    const report = checkOkrQuality();
    expect(report.problems).toEqual([]);
    expect(report.notesChanged).toBe(first.flat().filter((n) => n.startsWith(NOTE_PREFIX)).length);
    const notes = notesOf(f);
    expect(notes.flat().filter((n) => n.startsWith(NOTE_PREFIX))).toEqual([]);
    expect(notes[6]![col('type') - 1]).toBe('Ask Dana about this one');
    expect(f.ui.dialogs.at(-1)!.html).toContain('No problems found');
  });

  it('on a tab without an OKR table it says so and marks nothing', () => {
    const f = fake();
    f.setSheetValues('Notes', [['Shopping list'], ['milk']]);
    f.setActiveSheet('Notes');
    const report = checkOkrQuality();
    expect(report.isOkrTable).toBe(false);
    expect(report.notesChanged).toBe(0);
    expect(f.ui.dialogs.at(-1)!.html).toContain('holds no OKR table');
  });
});

describe('check notes', () => {
  it('strip exactly what they add', () => {
    const lines = [`${NOTE_PREFIX}Target is blank`, 'Why: because'];
    expect(stripCheckNote(withCheckNote('', lines))).toBe('');
    expect(stripCheckNote(withCheckNote('mine\n\nwith a blank line', lines))).toBe('mine\n\nwith a blank line');
    expect(stripCheckNote('mine')).toBe('mine');
  });
});
