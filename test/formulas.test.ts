// The proof in the Sheets dialect: the template's column formulas, evaluated by HyperFormula
// (configured and patched like the Apps Script fake), give exactly the scores, objective scores and
// grades the code computes — on raw cells as a sheet holds them (test/formula-corpus.ts), in the
// en_US and de_DE syntax, and after every edit teams make, with no formula copied or repaired.
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMNS, type ColumnKey } from '../shared/columns.ts';
import { parseOkrTable } from '../shared/contract.ts';
import { localizeFormula, scoreGradeRule, sheetsColumnFormulas, TEMPLATE_LETTERS } from '../shared/formulas.ts';
import { gradeFor } from '../shared/grades.ts';
import { lintTable } from '../shared/lints.ts';
import type { ParsedTable } from '../shared/schemas.ts';
import { buildOkrTemplate, exampleObjectives, type TemplateObjective } from '../shared/template.ts';
import type { Cell } from '../shared/values.ts';
import { CORPUS, col, expectCodeVerdicts, expectNoErrors, expectSheetAgreesWithCode, kr } from './formula-corpus.ts';
import { deleteRows, evaluateGrid, insertRows } from './hf-sheet.ts';

const LEVELS = ['team', 'company'] as const;
const LOCALES = [
  { name: 'en_US', decimal: '.' },
  { name: 'de_DE', decimal: ',' },
] as const;
/** Sheets' grid goes on below the table; the open ranges reach its end. */
const SPARE_ROWS = 12;

let comparedCells = 0;
afterAll(() => {
  // The figure for the closing note; printed so a run shows it.
  console.log(`HyperFormula: ${comparedCells} Score, Objective Score and Grade cells compared with the code`);
});
const count = <T extends { cells: number }>(c: T): T => {
  comparedCells += c.cells;
  return c;
};

const parse = (values: Cell[][]) => parseOkrTable(values, { tab: 'OKRs', cells: 'typed' });

function build(level: 'team' | 'company', objectives: TemplateObjective[], decimal: '.' | ',' = '.') {
  const template = buildOkrTemplate({ level, team: 'proof', objectives, emptyRows: 3, locale: { decimal } });
  return { template, ...evaluateGrid(template.values, { decimal, spareRows: SPARE_ROWS }) };
}

describe.each(LOCALES)('the template in $name syntax, evaluated by HyperFormula, agrees with the code', ({ decimal }) => {
  describe.each(LEVELS)('%s template', (level) => {
    const { template, values } = build(level, CORPUS, decimal);
    const table = parse(values);

    it('lays out the table as promised: formulas only in the header row', () => {
      expect(table.headerRow).toBe(template.headerRow);
      expect(table.isCompany).toBe(level === 'company');
      expect(values[template.headerRow - 1]).toEqual(COLUMNS.map((c) => c.header));
      const formulaRows = template.values.flatMap((row, r) => (row.some((c) => typeof c === 'string' && c.startsWith('=')) ? [r + 1] : []));
      expect(formulaRows).toEqual([template.headerRow]);
    });

    it('the code scores the corpus as the rules say', () => {
      expectCodeVerdicts(table);
      const o = (id: string) => table.objectives.find((x) => x.id === id)!;
      expect(o('WGT-1').score).toBeCloseTo((1 + 0.2 * 2.5 + 0.4) / 4.5, 12);
      expect(o('WS-1').kind).toBe('committed');
      expect(o('ALL-NONE').score).toBeNull();
      expect(o('EMPTY-1').keyResults.map((k) => k.id)).toEqual(['nbsp-id']);
    });

    it('every Score, Objective Score and Grade cell equals the code', () => {
      expectNoErrors(values);
      const { scored } = count(expectSheetAgreesWithCode(values, table, template.firstDataRow));
      expect(scored).toBeGreaterThanOrEqual(60);
    });

    it('names each unreadable number cell with its row and column', () => {
      const problem = (id: string, column: string) => table.problems.find((p) => p.krId === id && p.column === column);
      const row = (id: string) => table.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!.row;
      expect(problem('txt-start', 'Start')).toMatchObject({ code: 'text-number', severity: 'error', value: '$1,200', row: row('txt-start') });
      expect(problem('txt-weight', 'Weight')).toMatchObject({ code: 'text-number', value: '2' });
      expect(problem('met-bool-start', 'Start')).toMatchObject({ code: 'bad-number', value: 'TRUE' });
      expect(problem('date-milestone', 'Current')).toMatchObject({ code: 'date-number', severity: 'warning', value: '2026-03-04' });
      expect(problem('txt-start', 'Start')!.message).toMatch(/stored as text/);
    });
  });
});

