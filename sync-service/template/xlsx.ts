// The OKR template as an .xlsx for teams on Excel or SharePoint: the same grid as the add-on's
// template (shared/template.ts) in the .xlsx dialect — every prepared row carries single-cell array
// formulas that Excel and LibreOffice compute live (no ARRAYFORMULA, which only Sheets has). The
// folder source reads the file back like any team workbook.
import ExcelJS from 'exceljs';
import { CHECKIN_HEADERS } from '../../shared/template.ts';
import { COLUMNS, DEFAULT_CHECKINS_TAB, DEFAULT_OKR_TAB, type ColumnKey } from '../../shared/columns.ts';
import { GRADES, KINDS, KR_TYPES } from '../../shared/enums.ts';
import { objectiveRowRule, scoreGradeRule } from '../../shared/formulas.ts';
import { GRADE_COLORS } from '../../shared/grades.ts';
import { buildOkrTemplate, exampleObjectives, type TemplateGrid, type TemplateObjective } from '../../shared/template.ts';

export interface XlsxTemplateOptions {
  level: 'team' | 'company';
  /** Default: the add-on's example objectives. */
  objectives?: TemplateObjective[];
  /** Prepared rows below the objectives (each carries the formulas). */
  emptyRows?: number;
}

export const XLSX_EMPTY_ROWS = 100;

const WIDTHS: Partial<Record<ColumnKey, number>> = { objectiveId: 12, objective: 40, alignsTo: 12, keyResult: 48, kind: 13, notes: 36, objectiveScore: 10 };
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
const DATE_FORMAT = 'yyyy-mm-dd';

export function templateGrid(opts: XlsxTemplateOptions): TemplateGrid {
  return buildOkrTemplate({
    level: opts.level,
    objectives: opts.objectives ?? exampleObjectives(opts.level),
    emptyRows: opts.emptyRows ?? XLSX_EMPTY_ROWS,
    dialect: 'xlsx',
  });
}

/** The workbook: the OKRs tab (values, formulas, formats, dropdowns, colours) and a Check-ins tab. */
export function templateWorkbook(t: TemplateGrid): ExcelJS.Workbook {
  if (t.dialect !== 'xlsx') throw new Error('templateWorkbook needs the .xlsx dialect of the template');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(DEFAULT_OKR_TAB);
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: WIDTHS[c.key] ?? 11 }));
  t.values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === '') return;
      const cell = ws.getCell(r + 1, c + 1);
      if (typeof v === 'string' && v.startsWith('=')) {
        // A single-cell array formula: its ranges are evaluated whole (ExcelJS writes t="array";
        // its types do not declare it).
        cell.value = { formula: v.slice(1), shareType: 'array', ref: cell.address } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = v;
        if (v instanceof Date) cell.numFmt = DATE_FORMAT;
      }
    });
  });
  const col = (key: ColumnKey) => t.columns.indexOf(key) + 1;
  for (let r = 1; r < t.headerRow - 1; r++) ws.getCell(r, 1).font = { bold: true };
  const header = ws.getRow(t.headerRow);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = solid('#e8eaed');
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.note = c.note;
  });
  ws.views = [{ state: 'frozen', ySplit: t.headerRow, xSplit: 0 }];
  for (let r = t.firstDataRow; r <= t.lastRow; r++) {
    ws.getCell(r, col('score')).numFmt = '0.00';
    ws.getCell(r, col('objectiveScore')).numFmt = '0.00';
    ws.getCell(r, col('confidence')).numFmt = '0%';
  }

  const L = t.letters;
  const rows = (key: ColumnKey) => `${L[key]}${t.firstDataRow}:${L[key]}${t.lastRow}`;
  // ExcelJS's per-cell validation merging writes overlapping ranges; add whole ranges instead.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  validations.add(rows('type'), { type: 'list', allowBlank: true, formulae: [`"${KR_TYPES.join(',')}"`] });
  validations.add(rows('kind'), { type: 'list', allowBlank: true, formulae: [`"${KINDS.join(',')}"`] });

  const style = (g: (typeof GRADES)[number]) => ({ fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(GRADE_COLORS[g].background) } } as ExcelJS.Fill, font: { color: { argb: argb(GRADE_COLORS[g].text) } } });
  ws.addConditionalFormatting({
    ref: rows('score'),
    rules: GRADES.map((g, i) => ({ type: 'expression', priority: i + 1, formulae: [scoreGradeRule(g, t.headerRow, t.firstDataRow, L, 'xlsx').slice(1)], style: style(g) })),
  });
  ws.addConditionalFormatting({
    ref: `${L.objectiveScore}${t.firstDataRow}:${L.grade}${t.lastRow}`,
    rules: GRADES.map((g, i) => ({ type: 'expression', priority: i + 4, formulae: [`$${L.grade}${t.firstDataRow}="${g}"`], style: { ...style(g), font: { ...style(g).font, bold: true } } })),
  });
  ws.addConditionalFormatting({
    ref: `${L.objectiveId}${t.firstDataRow}:${L.alignsTo}${t.lastRow}`,
    rules: [{ type: 'expression', priority: 7, formulae: [objectiveRowRule(t.firstDataRow, L, 'xlsx').slice(1)], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb('#f1f3f4') } }, font: { bold: true } } }],
  });

  const checkins = wb.addWorksheet(DEFAULT_CHECKINS_TAB);
  checkins.addRow([...CHECKIN_HEADERS]);
  checkins.getRow(1).font = { bold: true };
  checkins.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  return wb;
}

export async function writeTemplateXlsx(file: string, t: TemplateGrid): Promise<void> {
  await templateWorkbook(t).xlsx.writeFile(file);
}
