import { type FakeContext, instrument } from './context.ts';
import { BooleanCriteria, BorderStyle, DataValidationCriteria, Dimension, ProtectionType, WrapStrategy } from './enums.ts';
import { exception } from './errors.ts';
import type { FakeRange } from './range.ts';
import { FakeConditionalFormatRuleBuilder, FakeDataValidationBuilder } from './rules.ts';
import type { FakeSheet } from './sheet.ts';
import { type FakeSpreadsheet, spreadsheetFacade } from './spreadsheet.ts';
import type { FakeUi } from './ui.ts';
import type { Workbook } from './workbook.ts';

/** SpreadsheetApp. Entry points to document data are refused in AuthMode.NONE; getUi/new*()/enums are not. */
export class FakeSpreadsheetApp {
  readonly ProtectionType = ProtectionType;
  readonly BorderStyle = BorderStyle;
  readonly BooleanCriteria = BooleanCriteria;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;
  /** Number of flush() calls. */
  flushes = 0;

  constructor(
    readonly book: Workbook,
    readonly ui: FakeUi,
  ) {}

  get ctx(): FakeContext {
    return this.book.ctx;
  }

  getActive(): FakeSpreadsheet {
    return spreadsheetFacade(this.book);
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    return spreadsheetFacade(this.book);
  }
  getActiveSheet(): FakeSheet {
    return spreadsheetFacade(this.book).getActiveSheet();
  }
  getActiveRange(): FakeRange | null {
    return spreadsheetFacade(this.book).getActiveRange();
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    return spreadsheetFacade(this.book).setActiveSheet(sheet);
  }
  openById(id: string): FakeSpreadsheet {
    if (id !== this.book.id) throw exception('You do not have permission to access the requested document.');
    return spreadsheetFacade(this.book);
  }
  openByUrl(url: string): FakeSpreadsheet {
    if (!url.includes(this.book.id)) throw exception('You do not have permission to access the requested document.');
    return spreadsheetFacade(this.book);
  }
  getUi(): FakeUi {
    return this.ui;
  }
  flush(): void {
    this.flushes++;
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder();
  }
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder();
  }
}

instrument(FakeSpreadsheetApp, {
  className: 'SpreadsheetApp',
  denyInNone: ['getActive', 'getActiveSpreadsheet', 'getActiveSheet', 'getActiveRange', 'setActiveSheet', 'openById', 'openByUrl'],
});
