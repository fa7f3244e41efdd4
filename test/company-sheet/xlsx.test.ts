import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRADE_COLORS } from '../../shared/grades.ts';
import { TAB_NAMES } from '../../sync-service/company-sheet/model.ts';
import { writeCompanyXlsx } from '../../sync-service/company-sheet/xlsx.ts';
import { companySheetWriter } from '../../sync-service/engine/company-sheet.ts';
import { AS_OF, HOSTILE, companyDocument, historyOf, salesCheckins } from './documents.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'company-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = companyDocument();
let wb: ExcelJS.Workbook;
const file = path.join(dir, 'out', 'company.xlsx');

beforeAll(async () => {
  const past = companyDocument({ sales: 5, asOf: new Date('2026-08-08T10:00:00Z') });
  await writeCompanyXlsx(doc, file, { checkins: salesCheckins(), history: historyOf(past, 1, '2026-08-08T10:00:00Z') });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});

const ws = (name: string): ExcelJS.Worksheet => {
  const w = wb.getWorksheet(name);
  if (!w) throw new Error(`no ${name}`);
  return w;
};
function find(sheet: ExcelJS.Worksheet, value: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => row.eachCell((c) => {
    if (!found && c.value === value) found = c;
  }));
  if (!found) throw new Error(`no "${value}" in ${sheet.name}`);
  return found;
}
const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

describe('company .xlsx', () => {
  it('has the seven tabs, written atomically into a new folder', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...TAB_NAMES]);
    expect(readdirSync(path.dirname(file))).toEqual(['company.xlsx']);
  });

  it('holds the same values as the model: summary, indented tree, teams, trends table', () => {
    const summary = ws('Summary');
    expect(summary.getCell('B1').value).toBe('Acme');
    expect(summary.getCell('B4').value).toEqual(new Date('2026-08-15T00:00:00Z'));
    expect(summary.getCell('B4').numFmt).toBe('yyyy-mm-dd');
    expect(summary.getCell('B6').value).toBe(doc.overall);
    expect(summary.getCell('B6').numFmt).toBe('0.00');
    expect(summary.getCell('B5').numFmt).toBe('0%');

    const alignment = ws('Alignment');
    expect(alignment.getColumn(1).values.slice(1)).toEqual([
      'Objective',
      'Win the market',
      '    Close deals',
      '    Hire reps',
      HOSTILE.formula,
      '    Build the platform',
      undefined,
      'Not aligned to a company objective',
      HOSTILE.script,
    ]);
    expect(alignment.getCell('F6').value).toBe(0.8);
    expect(alignment.getColumn(1).width).toBe(60);

    expect((ws('Teams').getRow(3).values as unknown[]).slice(1, 7)).toEqual(['Sales', 'sales.xlsx', 2, 2, 0.475, 2]);

    const trends = ws('Trends');
    expect((trends.getRow(1).values as unknown[]).slice(1)).toEqual(['Date', 'CO-1: Win the market', `CO-2: ${HOSTILE.formula}`]);
    // One stored snapshot is not enough history: the period so far is replayed from the check-ins,
    // weekly from its start, as the alignment view shows it; the last row is today's live score.
    expect(trends.getCell('A2').value).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(trends.getCell('A3').value).toEqual(new Date('2026-07-08T00:00:00Z'));
    const last = trends.rowCount;
    expect(trends.getCell(`A${last}`).value).toEqual(new Date('2026-08-15T00:00:00Z'));
    expect(trends.getCell(`C${last}`).value).toBe(doc.tree[1]?.rolledScore);
    expect(last).toBe(9);
  });

  it('fills grades with the shared colours and makes headers bold', () => {
    const alignment = ws('Alignment');
    const green = alignment.getCell('G6');
    expect(green.value).toBe('Green');
    expect(green.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(GRADE_COLORS.green.background) } });
    expect(green.font?.color).toMatchObject({ argb: argb(GRADE_COLORS.green.text) });
    expect(alignment.getCell('F9').fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS.red.background) } });
    expect(alignment.getCell('A1').font?.bold).toBe(true);
  });

  it('keeps hostile text as plain strings, never formulas', () => {
    const hits = [
      find(ws('Alignment'), HOSTILE.formula),
      find(ws('Summary'), HOSTILE.dde),
      find(ws('Check-ins'), HOSTILE.at),
      find(ws('Alignment'), HOSTILE.script),
      find(ws('Check-ins'), HOSTILE.minus),
      find(ws('Check-ins'), HOSTILE.note),
    ];
    for (const c of hits) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    let formulas = 0;
    for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Formula) formulas++;
    }));
    expect(formulas).toBe(0);
  });

  it('freezes the header rows', () => {
    expect(ws('Alignment').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws('Check-ins').views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws('Summary').views?.[0]?.state).not.toBe('frozen');
  });

  it('is what the engine writes for companySheet.xlsx', async () => {
    const other = path.join(dir, 'engine.xlsx');
    const write = companySheetWriter({ companySheet: { xlsx: other }, sources: { folder: dir } });
    expect(write).toBeTypeOf('function');
    await write!({ syncId: 1, document: companyDocument({ asOf: AS_OF }), now: AS_OF, history: [], checkins: [] });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(other);
    expect(back.getWorksheet('Summary')?.getCell('B1').value).toBe('Acme');
  });

  it('says so when no check-in data is given', async () => {
    const other = path.join(dir, 'no-checkins.xlsx');
    await writeCompanyXlsx(companyDocument({ asOf: AS_OF }), other);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(other);
    expect(back.getWorksheet('Check-ins')?.getCell('A3').value).toBe('Check-in history was not available for this sheet.');
  });
});
