import { parseA1 } from './a1.ts';
import { type FakeContext, instrument } from './context.ts';
import type { ProtectionTypeName } from './enums.ts';
import { exception, signatureError } from './errors.ts';
import { FakeProtection, ProtectionModel } from './protection.ts';
import { FakeRange, assertNumbers, rangeAt } from './range.ts';
import { Region } from './regions.ts';
import { FakeConditionalFormatRule } from './rules.ts';
import type { SheetModel } from './sheet-model.ts';
import { spreadsheetFacade } from './spreadsheet.ts';
import type { FakeSpreadsheet } from './spreadsheet.ts';
import type { ScriptValue } from './values.ts';

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

/** The one Sheet facade of a sheet model (Apps Script objects are interchangeable; one is simpler). */
export function sheetFacade(model: SheetModel): FakeSheet {
  if (!(model.facade instanceof FakeSheet)) model.facade = new FakeSheet(model);
  return model.facade as FakeSheet;
}

/**
 * Sheet. Calls are counted as 'Sheet.x'; those that address or read/write cells
 * (see SHEET_RANGE_LEVEL) also count in rangeCalls. All are refused in AuthMode.NONE.
 */
export class FakeSheet {
  constructor(readonly model: SheetModel) {}

  get ctx(): FakeContext {
    return this.model.book.ctx;
  }

