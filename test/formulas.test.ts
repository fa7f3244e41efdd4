// The proof: the template's formulas, evaluated by a real spreadsheet engine (HyperFormula), give
// exactly the scores, objective scores and grades the code computes — for every key result type
// and edge case, and after rows are inserted into and deleted from an objective's block.
import type { HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { COLUMNS, type ColumnKey } from '../shared/columns.ts';
import { parseOkrTable } from '../shared/contract.ts';
import { krScoreFormula, scoreGradeRule, tableFormulas, TEMPLATE_LETTERS } from '../shared/formulas.ts';
import { gradeFor } from '../shared/grades.ts';
import { lintTable } from '../shared/lints.ts';
import type { KeyResult, ParsedTable } from '../shared/schemas.ts';
import { buildOkrTemplate, exampleObjectives, type TemplateKr, type TemplateObjective } from '../shared/template.ts';
import type { Cell } from '../shared/values.ts';
import { evaluateGrid, readValues } from './hf-sheet.ts';

const col = (key: ColumnKey): number => COLUMNS.findIndex((c) => c.key === key);
const LEVELS = ['team', 'company'] as const;

// Cells hold what Google Sheets stores after typing: `1,000` → 1000, `60%` → 0.6, a checkbox → TRUE/FALSE.
const kr = (id: string, type: string, fields: Omit<TemplateKr, 'title' | 'type' | 'id'> = {}): TemplateKr => ({ id, title: `KR ${id}`, type, ...fields });

const CORPUS: TemplateObjective[] = [
  {
    id: 'MET-1',
    title: 'Metrics of every shape',
    keyResults: [
      kr('met-up', 'metric', { start: 40, target: 65, current: 50 }),
      kr('met-down', 'metric', { start: 400_000, target: 250_000, current: 325_000 }),
      kr('met-over', 'metric', { start: 0, target: 100, current: 150 }),
      kr('met-below', 'metric', { start: 10, target: 20, current: 5 }),
      kr('met-blank-start', 'metric', { target: 200, current: 50 }),
      kr('met-fraction', 'metric', { start: 0.4, target: 0.65, current: 0.48 }),
    ],
  },
  {
    id: 'MET-2',
    title: 'Metrics that cannot move or be read',
    keyResults: [
      kr('range-hit', 'metric', { start: 5, target: 5, current: 5 }),
      kr('range-miss', 'metric', { start: 5, target: 5, current: 6 }),
      kr('met-no-current', 'metric', { start: 1, target: 3 }),
      kr('met-no-target', 'metric', { start: 1, current: 3 }),
      kr('met-text', 'metric', { start: 0, target: 10, current: 'about half' }),
      kr('met-bool-start', 'metric', { start: true, target: 10, current: 5 }),
      kr('met-nbsp-current', 'metric', { start: 0, target: 10, current: '\u00a0' }),
      kr('met-zero-range', 'metric', { target: 0, current: 0 }),
    ],
  },
  {
    id: 'MIL-1',
    title: 'Milestones',
    keyResults: [
      kr('mil-part', 'milestone', { target: 5, current: 3 }),
      kr('mil-over', 'milestone', { target: 4, current: 6 }),
      kr('mil-no-current', 'milestone', { target: 4 }),
      kr('mil-no-target', 'milestone', { current: 2 }),
      kr('mil-zero-target', 'milestone', { target: 0, current: 1 }),
      kr('mil-start-ignored', 'milestone', { start: 2, target: 4, current: 2 }),
    ],
  },
  {
    id: 'BIN-1',
    title: 'Binaries, every spelling',
    keyResults: [
      ...['yes', 'no', 'y', 'n', 'true', 'false', 'done', 'not done', '✓', '✗', '✔', '✘', 'YES', ' Done ', 'Not  Done', 'yes\u00a0'].map((w, i) => kr(`bin-word-${i}`, 'binary', { current: w })),
      kr('bin-checked', 'binary', { current: true }),
      kr('bin-unchecked', 'binary', { current: false }),
      kr('bin-one', 'binary', { current: 1 }),
      kr('bin-zero', 'binary', { current: 0 }),
      kr('bin-blank', 'binary'),
      kr('bin-maybe', 'binary', { current: 'maybe' }),
      kr('bin-two', 'binary', { current: 2 }),
    ],
  },
  {
    id: 'MAN-1',
    title: 'Manual judgements',
    keyResults: [
      kr('man-06', 'manual', { current: 0.6 }),
      kr('man-60pct', 'manual', { current: 0.6 }), // typed 60%, stored 0.6
      kr('man-over', 'manual', { current: 1.5 }),
      kr('man-under', 'manual', { current: -0.2 }),
      kr('man-blank', 'manual'),
      kr('man-text', 'manual', { current: 'great' }),
      kr('man-one', 'manual', { current: 1 }),
    ],
  },
  {
    id: 'WGT-1',
    title: 'Weights',
    keyResults: [
      kr('w-blank', 'manual', { current: 1 }),
      kr('w-zero', 'manual', { current: 0, weight: 0 }),
      kr('w-two-and-a-half', 'manual', { current: 0.2, weight: 2.5 }),
      kr('w-negative', 'manual', { current: 0, weight: -1 }),
      kr('w-text', 'manual', { current: 0, weight: 'heavy' }),
      kr('w-nbsp', 'manual', { current: 0.4, weight: '\u00a0' }),
    ],
  },
  {
    id: 'UNK-1',
    title: 'Types nobody knows',
    keyResults: [kr('unk-typo', 'metrc', { start: 0, target: 10, current: 5 }), kr('unk-blank', '', { current: 1 }), kr('unk-case', ' Binary ', { current: 'yes' }), kr('unk-number', 'manual', { current: 0.3 })],
  },
  {
    id: 'ALL-NONE',
    title: 'Nothing here can be scored',
    keyResults: [kr('none-type', 'score', { current: 0.5 }), kr('none-target', 'metric', { current: 3 })],
  },
  { id: 'ONE-1', title: 'Just one key result', kind: 'committed', keyResults: [kr('one', 'milestone', { target: 3, current: 3 })] },
  { id: 'COM-1', title: 'Committed but short', kind: 'committed', keyResults: [kr('com', 'manual', { current: 0.9 })] },
  {
    id: 'EDGE-1',
    title: 'Exactly at the green line',
    keyResults: [kr('edge-a', 'manual', { current: 0.4 }), kr('edge-b', 'manual', { current: 1 }), kr('edge-c', 'manual', { current: 0.7 })],
  },
  { id: 'EMPTY-1', title: 'No key results yet', keyResults: [] },
];

// The code's verdicts for the corpus, from the spec (the HyperFormula comparison below needs these
// to be the right ones, not merely equal).
const EXPECTED: Record<string, number | null> = {
  'met-up': 0.4,
  'met-down': 0.5,
  'met-over': 1,
  'met-below': 0,
  'met-blank-start': 0.25,
  'met-fraction': 0.32,
  'range-hit': 1,
  'range-miss': 0,
  'met-no-current': 0,
  'met-no-target': null,
  'met-text': null,
  'met-bool-start': 0.5,
  'met-nbsp-current': 0,
  'met-zero-range': 1,
  'mil-part': 0.6,
  'mil-over': 1,
  'mil-no-current': 0,
  'mil-no-target': null,
  'mil-zero-target': null,
  'mil-start-ignored': 0.5,
  'bin-checked': 1,
  'bin-unchecked': 0,
  'bin-one': 1,
  'bin-zero': 0,
  'bin-blank': 0,
  'bin-maybe': null,
  'bin-two': null,
  'man-06': 0.6,
  'man-60pct': 0.6,
  'man-over': 1,
  'man-under': 0,
  'man-blank': 0,
  'man-text': null,
  'man-one': 1,
  'unk-typo': null,
  'unk-blank': null,
  'unk-case': 1,
  'none-type': null,
  'none-target': null,
};
['yes', 'no', 'y', 'n', 'true', 'false', 'done', 'not done', '✓', '✗', '✔', '✘', 'YES', ' Done ', 'Not  Done', 'yes\u00a0'].forEach((w, i) => {
  EXPECTED[`bin-word-${i}`] = /^\s*(yes|y|true|done|✓|✔)\s*$/i.test(w) ? 1 : 0;
});

/**
 * Every Score, Objective Score and Grade cell on rows from..end equals the code's verdict for that
 * row: '' where the code has nothing (no key result, unscorable, not an objective row).
 */
function expectSheetAgreesWithCode(values: Cell[][], table: ParsedTable, from: number): { scored: number; blank: number } {
  const krByRow = new Map(table.objectives.flatMap((o) => o.keyResults).map((k) => [k.row, k]));
  const objByRow = new Map(table.objectives.map((o) => [o.row, o]));
  let scored = 0;
  let blank = 0;
  for (let r = from; r <= values.length; r++) {
    const cells = values[r - 1] ?? [];
    const at = (key: ColumnKey) => cells[col(key)] ?? '';
    const k = krByRow.get(r);
    const sheetScore = at('score');
    if (k?.score != null) {
      expect(typeof sheetScore, `Score on row ${r} (${k.id})`).toBe('number');
      expect(Math.abs((sheetScore as number) - k.score), `Score on row ${r} (${k.id}): sheet ${sheetScore}, code ${k.score}`).toBeLessThanOrEqual(1e-9);
      scored++;
    } else {
      expect(sheetScore, `Score on row ${r} (${k?.id ?? 'no key result'})`).toBe('');
      blank++;
    }
    const o = objByRow.get(r);
    const objScore = at('objectiveScore');
    if (o?.score != null) {
      expect(typeof objScore, `Objective Score of ${o.id}`).toBe('number');
      expect(Math.abs((objScore as number) - o.score), `Objective Score of ${o.id}: sheet ${objScore}, code ${o.score}`).toBeLessThanOrEqual(1e-9);
    } else {
      expect(objScore, `Objective Score on row ${r} (${o?.id ?? 'not an objective'})`).toBe('');
    }
    expect(at('grade'), `Grade on row ${r}`).toBe(o ? (gradeFor(o.score, o.kind) ?? '') : '');
  }
  // The sheet's Score agreed with the code on every row, so the contract found nothing overwritten.
  expect(table.problems.filter((p) => p.code === 'score-mismatch' || p.code === 'formula-error')).toEqual([]);
  return { scored, blank };
}

function expectNoErrors(values: Cell[][]): void {
  const errors = values.flatMap((row, r) => row.map((c, i) => [r + 1, i, c] as const)).filter(([, , c]) => typeof c === 'string' && c.startsWith('#'));
  expect(errors).toEqual([]);
}

function build(level: 'team' | 'company', objectives: TemplateObjective[] = CORPUS) {
  const template = buildOkrTemplate({ level, team: 'proof', objectives, emptyRows: 3 });
  const evaluated = evaluateGrid(template.values);
  return { template, ...evaluated };
}

const parse = (values: Cell[][]) => parseOkrTable(values, { tab: 'OKRs' });
const findKr = (t: ParsedTable, id: string): KeyResult => {
  const k = t.objectives.flatMap((o) => o.keyResults).find((x) => x.id === id);
  if (!k) throw new Error(`no key result ${id}`);
  return k;
};

describe.each(LEVELS)('the %s template, evaluated by HyperFormula, agrees with the code', (level) => {
  const { template, values } = build(level);
  const table = parse(values);

  it('lays out the table as promised', () => {
    expect(table.headerRow).toBe(template.headerRow);
    expect(template.firstDataRow).toBe(template.headerRow + 1);
    expect(table.isCompany).toBe(level === 'company');
    expect(table.team).toBe('proof');
    expect(table.objectives.map((o) => o.row)).toEqual(template.objectiveRows);
    expect(template.values[template.headerRow - 1]).toEqual(COLUMNS.map((c) => c.header));
    expect(template.lastRow).toBe(template.values.length);
  });

  it('the code scores the corpus as the spec says', () => {
    for (const [id, score] of Object.entries(EXPECTED)) {
      const k = findKr(table, id);
      if (score === null) expect(k.score, id).toBeNull();
      else expect(k.score, id).toBeCloseTo(score, 12);
    }
    expect(findKr(table, 'met-over').progress).toBe(1.5);
    expect(findKr(table, 'met-no-current').state).toBe('not-checked-in');
    expect(findKr(table, 'range-miss').state).toBe('no-range');
    const o = (id: string) => table.objectives.find((x) => x.id === id)!;
    expect(o('WGT-1').score).toBeCloseTo((1 + 0.2 * 2.5 + 0.4) / 4.5, 12);
    expect(o('ALL-NONE').score).toBeNull();
    expect(o('EMPTY-1').score).toBeNull();
    expect(o('ONE-1').score).toBe(1);
    expect(gradeFor(o('EDGE-1').score)).toBe('green');
  });

  it('every Score, Objective Score and Grade cell equals the code', () => {
    expectNoErrors(values);
    const { scored, blank } = expectSheetAgreesWithCode(values, table, template.firstDataRow);
    expect(scored).toBeGreaterThanOrEqual(45);
    expect(blank).toBeGreaterThanOrEqual(15);
  });

  it('the grade uses the committed scale where Kind says so', () => {
    const grade = (id: string) => values[table.objectives.find((x) => x.id === id)!.row - 1]![col('grade')];
    expect(grade('ONE-1')).toBe('green');
    expect(grade('COM-1')).toBe('yellow');
    expect(grade('EDGE-1')).toBe('green');
    expect(grade('ALL-NONE')).toBe('');
  });
});

describe('Kind spellings the contract accepts grade the same in the sheet', () => {
  it.each(['committed', 'Committed ', 'commit', 'aspirational', 'stretch', '', 'whatever'])('Kind %j', (kind) => {
    const t = buildOkrTemplate({ level: 'team', objectives: [{ id: 'K-1', title: 'Kinds', keyResults: [kr('k', 'manual', { current: 0.8 })] }], emptyRows: 0 });
    t.values[t.objectiveRows[0]! - 1]![col('kind')] = kind;
    const { values } = evaluateGrid(t.values);
    const table = parse(values);
    expectSheetAgreesWithCode(values, table, t.firstDataRow);
    expect(values[t.objectiveRows[0]! - 1]![col('grade')]).toBe(/commit/i.test(kind) ? 'yellow' : 'green');
  });
});

describe('rows inserted into and deleted from an objective’s block', () => {
  const objectives: TemplateObjective[] = [
    { id: 'A-1', title: 'First', keyResults: [kr('a1', 'manual', { current: 0.2 }), kr('a2', 'manual', { current: 0.4 }), kr('a3', 'binary', { current: 'no' })] },
    { id: 'B-1', title: 'Second', keyResults: [kr('b1', 'milestone', { target: 4, current: 1 }), kr('b2', 'manual', { current: 0.5 })] },
    { id: 'C-1', title: 'Last', keyResults: [kr('c1', 'manual', { current: 0.1 })] },
  ];

  /** Insert a key result row before the 0-based `index`, fill it and give it its Score formula. */
  function insertKr(hf: HyperFormula, sheet: number, index: number, fields: Partial<Record<ColumnKey, Cell>>): void {
    hf.addRows(sheet, [index, 1]);
    const row = index + 1;
    for (const [key, value] of Object.entries(fields)) hf.setCellContents({ sheet, row: index, col: col(key as ColumnKey) }, [[value as string | number | boolean | null]]);
    hf.setCellContents({ sheet, row: index, col: col('score') }, [[krScoreFormula(row)]]);
  }

  const setup = () => {
    const { template, hf, sheet, values } = build('team', objectives);
    const before = parse(values);
    const objRow = (t: ParsedTable, id: string) => t.objectives.find((o) => o.id === id)!;
    return { template, hf, sheet, before, objRow };
  };

  it('(a) in the middle of the block: the objective score includes the new key result', () => {
    const { template, hf, sheet, before, objRow } = setup();
    const a = objRow(before, 'A-1');
    insertKr(hf, sheet, a.row, { keyResult: 'inserted', type: 'manual', current: 1, weight: 2 }); // between a1 and a2
    const values = readValues(hf, sheet);
    const after = parse(values);
    const a2 = objRow(after, 'A-1');
    expect(a2.keyResults.map((k) => k.title)).toEqual(['KR a1', 'inserted', 'KR a2', 'KR a3']);
    expect(a2.score).toBeCloseTo((0.2 + 2 + 0.4 + 0) / 5, 12);
    expect(values[a2.row - 1]![col('objectiveScore')]).toBeCloseTo(a2.score!, 9);
    expectSheetAgreesWithCode(values, after, template.firstDataRow);
  });

  it('(b) directly after the last key result, just above the next objective', () => {
    const { template, hf, sheet, before, objRow } = setup();
    const b = objRow(before, 'B-1');
    insertKr(hf, sheet, b.row - 1, { keyResult: 'appended', type: 'binary', current: true }); // the row B-1 was on
    const values = readValues(hf, sheet);
    const after = parse(values);
    const a = objRow(after, 'A-1');
    expect(a.keyResults.map((k) => k.title)).toEqual(['KR a1', 'KR a2', 'KR a3', 'appended']);
    expect(a.score).toBeCloseTo((0.2 + 0.4 + 0 + 1) / 4, 12);
    expect(objRow(after, 'B-1').row).toBe(b.row + 1);
    expect(values[a.row - 1]![col('objectiveScore')]).toBeCloseTo(a.score!, 9);
    expectSheetAgreesWithCode(values, after, template.firstDataRow);
  });

  it('(b) after the last objective’s last key result', () => {
    const { template, hf, sheet, before, objRow } = setup();
    const c = objRow(before, 'C-1');
    insertKr(hf, sheet, c.row, { keyResult: 'tail', type: 'manual', current: 0.9 });
    const values = readValues(hf, sheet);
    const after = parse(values);
    expect(objRow(after, 'C-1').score).toBeCloseTo(0.5, 12);
    expectSheetAgreesWithCode(values, after, template.firstDataRow);
  });

  it('deleting a key result row', () => {
    const { template, hf, sheet, before, objRow } = setup();
    const a = objRow(before, 'A-1');
    hf.removeRows(sheet, [a.keyResults[1]!.row - 1, 1]); // a2
    const values = readValues(hf, sheet);
    const after = parse(values);
    expect(objRow(after, 'A-1').keyResults.map((k) => k.title)).toEqual(['KR a1', 'KR a3']);
    expect(objRow(after, 'A-1').score).toBeCloseTo(0.1, 12);
    expectSheetAgreesWithCode(values, after, template.firstDataRow);
    // And the last key result of a block, just above the next objective.
    const b = objRow(after, 'B-1');
    hf.removeRows(sheet, [b.keyResults[1]!.row - 1, 1]); // b2
    const values2 = readValues(hf, sheet);
    const after2 = parse(values2);
    expect(objRow(after2, 'B-1').score).toBe(0.25);
    expectSheetAgreesWithCode(values2, after2, template.firstDataRow);
  });

  it('typing into a ready empty row below the last objective scores it', () => {
    const { template, hf, sheet } = setup();
    const row0 = template.lastRow - 1; // the last empty row (0-based)
    hf.setCellContents({ sheet, row: row0, col: col('keyResult') }, [['late addition', 'milestone', null, 2, 1]]);
    const values = readValues(hf, sheet);
    const after = parse(values);
    expect(after.objectives.find((o) => o.id === 'C-1')!.keyResults.map((k) => k.title)).toEqual(['KR c1', 'late addition']);
    expectSheetAgreesWithCode(values, after, template.firstDataRow);
  });
});

describe('the template with its example objectives', () => {
  const filled = (level: 'team' | 'company'): TemplateObjective[] =>
    exampleObjectives(level).map((o) => ({
      ...o,
      keyResults: o.keyResults.map((k) => ({
        ...k,
        current: k.type === 'metric' ? (Number(k.start) + Number(k.target)) / 2 : k.type === 'milestone' ? 2 : k.type === 'binary' ? true : 0.6,
      })),
    }));

  it.each(LEVELS)('%s: parses with zero problems and zero quality hints, before and after check-ins', (level) => {
    for (const [label, objectives] of [
      ['empty', exampleObjectives(level)],
      ['filled', filled(level)],
    ] as const) {
      const template = buildOkrTemplate({ level, objectives, start: '2026-10-01', end: '2026-12-31', mission: level === 'company' ? 'Make work better' : undefined });
      const { values } = evaluateGrid(template.values);
      const table = parse(values);
      expect(table.problems, `${level} ${label}`).toEqual([]);
      expect(lintTable(table, { asOf: new Date('2026-11-01T00:00:00Z') }), `${level} ${label}`).toEqual([]);
      expect(table.meta).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
      expect(table.isCompany).toBe(level === 'company');
      expect(table.objectives.length).toBe(2);
      expect(table.objectives.every((o) => o.checkedIn)).toBe(label === 'filled');
      expectSheetAgreesWithCode(values, table, template.firstDataRow);
      if (label === 'filled') expect(table.objectives.every((o) => o.score !== null && o.score > 0)).toBe(true);
    }
  });

  it.each(LEVELS)('%s: the bare template (no objectives) parses with zero problems', (level) => {
    const template = buildOkrTemplate({ level });
    const { values } = evaluateGrid(template.values);
    const table = parse(values);
    expect(table.problems).toEqual([]);
    expect(table.objectives).toEqual([]);
    expectSheetAgreesWithCode(values, table, template.firstDataRow);
  });
});

describe('formula helpers', () => {
  it('tableFormulas gives objective formulas only on objective rows', () => {
    const f = tableFormulas([3, 6], 3, 8);
    expect(f).toHaveLength(6);
    expect(f.map((x) => x.objectiveScore !== '')).toEqual([true, false, false, true, false, false]);
    expect(f[0]!.objectiveScore).toContain('K3:K6');
    expect(f[3]!.objectiveScore).toContain('K6:K8');
    expect(f[1]!.score).toBe(krScoreFormula(4));
  });

  it('scoreGradeRule colors a Score cell by the row’s Kind, in HyperFormula too', () => {
    const L = TEMPLATE_LETTERS;
    const rows: [number, string][] = [
      [0.39, ''],
      [0.4, ''],
      [0.7, ''],
      [0.9, 'committed'],
      [1, 'committed'],
      [0.6999999999999998, ''],
    ];
    const grid: Cell[][] = rows.map(([score, kind]) => {
      const r: Cell[] = new Array(COLUMNS.length).fill(null);
      r[col('score')] = score;
      r[col('kind')] = kind;
      return r;
    });
    grid.forEach((r, i) => {
      r.push(...(['red', 'yellow', 'green'] as const).map((g) => scoreGradeRule(g, i + 1, L.score)));
    });
    const { values } = evaluateGrid(grid);
    const got = values.map((r) => (['red', 'yellow', 'green'] as const).filter((_, g) => r[COLUMNS.length + g] === true));
    expect(got).toEqual(rows.map(([score, kind]) => [gradeFor(score, kind === 'committed' ? 'committed' : 'aspirational')]));
  });
});
