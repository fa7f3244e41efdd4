// The proof in the .xlsx dialect, in a second engine: `okr template`'s workbook code writes the
// corpus (test/formula-corpus.ts) and the edit scenarios as .xlsx files, LibreOffice Calc computes
// them headless (soffice --convert-to xlsx, one run for the whole file), and the service's own .xlsx
// reader takes the computed values back: every Score, Objective Score and Grade equals the code.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnKey } from '../shared/columns.ts';
import { parseOkrTable } from '../shared/contract.ts';
import { xlsxRowFormulas } from '../shared/formulas.ts';
import type { ParsedTable } from '../shared/schemas.ts';
import { exampleObjectives, type TemplateGrid, type TemplateObjective } from '../shared/template.ts';
import type { Cell } from '../shared/values.ts';
import { readXlsx } from '../sync-service/sources/workbook.ts';
import { templateGrid, templateWorkbook } from '../sync-service/template/xlsx.ts';
import { CORPUS, col, expectCodeVerdicts, expectNoErrors, expectSheetAgreesWithCode, kr } from './formula-corpus.ts';
import { deleteRows, insertRows } from './hf-sheet.ts';

const SOFFICE = process.env.SOFFICE ?? 'soffice';

/** The workbooks of this file, by name: each is written, computed by LibreOffice, then read back. */
const cases = new Map<string, TemplateGrid>();
const computed = new Map<string, { grid: Cell[][]; table: ParsedTable }>();
let dir = '';
let comparedCells = 0;

// ---- the cases ----------------------------------------------------------------------------------

for (const level of ['team', 'company'] as const) cases.set(`corpus-${level}`, templateGrid({ level, objectives: CORPUS, emptyRows: 3 }));
for (const level of ['team', 'company'] as const) {
  cases.set(`examples-${level}`, templateGrid({ level }));
  const filled = exampleObjectives(level).map((o) => ({
    ...o,
    keyResults: o.keyResults.map((k) => ({ ...k, current: k.type === 'metric' ? (Number(k.start) + Number(k.target)) / 2 : k.type === 'milestone' ? 2 : k.type === 'binary' ? true : 0.6 })),
  }));
  cases.set(`examples-filled-${level}`, templateGrid({ level, objectives: filled }));
}
const KINDS = ['committed', 'Committed ', 'commit', '\tcommitted\n', 'aspirational', 'stretch', '', 'whatever', 'committed\u2003'];
{
  const kinds: TemplateObjective[] = KINDS.map((kind, i) => ({ id: `K-${i}`, title: `Kind ${JSON.stringify(kind)}`, kind: kind as 'committed', keyResults: [kr(`k-${i}`, 'manual', { current: 0.8 })] }));
  cases.set('kinds', templateGrid({ level: 'team', objectives: kinds, emptyRows: 1 }));
}

// Edits as an Excel user makes them: rows inserted (then the formulas filled down into them, as
// Excel does not copy them), typed into the prepared rows, or deleted.
const EDITED: TemplateObjective[] = [
  { id: 'A-1', title: 'First', keyResults: [kr('a1', 'manual', { current: 0.2 }), kr('a2', 'manual', { current: 0.4 }), kr('a3', 'binary', { current: 'no' })] },
  { id: 'B-1', title: 'Second', kind: 'committed', keyResults: [kr('b1', 'milestone', { target: 4, current: 1 }), kr('b2', 'manual', { current: 0.5 })] },
  { id: 'C-1', title: 'Last', keyResults: [kr('c1', 'manual', { current: 0.1 })] },
];
const base = templateGrid({ level: 'team', objectives: EDITED, emptyRows: 6 });
const rowOf = (id: string) => base.values.findIndex((r) => r[col('krId')] === id || r[col('objectiveId')] === id) + 1;
function edited(edit: (values: Cell[][]) => Cell[][]): TemplateGrid {
  const values = edit(base.values.map((r) => [...r])) as TemplateGrid["values"];
  return { ...base, values, lastRow: values.length };
}
function type(values: Cell[][], row: number, fields: Partial<Record<ColumnKey, Cell>>): Cell[][] {
  for (const [key, value] of Object.entries(fields)) values[row - 1]![col(key as ColumnKey)] = value as Cell;
  return values;
}
/** Insert a row before 1-based `row`, fill the formulas down into it, and type into it. */
function insertFilled(values: Cell[][], row: number, fields: Partial<Record<ColumnKey, Cell>>): Cell[][] {
  const moved = insertRows(values, row - 1);
  const last = moved.length;
  const f = xlsxRowFormulas(row, base.headerRow, last);
  return type(moved, row, { ...fields, score: f.score, objectiveScore: f.objectiveScore, grade: f.grade });
}
cases.set('edit-mid-block', edited((v) => insertFilled(v, rowOf('a1') + 1, { keyResult: 'inserted', type: 'manual', current: 1, weight: 2 })));
cases.set('edit-above-next-objective', edited((v) => insertFilled(v, rowOf('B-1'), { keyResult: 'appended', type: 'binary', current: true })));
cases.set('edit-append-below', edited((v) => type(v, base.lastRow - 1, { keyResult: 'late addition', type: 'milestone', target: 2, current: 1 })));
cases.set(
  'edit-new-objective',
  edited((v) => {
    type(v, base.lastRow - 4, { objectiveId: 'D-1', objective: 'New', kind: 'committed', keyResult: 'd1', type: 'manual', current: 1 });
    return type(v, base.lastRow - 2, { keyResult: 'd2', type: 'manual', current: 0.5 });
  }),
);
cases.set('edit-delete-last-row', edited((v) => deleteRows(v, rowOf('b2') - 1)));
cases.set('edit-delete-mid-block', edited((v) => deleteRows(v, rowOf('a2') - 1)));

