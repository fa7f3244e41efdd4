// The bad-input corpus: hostile and broken team workbooks, generated into a folder (ExcelJS for
// .xlsx, raw bytes for .csv), each with the problems the service must report for it (code, row,
// column) and the good objectives that must still roll up with their scores.
//
// Row numbers are sheet rows (1-based). okrGrid() puts `Key: value` lines first, then a blank row,
// then the header, so with only a Team line the header is row 3 and data starts at row 4.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Problem } from '../../shared/schemas.ts';
import type { AlignmentDocument } from '../../sync-service/engine/document.ts';
import { OKR_HEADER, okrGrid, type RowSpec, type XCell } from '../fixtures/workbooks.ts';
import { HOSTILE } from './hostile-cases.ts';

export interface ExpectedProblem {
  code: string;
  severity: 'error' | 'warning';
  row?: number;
  column?: string;
  value?: string;
  /** Default: the case's tab. */
  tab?: string;
  /** Only the roll-up across all sheets can see it (not `okr validate` on the file alone). */
  rollupOnly?: true;
}

export interface CorpusCase {
  name: string;
  file: string;
  /** The team the problems are filed under. */
  team: string;
  tab: string;
  write(dir: string): Promise<void> | void;
  /** Every one must be reported; and the team's errors must be exactly these (warnings may be more). */
  problems: ExpectedProblem[];
  /** Objectives (by roll-up key) that are fine and must keep these own scores. */
  good: { key: string; score: number }[];
  /** Extra checks on the roll-up. */
  check?(doc: AlignmentDocument, problems: Problem[]): void;
  /** The file name's bytes, when they are not UTF-8 (`file` then shows U+FFFD). */
  rawName?: Buffer;
}

// ---- writers ---------------------------------------------------------------------------------------

interface SheetSpec {
  name: string;
  grid: readonly (readonly XCell[])[];
  /** A1 ranges to merge (the master keeps its value; the other cells are written blank). */
  merges?: string[];
  /** Cells given a fill but no value (formatting left behind). */
  styledEmpty?: [row: number, col: number][];
}

async function writeWorkbook(file: string, sheets: readonly SheetSpec[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const [r, row] of s.grid.entries()) {
      for (const [c, v] of row.entries()) if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [r, c] of s.styledEmpty ?? []) ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  }
  await wb.xlsx.writeFile(file);
}