describe('locale syntax', () => {
  it('a comma-decimal sheet cannot parse the English formulas (why the add-on localizes them)', () => {
    const template = buildOkrTemplate({ level: 'team', objectives: CORPUS.slice(0, 1), emptyRows: 0 });
    const { values } = evaluateGrid(template.values, { decimal: ',' });
    expect(values[template.headerRow - 1]![col('score')]).toMatch(/^#/);
  });

  it('localizeFormula rewrites separators and decimals, never text in quotes', () => {
    expect(localizeFormula('=IF(A1>=0.7,"a, b. 1.5",MAX(1,2.25))', { decimal: ',' })).toBe('=IF(A1>=0,7;"a, b. 1.5";MAX(1;2,25))');
    expect(localizeFormula('=IF(A1="say ""x,y""",1,0)', { decimal: ',' })).toBe('=IF(A1="say ""x,y""";1;0)');
    expect(localizeFormula('=SUM(A1,0.5)', { decimal: '.' })).toBe('=SUM(A1,0.5)');
  });
});

describe('Kind spellings the contract accepts grade the same in the sheet', () => {
  it.each(['committed', 'Committed ', 'commit', '\tcommitted\n', 'aspirational', 'stretch', '', 'whatever', 'committed\u2003'])('Kind %j', (kind) => {
    const t = buildOkrTemplate({ level: 'team', objectives: [{ id: 'K-1', title: 'Kinds', keyResults: [kr('k', 'manual', { current: 0.8 })] }], emptyRows: 0 });
    t.values[t.objectiveRows[0]! - 1]![col('kind')] = kind;
    const { values } = evaluateGrid(t.values);
    const table = parse(values);
    count(expectSheetAgreesWithCode(values, table, t.firstDataRow));
    expect(values[t.objectiveRows[0]! - 1]![col('grade')]).toBe(/^\s*commit/i.test(kind) && !kind.includes('\u2003') ? 'yellow' : 'green');
  });
});

describe('edits teams make, with no formula copied and no script run', () => {
  const objectives: TemplateObjective[] = [
    { id: 'A-1', title: 'First', keyResults: [kr('a1', 'manual', { current: 0.2 }), kr('a2', 'manual', { current: 0.4 }), kr('a3', 'binary', { current: 'no' })] },
    { id: 'B-1', title: 'Second', kind: 'committed', keyResults: [kr('b1', 'milestone', { target: 4, current: 1 }), kr('b2', 'manual', { current: 0.5 })] },
    { id: 'C-1', title: 'Last', keyResults: [kr('c1', 'manual', { current: 0.1 })] },
  ];
  const template = buildOkrTemplate({ level: 'team', team: 'proof', objectives, emptyRows: 3 });
  /** The sheet as the user leaves it: the template's grid and Sheets' empty rows below it. */
  const sheet = (): Cell[][] => [...template.values.map((r) => [...r]), ...Array.from({ length: SPARE_ROWS }, () => new Array<Cell>(COLUMNS.length).fill(null))];
  const rowOf = (id: string) => template.values.findIndex((r) => r[col('krId')] === id || r[col('objectiveId')] === id) + 1;

  /** Types cells into the 1-based `row`, as someone typing them (no formulas). */
  function type(grid: Cell[][], row: number, fields: Partial<Record<ColumnKey, Cell>>): void {
    for (const [key, value] of Object.entries(fields)) grid[row - 1]![col(key as ColumnKey)] = value as Cell;
  }
  const objective = (t: ParsedTable, id: string) => t.objectives.find((o) => o.id === id)!;
  function check(grid: Cell[][], label: string): { table: ParsedTable; values: Cell[][] } {
    const { values } = evaluateGrid(grid);
    expectNoErrors(values);
    const table = parse(values);
    count(expectSheetAgreesWithCode(values, table, table.headerRow! + 1, label));
    return { table, values };
  }

  it('a key result row inserted in the middle of a block counts at once', () => {
    const grid = insertRows(sheet(), rowOf('a1')); // between a1 and a2
    type(grid, rowOf('a1') + 1, { keyResult: 'inserted', type: 'manual', current: 1, weight: 2 });
    const { table } = check(grid, 'mid-block');
    expect(objective(table, 'A-1').keyResults.map((k) => k.title)).toEqual(['KR a1', 'inserted', 'KR a2', 'KR a3']);
    expect(objective(table, 'A-1').score).toBeCloseTo((0.2 + 2 + 0.4 + 0) / 5, 12);
  });

  it('a key result row inserted just above the next objective joins the block above', () => {
    const grid = insertRows(sheet(), rowOf('B-1') - 1);
    type(grid, rowOf('B-1'), { keyResult: 'appended', type: 'binary', current: true });
    const { table } = check(grid, 'above next objective');
    expect(objective(table, 'A-1').score).toBeCloseTo((0.2 + 0.4 + 0 + 1) / 4, 12);
    expect(objective(table, 'B-1').row).toBe(rowOf('B-1') + 1);
  });

  it('a row appended below the table’s last row is scored', () => {
    const grid = sheet();
    type(grid, template.lastRow + 5, { keyResult: 'late addition', type: 'milestone', target: 2, current: 1 });
    const { table } = check(grid, 'append below');
    expect(objective(table, 'C-1').keyResults.map((k) => k.title)).toEqual(['KR c1', 'late addition']);
    expect(objective(table, 'C-1').score).toBeCloseTo(0.3, 12);
  });

  it('a new objective typed into the blank rows is its own block at once', () => {
    const grid = sheet();
    const at = template.lastRow - 1; // the second of the three ready rows
    type(grid, at, { objectiveId: 'D-1', objective: 'New', kind: 'committed', keyResult: 'd1', type: 'manual', current: 1 });
    type(grid, at + 1, { keyResult: 'd2', type: 'manual', current: 0.5 });
    type(grid, template.lastRow + 3, { keyResult: 'd3', type: 'binary', current: 'yes' }); // below the table
    const { table, values } = check(grid, 'new objective');
    expect(objective(table, 'C-1').score).toBeCloseTo(0.1, 12);
    expect(objective(table, 'D-1').score).toBeCloseTo(2.5 / 3, 12);
    expect(values[at - 1]![col('grade')]).toBe('yellow');
  });

  it('deleting the last key result row of a block, and one in the middle', () => {
    let grid = deleteRows(sheet(), rowOf('b2') - 1); // just above C-1
    expect(objective(check(grid, 'delete last row').table, 'B-1').score).toBe(0.25);
    grid = deleteRows(grid, rowOf('a2') - 1);
    expect(objective(check(grid, 'delete mid-block').table, 'A-1').score).toBeCloseTo(0.1, 12);
  });

  it('a row inserted right below the header, and rows inserted above the whole table', () => {
    let grid = insertRows(sheet(), template.headerRow);
    type(grid, template.headerRow + 1, { keyResult: 'orphan', type: 'manual', current: 1 });
    expect(check(grid, 'below header').table.problems.map((p) => p.code)).toContain('kr-before-objective');
    grid = insertRows(grid, 0, 2);
    const { table } = check(grid, 'above the table');
    expect(table.headerRow).toBe(template.headerRow + 2);
    expect(objective(table, 'A-1').score).toBeCloseTo(0.2, 12);
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
      expect(table.objectives.every((o) => o.checkedIn)).toBe(label === 'filled');
      count(expectSheetAgreesWithCode(values, table, template.firstDataRow));
      if (label === 'filled') expect(table.objectives.every((o) => o.score !== null && o.score > 0)).toBe(true);
    }
  });

  it.each(LEVELS)('%s: the bare template (no objectives) parses with zero problems', (level) => {
    const template = buildOkrTemplate({ level });
    const { values } = evaluateGrid(template.values);
    const table = parse(values);
    expect(table.problems).toEqual([]);
    expect(table.objectives).toEqual([]);
    count(expectSheetAgreesWithCode(values, table, template.firstDataRow));
  });
});

