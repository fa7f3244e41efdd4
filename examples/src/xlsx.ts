// A team's workbook as Google Sheets' "Download as .xlsx" gives it: the OKRs tab with the
// template's formulas and their cached results, real dates, number formats, the grade colours,
// dropdowns and header notes; and the Check-ins tab.
import ExcelJS from 'exceljs';
import { CHECKIN_COLUMNS, COLUMNS, DEFAULT_CHECKINS_TAB, DEFAULT_OKR_TAB, columnLetter, type ColumnKey } from '../../shared/columns.ts';
import { GRADE_COLORS } from '../../shared/grades.ts';
import { scoreGradeRule } from '../../shared/formulas.ts';
import { GRADES, KINDS, KR_TYPES } from '../../shared/enums.ts';
import type { CheckinRow } from './history.ts';
import { CONFIDENCE_FORMAT, DATETIME_FORMAT, DATE_FORMAT, NUMBER_FORMAT, SCORE_FORMAT } from './format.ts';
import { EXPORTED_AT, COMPANY } from './northwind.ts';
import { Q3_TAB } from './q3.ts';
import type { OkrSheet } from './sheet.ts';
import { fixZipTimestamps } from './zip.ts';

const WIDTHS: Record<ColumnKey, number> = {
  objectiveId: 11, objective: 44, alignsTo: 14, keyResult: 52, krId: 10, type: 11, start: 13, target: 13, current: 13,
  weight: 8, score: 8, confidence: 11, owner: 17, kind: 13, objectiveWeight: 10, notes: 44, objectiveScore: 10, grade: 9,
};
const CHECKIN_WIDTHS = [17, 17, 12, 12, 13, 13, 8, 11, 60];
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAED' } };
const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/**
 * Google Sheets writes ARRAYFORMULA(x) to .xlsx as an array formula {=x}: Excel has no ARRAYFORMULA.
 * Returns the formula without the wrappers, and whether there were any.
 */
export function excelFormula(formula: string): { formula: string; array: boolean } {
  let f = formula.replace(/^=/, '');
  let array = false;
  for (let i = f.indexOf('ARRAYFORMULA('); i >= 0; i = f.indexOf('ARRAYFORMULA(')) {
    array = true;
    const open = i + 'ARRAYFORMULA'.length;
    let depth = 0;
    let inString = false;
    let close = -1;
    for (let j = open; j < f.length; j++) {
      const ch = f[j];
      if (ch === '"') inString = !inString;
      else if (!inString && ch === '(') depth++;
      else if (!inString && ch === ')' && --depth === 0) {
        close = j;
        break;
      }
    }
    if (close < 0) throw new Error(`Unbalanced ARRAYFORMULA in ${formula}`);
    f = f.slice(0, i) + f.slice(open + 1, close) + f.slice(close + 1);
  }
  return { formula: f, array };
}

