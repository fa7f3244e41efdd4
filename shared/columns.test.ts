import { describe, expect, it } from 'vitest';
import { CHECKIN_COLUMNS, COLUMN_BY_KEY, COLUMN_KEYS, COLUMNS, columnForHeader, columnLetter, normalizeHeader } from './columns.ts';
import { TEMPLATE_LETTERS } from './formulas.ts';

describe('columns', () => {
  it('lists the contract columns in template order', () => {
    expect(COLUMNS.map((c) => c.header)).toEqual([
      'Objective ID',
      'Objective',
      'Aligns To',
      'Key Result',
      'KR ID',
      'Type',
      'Start',
      'Target',
      'Current',
      'Weight',
      'Score',
      'Confidence',
      'Owner',
      'Kind',
      'Objective Weight',
      'Notes',
      'Objective Score',
      'Grade',
    ]);
    expect(COLUMNS.map((c) => c.key)).toEqual([...COLUMN_KEYS]);
  });

  it('requires only Objective ID, Objective, Key Result and Type', () => {
    expect(COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual(['objectiveId', 'objective', 'keyResult', 'type']);
  });

  it('marks only the formula columns as computed', () => {
    expect(COLUMNS.filter((c) => c.computed).map((c) => c.key)).toEqual(['score', 'objectiveScore', 'grade']);
  });

  it('gives every column a note', () => {
    for (const c of COLUMNS) expect(c.note.length, c.header).toBeGreaterThan(10);
  });

  it('has no two header names or aliases that normalize alike (each header reads as its own column)', () => {
    const seen = new Map<string, string>();
    for (const c of COLUMNS) {
      for (const name of [c.header, ...c.aliases]) {
        const n = normalizeHeader(name);
        expect(seen.get(n) ?? c.key, `"${name}" collides`).toBe(c.key);
        seen.set(n, c.key);
        expect(columnForHeader(name)).toBe(c.key);
      }
    }
    for (const c of CHECKIN_COLUMNS) {
      for (const name of [c.header, ...c.aliases]) {
        const n = normalizeHeader(name);
        const owner = CHECKIN_COLUMNS.find((d) => d.key !== c.key && [d.header, ...d.aliases].some((x) => normalizeHeader(x) === n));
        expect(owner, `"${name}" collides in Check-ins`).toBeUndefined();
      }
    }
  });

  it.each([
    ['Objective ID', 'objectiveId'],
    ['objective id', 'objectiveId'],
    ['OBJECTIVE_ID', 'objectiveId'],
    ['Objective-ID', 'objectiveId'],
    [' Objective  ID: ', 'objectiveId'],
    ['Obj. ID', 'objectiveId'],
    ['Parent', 'alignsTo'],
    ['aligns to', 'alignsTo'],
    ['Key Result', 'keyResult'],
    ['KR', 'keyResult'],
    ['kr-id', 'krId'],
    ['Baseline', 'start'],
    ['Actual', 'current'],
    ['Confidence (%)', 'confidence'],
    ['Obj. Weight', 'objectiveWeight'],
    ['Objective Score', 'objectiveScore'],
  ] as const)('"%s" → %s', (text, key) => {
    expect(columnForHeader(text)).toBe(key);
  });

  it('ignores unknown headers', () => {
    expect(columnForHeader('Budget')).toBeUndefined();
    expect(columnForHeader('')).toBeUndefined();
  });

  it('normalizes case, spaces and punctuation but keeps letters of any script', () => {
    expect(normalizeHeader('  Key—Result!! ')).toBe('keyresult');
    expect(normalizeHeader('Ziel Ü')).toBe('zielü');
    expect(normalizeHeader('ＫＲ')).toBe('kr');
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('columnLetter(%d) = %s', (i, letter) => {
    expect(columnLetter(i)).toBe(letter);
  });

  it('TEMPLATE_LETTERS follows the template order', () => {
    expect(TEMPLATE_LETTERS.objectiveId).toBe('A');
    expect(TEMPLATE_LETTERS.score).toBe('K');
    expect(TEMPLATE_LETTERS.grade).toBe('R');
    expect(COLUMN_BY_KEY.alignsTo.aliases).toContain('Parent');
  });
});