function csv(grid: readonly (readonly XCell[])[], d = ','): string {
  const quote = (v: XCell): string => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return s.includes(d) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${grid.map((r) => r.map(quote).join(d)).join('\n')}\n`;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const metric = (start: XCell, target: XCell, current: XCell): RowSpec => ({ type: 'metric', start, target, current });

// ---- the company sheet every good objective aligns to ---------------------------------------------

export const COMPANY = {
  file: 'company.xlsx',
  period: { start: '2026-01-01', end: '2026-03-31' },
  async write(dir: string) {
    await writeWorkbook(path.join(dir, this.file), [
      {
        name: 'OKRs',
        grid: okrGrid({ team: 'Company', mission: 'Survive bad input', start: this.period.start, end: this.period.end }, [
          { oid: 'C1', objective: 'Read whatever people type', kr: 'Sheets read', krId: 'C1-1', ...metric(0, 10, 5) },
        ]),
      },
    ]);
  },
};

/** Judged half-way through the company's period. */
export const CORPUS_AS_OF = new Date('2026-02-15T12:00:00Z');

// ---- the 50,000-row sheet --------------------------------------------------------------------------

export const BIG = {
  rows: 50_000,
  objectives: 10,
  /** Data rows 4..50,000; objective i owns a contiguous block; KR j has current j % 11 of 0..10. */
  dataRows(): number {
    return this.rows - 3;
  },
  /** The own score of objective `o` (0-based): the plain mean of its key results' scores. */
  expectedScore(o: number): number {
    const n = this.dataRows();
    const per = Math.ceil(n / this.objectives);
    let sum = 0;
    let count = 0;
    for (let j = o * per; j < Math.min(n, (o + 1) * per); j++) {
      if (j === n - 1) continue; // the last row's Current is unreadable: it has no score
      sum += Math.min(1, (j % 11) / 10);
      count++;
    }
    return sum / count;
  },
  text(): string {
    const n = this.dataRows();
    const per = Math.ceil(n / this.objectives);
    const lines = ['Team:,Big', '', OKR_HEADER.slice(0, 10).join(',')];
    for (let j = 0; j < n; j++) {
      const o = Math.floor(j / per);
      const first = j % per === 0;
      const current = j === n - 1 ? 'oops' : String(j % 11);
      lines.push(`${first ? `BIG${o + 1}` : ''},${first ? `Big objective ${o + 1}` : ''},${first ? 'C1' : ''},KR ${j},,metric,0,10,${current},`);
    }
    return `${lines.join('\n')}\n`;
  },
};

const HUGE = 100_000;
/** 100 KB of text with quotes, commas, new lines, accents and RTL in it. */
const hugeText = (seed: string) => {
  const chunk = `${seed} "quoted", more; é ü ß — عربى עברית\n`;
  return `${chunk.repeat(Math.ceil(HUGE / chunk.length)).slice(0, HUGE - 1)}.`;
};

// ---- the cases -------------------------------------------------------------------------------------

const BASE: CorpusCase[] = [
  {
    name: 'missing header',
    file: 'missing-header.xlsx',
    team: 'NoHeader',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'missing-header.xlsx'), [
        { name: 'OKRs', grid: [['Team: NoHeader'], [], ['ID', 'Goal', 'Result', 'Progress'], ['N1', 'Grow', 'More', 5]] },
      ]),
    problems: [{ code: 'missing-header', severity: 'error' }],
    good: [],
  },
  {
    name: 'header below the first ten rows',
    file: 'low-header.csv',
    team: 'LowHeader',
    tab: 'low-header.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'low-header.csv'),
        csv([['Team:', 'LowHeader'], ...Array.from({ length: 10 }, () => []), [...OKR_HEADER], ['LH1', 'Too low', 'C1', 'KR', '', 'metric', 0, 10, 5]]),
      ),
    problems: [{ code: 'missing-header', severity: 'error' }],
    good: [],
  },
  {
    name: 'required columns missing',
    file: 'missing-columns.csv',
    team: 'MissingColumns',
    tab: 'missing-columns.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'missing-columns.csv'),
        csv([['Team:', 'MissingColumns'], [], ['Objective ID', 'Key Result', 'Current'], ['MC1', 'Something', 5]]),
      ),
    problems: [
      { code: 'missing-column', severity: 'error', row: 3, column: 'Objective' },
      { code: 'missing-column', severity: 'error', row: 3, column: 'Type' },
    ],
    good: [],
  },
  {
    name: 'duplicated columns',
    file: 'dup-columns.xlsx',
    team: 'DupColumns',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'dup-columns.xlsx'), [
        {
          name: 'OKRs',
          grid: [
            ['Team:', 'DupColumns'],
            [],
            [...OKR_HEADER, 'Objective ID', 'current'],
            ['DC1', 'Columns twice', 'C1', 'Deals', 'DC1-1', 'metric', 0, 10, 5, null, null, null, null, null, null, null, 'IGNORED', 'junk'],
          ],
        },
      ]),
    problems: [
      { code: 'duplicate-column', severity: 'warning', row: 3, column: 'Objective ID' },
      { code: 'duplicate-column', severity: 'warning', row: 3, column: 'Current' },
    ],
    good: [{ key: 'DC1', score: 0.5 }],
  },
  {
    name: 'merged cells, blank rows and formatting left behind',
    file: 'merged.xlsx',
    team: 'Merged',
    tab: 'OKRs',
    write: (dir) => {
      const header = [...OKR_HEADER];
      const row = (cells: Partial<Record<(typeof OKR_HEADER)[number], XCell>>): XCell[] => header.map((h) => cells[h] ?? null);
      return writeWorkbook(path.join(dir, 'merged.xlsx'), [
        {
          name: 'OKRs',
          grid: [
            ['Team: Merged'], // a banner merged across four columns
            [],
            header,
            row({
              'Objective ID': 'MB1',
              Objective: 'Merged over its key results',
              'Aligns To': 'C1',
              'Key Result': 'KR a',
              Type: 'metric',
              Start: 0,
              Target: 10,
              Current: 10,
            }),
            row({ 'Key Result': 'KR b', Type: 'metric', Start: 0, Target: 10, Current: 5 }),
            row({ 'Key Result': 'KR c', Type: 'metric', Start: 0, Target: 10, Current: 0 }),
            [], // a blank row
            header.map(() => ' \u00a0 '), // spaces only
            row({
              'Objective ID': 'MB2',
              Objective: 'After the gap',
              'Aligns To': 'C1',
              'Key Result': 'KR merged over KR ID',
              Type: 'metric',
              Start: 0,
              Target: 4,
              Current: 1,
            }),
            row({ Notes: 'a note left on its own' }),
          ],
          merges: ['A1:D1', 'A4:A6', 'B4:B6', 'C4:C6', 'D9:E9', 'P3:R3'],
          styledEmpty: [
            [20, 1],
            [20, 16],
            [4, 40],
          ],
        },
      ]);
    },
    problems: [{ code: 'missing-value', severity: 'warning', row: 10, column: 'Key Result' }],
    good: [
      { key: 'MB1', score: 0.5 },
      { key: 'MB2', score: 0.25 },
    ],
    check(doc) {
      const mb1 = doc.objectives.find((o) => o.key === 'MB1')!;
      expect(mb1.keyResults.map((k) => k.title)).toEqual(['KR a', 'KR b', 'KR c']);
      expect(mb1.parents).toEqual(['C1']);
      expect(doc.objectives.find((o) => o.key === 'MB2')!.keyResults.map((k) => k.id)).toEqual(['MB2-1']);
    },
  },
  {
    name: 'wrong types in every column',
    file: 'wrong-types.xlsx',
    team: 'WrongTypes',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'wrong-types.xlsx'), [
        {
          name: 'OKRs',
          grid: okrGrid({ team: 'WrongTypes' }, [
            { oid: 'WT1', objective: 'Typed wrongly', alignsTo: true, kr: 'Start is text', ...metric('abc', 10, 5) }, // 4
            { kr: 'Target is text', krId: new Date('2026-01-05T00:00:00Z'), ...metric(0, 'n/a', 5) }, // 5
            { kr: 'Current is text', owner: 7, ...metric(0, 10, 'lots') }, // 6
            { kr: 'Weight is text', weight: 'heavy', ...metric(0, 10, 5) }, // 7
            { kr: 'Confidence is text', confidence: 'sure', ...metric(0, 10, 5) }, // 8
            { kr: 'Type is a number', type: 42, start: 0, target: 10, current: 5 }, // 9
            { kr: 'Binary is unreadable', type: 'binary', current: 'perhaps' }, // 10
            { kr: 'Score is text', score: 'high', ...metric(0, 10, 5) }, // 11
            {
              oid: 'WT2',
              objective: new Date('2026-01-15T00:00:00Z'),
              alignsTo: 'C1',
              kind: 'maybe',
              objectiveWeight: 'x',
              kr: 12345,
              type: 'milestone',
              target: 4,
              current: 2,
            }, // 12
            { oid: 'WTOK', objective: 'Well typed', alignsTo: 'C1', kr: 'Clean', ...metric(0, 10, 5) }, // 13
          ]),
        },
      ]),
    problems: [
      { code: 'unknown-parent', severity: 'error', row: 4, column: 'Aligns To', value: 'TRUE', rollupOnly: true },
      { code: 'bad-number', severity: 'error', row: 4, column: 'Start', value: 'abc' },
      { code: 'bad-number', severity: 'error', row: 5, column: 'Target', value: 'n/a' },
      { code: 'bad-number', severity: 'error', row: 6, column: 'Current', value: 'lots' },
      { code: 'bad-number', severity: 'error', row: 7, column: 'Weight', value: 'heavy' },
      { code: 'bad-confidence', severity: 'warning', row: 8, column: 'Confidence', value: 'sure' },
      { code: 'unknown-type', severity: 'error', row: 9, column: 'Type', value: '42' },
      { code: 'bad-binary', severity: 'error', row: 10, column: 'Current', value: 'perhaps' },
      { code: 'score-mismatch', severity: 'warning', row: 11, column: 'Score', value: 'high' },
      { code: 'bad-kind', severity: 'warning', row: 12, column: 'Kind', value: 'maybe' },
      { code: 'bad-number', severity: 'error', row: 12, column: 'Objective Weight', value: 'x' },
      { code: 'too-many-key-results', severity: 'warning', row: 4 },
    ],
    good: [
      { key: 'WT2', score: 0.5 },
      { key: 'WTOK', score: 0.5 },
    ],
    check(doc) {
      const wt2 = doc.objectives.find((o) => o.key === 'WT2')!;
      expect(wt2.title).toBe('2026-01-15');
      expect(wt2.weight).toBe(0); // unreadable Objective Weight counts as 0
      expect(wt2.keyResults[0]?.title).toBe('12345');
      const wt1 = doc.objectives.find((o) => o.key === 'WT1')!;
      expect(wt1.keyResults.find((k) => k.title === 'Current is text')?.owner).toBe('7');
    },
  },
  {
    name: 'zero ranges (Start = Target)',
    file: 'zero-range.csv',
    team: 'ZeroRange',
    tab: 'zero-range.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'zero-range.csv'),
        csv(
          okrGrid({ team: 'ZeroRange' }, [
            { oid: 'ZR1', objective: 'Nothing to travel', alignsTo: 'C1', kr: 'Reached', ...metric(5, 5, 5) },
            { kr: 'Not reached', ...metric(5, 5, 3) },
            { kr: 'Normal', ...metric(0, 10, 5) },
          ]),
        ),
      ),
    problems: [
      { code: 'no-range', severity: 'warning', row: 4, column: 'Target' },
      { code: 'no-range', severity: 'warning', row: 5, column: 'Target' },
    ],
    good: [{ key: 'ZR1', score: 0.5 }],
    check(doc) {
      expect(doc.objectives.find((o) => o.key === 'ZR1')!.keyResults.map((k) => k.score)).toEqual([1, 0, 0.5]);
    },
  },
  {
    name: 'negative weights',
    file: 'negative-weights.xlsx',
    team: 'NegativeWeights',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'negative-weights.xlsx'), [
        {
          name: 'OKRs',
          grid: okrGrid({ team: 'NegativeWeights' }, [
            { oid: 'NW1', objective: 'Weighed down', alignsTo: 'C1', objectiveWeight: -1, kr: 'Ignored', weight: -2, ...metric(0, 10, 10) },
            { kr: 'Counted', ...metric(0, 10, 4) },
          ]),
        },
      ]),
    problems: [
      { code: 'negative-weight', severity: 'error', row: 4, column: 'Weight', value: '-2' },
      { code: 'negative-weight', severity: 'error', row: 4, column: 'Objective Weight', value: '-1' },
    ],
    // The negative weight counts as 0: only "Counted" scores.
    good: [{ key: 'NW1', score: 0.4 }],
    check(doc) {
      expect(doc.objectives.find((o) => o.key === 'NW1')!.weight).toBe(0);
    },
  },
  {
    name: 'cycles of length 1 to 4',
    file: 'cycles.xlsx',
    team: 'Cycles',
    tab: 'OKRs',
    write: (dir) => {
      const links: [string, string][] = [
        ['CY1', 'CY1'],
        ['CY2', 'CY3'],
        ['CY3', 'CY2'],
        ['CY4', 'CY5'],
        ['CY5', 'CY6'],
        ['CY6', 'CY4'],
        ['CY7', 'CY8'],
        ['CY8', 'CY9'],
        ['CY9', 'CY10'],
        ['CY10', 'CY7'],
      ];
      return writeWorkbook(path.join(dir, 'cycles.xlsx'), [
        {
          name: 'OKRs',
          grid: okrGrid({ team: 'Cycles' }, [
            ...links.map(([oid, to]) => ({ oid, objective: `Loop ${oid}`, alignsTo: to, kr: 'Something', ...metric(0, 10, 1) })),
            { oid: 'CYOK', objective: 'Outside the loops', alignsTo: 'C1', kr: 'Fine', ...metric(0, 10, 7) },
          ]),
        },
      ]);
    },
    problems: [
      ...Array.from({ length: 10 }, (_, i): ExpectedProblem => ({ code: 'cycle', severity: 'error', row: 4 + i, column: 'Aligns To', rollupOnly: true })),
      { code: 'too-many-objectives', severity: 'warning', row: 9 },
    ],
    good: [
      { key: 'CYOK', score: 0.7 },
      { key: 'CY7', score: 0.1 },
    ],
    check(doc, problems) {
      const msg = (id: string) => problems.find((p) => p.code === 'cycle' && p.objectiveId === id)?.message ?? '';
      expect(msg('CY1')).toContain('CY1 → CY1');
      expect(msg('CY2')).toContain('CY2 → CY3 → CY2');
      expect(msg('CY4')).toContain('CY4 → CY5 → CY6 → CY4');
      expect(msg('CY7')).toContain('CY7 → CY8 → CY9 → CY10 → CY7');
      for (let i = 1; i <= 10; i++) expect(doc.objectives.find((o) => o.key === `CY${i}`)).toMatchObject({ inCycle: true, parents: [], rolledScore: 0.1 });
      expect(doc.objectives.find((o) => o.key === 'CYOK')).toMatchObject({ inCycle: false, parents: ['C1'] });
    },
  },
  {
    name: 'unknown and duplicate ids',
    file: 'unknown-ids.xlsx',
    team: 'UnknownIds',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'unknown-ids.xlsx'), [
        {
          name: 'OKRs',
          grid: okrGrid({ team: 'UnknownIds' }, [
            { oid: 'UD1', objective: 'Aligned to nothing and C1', alignsTo: 'NOPE; C1', kr: 'First', krId: 'UD-K', ...metric(0, 10, 2) }, // 4
            { oid: 'UD2', objective: 'Used twice', alignsTo: 'C1', kr: 'Second', krId: 'UD-K', ...metric(0, 10, 6) }, // 5
            { oid: 'UD2', objective: 'Used twice again', alignsTo: 'C1', kr: 'Third', ...metric(0, 10, 8) }, // 6
            { oid: 'C1', objective: "The company's id, reused", kr: 'Fourth', ...metric(0, 10, 10) }, // 7
          ]),
        },
      ]),
    problems: [
      { code: 'unknown-parent', severity: 'error', row: 4, column: 'Aligns To', value: 'NOPE', rollupOnly: true },
      { code: 'duplicate-kr-id', severity: 'warning', row: 5, column: 'KR ID', value: 'UD-K' },
      { code: 'duplicate-id', severity: 'error', row: 6, column: 'Objective ID', value: 'UD2' },
      { code: 'duplicate-id', severity: 'error', row: 7, column: 'Objective ID', value: 'C1', rollupOnly: true },
    ],
    good: [
      { key: 'UD1', score: 0.2 },
      { key: 'UD2', score: 0.6 },
      { key: 'UnknownIds/UD2', score: 0.8 },
      { key: 'UnknownIds/C1', score: 1 },
      { key: 'C1', score: 0.5 },
    ],
    check(doc) {
      expect(doc.objectives.find((o) => o.key === 'UD1')!.parents).toEqual(['C1']);
    },
  },
  {
    name: 'a key result before any objective',
    file: 'kr-first.csv',
    team: 'KrFirst',
    tab: 'kr-first.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'kr-first.csv'),
        csv(
          okrGrid({ team: 'KrFirst' }, [
            { kr: 'Orphan key result', ...metric(0, 10, 5) },
            { oid: 'KB1', objective: 'After it', alignsTo: 'C1', kr: 'Owned', ...metric(0, 10, 3) },
          ]),
        ),
      ),
    problems: [{ code: 'kr-before-objective', severity: 'error', row: 4, column: 'Objective ID', value: 'Orphan key result' }],
    good: [{ key: 'KB1', score: 0.3 }],
  },
  {
    name: 'a 50,000-row sheet',
    file: 'big.csv',
    team: 'Big',
    tab: 'big.csv',
    write: (dir) => writeFileSync(path.join(dir, 'big.csv'), BIG.text()),
    problems: [
      { code: 'bad-number', severity: 'error', row: BIG.rows, column: 'Current', value: 'oops' },
      { code: 'too-many-objectives', severity: 'warning' },
      { code: 'too-many-key-results', severity: 'warning', row: 4 },
    ],
    good: Array.from({ length: BIG.objectives }, (_, o) => ({ key: `BIG${o + 1}`, score: BIG.expectedScore(o) })),
    check(doc) {
      const big = doc.objectives.filter((o) => o.team === 'Big');
      expect(big).toHaveLength(BIG.objectives);
      expect(big.reduce((n, o) => n + o.keyResults.length, 0)).toBe(BIG.dataRows());
      expect(big.at(-1)!.keyResults.at(-1)!.row).toBe(BIG.rows);
    },
  },
  {
    name: 'an empty worksheet',
    file: 'empty-sheet.xlsx',
    team: 'empty-sheet',
    tab: 'OKRs',
    write: (dir) => writeWorkbook(path.join(dir, 'empty-sheet.xlsx'), [{ name: 'OKRs', grid: [] }]),
    problems: [{ code: 'empty-sheet', severity: 'error' }],
    good: [],
  },
  {
    name: 'a workbook without worksheets',
    file: 'no-sheets.xlsx',
    team: 'no-sheets',
    tab: 'OKRs',
    write: (dir) => writeWorkbook(path.join(dir, 'no-sheets.xlsx'), []),
    problems: [{ code: 'empty-sheet', severity: 'error' }],
    good: [],
  },
  {
    name: 'a zero-byte .xlsx',
    file: 'zero-bytes.xlsx',
    team: 'zero-bytes',
    tab: 'zero-bytes.xlsx',
    write: (dir) => writeFileSync(path.join(dir, 'zero-bytes.xlsx'), ''),
    problems: [{ code: 'source-unreadable', severity: 'error', value: 'zero-bytes.xlsx' }],
    good: [],
    check(_doc, problems) {
      expect(problems.find((p) => p.code === 'source-unreadable')?.message).toMatch(/not a readable \.xlsx workbook/);
    },
  },
  {
    name: 'an empty .csv',
    file: 'empty.csv',
    team: 'empty',
    tab: 'empty.csv',
    write: (dir) => writeFileSync(path.join(dir, 'empty.csv'), ''),
    problems: [{ code: 'empty-sheet', severity: 'error' }],
    good: [],
  },
  {
    name: 'a .csv holding only a byte-order mark',
    file: 'only-bom.csv',
    team: 'only-bom',
    tab: 'only-bom.csv',
    write: (dir) => writeFileSync(path.join(dir, 'only-bom.csv'), BOM),
    problems: [{ code: 'empty-sheet', severity: 'error' }],
    good: [],
  },
  {
    name: 'Latin-1 (not UTF-8) .csv',
    file: 'latin1.csv',
    team: 'Équipe Qualité',
    tab: 'latin1.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'latin1.csv'),
        Buffer.from(
          csv(
            okrGrid({ team: 'Équipe Qualité' }, [
              { oid: 'LA1', objective: 'Améliorer la qualité', alignsTo: 'C1', kr: 'Réduire les délais', owner: 'Zoë', ...metric(0, 10, 3) },
            ]),
          ),
          'latin1',
        ),
      ),
    problems: [],
    good: [{ key: 'LA1', score: 0.3 }],
    check(doc) {
      expect(doc.objectives.find((o) => o.key === 'LA1')).toMatchObject({ title: 'Améliorer la qualité', team: 'Équipe Qualité', owner: 'Zoë' });
    },
  },
  {
    name: 'UTF-8 .csv with a byte-order mark before the metadata',
    file: 'bom.csv',
    team: 'Bom Team',
    tab: 'bom.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'bom.csv'),
        Buffer.concat([
          BOM,
          Buffer.from(csv(okrGrid({ team: 'Bom Team' }, [{ oid: 'BO1', objective: 'Mark the order', alignsTo: 'C1', kr: 'Bytes', ...metric(0, 4, 1) }]))),
        ]),
      ),
    problems: [],
    good: [{ key: 'BO1', score: 0.25 }],
  },
  {
    name: 'UTF-8 .csv with a byte-order mark before the header',
    file: 'bom-header.csv',
    team: 'bom-header',
    tab: 'bom-header.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'bom-header.csv'),
        Buffer.concat([BOM, Buffer.from(csv([[...OKR_HEADER], ['BH1', 'Header first', 'C1', 'Bytes', '', 'metric', 0, 10, 9]]))]),
      ),
    problems: [],
    good: [{ key: 'BH1', score: 0.9 }],
  },
  {
    name: 'CRLF line ends and a quoted multi-line cell',
    file: 'crlf.csv',
    team: 'Crlf',
    tab: 'crlf.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'crlf.csv'),
        csv(
          okrGrid({ team: 'Crlf' }, [
            { oid: 'CR1', objective: 'Windows line ends', alignsTo: 'C1', kr: 'First', notes: 'line one\r\nline two', ...metric(0, 10, 6) },
            { kr: 'Second', ...metric(0, 10, 6) },
          ]),
        )
          .replace(/\n/g, '\r\n')
          .replace(/\r\r\n/g, '\r\n'),
      ),
    problems: [],
    good: [{ key: 'CR1', score: 0.6 }],
    check(doc) {
      const cr1 = doc.objectives.find((o) => o.key === 'CR1')!;
      expect(cr1.keyResults.map((k) => [k.title, k.row])).toEqual([
        ['First', 4],
        ['Second', 5],
      ]);
    },
  },
  {
    name: 'semicolon-separated .csv with decimal commas',
    file: 'semicolon.csv',
    team: 'Semicolon',
    tab: 'semicolon.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'semicolon.csv'),
        csv(
          okrGrid({ team: 'Semicolon' }, [
            { oid: 'SC1', objective: 'European exports', alignsTo: 'C1', kr: 'Decimals', ...metric('0,5', '2,5', '1,5') },
            { kr: 'Weighted', weight: '1,5', ...metric(0, 10, '2,5') },
          ]),
          ';',
        ),
      ),
    problems: [],
    // (0.5 × 1 + 0.25 × 1.5) / 2.5
    good: [{ key: 'SC1', score: 0.35 }],
  },
  {
    name: 'Unicode and right-to-left text',
    file: 'unicode.xlsx',
    team: 'فريق المبيعات',
    tab: 'أهداف OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'unicode.xlsx'), [
        {
          name: 'أهداف OKRs',
          grid: okrGrid({ team: 'فريق المبيعات' }, [
            {
              oid: 'ع-1',
              objective: 'زيادة المبيعات في السوق',
              alignsTo: 'C1',
              kr: '🚀 إطلاق המוצר 👩‍💻',
              owner: 'נועה',
              notes: 'file\u202Egnp.exe (right-to-left override)',
              ...metric(0, 10, 8),
            },
          ]),
        },
      ]),
    problems: [],
    good: [{ key: 'ع-1', score: 0.8 }],
    check(doc) {
      const o = doc.objectives.find((x) => x.key === 'ع-1')!;
      expect(o).toMatchObject({ title: 'زيادة المبيعات في السوق', team: 'فريق المبيعات', tab: 'أهداف OKRs', parents: ['C1'] });
      expect(o.keyResults[0]).toMatchObject({ title: '🚀 إطلاق המוצר 👩‍💻', owner: 'נועה' });
      expect(o.keyResults[0]!.notes).toContain('\u202E');
    },
  },
  {
    name: '100 KB cells (.xlsx)',
    file: 'huge-cells.xlsx',
    team: 'HugeCells',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'huge-cells.xlsx'), [
        {
          name: 'OKRs',
          grid: okrGrid({ team: 'HugeCells' }, [
            { oid: 'HC1', objective: hugeText('Objective'), alignsTo: 'C1', kr: hugeText('Key result'), notes: hugeText('Notes'), ...metric(0, 10, 5) },
          ]),
        },
      ]),
    problems: [],
    good: [{ key: 'HC1', score: 0.5 }],
    check(doc) {
      const o = doc.objectives.find((x) => x.key === 'HC1')!;
      // New lines inside a cell read as spaces; the length is kept.
      expect(o.title.length).toBe(HUGE);
      expect(o.keyResults[0]!.title.length).toBe(HUGE);
    },
  },
  {
    name: '100 KB cell (.csv, quoted, with quotes and delimiters inside)',
    file: 'huge-cell.csv',
    team: 'HugeCsv',
    tab: 'huge-cell.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'huge-cell.csv'),
        csv(okrGrid({ team: 'HugeCsv' }, [{ oid: 'HV1', objective: hugeText('Big'), alignsTo: 'C1', kr: 'Small', ...metric(0, 10, 2) }])),
      ),
    problems: [],
    good: [{ key: 'HV1', score: 0.2 }],
    check(doc) {
      expect(doc.objectives.find((x) => x.key === 'HV1')!.title.length).toBe(HUGE);
    },
  },
  {
    name: 'formulas and HTML as text, formula cells and formula errors (.xlsx)',
    file: 'formulas.xlsx',
    team: 'Formulas',
    tab: 'OKRs',
    write: (dir) =>
      writeWorkbook(path.join(dir, 'formulas.xlsx'), [
        {
          name: 'OKRs',
          grid: okrGrid({ team: 'Formulas' }, [
            {
              oid: 'FH1',
              objective: '<script>alert("x")</script>',
              alignsTo: 'C1',
              kr: '=HYPERLINK("http://evil.example","click")',
              owner: { formula: 'HYPERLINK("mailto:ana@example.com","Ana")', result: 'Ana' },
              ...metric(0, 10, { formula: '2+3', result: 5 }),
            }, // 4
            { kr: '<img src=x onerror=alert(1)>', ...metric(0, 10, { formula: '1/0', result: { error: '#DIV/0!' } }) }, // 5
            { kr: 'Score formula broke', score: { formula: 'A1/0', result: { error: '#DIV/0!' } }, ...metric(0, 10, 4) }, // 6
            { kr: 'Link in notes', notes: { text: 'the docs', hyperlink: 'https://example.com/docs' }, ...metric(0, 10, 6) }, // 7
            { oid: 'FH2', objective: 'Plain', alignsTo: 'C1', kr: 'Plain', ...metric(0, 10, 3) }, // 8
          ]),
        },
      ]),
    problems: [
      { code: 'bad-number', severity: 'error', row: 5, column: 'Current', value: '#DIV/0!' },
      { code: 'formula-error', severity: 'warning', row: 6, column: 'Score', value: '#DIV/0!' },
    ],
    good: [
      { key: 'FH1', score: 0.5 },
      { key: 'FH2', score: 0.3 },
    ],
    check(doc) {
      const fh1 = doc.objectives.find((o) => o.key === 'FH1')!;
      expect(fh1.title).toBe('<script>alert("x")</script>');
      expect(fh1.keyResults.map((k) => k.title)).toEqual([
        '=HYPERLINK("http://evil.example","click")',
        '<img src=x onerror=alert(1)>',
        'Score formula broke',
        'Link in notes',
      ]);
      expect(fh1.keyResults[0]).toMatchObject({ owner: 'Ana', current: 5, score: 0.5 });
      expect(fh1.keyResults[1]).toMatchObject({ score: null, state: 'invalid' });
      expect(fh1.keyResults[3]).toMatchObject({ notes: 'the docs', score: 0.6 });
    },
  },
  {
    name: 'formula-like and HTML text in a .csv (never evaluated)',
    file: 'formulas.csv',
    team: 'FormulasCsv',
    tab: 'formulas.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'formulas.csv'),
        csv(
          okrGrid({ team: 'FormulasCsv' }, [
            {
              oid: 'FC1',
              objective: '=HYPERLINK("http://evil.example","click")',
              alignsTo: 'C1',
              kr: "+cmd|' /C calc'!A0",
              owner: '@SUM(1+1)',
              ...metric(0, 10, 7),
            }, // 4
            { kr: '</td><script>alert(1)</script>', ...metric(0, 10, '=2+3') }, // 5
          ]),
        ),
      ),
    problems: [{ code: 'bad-number', severity: 'error', row: 5, column: 'Current', value: '=2+3' }],
    good: [{ key: 'FC1', score: 0.7 }],
    check(doc) {
      const fc1 = doc.objectives.find((o) => o.key === 'FC1')!;
      expect(fc1.title).toBe('=HYPERLINK("http://evil.example","click")');
      expect(fc1.keyResults.map((k) => k.title)).toEqual(["+cmd|' /C calc'!A0", '</td><script>alert(1)</script>']);
      expect(fc1.keyResults[0]!.owner).toBe('@SUM(1+1)');
    },
  },
  {
    name: 'ragged rows and stray quotes in a .csv',
    file: 'ragged.csv',
    team: 'Ragged',
    tab: 'ragged.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'ragged.csv'),
        [
          'Team:,Ragged',
          '',
          OKR_HEADER.join(','),
          'RG1,He said "hi" to us,C1,Short row,,metric,0,10,5',
          ',,,Long row,,metric,0,10,5,1,,,,,,,extra,extra,extra',
          'RG2,Only an id',
          '',
        ].join('\n'),
      ),
    problems: [{ code: 'no-key-results', severity: 'warning', row: 6 }],
    good: [{ key: 'RG1', score: 0.5 }],
    check(doc) {
      expect(doc.objectives.find((o) => o.key === 'RG1')).toMatchObject({ title: 'He said "hi" to us' });
      expect(doc.objectives.find((o) => o.key === 'RG1')!.keyResults).toHaveLength(2);
    },
  },
  {
    name: 'an unclosed quote in a .csv',
    file: 'unclosed-quote.csv',
    team: 'unclosed-quote',
    tab: 'unclosed-quote.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'unclosed-quote.csv'),
        ['Team:,Unclosed', '', OKR_HEADER.join(','), 'UQ1,"Never closed,C1,KR,,metric,0,10,5', ''].join('\n'),
      ),
    problems: [{ code: 'source-unreadable', severity: 'error', value: 'unclosed-quote.csv' }],
    good: [],
    check(_doc, problems) {
      // People are told where: csv-parse names the line.
      expect(problems.find((p) => p.code === 'source-unreadable')?.message).toMatch(/quote/i);
    },
  },
];

export const CORPUS: CorpusCase[] = [...BASE, ...HOSTILE];
