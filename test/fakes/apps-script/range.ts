import { type Rect, rectA1 } from './a1.ts';
import type { CellFormat, FormatKey } from './cell-meta.ts';
import { FORMAT_DEFAULTS } from './cell-meta.ts';
import { normalizeColor } from './colors.ts';
import { type FakeContext, instrument } from './context.ts';
import { exception, signatureError } from './errors.ts';
import { FakeProtection, ProtectionModel } from './protection.ts';
import { Region } from './regions.ts';
import { type FakeDataValidation, FakeDataValidationBuilder } from './rules.ts';
import { sheetFacade } from './sheet.ts';
import type { FakeSheet } from './sheet.ts';
import { type SheetModel, forEachCell } from './sheet-model.ts';
import type { ScriptValue } from './values.ts';

/** Throws like Apps Script when a row/column argument is not a number, or not a whole one. */
export function assertNumbers(method: string, args: readonly unknown[]): void {
  if (args.some((a) => typeof a !== 'number' || !Number.isFinite(a))) throw signatureError(args, method);
  const fraction = args.find((a) => !Number.isInteger(a));
  if (fraction !== undefined) throw exception(`Cannot convert ${String(fraction)} to int.`);
}

/** Builds a range from 1-based coordinates with Apps Script's bounds errors. */
export function rangeAt(sheet: SheetModel, row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
  if (row < 1) throw exception('The starting row of the range is too small.');
  if (column < 1) throw exception('The starting column of the range is too small.');
  if (numRows < 1) throw exception('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw exception('The number of columns in the range must be at least 1.');
  const rect = { r0: row - 1, c0: column - 1, r1: row + numRows - 2, c1: column + numColumns - 2 };
  if (rect.r1 >= sheet.maxRows || rect.c1 >= sheet.maxColumns) throw exception('The coordinates of the range are outside the dimensions of the sheet.');
  return new FakeRange(sheet, rect);
}

/** Apps Script's shape check for set*s(grid) methods. */
function assertGrid(grid: unknown, rect: Rect, method: string): asserts grid is unknown[][] {
  if (!Array.isArray(grid) || !grid.every((row) => Array.isArray(row))) throw signatureError([grid], `SpreadsheetApp.Range.${method}`);
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  if (grid.length !== rows) throw exception(`The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${rows}.`);
  for (const row of grid as unknown[][]) {
    if (row.length !== cols) throw exception(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${cols}.`);
  }
}

const fill = <T>(rect: Rect, value: T): T[][] =>
  Array.from({ length: rect.r1 - rect.r0 + 1 }, () => new Array<T>(rect.c1 - rect.c0 + 1).fill(value));

const color = (c: string | null): string | undefined => (c === null || c === undefined ? undefined : normalizeColor(c));

/**
 * Range. Every method call is counted (counters.rangeCalls / byMethod['Range.x']) and refused in
 * AuthMode.NONE. `sheetModel`, `rect` and the open flags are plain data, not API.
 */
export class FakeRange {
  readonly rect: Rect;

  constructor(
    readonly sheetModel: SheetModel,
    rect: Rect,
    readonly openRows = false,
    readonly openCols = false,
  ) {
    this.rect = { ...rect };
  }

  get ctx(): FakeContext {
    return this.sheetModel.book.ctx;
  }

  #sheet(): SheetModel {
    this.sheetModel.assertAlive();
    return this.sheetModel;
  }

  #topLeft(): Rect {
    return { r0: this.rect.r0, c0: this.rect.c0, r1: this.rect.r0, c1: this.rect.c0 };
  }

  #setFormat<K extends FormatKey>(key: K, value: CellFormat[K] | undefined): this {
    this.#sheet().setFormat(this.rect, key, value);
    return this;
  }

  #setFormats<K extends FormatKey>(key: K, grid: unknown, method: string, map: (v: never) => CellFormat[K] | undefined): this {
    assertGrid(grid, this.rect, method);
    this.#sheet().setMetaGrid(this.rect, grid as never[][], (meta, v) => {
      const value = map(v);
      if (value === undefined) delete meta.format[key];
      else meta.format[key] = value;
    });
    return this;
  }

  #getFormats<K extends FormatKey>(key: K): Array<Array<Required<CellFormat>[K]>> {
    return this.#sheet().readMetaGrid(this.rect, (meta) => (meta?.format[key] ?? FORMAT_DEFAULTS[key]) as Required<CellFormat>[K]);
  }

  #getFormat<K extends FormatKey>(key: K): Required<CellFormat>[K] {
    return (this.#sheet().meta.get(this.rect.r0, this.rect.c0)?.format[key] ?? FORMAT_DEFAULTS[key]) as Required<CellFormat>[K];
  }

  // ------------------------------------------------------------ geometry

  getA1Notation(): string {
    return rectA1(this.rect, this.openRows, this.openCols);
  }
  getSheet(): FakeSheet {
    return sheetFacade(this.#sheet());
  }
  getGridId(): number {
    return this.sheetModel.gid;
  }
  getRow(): number {
    return this.rect.r0 + 1;
  }
  getRowIndex(): number {
    return this.rect.r0 + 1;
  }
  getColumn(): number {
    return this.rect.c0 + 1;
  }
  getLastRow(): number {
    return this.rect.r1 + 1;
  }
  getLastColumn(): number {
    return this.rect.c1 + 1;
  }
  getNumRows(): number {
    return this.rect.r1 - this.rect.r0 + 1;
  }
  getNumColumns(): number {
    return this.rect.c1 - this.rect.c0 + 1;
  }
  getHeight(): number {
    return this.rect.r1 - this.rect.r0 + 1;
  }
  getWidth(): number {
    return this.rect.c1 - this.rect.c0 + 1;
  }
  getCell(row: number, column: number): FakeRange {
    assertNumbers('SpreadsheetApp.Range.getCell', [row, column]);
    if (row < 1 || column < 1 || row > this.getNumRows() || column > this.getNumColumns()) {
      throw exception('Cell reference out of range');
    }
    return new FakeRange(this.sheetModel, { r0: this.rect.r0 + row - 1, c0: this.rect.c0 + column - 1, r1: this.rect.r0 + row - 1, c1: this.rect.c0 + column - 1 });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    const args = [rowOffset, columnOffset, ...(numRows === undefined ? [] : [numRows]), ...(numColumns === undefined ? [] : [numColumns])];
    assertNumbers('SpreadsheetApp.Range.offset', args);
    return rangeAt(this.#sheet(), this.rect.r0 + 1 + rowOffset, this.rect.c0 + 1 + columnOffset, numRows ?? this.getNumRows(), numColumns ?? this.getNumColumns());
  }
  activate(): this {
    const sheet = this.#sheet();
    sheet.book.active = sheet;
    sheet.book.activeRange = { sheet, rect: { ...this.rect } };
    return this;
  }

  // ------------------------------------------------------------ values and formulas

  getValues(): ScriptValue[][] {
    return this.#sheet().readValues(this.rect);
  }
  getValue(): ScriptValue {
    return this.#sheet().readValues(this.#topLeft())[0]?.[0] ?? '';
  }
  setValues(values: unknown[][]): this {
    assertGrid(values, this.rect, 'setValues');
    this.#sheet().writeValues(this.rect, values);
    return this;
  }
  setValue(value: unknown): this {
    if (typeof value === 'string' && value.startsWith('=') && value.length > 1) this.#sheet().fillFormula(this.rect, value);
    else this.#sheet().writeValues(this.rect, fill(this.rect, value));
    return this;
  }
  getDisplayValues(): string[][] {
    return this.#sheet().readDisplayValues(this.rect);
  }
  getDisplayValue(): string {
    return this.#sheet().readDisplayValues(this.#topLeft())[0]?.[0] ?? '';
  }
  getFormulas(): string[][] {
    return this.#sheet().readFormulas(this.rect);
  }
  getFormula(): string {
    return this.#sheet().readFormulas(this.#topLeft())[0]?.[0] ?? '';
  }
  setFormulas(formulas: string[][]): this {
    assertGrid(formulas, this.rect, 'setFormulas');
    this.#sheet().writeValues(this.rect, formulas);
    return this;
  }
  setFormula(formula: string): this {
    if (typeof formula !== 'string') throw signatureError([formula], 'SpreadsheetApp.Range.setFormula');
    if (formula.startsWith('=') && formula.length > 1) this.#sheet().fillFormula(this.rect, formula);
    else this.#sheet().writeValues(this.rect, fill(this.rect, formula));
    return this;
  }
  isBlank(): boolean {
    return this.#sheet().isBlank(this.rect);
  }
  clearContent(): this {
    this.#sheet().clearContents(this.rect);
    return this;
  }
  clearFormat(): this {
    this.#sheet().clearFormats(this.rect);
    return this;
  }
  clearDataValidations(): this {
    this.#sheet().clearValidations(this.rect);
    return this;
  }
  clearNote(): this {
    this.#sheet().clearNotes(this.rect);
    return this;
  }
  /** clear() = contents + formats; options pick parts like Apps Script's clear(options). */
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): this {
    const sheet = this.#sheet();
    const only = options && (options.commentsOnly || options.contentsOnly || options.formatOnly || options.validationsOnly);
    if (!only || options?.contentsOnly) sheet.clearContents(this.rect);
    if (!only || options?.formatOnly) sheet.clearFormats(this.rect);
    if (options?.validationsOnly) sheet.clearValidations(this.rect);
    if (options?.commentsOnly) sheet.clearNotes(this.rect);
    return this;
  }
  /** Copies contents (formulas re-pointed, via HF copy/paste) and formats to the destination's top-left. */
  copyTo(destination: FakeRange, options?: { contentsOnly?: boolean; formatOnly?: boolean }): void {
    const source = this.#sheet();
    const target = destination.sheetModel;
    const rows = this.getNumRows();
    const cols = this.getNumColumns();
    const targetRect = { r0: destination.rect.r0, c0: destination.rect.c0, r1: destination.rect.r0 + rows - 1, c1: destination.rect.c0 + cols - 1 };
    if (targetRect.r1 >= target.maxRows || targetRect.c1 >= target.maxColumns) throw exception('The coordinates of the target range are outside the dimensions of the sheet.');
    if (!options?.formatOnly) {
      source.hf.copy({ start: source.addr(this.rect.r0, this.rect.c0), end: source.addr(this.rect.r1, this.rect.c1) });
      source.hf.paste(target.addr(targetRect.r0, targetRect.c0));
      target.meta.forEachIn(targetRect, (meta) => {
        delete meta.formula;
      });
    }
    if (!options?.contentsOnly) {
      const formats = source.readMetaGrid(this.rect, (meta) => ({ ...(meta?.format ?? {}) }));
      target.setMetaGrid(targetRect, formats, (meta, format) => {
        meta.format = format;
      });
    }
  }

  // ------------------------------------------------------------ notes

  getNotes(): string[][] {
    return this.#sheet().readMetaGrid(this.rect, (meta) => meta?.note ?? '');
  }
  getNote(): string {
    return this.#sheet().meta.get(this.rect.r0, this.rect.c0)?.note ?? '';
  }
  setNote(note: string | null): this {
    const sheet = this.#sheet();
    if (note === null || note === '') sheet.clearNotes(this.rect);
    else sheet.setMetaGrid(this.rect, fill(this.rect, String(note)), (meta, v) => (meta.note = v));
    return this;
  }
  setNotes(notes: Array<Array<string | null>>): this {
    assertGrid(notes, this.rect, 'setNotes');
    this.#sheet().setMetaGrid(this.rect, notes, (meta, v) => {
      if (v === null || v === '') delete meta.note;
      else meta.note = String(v);
    });
    return this;
  }

  // ------------------------------------------------------------ formats

  setNumberFormat(numberFormat: string): this {
    return this.#setFormat('numberFormat', numberFormat);
  }
  setNumberFormats(numberFormats: string[][]): this {
    return this.#setFormats('numberFormat', numberFormats, 'setNumberFormats', (v: string) => v);
  }
  getNumberFormat(): string {
    return this.#getFormat('numberFormat');
  }
  getNumberFormats(): string[][] {
    return this.#getFormats('numberFormat');
  }
  setBackground(color_: string | null): this {
    return this.#setFormat('background', color(color_));
  }
  setBackgrounds(colors: Array<Array<string | null>>): this {
    return this.#setFormats('background', colors, 'setBackgrounds', (v: string | null) => color(v));
  }
  getBackground(): string {
    return this.#getFormat('background');
  }
  getBackgrounds(): string[][] {
    return this.#getFormats('background');
  }
  setFontColor(color_: string | null): this {
    return this.#setFormat('fontColor', color(color_));
  }
  setFontColors(colors: Array<Array<string | null>>): this {
    return this.#setFormats('fontColor', colors, 'setFontColors', (v: string | null) => color(v));
  }
  getFontColor(): string {
    return this.#getFormat('fontColor');
  }
  getFontColors(): string[][] {
    return this.#getFormats('fontColor');
  }
  setFontWeight(fontWeight: string | null): this {
    return this.#setFormat('fontWeight', fontWeight ?? undefined);
  }
  setFontWeights(fontWeights: Array<Array<string | null>>): this {
    return this.#setFormats('fontWeight', fontWeights, 'setFontWeights', (v: string | null) => v ?? undefined);
  }
  getFontWeight(): string {
    return this.#getFormat('fontWeight');
  }
  getFontWeights(): string[][] {
    return this.#getFormats('fontWeight');
  }
  setFontStyle(fontStyle: string | null): this {
    return this.#setFormat('fontStyle', fontStyle ?? undefined);
  }
  getFontStyle(): string {
    return this.#getFormat('fontStyle');
  }
  setFontSize(size: number): this {
    return this.#setFormat('fontSize', size);
  }
  setFontSizes(sizes: number[][]): this {
    return this.#setFormats('fontSize', sizes, 'setFontSizes', (v: number) => v);
  }
  getFontSize(): number {
    return this.#getFormat('fontSize');
  }
  getFontSizes(): number[][] {
    return this.#getFormats('fontSize');
  }
  setFontFamily(fontFamily: string | null): this {
    return this.#setFormat('fontFamily', fontFamily ?? undefined);
  }
  getFontFamily(): string {
    return this.#getFormat('fontFamily');
  }
  setFontLine(fontLine: string | null): this {
    return this.#setFormat('fontLine', fontLine ?? undefined);
  }
  getFontLine(): string {
    return this.#getFormat('fontLine');
  }
  setWrap(isWrapEnabled: boolean): this {
    return this.#setFormat('wrap', isWrapEnabled);
  }
  setWraps(isWrapEnabled: boolean[][]): this {
    return this.#setFormats('wrap', isWrapEnabled, 'setWraps', (v: boolean) => v);
  }
  getWrap(): boolean {
    return this.#getFormat('wrap');
  }
  getWraps(): boolean[][] {
    return this.#getFormats('wrap');
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.#setFormat('horizontalAlignment', alignment ?? undefined);
  }
  setHorizontalAlignments(alignments: Array<Array<string | null>>): this {
    return this.#setFormats('horizontalAlignment', alignments, 'setHorizontalAlignments', (v: string | null) => v ?? undefined);
  }
  getHorizontalAlignment(): string {
    return this.#getFormat('horizontalAlignment');
  }
  getHorizontalAlignments(): string[][] {
    return this.#getFormats('horizontalAlignment');
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.#setFormat('verticalAlignment', alignment ?? undefined);
  }
  getVerticalAlignment(): string {
    return this.#getFormat('verticalAlignment');
  }
  /** Recorded per cell as a readable summary (the fake does not model individual edges). */
  setBorder(...args: Array<boolean | null | string | undefined>): this {
    return this.#setFormat('border', JSON.stringify(args));
  }

  // ------------------------------------------------------------ data validation

  setDataValidation(rule: FakeDataValidation | null): this {
    const sheet = this.#sheet();
    if (rule === null) sheet.clearValidations(this.rect);
    else sheet.setMetaGrid(this.rect, fill(this.rect, rule), (meta, v) => (meta.validation = v));
    return this;
  }
  setDataValidations(rules: Array<Array<FakeDataValidation | null>>): this {
    assertGrid(rules, this.rect, 'setDataValidations');
    this.#sheet().setMetaGrid(this.rect, rules, (meta, v) => {
      if (v === null) delete meta.validation;
      else meta.validation = v;
    });
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    return this.#sheet().meta.get(this.rect.r0, this.rect.c0)?.validation ?? null;
  }
  getDataValidations(): Array<Array<FakeDataValidation | null>> {
    return this.#sheet().readMetaGrid(this.rect, (meta) => meta?.validation ?? null);
  }
  /** Checkbox validation on every cell, and every value set to FALSE (as Sheets does). */
  insertCheckboxes(): this {
    const sheet = this.#sheet();
    const checkbox = new FakeDataValidationBuilder().requireCheckbox().build();
    sheet.setMetaGrid(this.rect, fill(this.rect, checkbox), (meta, v) => (meta.validation = v));
    sheet.writeValues(this.rect, fill(this.rect, false));
    return this;
  }
  removeCheckboxes(): this {
    const sheet = this.#sheet();
    const values = sheet.readValues(this.rect);
    const checkboxes = sheet.readMetaGrid(this.rect, (meta) => meta?.validation?.getCriteriaType() === 'CHECKBOX');
    forEachCell(checkboxes, (isCheckbox, i, j) => {
      if (!isCheckbox) return;
      const cell = { r0: this.rect.r0 + i, c0: this.rect.c0 + j, r1: this.rect.r0 + i, c1: this.rect.c0 + j };
      sheet.clearValidations(cell);
      if (typeof values[i]?.[j] === 'boolean') sheet.clearContents(cell);
    });
    return this;
  }

  // ------------------------------------------------------------ merges and protection

  merge(): this {
    const sheet = this.#sheet();
    const region = Region.of(this.rect);
    for (const m of sheet.merges) if (overlaps(m, region)) sheet.untrack(m);
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, region));
    sheet.merges.push(sheet.track(region));
    // Only the top-left value survives a merge.
    const { r0, c0, r1, c1 } = this.rect;
    if (c1 > c0) sheet.clearContents({ r0, c0: c0 + 1, r1: r0, c1 });
    if (r1 > r0) sheet.clearContents({ r0: r0 + 1, c0, r1, c1 });
    return this;
  }
  mergeAcross(): this {
    for (let r = this.rect.r0; r <= this.rect.r1; r++) new FakeRange(this.sheetModel, { ...this.rect, r0: r, r1: r }).merge();
    return this;
  }
  breakApart(): this {
    const sheet = this.#sheet();
    const region = Region.of(this.rect);
    for (const m of sheet.merges) if (overlaps(m, region)) sheet.untrack(m);
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, region));
    return this;
  }
  isPartOfMerge(): boolean {
    const region = Region.of(this.rect);
    return this.#sheet().merges.some((m) => overlaps(m, region));
  }
  getMergedRanges(): FakeRange[] {
    const region = Region.of(this.rect);
    return this.#sheet()
      .merges.filter((m) => overlaps(m, region))
      .map((m) => new FakeRange(this.sheetModel, m.rect()));
  }
  protect(): FakeProtection {
    const sheet = this.#sheet();
    const model = new ProtectionModel('RANGE', sheet, sheet.track(Region.of(this.rect)), sheet.book.ctx.effectiveUser);
    sheet.protections.push(model);
    return new FakeProtection(model);
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

instrument(FakeRange, { className: 'Range', rangeLevel: 'all', denyInNone: 'all' });
