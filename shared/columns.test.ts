import { describe, expect, it } from 'vitest';
import { ALL_COLUMNS, CHECKIN_COLUMNS, CLOSING_COLUMNS, CLOSING_KEYS, COLUMN_BY_KEY, COLUMN_KEYS, COLUMNS, columnForHeader, columnLetter, normalizeHeader } from './columns.ts';
import { buildOkrTemplate, TEMPLATE_COLUMN_KEYS } from './template.ts';
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
    for (const c of ALL_COLUMNS) expect(c.note.length, c.header).toBeGreaterThan(10);
  });

  it('keeps the closing columns out of the template: optional, typed by people, read by header', () => {
    expect(CLOSING_COLUMNS.map((c) => [c.key, c.header])).toEqual([
      ['finalScore', 'Final Score'],
      ['learning', 'Learning'],
      ['carryOn', 'Carry On'],
    ]);
    expect(CLOSING_COLUMNS.map((c) => c.key)).toEqual([...CLOSING_KEYS]);
    for (const c of CLOSING_COLUMNS) expect([c.inTemplate, c.required, c.computed], c.header).toEqual([false, false, false]);
    expect(COLUMNS.every((c) => c.inTemplate)).toBe(true);
    expect(TEMPLATE_COLUMN_KEYS).toEqual([...COLUMN_KEYS]);
    for (const level of ['team', 'company'] as const) {
      const t = buildOkrTemplate({ level });
      const header = t.values[t.headerRow - 1]!;
      for (const c of CLOSING_COLUMNS) expect(header, c.header).not.toContain(c.header);
    }
    expect(columnForHeader('final score')).toBe('finalScore');
    expect(columnForHeader('Lessons learned')).toBe('learning');
    expect(columnForHeader('Carry-on?')).toBe('carryOn');
  });

  it('has no two header names or aliases that normalize alike (each header reads as its own column)', () => {
    const seen = new Map<string, string>();
    for (const c of ALL_COLUMNS) {
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
