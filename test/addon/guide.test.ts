import { describe, expect, it } from 'vitest';
import { GUIDE, GUIDE_TAB } from '../../apps-script/guide.ts';
import { openOkrGuide } from '../../apps-script/main.ts';
import { KR_TYPES } from '../../shared/enums.ts';
import { GRADE_COLORS, GRADE_THRESHOLDS } from '../../shared/grades.ts';
import { STATUS_TOLERANCE } from '../../shared/status.ts';
import { BINARY_NO, BINARY_YES } from '../../shared/values.ts';
import { useAddonFake } from './harness.ts';

const text = GUIDE.map((l) => `${l.label} ${l.text}`).join('\n');

describe('the guide’s content', () => {
  it('quotes the grading scale shared/ uses', () => {
    const a = GRADE_THRESHOLDS.aspirational;
    expect(GUIDE.find((l) => l.style === 'red')!.label).toContain(`below ${a.yellow}`);
    expect(GUIDE.find((l) => l.style === 'yellow')!.label).toContain(`${a.yellow} up to ${a.green}`);
    expect(GUIDE.find((l) => l.style === 'green')!.label).toContain(`${a.green} and above`);
    expect(GRADE_THRESHOLDS.committed.green).toBe(1);
    expect(text).toContain('A committed OKR turns green only at 1.0');
    expect(text).toContain(`within ${STATUS_TOLERANCE.onTrack} of expected`);
    expect(text).toContain(`within ${STATUS_TOLERANCE.atRisk}`);
  });

  it('explains how every key result type scores, and the binary words the scorer reads', () => {
    for (const type of KR_TYPES) expect(GUIDE.some((l) => l.style === 'term' && l.label === type)).toBe(true);
    const binary = GUIDE.find((l) => l.label === 'binary')!.text;
    for (const w of [...BINARY_YES, ...BINARY_NO].filter((w) => !['y', 'n', '✔', '✘'].includes(w))) expect(binary).toContain(w);
  });

  it('has the sections the issue asks for, with before/after examples and a checklist', () => {
    const headings = GUIDE.filter((l) => l.style === 'heading').map((l) => l.label);
    expect(headings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/What an OKR is/),
        expect.stringMatching(/Writing good OKRs/),
        expect.stringMatching(/Grading/),
        expect.stringMatching(/key result type/),
        expect.stringMatching(/Alignment and roll-up/),
        expect.stringMatching(/checklist/),
      ]),
    );
    expect(GUIDE.filter((l) => l.style === 'before').length).toBe(GUIDE.filter((l) => l.style === 'after').length);
    expect(GUIDE.filter((l) => l.style === 'before').length).toBeGreaterThanOrEqual(3);
    expect(GUIDE.filter((l) => l.style === 'check').length).toBeGreaterThanOrEqual(8);
    // Nothing Sheets would read as a formula.
    expect(GUIDE.every((l) => !l.label.startsWith('=') && !l.text.startsWith('='))).toBe(true);
  });
});

describe('OKR guide', () => {
  const fake = useAddonFake();

  it('writes the Guide tab with one setValues, as text, then opens the same tab next time', () => {
    const f = fake();
    const m = f.counters.measure(() => openOkrGuide());
    expect(m.byMethod['Range.setValues']).toBe(1);
    expect(f.spreadsheet.getActiveSheet().getName()).toBe(GUIDE_TAB);
    expect(f.sheetValues(GUIDE_TAB)).toEqual(GUIDE.map((l) => [l.label, l.text]));
    const sheet = f.sheet(GUIDE_TAB);
    const green = GUIDE.findIndex((l) => l.style === 'green') + 1;
    expect(sheet.getRange(green, 1).getBackground()).toBe(GRADE_COLORS.green.background);
    expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
    expect(sheet.hasHiddenGridlines()).toBe(true);

    f.setActiveSheet('Sheet1');
    const again = f.counters.measure(() => openOkrGuide());
    expect(again.byMethod['Range.setValues'] ?? 0).toBe(0);
    expect(f.spreadsheet.getActiveSheet().getName()).toBe(GUIDE_TAB);
    expect(f.spreadsheet.getSheets().filter((s) => s.getName() === GUIDE_TAB)).toHaveLength(1);
  });
});
