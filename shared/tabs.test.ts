import { describe, expect, it } from 'vitest';
import { MAX_OKR_TABS, pickTabs, skippedTabsMessage } from './tabs.ts';

describe('pickTabs (one rule for the add-on, the folder reader and the Google reader)', () => {
  it('every tab whose name says OKR, in workbook order; the check-ins and People tabs apart', () => {
    expect(pickTabs(['OKRs', 'Check-ins', 'OKRs (2)'])).toEqual({ okr: ['OKRs', 'OKRs (2)'], checkins: 'Check-ins', people: null, skipped: [] });
    expect(pickTabs(['Summary', 'Q3 OKRs', 'Check ins', '2026 Q4 okr'])).toMatchObject({ okr: ['Q3 OKRs', '2026 Q4 okr'], checkins: 'Check ins' });
    // An exact 'OKRs' is no better than any other OKR tab: both are read.
    expect(pickTabs(['Team OKRs', 'OKRs'])).toMatchObject({ okr: ['Team OKRs', 'OKRs'] });
  });

  it('falls back to the first tab that is neither check-ins nor People', () => {
    expect(pickTabs(['Check-ins', 'Q3'])).toEqual({ okr: ['Q3'], checkins: 'Check-ins', people: null, skipped: [] });
    expect(pickTabs(['Sheet1', 'Sheet2'])).toMatchObject({ okr: ['Sheet1'], checkins: null });
    expect(pickTabs(['2026 OKRs', 'checkin'])).toMatchObject({ okr: ['2026 OKRs'], checkins: 'checkin' });
    expect(pickTabs([])).toEqual({ okr: [], checkins: null, people: null, skipped: [] });
    expect(pickTabs(['Check-ins'])).toMatchObject({ okr: [], checkins: 'Check-ins' });
  });

  it('picks the optional People tab, never as an OKR tab', () => {
    expect(pickTabs(['People', 'Check-ins', 'Q3'])).toMatchObject({ okr: ['Q3'], checkins: 'Check-ins', people: 'People' });
    expect(pickTabs(['Emails', 'OKRs'])).toMatchObject({ okr: ['OKRs'], people: 'Emails' });
    expect(pickTabs(['People of Sales OKRs'])).toMatchObject({ okr: ['People of Sales OKRs'], people: null });
  });

  it(`reads at most ${MAX_OKR_TABS} OKR tabs and says which were left out`, () => {
    const names = Array.from({ length: MAX_OKR_TABS + 2 }, (_, i) => `OKRs (${i + 1})`);
    const picked = pickTabs(names);
    expect(picked.okr).toEqual(names.slice(0, MAX_OKR_TABS));
    expect(picked.skipped).toEqual(['OKRs (13)', 'OKRs (14)']);
    expect(skippedTabsMessage('sales.xlsx', picked.skipped)).toBe(
      'sales.xlsx has more than 12 OKR tabs; only the first 12 are read, 2 left out: "OKRs (13)", "OKRs (14)"',
    );
    expect(pickTabs(['a OKR', 'b OKR', 'c OKR'], 2).skipped).toEqual(['c OKR']);
  });
});