  #m(): SheetModel {
    this.model.assertAlive();
    return this.model;
  }

  #checkRow(position: number, method: string): void {
    assertNumbers(method, [position]);
    if (position < 1 || position > this.#m().maxRows) throw exception('Those rows are out of bounds.');
  }

  #checkColumn(position: number, method: string): void {
    assertNumbers(method, [position]);
    if (position < 1 || position > this.#m().maxColumns) throw exception('Those columns are out of bounds.');
  }

  // ------------------------------------------------------------ identity

  getName(): string {
    return this.#m().name;
  }
  setName(name: string): this {
    this.#m().book.renameSheet(this.model, String(name));
    return this;
  }
  getSheetName(): string {
    return this.#m().name;
  }
  getSheetId(): number {
    return this.#m().gid;
  }
  getIndex(): number {
    return this.#m().book.sheets.indexOf(this.model) + 1;
  }
  getParent(): FakeSpreadsheet {
    return spreadsheetFacade(this.#m().book);
  }
  activate(): this {
    const m = this.#m();
    m.book.active = m;
    return this;
  }
  isSheetHidden(): boolean {
    return this.#m().hidden;
  }
  hideSheet(): this {
    this.#m().hidden = true;
    return this;
  }
  showSheet(): this {
    this.#m().hidden = false;
    return this;
  }
  setHiddenGridlines(hideGridlines: boolean): this {
    this.#m().hiddenGridlines = Boolean(hideGridlines);
    return this;
  }
  hasHiddenGridlines(): boolean {
    return this.#m().hiddenGridlines;
  }
  setTabColor(color: string | null): this {
    this.#m().tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    return this.#m().tabColor;
  }

  // ------------------------------------------------------------ ranges

  /** getRange(a1) | getRange(row, column, numRows?, numColumns?) */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    const m = this.#m();
    if (typeof rowOrA1 === 'string' && column === undefined) {
      const parsed = parseA1(rowOrA1, m.maxRows, m.maxColumns);
      if (parsed.sheetName !== undefined && parsed.sheetName.toLowerCase() !== m.name.toLowerCase()) throw exception('Range not found');
      if (parsed.rect.r1 >= m.maxRows || parsed.rect.c1 >= m.maxColumns) throw exception('The coordinates of the range are outside the dimensions of the sheet.');
      return new FakeRange(m, parsed.rect, parsed.openRows, parsed.openCols);
    }
    const args = [rowOrA1, column, numRows, numColumns].slice(0, numColumns !== undefined ? 4 : numRows !== undefined ? 3 : 2);
    assertNumbers('SpreadsheetApp.Sheet.getRange', args);
    return rangeAt(m, rowOrA1 as number, column as number, numRows ?? 1, numColumns ?? 1);
  }
  /** From A1 to the last row/column with content (A1 alone on an empty sheet). */
  getDataRange(): FakeRange {
    const { lastRow, lastColumn } = this.#m().extent();
    return rangeAt(this.model, 1, 1, Math.max(lastRow, 1), Math.max(lastColumn, 1));
  }
  /** Deprecated in Apps Script but still present: values of a block. */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): ScriptValue[][] {
    const m = this.#m();
    const { lastRow, lastColumn } = m.extent();
    const rows = numRows === -1 ? lastRow - startRow + 1 : numRows;
    const cols = numColumns === -1 ? lastColumn - startColumn + 1 : numColumns;
    return m.readValues(rangeAt(m, startRow, startColumn, rows, cols).rect);
  }
  getLastRow(): number {
    return this.#m().extent().lastRow;
  }
  getLastColumn(): number {
    return this.#m().extent().lastColumn;
  }
  getMaxRows(): number {
    return this.#m().maxRows;
  }
  getMaxColumns(): number {
    return this.#m().maxColumns;
  }
  /** Writes after the last row with content, growing the grid if needed; '=...' strings are formulas. */
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw signatureError([rowContents], 'SpreadsheetApp.Sheet.appendRow');
    if (rowContents.length === 0) throw exception('Row contents cannot be empty.');
    const m = this.#m();
    const row = m.extent().lastRow;
    m.ensureRows(row + 1);
    if (rowContents.length > m.maxColumns) m.maxColumns = rowContents.length;
    m.writeValues({ r0: row, c0: 0, r1: row, c1: rowContents.length - 1 }, [rowContents]);
    return this;
  }
  setActiveRange(range: FakeRange): FakeRange {
    const m = this.#m();
    m.book.active = m;
    m.book.activeRange = { sheet: m, rect: { ...range.rect } };
    return range;
  }
  getActiveRange(): FakeRange | null {
    const active = this.#m().book.activeRange;
    return active?.sheet === this.model ? new FakeRange(this.model, active.rect) : null;
  }

  // ------------------------------------------------------------ structure

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.#checkRow(afterPosition, 'SpreadsheetApp.Sheet.insertRowsAfter');
    this.#m().insertRows(afterPosition, howMany, afterPosition - 1);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.#checkRow(beforePosition, 'SpreadsheetApp.Sheet.insertRowsBefore');
    // The inserted rows take the formatting of the row they push down.
    this.#m().insertRows(beforePosition - 1, howMany, beforePosition - 1);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    this.#checkRow(afterPosition, 'SpreadsheetApp.Sheet.insertRowAfter');
    this.#m().insertRows(afterPosition, 1, afterPosition - 1);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    this.#checkRow(beforePosition, 'SpreadsheetApp.Sheet.insertRowBefore');
    this.#m().insertRows(beforePosition - 1, 1, beforePosition - 1);
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.#checkRow(rowIndex, 'SpreadsheetApp.Sheet.insertRows');
    this.#m().insertRows(rowIndex - 1, numRows, rowIndex - 1);
  }
  deleteRow(rowPosition: number): this {
    this.#checkRow(rowPosition, 'SpreadsheetApp.Sheet.deleteRow');
    this.#m().deleteRows(rowPosition - 1, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.#checkRow(rowPosition, 'SpreadsheetApp.Sheet.deleteRows');
    this.#m().deleteRows(rowPosition - 1, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.#checkColumn(afterPosition, 'SpreadsheetApp.Sheet.insertColumnsAfter');
    this.#m().insertColumns(afterPosition, howMany, afterPosition - 1);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.#checkColumn(beforePosition, 'SpreadsheetApp.Sheet.insertColumnsBefore');
    this.#m().insertColumns(beforePosition - 1, howMany, beforePosition - 1);
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsBefore(columnIndex, numColumns);
  }
  deleteColumn(columnPosition: number): this {
    this.#checkColumn(columnPosition, 'SpreadsheetApp.Sheet.deleteColumn');
    this.#m().deleteColumns(columnPosition - 1, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.#checkColumn(columnPosition, 'SpreadsheetApp.Sheet.deleteColumns');
    this.#m().deleteColumns(columnPosition - 1, howMany);
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows > this.#m().maxRows) throw exception('Invalid number of frozen rows.');
    this.model.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.#m().frozenRows;
  }
  setFrozenColumns(columns: number): void {
    if (columns < 0 || columns > this.#m().maxColumns) throw exception('Invalid number of frozen columns.');
    this.model.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this.#m().frozenColumns;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.#checkColumn(columnPosition, 'SpreadsheetApp.Sheet.setColumnWidth');
    this.model.columnWidths.set(columnPosition - 1, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.#checkColumn(startColumn + numColumns - 1, 'SpreadsheetApp.Sheet.setColumnWidths');
    for (let c = startColumn - 1; c < startColumn - 1 + numColumns; c++) this.model.columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this.#m().columnWidths.get(columnPosition - 1) ?? DEFAULT_COLUMN_WIDTH;
  }
  autoResizeColumn(columnPosition: number): this {
    this.#checkColumn(columnPosition, 'SpreadsheetApp.Sheet.autoResizeColumn');
    return this;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this.#checkColumn(startColumn + numColumns - 1, 'SpreadsheetApp.Sheet.autoResizeColumns');
    return this;
  }
  setRowHeight(rowPosition: number, height: number): this {
    this.#checkRow(rowPosition, 'SpreadsheetApp.Sheet.setRowHeight');
    this.model.rowHeights.set(rowPosition - 1, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    return this.#m().rowHeights.get(rowPosition - 1) ?? DEFAULT_ROW_HEIGHT;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.#checkColumn(columnIndex + numColumns - 1, 'SpreadsheetApp.Sheet.hideColumns');
    for (let c = columnIndex - 1; c < columnIndex - 1 + numColumns; c++) this.model.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex - 1; c < columnIndex - 1 + numColumns; c++) this.#m().hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.#m().hiddenColumns.has(columnPosition - 1);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.#checkRow(rowIndex + numRows - 1, 'SpreadsheetApp.Sheet.hideRows');
    for (let r = rowIndex - 1; r < rowIndex - 1 + numRows; r++) this.model.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex - 1; r < rowIndex - 1 + numRows; r++) this.#m().hiddenRows.delete(r);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.#m().hiddenRows.has(rowPosition - 1);
  }

  // ------------------------------------------------------------ clearing

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const m = this.#m();
    if (options?.contentsOnly) m.clearContents(m.fullRect());
    else if (options?.formatOnly) m.clearFormats(m.fullRect());
    else m.clearAll();
    return this;
  }
  clearContents(): this {
    const m = this.#m();
    const { lastRow, lastColumn } = m.extent();
    if (lastRow > 0) m.clearContents({ r0: 0, c0: 0, r1: lastRow - 1, c1: lastColumn - 1 });
    return this;
  }
  clearFormats(): this {
    const m = this.#m();
    m.clearFormats(m.fullRect());
    return this;
  }
  clearNotes(): this {
    const m = this.#m();
    m.clearNotes(m.fullRect());
    return this;
  }

  // ------------------------------------------------------------ rules and protection

  /** Replaces all rules; their ranges then follow row/column inserts and deletes. */
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    const m = this.#m();
    if (!Array.isArray(rules)) throw signatureError([rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
    for (const old of m.conditionalRules) for (const region of old.regions) m.untrack(region);
    m.conditionalRules = rules.map((rule) => {
      if (!(rule instanceof FakeConditionalFormatRule)) throw signatureError([rule], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
      const regions = rule.refs.map((ref) => {
        if (ref.sheet !== m) throw exception('Conditional format rule ranges must be on the sheet the rule is added to.');
        return m.track(Region.of(ref.rect));
      });
      return { condition: rule.condition, style: rule.style, regions };
    });
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    const m = this.#m();
    return m.conditionalRules.map(
      (rule) => new FakeConditionalFormatRule(rule.condition, rule.style, rule.regions.map((region) => ({ sheet: m, rect: region.rect() }))),
    );
  }
  clearConditionalFormatRules(): void {
    this.setConditionalFormatRules([]);
  }
  /** The sheet's protection (the existing one if the sheet is already protected). */
  protect(): FakeProtection {
    const m = this.#m();
    const existing = m.protections.find((p) => p.type === 'SHEET');
    if (existing) return new FakeProtection(existing);
    const model = new ProtectionModel('SHEET', m, undefined, m.book.ctx.effectiveUser);
    m.protections.push(model);
    return new FakeProtection(model);
  }
  getProtections(type: ProtectionTypeName): FakeProtection[] {
    return this.#m()
      .protections.filter((p) => p.type === type)
      .map((p) => new FakeProtection(p));
  }
}

/** Sheet methods that address or read/write cells, counted in rangeCalls. */
export const SHEET_RANGE_LEVEL = ['getRange', 'getDataRange', 'getSheetValues', 'getLastRow', 'getLastColumn', 'appendRow', 'clear', 'clearContents'] as const;

instrument(FakeSheet, { className: 'Sheet', rangeLevel: SHEET_RANGE_LEVEL, denyInNone: 'all' });
