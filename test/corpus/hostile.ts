// Hostile .xlsx packages for the bad-input corpus: a normal workbook written by ExcelJS, then its
// XML patched the way an attacker (or a broken exporter) would — parts ExcelJS itself would never
// write, or would take minutes to write.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import type { XCell } from '../fixtures/workbooks.ts';

export interface XlsxPatch {
  /** Rewrites xl/worksheets/sheet1.xml. */
  sheet?: (xml: string) => string;
  /** Rewrites xl/workbook.xml. */
  book?: (xml: string) => string;
  /** Rewrites xl/sharedStrings.xml. */
  strings?: (xml: string) => string;
}

export async function patchedXlsx(tab: string, grid: readonly (readonly XCell[])[], patch: XlsxPatch): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(tab);
  for (const [r, row] of grid.entries()) {
    for (const [c, v] of row.entries()) if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
  }
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const rewrite = async (name: string, fn: ((xml: string) => string) | undefined) => {
    if (!fn) return;
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is not in the package`);
    zip.file(name, fn(await file.async('string')));
  };
  await rewrite('xl/worksheets/sheet1.xml', patch.sheet);
  await rewrite('xl/workbook.xml', patch.book);
  await rewrite('xl/sharedStrings.xml', patch.strings);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Parts placed after the cells (where Excel writes merges and validations). */
export const afterSheetData = (part: string) => (xml: string) => xml.replace('</sheetData>', `</sheetData>${part}`);

/** Extra rows appended to the cells: `cells(row)` gives each row's `<c>` elements. */
export const extraRows = (from: number, count: number, cells: (row: number) => string) => (xml: string) => {
  const rows: string[] = [];
  for (let r = from; r < from + count; r++) rows.push(`<row r="${r}">${cells(r)}</row>`);
  return xml.replace('</sheetData>', `${rows.join('')}</sheetData>`);
};

export const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