// ---- one LibreOffice run for all of them --------------------------------------------------------

beforeAll(async () => {
  const probe = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`LibreOffice Calc is needed for this proof and "${SOFFICE} --version" failed (${probe.error?.message ?? probe.stderr}). Install it: apt-get install -y libreoffice-calc`);
  }
  dir = mkdtempSync(path.join(tmpdir(), 'okr-lo-'));
  const input = path.join(dir, 'in');
  const output = path.join(dir, 'out');
  mkdirSync(input);
  mkdirSync(output);
  const files: string[] = [];
  for (const [name, grid] of cases) {
    const file = path.join(input, `${name}.xlsx`);
    await templateWorkbook(grid).xlsx.writeFile(file);
    files.push(file);
  }
  // Its own profile, so that a LibreOffice already running elsewhere is neither used nor disturbed.
  execFileSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--headless', '--calc', '--convert-to', 'xlsx', '--outdir', output, ...files], { stdio: 'pipe', timeout: 120_000 });
  for (const name of cases.keys()) {
    const read = await readXlsx(readFileSync(path.join(output, `${name}.xlsx`)));
    const grid = read.okr[0]?.grid ?? [];
    computed.set(name, { grid, table: parseOkrTable(grid, { tab: 'OKRs', cells: 'typed' }) });
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`LibreOffice Calc: ${comparedCells} Score, Objective Score and Grade cells compared with the code`);
});

function agree(name: string): ParsedTable {
  const c = computed.get(name);
  if (!c) throw new Error(`LibreOffice did not compute ${name}`);
  expectNoErrors(c.grid);
  const { cells } = expectSheetAgreesWithCode(c.grid, c.table, c.table.headerRow! + 1, name);
  comparedCells += cells;
  return c.table;
}
const objective = (t: ParsedTable, id: string) => t.objectives.find((o) => o.id === id)!;

describe('the .xlsx template, computed by LibreOffice Calc, agrees with the code', () => {
  it.each(['team', 'company'] as const)('%s: every Score, Objective Score and Grade on the raw-cell corpus', (level) => {
    const table = agree(`corpus-${level}`);
    expectCodeVerdicts(table);
    expect(table.isCompany).toBe(level === 'company');
    expect(table.objectives.flatMap((o) => o.keyResults).filter((k) => k.score !== null).length).toBeGreaterThanOrEqual(60);
  });

  it.each(['team', 'company'] as const)('%s: the example objectives, before and after check-ins, with zero problems', (level) => {
    for (const name of [`examples-${level}`, `examples-filled-${level}`]) {
      const table = agree(name);
      expect(table.problems, name).toEqual([]);
      expect(table.objectives.length).toBe(2);
    }
    expect(objective(agree(`examples-filled-${level}`), level === 'team' ? 'TEAM-1' : 'CO-1').score).toBeGreaterThan(0);
  });

  it('Kind spellings grade the same as in the code', () => {
    const table = agree('kinds');
    expect(table.objectives.map((o) => o.kind)).toEqual(KINDS.map((k) => (/^\s*commit/i.test(k) && !k.includes('\u2003') ? 'committed' : 'aspirational')));
  });
});

describe('edits an Excel user makes, computed by LibreOffice Calc', () => {
  it('a row inserted mid-block, with the formulas filled down into it', () => {
    expect(objective(agree('edit-mid-block'), 'A-1').score).toBeCloseTo((0.2 + 2 + 0.4 + 0) / 5, 12);
  });

  it('a row inserted just above the next objective', () => {
    expect(objective(agree('edit-above-next-objective'), 'A-1').score).toBeCloseTo((0.2 + 0.4 + 0 + 1) / 4, 12);
  });

  it('a key result typed into a prepared row below the table', () => {
    expect(objective(agree('edit-append-below'), 'C-1').score).toBeCloseTo(0.3, 12);
  });

  it('a new objective typed into the prepared rows is its own block at once', () => {
    const table = agree('edit-new-objective');
    expect(objective(table, 'C-1').score).toBeCloseTo(0.1, 12);
    expect(objective(table, 'D-1').score).toBeCloseTo(0.75, 12);
  });

  it('deleting the last key result row of a block, and one in the middle', () => {
    expect(objective(agree('edit-delete-last-row'), 'B-1').score).toBe(0.25);
    expect(objective(agree('edit-delete-mid-block'), 'A-1').score).toBeCloseTo(0.1, 12);
  });
});
