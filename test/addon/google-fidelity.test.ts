// The add-on against an Apps Script fake that behaves like Sheets where our code once assumed
// otherwise: spreadsheets east of UTC, strings that Sheets parses as it would typed text, a
// colleague's edits between two saved rows, and insertSheet activating the new tab.
import { describe, expect, it } from 'vitest';
import { saveSettings, sidebarLoad, sidebarSave } from '../../apps-script/main.ts';
import { parseCheckins } from '../../shared/checkins.ts';
import { COLUMNS, type ColumnKey, DEFAULT_CHECKINS_TAB } from '../../shared/columns.ts';
import { grid, useAddonFake } from './harness.ts';
import { change, freezeClock, type Loaded, load, NOW, SETTINGS, setup } from './sidebar-support.ts';

const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
const keyResults = (d: Loaded) => d.objectives.flatMap((o) => o.keyResults);

for (const timeZone of ['Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles']) {
  describe(`dates in a spreadsheet in ${timeZone}`, () => {
    freezeClock();
    const fake = useAddonFake({ now: () => NOW, timeZone });

    it("reads Start and End as the days the sheet shows, not the day before", () => {
      setup(fake());
      expect(fake().spreadsheet.getSpreadsheetTimeZone()).toBe(timeZone);
      expect(load().period).toEqual({ label: '2026 Q1', start: '2026-01-01', end: '2026-03-31' });
    });

    it('Settings writes a date that reads back as the same day, and a second save changes nothing', () => {
      setup(fake());
      const next = { ...SETTINGS, start: '2026-04-01', end: '2026-06-30' };
      expect(saveSettings(next)).toMatchObject({ ok: true, updatedTab: 'OKRs' });
      expect(load().period).toEqual({ label: '2026 Q1', start: '2026-04-01', end: '2026-06-30' });
      expect(saveSettings(next)).toMatchObject({ ok: true, updatedTab: null });
    });
  });
}

describe('free text is written as text', () => {
  freezeClock();
  const typed = ['+1 deal', '- shipped v2', '50%', '007', '2026-01-05', '3/4', '=SUM(1)'];
  const fake = useAddonFake({ now: () => NOW, timeZone: 'Europe/Berlin', user: '+ops@example.com' });

  it('Notes, check-in notes and Person come back exactly as typed', () => {
    const f = fake();
    setup(f);
    // The template has five key results: two saves.
    const saveNotes = (notes: string[]) => {
      const krs = keyResults(load()).slice(0, notes.length);
      expect(sidebarSave({ sheetName: 'OKRs', changes: krs.map((k, i) => change(k, { note: notes[i] as string, confidence: 0.5 })) }).ok).toBe(true);
      const okr = grid(f, 'OKRs');
      expect(krs.map((k) => okr[k.row - 1]?.[col('notes') - 1])).toEqual(notes);
    };
    saveNotes(typed.slice(0, 5));
    saveNotes(typed.slice(5));
    const { checkins } = parseCheckins(grid(f, DEFAULT_CHECKINS_TAB), { team: 'Growth', tab: DEFAULT_CHECKINS_TAB });
    expect(checkins.map((c) => c.note)).toEqual(typed);
    expect(new Set(checkins.map((c) => c.person))).toEqual(new Set(['+ops@example.com']));
    expect(f.sheetFormulas('OKRs').flat().filter((x) => /deal|shipped|SUM\(1\)/.test(String(x)))).toEqual([]);
  });
});

describe('save writes only the changed cells', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it("keeps a colleague's edit to a row between two saved ones, and adjacent rows share one write", () => {
    const f = fake();
    setup(f);
    const data = load();
    const krs = keyResults(data).filter((k) => k.type === 'metric' || k.type === 'manual');
    const [first, middle, last] = [krs[0]!, krs[1]!, krs[krs.length - 1]!];
    // After the load, someone else writes a note on a row this save does not change.
    f.sheet('OKRs').getRange(middle.row, col('notes')).setValue('their note');
    const m = f.counters.measure(() =>
      sidebarSave({
        sheetName: 'OKRs',
        changes: [change(first, { current: first.type === 'manual' ? 0.3 : 3, note: 'mine' }), change(last, { current: last.type === 'manual' ? 0.4 : 4 })],
      }),
    );
    expect(m.result.ok).toBe(true);
    expect(grid(f, 'OKRs')[middle.row - 1]?.[col('notes') - 1]).toBe('their note');
    expect(grid(f, 'OKRs')[first.row - 1]?.[col('notes') - 1]).toBe('mine');
    // first: Current + Notes; last: Current; then the check-ins. Nothing else.
    expect(m.byMethod['Range.setValues']).toBe(4);
    expect(m.byMethod['Range.getFormulas'] ?? 0).toBe(0);
  });

  it('changed cells in adjacent rows of one column go in one setValues', () => {
    const f = fake();
    setup(f);
    const krs = keyResults(load());
    const pair = krs.findIndex((k, i) => krs[i + 1]?.row === k.row + 1 && k.type === 'metric' && krs[i + 1]?.type === 'metric');
    expect(pair).toBeGreaterThanOrEqual(0);
    const [a, b] = [krs[pair]!, krs[pair + 1]!];
    const m = f.counters.measure(() => sidebarSave({ sheetName: 'OKRs', changes: [change(a, { current: 1 }), change(b, { current: 2 })] }));
    expect(m.result.ok).toBe(true);
    expect(m.byMethod['Range.setValues']).toBe(2); // one block of Current, one of check-ins
  });
});

describe('the first save in a spreadsheet without a Check-ins tab', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it('creates the tab but leaves the user on the OKR tab, so the next load still finds the table', () => {
    const f = fake();
    setup(f);
    f.spreadsheet.deleteSheet(f.sheet(DEFAULT_CHECKINS_TAB));
    f.spreadsheet.setActiveSheet(f.sheet('OKRs'));
    const k = keyResults(load()).find((x) => x.type === 'metric')!;
    expect(sidebarSave({ sheetName: 'OKRs', changes: [change(k, { current: 5 })] }).ok).toBe(true);
    expect(f.spreadsheet.getSheetByName(DEFAULT_CHECKINS_TAB)).not.toBeNull();
    expect(f.spreadsheet.getActiveSheet().getName()).toBe('OKRs');
    expect(sidebarLoad().ok).toBe(true);
  });
});
