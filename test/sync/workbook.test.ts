// Reading workbook files into grids: ExcelJS value kinds and CSV dialects.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../sync-service/sources/parse.ts';
import {
  checkinsCsvOwner,
  decodeText,
  detectDelimiter,
  excelValue,
  isWorkbookFile,
  readCsv,
  readWorkbookFile,
  readXlsx,
} from '../../sync-service/sources/workbook.ts';
import { okrGrid, removeTempDirs, tempDir, writeCsv, writeXlsx } from '../fixtures/workbooks.ts';

afterAll(removeTempDirs);

describe('excelValue', () => {
  it('gives formulas their cached result, rich text and links as text, errors as their code', () => {
    expect(excelValue({ formula: 'A1*2', result: 0.5 })).toBe(0.5);
    expect(excelValue({ sharedFormula: 'B2', result: 'green' })).toBe('green');
    expect(excelValue({ formula: 'A1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(excelValue({ formula: 'NOW()' })).toBeNull();
    expect(excelValue({ richText: [{ text: 'Win the ' }, { text: 'market' }] })).toBe('Win the market');
    expect(excelValue({ text: 'Ana', hyperlink: 'mailto:ana@example.com' })).toBe('Ana');
    expect(excelValue({ text: { richText: [{ text: 'Docs' }] }, hyperlink: 'https://x' })).toBe('Docs');
    expect(excelValue({ error: '#N/A' })).toBe('#N/A');
    const d = new Date('2026-01-01T00:00:00Z');
    expect(excelValue(d)).toBe(d);
    expect(excelValue(true)).toBe(true);
    expect(excelValue(null)).toBeNull();
  });
});

describe('readXlsx', () => {
  it('picks the OKR tab by name and the Check-ins tab, keeping types', async () => {
    const dir = tempDir();
    const file = await writeXlsx(path.join(dir, 'team.xlsx'), [
      { name: 'Notes', grid: [['scratch']] },
      {
        name: 'Check-ins',
        grid: [
          ['Timestamp', 'KR ID'],
          [new Date('2026-02-01T10:00:00Z'), 'T1-1'],
        ],
      },
      {
        name: 'Team OKRs',
        grid: okrGrid({ team: 'T', start: '2026-01-01' }, [
          { oid: 'T1', objective: 'x', kr: 'y', type: 'metric', start: 0, target: { formula: '2*5', result: 10 } as never, current: 5 },
        ]),
      },
    ]);
    const grids = await readXlsx(readFileSync(file));
    expect(grids.okr[0]?.tab).toBe('Team OKRs');
    expect(grids.checkins?.tab).toBe('Check-ins');
    expect(grids.checkins?.grid[1]?.[0]).toEqual(new Date('2026-02-01T10:00:00Z'));
    const header = grids.okr[0]!.grid.findIndex((r) => r[0] === 'Objective ID');
    expect(grids.okr[0]!.grid[header + 1]?.slice(0, 9)).toEqual(['T1', 'x', null, 'y', null, 'metric', 0, 10, 5]);
  });

  it('reads merged cells blank except the first, as Sheets does', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'merged.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('OKRs');
    ws.getCell('A1').value = 'O1';
    ws.mergeCells('A1:A3');
    ws.getCell('B2').value = 'kr';
    await wb.xlsx.writeFile(file);
    const grid = (await readXlsx(readFileSync(file))).okr[0]!.grid;
    expect(grid.map((r) => r[0] ?? null)).toEqual(['O1', null, null]);
  });

  it('reads every OKR tab in workbook order (the rule is shared/tabs.ts, tested there)', async () => {
    const dir = tempDir();
    const row = (oid: string) => [{ oid, objective: 'x', kr: 'y', type: 'metric' as const, start: 0, target: 10, current: 5 }];
    const file = await writeXlsx(path.join(dir, 'two.xlsx'), [
      { name: 'OKRs', grid: okrGrid({ team: 'T', period: '2026 Q3' }, row('T1')) },
      { name: 'Check-ins', grid: [['Timestamp']] },
      { name: 'OKRs (2)', grid: okrGrid({ team: 'T', period: '2026 Q4' }, row('T2')) },
    ]);
    const grids = await readXlsx(readFileSync(file));
    expect(grids.okr.map((t) => t.tab)).toEqual(['OKRs', 'OKRs (2)']);
    const parse = parseWorkbook(grids, 'two');
    expect([parse.table, ...(parse.laterTables ?? [])].map((t) => [t.meta.period, t.objectives.map((o) => o.id)])).toEqual([
      ['2026 Q3', ['T1']],
      ['2026 Q4', ['T2']],
    ]);
  });
});

describe('CSV', () => {
  const grid = okrGrid({ team: 'Support' }, [
    { oid: 'SU1', objective: 'Répondre vite, bien', kr: 'CSAT', type: 'metric', start: '4,0', target: '4,8', current: '4,4' },
  ]);

  it('detects ; and , delimiters (the header decides, decimal commas notwithstanding)', () => {
    expect(detectDelimiter('Team:;Sales\n\nObjective ID;Objective;Key Result\nA;"x;y";0,5\n')).toBe(';');
    expect(detectDelimiter('Objective ID,Objective,Key Result\nA,"x,y",1\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2,5;3,5\n4,5;5,5;6,5\n')).toBe(';');
    expect(detectDelimiter('a,b\n1,2\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('reads Latin-1 bytes, CRLF and ; as written by a European Excel', () => {
    const dir = tempDir();
    const file = writeCsv(path.join(dir, 'support.csv'), grid, { delimiter: ';', encoding: 'latin1', crlf: true });
    const bytes = readFileSync(file);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const parsed = parseWorkbook(readCsv(bytes, 'support.csv'), 'support');
    expect(parsed.table.team).toBe('Support');
    expect(parsed.table.objectives[0]?.title).toBe('Répondre vite, bien');
    expect(parsed.table.objectives[0]?.keyResults[0]?.score).toBeCloseTo(0.5, 10);
    expect(parsed.table.problems).toEqual([]);
  });

  it('strips a UTF-8 BOM and keeps blank lines so row numbers match the file', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    const dir = tempDir();
    const file = writeCsv(path.join(dir, 'eng.csv'), okrGrid({ team: 'Eng' }, [{ oid: 'E1', objective: 'x', kr: 'y', type: 'metrc' }]), { bom: true });
    const parsed = parseWorkbook(readCsv(readFileSync(file), 'eng.csv'), 'eng');
    // Team:, blank, header (row 3), E1 on row 4.
    expect(parsed.table.headerRow).toBe(3);
    expect(parsed.table.problems.map((p) => [p.row, p.column, p.code])).toEqual([[4, 'Type', 'unknown-type']]);
  });

  it('pairs <name>.checkins.csv with <name>.csv', async () => {
    expect(checkinsCsvOwner('people.checkins.csv')).toBe('people.csv');
    expect(checkinsCsvOwner('People Check-ins.csv')).toBe('People.csv');
    expect(checkinsCsvOwner('people.csv')).toBeNull();
    const dir = tempDir();
    writeCsv(path.join(dir, 'p.csv'), okrGrid({ team: 'People' }, [{ oid: 'P1', objective: 'x', kr: 'y', krId: 'P1-1', type: 'binary', current: 'yes' }]));
    writeCsv(path.join(dir, 'p.checkins.csv'), [
      ['Timestamp', 'Person', 'Objective ID', 'KR ID', 'After'],
      ['2026-02-01 10:00', 'Ana', 'P1', 'P1-1', 'yes'],
    ]);
    const parsed = parseWorkbook(await readWorkbookFile(path.join(dir, 'p.csv'), path.join(dir, 'p.checkins.csv')), 'p');
    expect(parsed.checkins).toHaveLength(1);
    expect(parsed.checkins[0]).toMatchObject({ team: 'People', krId: 'P1-1', timestamp: '2026-02-01T10:00:00.000Z' });
  });
});

it('ignores Office lock files, dotfiles and other files', () => {
  expect(isWorkbookFile('sales.xlsx')).toBe(true);
  expect(isWorkbookFile('Sales.XLSX')).toBe(true);
  expect(isWorkbookFile('finance.csv')).toBe(true);
  expect(isWorkbookFile('~$sales.xlsx')).toBe(false);
  expect(isWorkbookFile('.~lock.sales.xlsx#')).toBe(false);
  expect(isWorkbookFile('notes.txt')).toBe(false);
  expect(isWorkbookFile('old.xls')).toBe(false);
});