function writeOkrTab(ws: ExcelJS.Worksheet, sheet: OkrSheet): void {
  const { values, results, template } = sheet;
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: WIDTHS[c.key] }));
  values.forEach((row, r) => {
    row.forEach((written, c) => {
      // The column formulas' results fill the cells below them: exported as plain cached values.
      const spilled = results[r]?.[c];
      const v = written === null || written === '' ? (typeof spilled === 'number' || (typeof spilled === 'string' && spilled !== '') ? spilled : null) : written;
      if (v === null || v === '') return;
      const cell = ws.getCell(r + 1, c + 1);
      const style = sheet.style(r, c);
      if (typeof v === 'string' && v.startsWith('=')) {
        const { formula, array } = excelFormula(v);
        const result = results[r]?.[c];
        const cached = typeof result === 'number' || typeof result === 'string' ? result : '';
        // An array formula over its results' range, its open-ended ranges (K6:K) closed at the
        // table's last row; ExcelJS writes array formulas (shareType/ref) but its types do not declare them.
        const closed = formula.replace(/(?<![A-Za-z0-9_$.])(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3})(?![A-Za-z0-9_$(!.:])/g, `$1:$2${template.lastRow}`);
        const ref = `${cell.address}:${columnLetter(c)}${template.lastRow}`;
        const value: ExcelJS.CellFormulaValue = array ? ({ formula: closed, result: cached, shareType: 'array', ref } as ExcelJS.CellFormulaValue) : { formula, result: cached };
        cell.value = value;
      } else if (style.kind === 'date' && typeof v === 'string') {
        cell.value = new Date(`${v}T00:00:00Z`);
      } else {
        cell.value = v;
      }
      if (style.kind === 'date') cell.numFmt = DATE_FORMAT;
      else if (style.kind === 'score') cell.numFmt = SCORE_FORMAT;
      else if (style.kind === 'confidence') cell.numFmt = CONFIDENCE_FORMAT;
      else if (style.kind === 'unit') cell.numFmt = NUMBER_FORMAT[style.unit];
    });
  });

  // Title block and header, as the template styles them.
  for (let r = 1; r < template.headerRow - 1; r++) ws.getCell(r, 1).font = { bold: true };
  const header = ws.getRow(template.headerRow);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.note = c.note;
  });
  ws.views = [{ state: 'frozen', ySplit: template.headerRow, xSplit: 0 }];

  // Dropdowns for Type and Kind on every data row (blank allowed, like the template's).
  const letter = template.letters;
  const first = template.firstDataRow;
  const last = template.lastRow;
  // (Per-range: ExcelJS's per-cell merging sorts addresses as text and writes overlapping ranges.)
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  validations.add(`${letter.type}${first}:${letter.type}${last}`, { type: 'list', allowBlank: true, formulae: [`"${KR_TYPES.join(',')}"`] });
  validations.add(`${letter.kind}${first}:${letter.kind}${last}`, { type: 'list', allowBlank: true, formulae: [`"${KINDS.join(',')}"`] });

  // Grade colours on Score (by its objective's Kind), and on Objective Score and Grade by the Grade.
  const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', bgColor: { argb: argb(hex) } });
  ws.addConditionalFormatting({
    ref: `${letter.score}${first}:${letter.score}${last}`,
    rules: GRADES.map((g, i) => ({
      type: 'expression',
      priority: i + 1,
      formulae: [excelFormula(scoreGradeRule(g, template.headerRow, first, letter)).formula],
      style: { fill: fill(GRADE_COLORS[g].background), font: { color: { argb: argb(GRADE_COLORS[g].text) } } },
    })),
  });
  ws.addConditionalFormatting({
    ref: `${letter.objectiveScore}${first}:${letter.grade}${last}`,
    rules: GRADES.map((g, i) => ({
      type: 'expression',
      priority: i + 1,
      formulae: [`$${letter.grade}${first}="${g}"`],
      style: { fill: fill(GRADE_COLORS[g].background), font: { color: { argb: argb(GRADE_COLORS[g].text) } } },
    })),
  });
}

function writeCheckinsTab(ws: ExcelJS.Worksheet, rows: readonly CheckinRow[]): void {
  ws.columns = CHECKIN_COLUMNS.map((c, i) => ({ key: c.key, width: CHECKIN_WIDTHS[i] ?? 12 }));
  const header = ws.getRow(1);
  CHECKIN_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  rows.forEach((row, i) => {
    const r = ws.getRow(i + 2);
    r.values = [row.timestamp, row.person, row.objectiveId, row.krId, row.before, row.after, row.score, row.confidence, row.note || null];
    r.getCell(1).numFmt = DATETIME_FORMAT;
    r.getCell(7).numFmt = SCORE_FORMAT;
    r.getCell(8).numFmt = CONFIDENCE_FORMAT;
  });
  ws.autoFilter = `A1:${columnLetter(CHECKIN_COLUMNS.length - 1)}1`;
}

/** `earlier`: the closed quarter before (Q3), a tab before the current `OKRs` tab. */
export async function workbookBuffer(sheet: OkrSheet, checkins: readonly CheckinRow[], earlier?: OkrSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = COMPANY;
  wb.lastModifiedBy = COMPANY;
  wb.created = EXPORTED_AT;
  wb.modified = EXPORTED_AT;
  if (earlier) writeOkrTab(wb.addWorksheet(Q3_TAB), earlier);
  writeOkrTab(wb.addWorksheet(DEFAULT_OKR_TAB), sheet);
  writeCheckinsTab(wb.addWorksheet(DEFAULT_CHECKINS_TAB), checkins);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(buf, EXPORTED_AT);
}
