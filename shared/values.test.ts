import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BINARY_NO,
  BINARY_YES,
  cellText,
  cleanText,
  dateToSerial,
  formatValue,
  isBlank,
  isoDate,
  parseBinary,
  parseConfidence,
  parseDate,
  parseDateTime,
  parseNumber,
  serialToDate,
  splitIds,
  type Cell,
  type Parsed,
} from './values.ts';

const okValue = <T>(p: Parsed<T>): T | undefined => (p.kind === 'ok' ? p.value : undefined);

describe('blank and text', () => {
  it.each<[Cell, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['\u00a0', true],
    ['\t\n', true],
    [0, false],
    [false, false],
    ['x', false],
    [new Date(0), false],
  ])('isBlank(%j) is %s', (cell, blank) => {
    expect(isBlank(cell)).toBe(blank);
  });

  it('cleanText collapses whitespace, including non-breaking spaces, like TRIM', () => {
    expect(cleanText('  not \u00a0  done\n')).toBe('not done');
  });

  it('cleanText equals collapsing every run of sheet whitespace and trimming, on any mix of characters', () => {
    // The definition, as plainly as it can be written; cleanText skips clean strings by a scan.
    const byDefinition = (s: string) => s.replace(/[ \t\n\r\u00a0]+/g, ' ').replace(/^ | $/g, '');
    const chars = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', 'a', 'Z', '7', '\u2003', '\u0001', '\u00a1');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join('')), (s) => {
        expect(cleanText(s)).toBe(byDefinition(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('cellText reads every cell type', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(' a  b ')).toBe('a b');
    expect(cellText(1000)).toBe('1000');
    expect(cellText(0.25)).toBe('0.25');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText(Number.POSITIVE_INFINITY)).toBe('');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(new Date(Date.UTC(2026, 9, 1)))).toBe('2026-10-01');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
});

describe('parseNumber: numbers as people type them', () => {
  it.each<[Cell, number]>([
    ['1,000', 1000],
    ['8%', 0.08],
    ['0.6', 0.6],
    ['$1,200', 1200],
    ['€5', 5],
    ['  42  ', 42],
    ['\u00a042\u00a0', 42],
    ['1,000.50', 1000.5],
    ['12,345,678', 12345678],
    ['£3.5', 3.5],
    ['5 €', 5],
    ['$ 1,200', 1200],
    ['-$5', -5],
    ['$-5', -5],
    ['−3', -3],
    ['(5)', -5],
    ['(8%)', -0.08],
    ['+7', 7],
    ['12.5 %', 0.125],
    ['150%', 1.5],
    ['1 000', 1000],
    ['1\u00a0000,5', 1000.5],
    ["1'000", 1000],
    ['0,6', 0.6],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    [0, 0],
    [-2.5, -2.5],
    [1000, 1000],
  ])('%j → %d', (cell, value) => {
    expect(okValue(parseNumber(cell))).toBeCloseTo(value, 12);
  });

  it.each<Cell>(['abc', '5k', '--5', '-', '1,00,000', '1.000,50', '%8', '()', 'Infinity', 'NaN', '1e999', true, false, new Date(0), Number.NaN, Number.POSITIVE_INFINITY])(
    '%j is not a number',
    (cell) => {
      expect(parseNumber(cell).kind).toBe('invalid');
    },
  );

  it('keeps the offending text, trimmed, for messages', () => {
    expect(parseNumber('  lots  ')).toEqual({ kind: 'invalid', text: 'lots' });
  });

  it.each<Cell>([null, undefined, '', '   '])('%j is blank', (cell) => {
    expect(parseNumber(cell)).toEqual({ kind: 'blank' });
  });

  // Text without surrounding space takes the one-pass reader when it can; a space around it sends
  // the same text through the full rules, which trim it first. Both must read it alike.
  it('reads common typed forms in one pass exactly as the full rules do', () => {
    const piece = fc.constantFrom('0', '1', '2', '5', '7', '9', ',', '.', '%', '$', '-', '(', ')', 'e', '€', ' ');
    const text = fc.array(piece, { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        const fast = parseNumber(s);
        const full = parseNumber(` ${s} `);
        expect(fast).toEqual(full);
        if (fast.kind === 'ok' && full.kind === 'ok') expect(Object.is(fast.value, full.value)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['$16,500', '-$1,200.50%', '12.5%', '0,123', '999999999999999', '9999999999999999', '0.1234567890123456']) {
      expect(parseNumber(s)).toEqual(parseNumber(` ${s}`));
    }
  });
});

describe('parseBinary', () => {
  it.each([...BINARY_YES, 'YES', ' Yes ', 'True', 'DONE', 'Y'])('%j → 1', (text) => {
    expect(parseBinary(text)).toEqual({ kind: 'ok', value: 1 });
  });
  it.each([...BINARY_NO, 'NO', 'False', 'Not Done', 'not   done', ' N '])('%j → 0', (text) => {
    expect(parseBinary(text)).toEqual({ kind: 'ok', value: 0 });
  });
  it('reads checkbox booleans and the numbers 1/0', () => {
    expect(parseBinary(true)).toEqual({ kind: 'ok', value: 1 });
    expect(parseBinary(false)).toEqual({ kind: 'ok', value: 0 });
    expect(parseBinary(1)).toEqual({ kind: 'ok', value: 1 });
    expect(parseBinary(0)).toEqual({ kind: 'ok', value: 0 });
  });
  it.each<Cell>(['maybe', 'half', 2, 0.5, -1, 'yes!', new Date(0)])('%j is invalid', (cell) => {
    expect(parseBinary(cell).kind).toBe('invalid');
  });
  it('blank is blank', () => {
    expect(parseBinary('  ')).toEqual({ kind: 'blank' });
    expect(parseBinary(null)).toEqual({ kind: 'blank' });
  });
});

describe('parseConfidence', () => {
  it.each<[Cell, number]>([
    ['80%', 0.8],
    [0.8, 0.8],
    ['0.8', 0.8],
    [80, 0.8],
    ['100', 1],
    [1, 1],
    [0, 0],
    ['0%', 0],
    ['100%', 1],
  ])('%j → %d', (cell, value) => {
    expect(okValue(parseConfidence(cell))).toBeCloseTo(value, 12);
  });
  it.each<Cell>(['150%', -0.1, 101, 'sure'])('%j is invalid', (cell) => {
    expect(parseConfidence(cell).kind).toBe('invalid');
  });
  it('blank is blank', () => {
    expect(parseConfidence('')).toEqual({ kind: 'blank' });
  });
});

describe('dates', () => {
  it('serials count days from 1899-12-30, both ways', () => {
    expect(isoDate(serialToDate(45658))).toBe('2025-01-01');
    expect(dateToSerial(new Date(Date.UTC(2026, 9, 1)))).toBe(46296);
    expect(dateToSerial(serialToDate(46296.5))).toBeCloseTo(46296.5, 9);
  });

  it.each<[Cell, string]>([
    ['2026-10-01', '2026-10-01'],
    ['2026-1-5', '2026-01-05'],
    ['10/1/2026', '2026-10-01'],
    ['1.10.2026', '2026-10-01'],
    ['1 Oct 2026', '2026-10-01'],
    ['1 October, 2026', '2026-10-01'],
    ['Oct 1, 2026', '2026-10-01'],
    ['October 1 2026', '2026-10-01'],
    [46296, '2026-10-01'],
    [new Date(Date.UTC(2026, 9, 1)), '2026-10-01'],
  ])('parseDate(%j) → %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ kind: 'ok', value: iso });
  });

  it.each<Cell>(['2026-02-30', '13/45/2026', 'soon', '32 Oct 2026', 5, 1e9, true, new Date(Number.NaN)])('parseDate(%j) is invalid', (cell) => {
    expect(parseDate(cell).kind).toBe('invalid');
  });

  it('parseDateTime keeps the time and offset', () => {
    expect(okValue(parseDateTime('2026-10-01T14:30:00Z'))?.toISOString()).toBe('2026-10-01T14:30:00.000Z');
    expect(okValue(parseDateTime('2026-10-01 14:30'))?.toISOString()).toBe('2026-10-01T14:30:00.000Z');
    expect(okValue(parseDateTime('2026-10-01T14:30:00+02:00'))?.toISOString()).toBe('2026-10-01T12:30:00.000Z');
    expect(okValue(parseDateTime('10/1/2026 9:05'))?.toISOString()).toBe('2026-10-01T09:05:00.000Z');
    expect(parseDateTime('')).toEqual({ kind: 'blank' });
  });
});

describe('splitIds (Aligns To)', () => {
  it.each<[Cell, string[]]>([
    ['CO-1', ['CO-1']],
    ['CO-1, CO-2', ['CO-1', 'CO-2']],
    ['CO-1;CO-2', ['CO-1', 'CO-2']],
    [' CO-1 ; ; CO-2 ,CO-3\nCO-4 ', ['CO-1', 'CO-2', 'CO-3', 'CO-4']],
    ['', []],
    [null, []],
    [' , ; ', []],
  ])('%j → %j', (cell, ids) => {
    expect(splitIds(cell)).toEqual(ids);
  });
});

describe('formatValue', () => {
  it('shows integers as is and rounds the rest to 6 places', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(2 / 3)).toBe('0.666667');
    expect(formatValue(null)).toBe('');
    expect(formatValue(undefined)).toBe('');
  });
});

describe('numbers beyond the double range', () => {
  it('reads a 400-digit number as unreadable, not Infinity', () => {
    const digits = '9'.repeat(400);
    expect(parseNumber(digits)).toEqual({ kind: 'invalid', text: digits });
    expect(parseNumber(`${digits}.5`)).toMatchObject({ kind: 'invalid' });
    expect(parseNumber('1e309')).toMatchObject({ kind: 'invalid' });
    expect(parseNumber('1e308')).toEqual({ kind: 'ok', value: 1e308 });
  });
});
