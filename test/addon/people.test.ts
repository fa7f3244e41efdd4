import { describe, expect, it } from 'vitest';
import { insertTeamOkrs, listOwnersForReminders } from '../../apps-script/main.ts';
import { COLUMNS, type ColumnKey } from '../../shared/columns.ts';
import { parsePeople } from '../../shared/people.ts';
import { grid, useAddonFake } from './harness.ts';
import { freezeClock, NOW, setup } from './sidebar-support.ts';

const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;

describe('List owners for reminders', () => {
  freezeClock();
  const fake = useAddonFake({ now: () => NOW });

  it('creates the People tab as the last tab with every owner of the OKR tabs once, in sheet order, and opens it', () => {
    const f = fake();
    setup(f);
    f.sheet('OKRs').getRange(10, col('owner')).setValues([['Sam']]);
    const r = listOwnersForReminders();
    expect(r).toMatchObject({ ok: true, tab: 'People', added: ['PM', 'Sam'] });
    const tabs = f.spreadsheet.getSheets().map((s) => s.getName());
    expect(tabs[tabs.length - 1]).toBe('People');
    expect(f.spreadsheet.getActiveSheet().getName()).toBe('People');
    expect(grid(f, 'People')).toEqual([
      ['Owner', 'Email'],
      ['PM', ''],
      ['Sam', ''],
    ]);
    expect(f.toasts.at(-1)?.message).toBe('2 owners were added to “People”: fill in each e-mail address so the weekly reminder reaches them.');
    // The service reads the tab: each blank address is a problem naming the owner, until filled in.
    const read = parsePeople(grid(f, 'People'), { team: 'Growth', tab: 'People' });
    expect(read.people).toEqual([]);
    expect(read.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      '2 Email: "" is not an e-mail address; PM gets no reminder (expected e.g. name@example.com)',
      '3 Email: "" is not an e-mail address; Sam gets no reminder (expected e.g. name@example.com)',
    ]);
  });

  it('adds only owners not listed yet (names match case-insensitively), below the last row, writing no other cell', () => {
    const f = fake();
    setup(f);
    f.setSheetValues('People', [
      ['Email', 'Name', 'Desk'],
      ['pm@example.com', 'pm', '3F'],
      ['', '', ''],
      ['kim@example.com', 'Kim', '2A'],
    ]);
    // New owners on the OKR tab: one plain name, one written as an address (it needs no row), one
    // that looks like a formula (it must stay text).
    const okrs = f.sheet('OKRs');
    okrs.getRange(8, col('owner'), 3, 1).setValues([['Ana'], ['ana@example.com'], ["'=1+1 crew"]]);
    f.setActiveSheet('OKRs');
    const before = grid(f, 'People');
    const r = listOwnersForReminders();
    expect(r.added).toEqual(['Ana', '=1+1 crew']);
    const after = grid(f, 'People');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      ['', 'Ana', ''],
      ['', '=1+1 crew', ''],
    ]);
    expect(f.sheetFormulas('People').flat().filter((x) => x !== '')).toEqual([]);

    // Run again: everyone is listed, nothing is written.
    const writes = f.counters.measure(() => listOwnersForReminders());
    expect(writes.byMethod.setValues ?? 0).toBe(0);
    expect(grid(f, 'People')).toEqual(after);
    expect(f.toasts.at(-1)?.message).toBe('Every owner on the OKR tabs is listed in “People” already.');
  });

  it('reads every OKR tab by the tab rule the service uses', () => {
    const f = fake();
    setup(f);
    insertTeamOkrs();
    f.sheet('OKRs (2)').getRange(7, col('owner')).setValues([['Zed']]);
    f.setSheetValues('Notes', [['Owner'], ['Not an OKR tab']]);
    expect(listOwnersForReminders().added).toEqual(['PM', 'Zed']);
  });

  it('leaves a People tab without a header as it is', () => {
    const f = fake();
    setup(f);
    f.setSheetValues('People', [['just some notes']]);
    const r = listOwnersForReminders();
    expect(r.ok).toBe(false);
    expect(r.message).toContain('“People” has no Owner and Email header row');
    expect(grid(f, 'People')).toEqual([['just some notes']]);
  });

  it('is busy, changing nothing, while another save holds the document lock', () => {
    const f = fake();
    setup(f);
    f.locks.holdByOther('document');
    const r = listOwnersForReminders();
    expect(r.ok).toBe(false);
    expect(f.spreadsheet.getSheetByName('People')).toBeNull();
  });
});
