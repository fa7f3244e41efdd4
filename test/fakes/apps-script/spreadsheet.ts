import { splitSheetName } from './a1.ts';
import { type FakeContext, instrument } from './context.ts';
import type { ProtectionTypeName } from './enums.ts';
import { exception, signatureError } from './errors.ts';
import { isValidTimeZone } from './dates.ts';
import type { FakeProtection } from './protection.ts';
import type { FakeRange } from './range.ts';
import { type FakeSheet, sheetFacade } from './sheet.ts';
import type { SheetModel } from './sheet-model.ts';
import type { Workbook } from './workbook.ts';

export function spreadsheetFacade(book: Workbook): FakeSpreadsheet {
  if (!(book.facade instanceof FakeSpreadsheet)) book.facade = new FakeSpreadsheet(book);
  return book.facade as FakeSpreadsheet;
}

interface InsertSheetOptions {
  template?: FakeSheet;
}

/** Spreadsheet. Calls are counted as 'Spreadsheet.x' and refused in AuthMode.NONE. */
export class FakeSpreadsheet {
  constructor(readonly book: Workbook) {}

  get ctx(): FakeContext {
    return this.book.ctx;
  }

  #activeSheet(): FakeSheet {
    return sheetFacade(this.book.active);
  }

  getId(): string {
    return this.book.id;
  }
  getName(): string {
    return this.book.name;
  }
  rename(newName: string): void {
    this.book.name = newName;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.book.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(timezone)) throw exception(`Invalid argument: ${timezone}`);
    this.book.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this.book.locale;
  }
  getSheets(): FakeSheet[] {
    return this.book.sheets.map(sheetFacade);
  }
  getNumSheets(): number {
    return this.book.sheets.length;
  }
  /** Case-insensitive like Sheets' own name lookup; null when absent. */
  getSheetByName(name: string): FakeSheet | null {
    const sheet = this.book.findSheet(String(name));
    return sheet ? sheetFacade(sheet) : null;
  }
  getSheetById(id: number): FakeSheet | null {
    const sheet = this.book.sheets.find((s) => s.gid === id);
    return sheet ? sheetFacade(sheet) : null;
  }
  /**
   * insertSheet() | (sheetIndex) | (sheetName) | (sheetName, sheetIndex) | (..., options).
   * The index is 0-based; the new sheet becomes active; duplicate names throw.
   */
  insertSheet(nameOrIndex?: string | number | InsertSheetOptions, indexOrOptions?: number | InsertSheetOptions, _options?: InsertSheetOptions): FakeSheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const index = typeof nameOrIndex === 'number' ? nameOrIndex : typeof indexOrOptions === 'number' ? indexOrOptions : undefined;
    const sheet = this.book.addSheet(name, index);
    this.book.active = sheet;
    return sheetFacade(sheet);
  }
  deleteSheet(sheet: FakeSheet): void {
    if (!sheet || typeof sheet !== 'object' || !('model' in sheet)) throw signatureError([sheet], 'SpreadsheetApp.Spreadsheet.deleteSheet');
    this.book.removeSheet(sheet.model as SheetModel);
  }
  getActiveSheet(): FakeSheet {
    return this.#activeSheet();
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.book.active = sheet.model;
    return sheet;
  }
  moveActiveSheet(pos: number): void {
    this.book.moveSheet(this.book.active, pos - 1);
  }
  getActiveRange(): FakeRange | null {
    const active = this.book.activeRange;
    return active ? sheetFacade(active.sheet).getRange(active.rect.r0 + 1, active.rect.c0 + 1, active.rect.r1 - active.rect.r0 + 1, active.rect.c1 - active.rect.c0 + 1) : null;
  }
  /** getRange('Sheet!A1:B2'), or A1 on the active sheet. */
  getRange(a1Notation: string): FakeRange {
    const { sheetName, ref } = splitSheetName(String(a1Notation));
    const sheet = sheetName === undefined ? this.book.active : this.book.findSheet(sheetName);
    if (!sheet) throw exception('Range not found');
    return sheetFacade(sheet).getRange(ref);
  }
  getDataRange(): FakeRange {
    return this.#activeSheet().getDataRange();
  }
  getLastRow(): number {
    return this.#activeSheet().getLastRow();
  }
  getLastColumn(): number {
    return this.#activeSheet().getLastColumn();
  }
  appendRow(rowContents: unknown[]): FakeSheet {
    return this.#activeSheet().appendRow(rowContents);
  }
  getProtections(type: ProtectionTypeName): FakeProtection[] {
    return this.book.sheets.flatMap((s) => sheetFacade(s).getProtections(type));
  }
  /** Recorded in fake.toasts. */
  toast(msg: string, title = '', timeoutSeconds = 5): void {
    this.book.ctx.toasts.push({ message: String(msg), title: String(title), timeoutSeconds });
  }
}

export const SPREADSHEET_RANGE_LEVEL = ['getRange', 'getDataRange', 'getLastRow', 'getLastColumn', 'appendRow', 'getActiveRange'] as const;

instrument(FakeSpreadsheet, { className: 'Spreadsheet', rangeLevel: SPREADSHEET_RANGE_LEVEL, denyInNone: 'all' });
