import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth, truncate, wrapText } from './text.ts';

describe('textWidth', () => {
  it('uses Arial advance widths, bold wider', () => {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 units → 22.78 px at 10 px
    expect(textWidth('Hello', 10)).toBeCloseTo(22.78, 6);
    expect(textWidth('Hello', 10, true)).toBeCloseTo((722 + 556 + 278 + 278 + 611) / 100, 6);
    expect(textWidth('', 13)).toBe(0);
    expect(textWidth('日本', 10)).toBe(20);
  });
});

describe('truncate', () => {
  it('keeps text that fits and cuts the rest with an ellipsis that fits too', () => {
    expect(truncate('Short', 100, 12)).toBe('Short');
    const cut = truncate('A rather long objective title that will not fit', 120, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(120);
    expect('A rather long objective title that will not fit'.startsWith(cut.slice(0, -1))).toBe(true);
  });
});

describe('wrapText', () => {
  it('wraps words onto lines, ending the last with an ellipsis when out of lines', () => {
    const lines = wrapText('Become the analytics platform mid-market operations teams choose first', 200, 13, 2, true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Become the analytics platform');
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(wrapText('Ship it', 200, 13, 2)).toEqual(['Ship it']);
    expect(wrapText('', 200, 13, 2)).toEqual([]);
  });

  it('breaks a word longer than a line across lines', () => {
    const lines = wrapText('Supercalifragilistic words', 80, 12, 3);
    expect(lines.join('').replace(/ /g, '')).toBe('Supercalifragilisticwords');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(80);
    const two = wrapText('Supercalifragilisticexpialidocious and more', 80, 12, 2);
    expect(two).toHaveLength(2);
    expect(two[1]!.endsWith('…')).toBe(true);
  });

  it('never exceeds the width or the line count, and never reorders or invents words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 14 }), { maxLength: 20 }),
        fc.integer({ min: 30, max: 300 }),
        fc.integer({ min: 1, max: 3 }),
        (words, width, max) => {
          const clean = words.map((w) => w.replace(/\s/g, 'x'));
          const text = clean.join(' ');
          const lines = wrapText(text, width, 12, max, true);
          expect(lines.length).toBeLessThanOrEqual(max);
          for (const l of lines) expect(textWidth(l, 12, true)).toBeLessThanOrEqual(width + 1e-9);
          // Without ellipses, the lines read as a prefix of the text's characters.
          const shown = lines
            .map((l) => l.replace(/…$/, ''))
            .join(' ')
            .replace(/\s+/g, '');
          expect(text.replace(/\s+/g, '').startsWith(shown.replace(/…/g, ''))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