describe('conditional formatting', () => {
  it('colours a key result row by its objective’s Kind, not its own blank Kind cell', () => {
    const L = TEMPLATE_LETTERS;
    const headerRow = 1;
    // [objective id, kind, score]: key result rows below a committed objective use the committed scale.
    const rows: [string, string, number | null][] = [
      ['C-1', 'committed', 0.9],
      ['', '', 0.8],
      ['', '', 1],
      ['A-1', '', 0.7],
      ['', '', 0.5],
      ['', '', 0.39],
      ['D-1', ' Commit ', 0.6999999999999998],
      ['', '', 0.7],
      ['', '', null],
    ];
    const grid: Cell[][] = [COLUMNS.map((c) => c.header)];
    rows.forEach(([id, kind, score], i) => {
      const r: Cell[] = new Array(COLUMNS.length).fill(null);
      r[col('objectiveId')] = id;
      r[col('kind')] = kind;
      r[col('score')] = score;
      r.push(...(['red', 'yellow', 'green'] as const).map((g) => scoreGradeRule(g, headerRow, i + 2, L)));
      grid.push(r);
    });
    const { values } = evaluateGrid(grid);
    let kind = 'aspirational' as 'aspirational' | 'committed';
    const want = rows.map(([id, k, score]) => {
      if (id) kind = /commit/i.test(k) ? 'committed' : 'aspirational';
      const g = gradeFor(score, kind);
      return g ? [g] : [];
    });
    const got = values.slice(1).map((r) => (['red', 'yellow', 'green'] as const).filter((_, g) => r[COLUMNS.length + g] === true));
    expect(got).toEqual(want);
    expect(want.slice(0, 3)).toEqual([['yellow'], ['yellow'], ['green']]);
  });

  it('the column formulas start on the header row, so an insert right below it is still covered', () => {
    const f = sheetsColumnFormulas(7);
    expect(f.score).toContain('D7:D');
    expect(f.objectiveScore).toContain('A7:A');
    expect(f.grade.startsWith('=ARRAYFORMULA(')).toBe(true);
  });
});
