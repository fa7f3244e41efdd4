import { describe, expect, it } from 'vitest';
import { insertCompanyOkrs, insertTeamOkrs, openSettings, saveSettings } from '../../apps-script/main.ts';
import { EMPTY_SETTINGS, parseStoredSettings, SETTINGS_PROPERTY, validateSettings } from '../../apps-script/settings.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import { grid, useAddonFake } from './harness.ts';

const VALID = {
  team: 'Growth',
  period: '2026 Q1',
  start: '2026-01-01',
  end: '2026-03-31',
  mission: 'Help every team focus',
  syncUrl: 'https://okr.example.com/api',
};

describe('validateSettings', () => {
  it('accepts complete settings and normalizes dates', () => {
    expect(
      validateSettings({
        ...VALID,
        start: 'Jan 1, 2026',
        end: '3/31/2026',
        team: '  Growth  ',
      }),
    ).toEqual({ ok: true, settings: VALID });
    expect(validateSettings({})).toEqual({
      ok: true,
      settings: EMPTY_SETTINGS,
    });
    expect(validateSettings({ ...VALID, syncUrl: 'http://localhost:8787' }).ok).toBe(true);
  });

  it('rejects bad dates, a backwards period, half a period and bad URLs, field by field', () => {
    const errors = (input: object) => {
      const r = validateSettings(input);
      return r.ok ? [] : r.errors.map((e) => e.field);
    };
    expect(errors({ ...VALID, start: 'soon' })).toEqual(['start']);
    expect(errors({ ...VALID, start: '2026-04-01' })).toEqual(['end']);
    expect(errors({ ...VALID, end: '' })).toEqual(['end']);
    expect(errors({ ...VALID, syncUrl: 'okr.example.com' })).toEqual(['syncUrl']);
    expect(errors({ ...VALID, syncUrl: 'http://okr.example.com' })).toEqual(['syncUrl']);
    expect(errors({ ...VALID, syncUrl: 'javascript:alert(1)' })).toEqual(['syncUrl']);
    expect(errors({ ...VALID, team: 'x'.repeat(101) })).toEqual(['team']);
    expect(errors({ ...VALID, team: 42 })).toEqual(['team']);
  });

  it('reads a damaged stored value as empty settings', () => {
    expect(parseStoredSettings('{nope')).toEqual(EMPTY_SETTINGS);
    expect(parseStoredSettings(JSON.stringify({ team: 7, period: 'Q1' }))).toEqual({ ...EMPTY_SETTINGS, period: 'Q1' });
  });
});

describe('Settings…', () => {
  const fake = useAddonFake();

  it('opens a dialog with the stored values, escaped', () => {
    const f = fake();
    f.properties.document.set(SETTINGS_PROPERTY, JSON.stringify({ ...VALID, team: 'R&D <core>' }));
    openSettings();
    const dialog = f.ui.dialogs.at(-1)!;
    expect(dialog.kind).toBe('modal');
    expect(dialog.html).toContain('value="R&amp;D &lt;core&gt;"');
    expect(dialog.html).not.toContain('<core>');
    expect(dialog.html).toContain('google.script.run');
    expect(dialog.html).toContain('.saveSettings(form)');
  });

  it('saves to the document properties and updates the active OKR tab’s title cells', () => {
    const f = fake();
    insertTeamOkrs();
    const r = saveSettings(VALID);
    expect(r).toEqual({ ok: true, settings: VALID, updatedTab: 'OKRs' });
    expect(JSON.parse(f.properties.document.get(SETTINGS_PROPERTY)!)).toEqual(VALID);
    const table = parseOkrTable(grid(f, 'OKRs'), { tab: 'OKRs' });
    // A team tab has no Mission cell, and gets none.
    expect(table.meta).toEqual({
      team: 'Growth',
      period: '2026 Q1',
      start: '2026-01-01',
      end: '2026-03-31',
    });
    expect(table.problems).toEqual([]);
    expect(table.objectives).toHaveLength(2);
  });

  it('updates Mission on a company tab and inline "Key: value" cells', () => {
    const f = fake();
    insertCompanyOkrs();
    f.sheet('Company OKRs')
      .getRange(2, 1, 1, 2)
      .setValues([['Period: 2025 Q4', '']]);
    expect(saveSettings(VALID)).toMatchObject({
      ok: true,
      updatedTab: 'Company OKRs',
    });
    const values = grid(f, 'Company OKRs');
    expect(values[1]!.slice(0, 2)).toEqual(['Period: 2026 Q1', '']);
    expect(parseOkrTable(values, { tab: 'Company OKRs' }).meta).toMatchObject({
      team: 'Company',
      mission: 'Help every team focus',
      period: '2026 Q1',
      level: 'Company',
    });
  });

  it('stores nothing and changes nothing when the input is invalid', () => {
    const f = fake();
    insertTeamOkrs();
    const before = f.sheetValues('OKRs');
    expect(saveSettings({ ...VALID, end: '2025-01-01' })).toMatchObject({
      ok: false,
      errors: [{ field: 'end' }],
    });
    expect(f.properties.document.has(SETTINGS_PROPERTY)).toBe(false);
    expect(f.sheetValues('OKRs')).toEqual(before);
  });

  it('leaves a tab without an OKR table alone', () => {
    const f = fake();
    f.setSheetValues('Sheet1', [['Team:', 'Not an OKR tab']]);
    expect(saveSettings(VALID)).toMatchObject({ ok: true, updatedTab: null });
    expect(f.sheetValues('Sheet1')).toEqual([['Team:', 'Not an OKR tab']]);
  });
});
