// The company sheet as a local .xlsx (`okr sync --out company.xlsx`), from the same WorkbookModel
// as the Google sheet: grade fills, bold headers, number formats, widths, frozen header rows.
// Text is always assigned as a plain JS string, which ExcelJS stores as a (shared) string cell —
// never a `{ formula }` — so "=HYPERLINK(…)" from a team sheet stays text in Excel.
// ExcelJS cannot write charts: the Trends tab is a plain table (date + one column per company
// objective) ready for Insert → Line chart.
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { AlignmentDocument } from '../engine/document.ts';
import { type CompanySheetExtra, buildCompanyWorkbook } from './build.ts';
import { type CellStyle, DATE_FORMAT, DATE_TIME_FORMAT, type ModelCell, type WorkbookModel, isDate, isNumber } from './model.ts';

export type { CheckinPoint, CompanySheetExtra, HistoryPoint } from './build.ts';

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
/** Sheets widths are pixels; Excel's are characters of the default font (~7 px). */
const excelWidth = (px: number): number => Math.round((px / 7) * 10) / 10;

function applyStyle(cell: ExcelJS.Cell, style: CellStyle | undefined): void {
  if (!style) return;
  if (style.bold || style.italic || style.color) {
    cell.font = {
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.color ? { color: { argb: argb(style.color) } } : {}),
    };
  }
  if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.wrap || style.align) {
    cell.alignment = { ...(style.wrap ? { wrapText: true } : {}), ...(style.align ? { horizontal: style.align } : {}), vertical: 'top' };
  }
}

function setCell(cell: ExcelJS.Cell, value: ModelCell): void {
  if (isNumber(value)) {
    cell.value = value.number;
    cell.numFmt = value.format;
  } else if (isDate(value)) {
    cell.value = new Date(value.time ? value.date : `${value.date}T00:00:00Z`);
    cell.numFmt = value.time ? DATE_TIME_FORMAT : DATE_FORMAT;
  } else {
    cell.value = String(value.text);
  }
  applyStyle(cell, value.style);
}

export function renderXlsx(model: WorkbookModel, opts: { created?: Date } = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OKR Sheets';
  if (opts.created) {
    wb.created = opts.created;
    wb.modified = opts.created;
  }
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: sheet.frozenRows }] : [],
    });
    sheet.widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = excelWidth(w);
    });
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value) setCell(ws.getCell(r + 1, c + 1), value);
      });
    });
  }
  return wb;
}

/** Builds the company sheet and writes it to `file` (atomically: a temp file renamed into place). */
export async function writeCompanyXlsx(document: AlignmentDocument, file: string, extra: CompanySheetExtra = {}): Promise<void> {
  const now = extra.now ?? new Date(document.asOf);
  const wb = renderXlsx(buildCompanyWorkbook(document, extra, now), { created: now });
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
