import { HyperFormula } from 'hyperformula';
import { numberLocale } from '../../../shared/values.ts';
import { type ClockContext, sheetsFunctionPlugins } from './sheets-functions.ts';
import type { FakeContext } from './context.ts';
import { exception } from './errors.ts';
import { SheetModel } from './sheet-model.ts';
import type { Rect } from './a1.ts';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export interface WorkbookOptions {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
}

/** The spreadsheet's state: one HyperFormula engine, its sheets, what is active. */
export class Workbook {
  readonly hf: HyperFormula;
  readonly sheets: SheetModel[] = [];
  active!: SheetModel;
  activeRange: { sheet: SheetModel; rect: Rect } | undefined;
  timeZone: string;
  name: string;
  readonly id: string;
  readonly locale: string;
  /** Cached Spreadsheet facade (see spreadsheet.ts). */
  facade: unknown;
  #nextGid = 0;

  constructor(
    readonly ctx: FakeContext,
    options: WorkbookOptions,
  ) {
    this.id = options.id;
    this.name = options.name;
    this.timeZone = options.timeZone;
    this.locale = options.locale;
    const clock: ClockContext = { now: () => ctx.now(), timeZone: () => this.timeZone };
    // A comma-decimal locale (de_DE, fr_FR, pt_BR) reads formulas with `;` between arguments and
    // `0,7` decimals, in the sheet and in what scripts write (shared/formulas.ts localizeFormula
    // cites the sources). Array literals there use `\` between columns, which HF cannot parse; `;`
    // and `|` stand in for them.
    const comma = numberLocale(options.locale)?.decimal === ',';
    this.hf = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      // Sheets' grid limit is 10M cells; HF's default of 40k rows is too small for big tests.
      maxRows: 1_000_000,
      // Google Sheets: blank references stay blank, array literals {a,b;c,d}.
      evaluateNullToZero: false,
      arrayColumnSeparator: comma ? ';' : ',',
      arrayRowSeparator: comma ? '|' : ';',
      functionArgSeparator: comma ? ';' : ',',
      decimalSeparator: comma ? ',' : '.',
      thousandSeparator: '',
      // Sheets hands scripts the stored double unrounded (dates keep their milliseconds).
      smartRounding: false,
      context: clock,
      functionPlugins: sheetsFunctionPlugins(),
    });
  }

  findSheet(name: string): SheetModel | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === wanted);
  }

  #defaultName(): string {
    for (let n = this.sheets.length + 1; ; n++) if (!this.findSheet(`Sheet${n}`)) return `Sheet${n}`;
  }

  #assertFreeName(name: string, except?: SheetModel): void {
    const clash = this.findSheet(name);
    if (clash && clash !== except) throw exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /** Adds a sheet at 0-based `index` (end by default). */
  addSheet(name?: string, index?: number, rows = DEFAULT_ROWS, columns = DEFAULT_COLUMNS): SheetModel {
    const sheetName = name ?? this.#defaultName();
    if (sheetName.trim() === '') throw exception('Sheet name cannot be empty.');
    this.#assertFreeName(sheetName);
    this.hf.addSheet(sheetName);
    const hfId = this.hf.getSheetId(sheetName);
    if (hfId === undefined) throw new Error(`HyperFormula did not register sheet ${sheetName}`);
    const sheet = new SheetModel(this, hfId, sheetName, this.#nextGid++, rows, columns);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (name.trim() === '') throw exception('Sheet name cannot be empty.');
    this.#assertFreeName(name, sheet);
    this.hf.renameSheet(sheet.hfId, name);
    sheet.name = name;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length <= 1) throw exception("You can't remove all the sheets in a document.");
    this.hf.removeSheet(sheet.hfId);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.sheets[0] as SheetModel;
    if (this.activeRange?.sheet === sheet) this.activeRange = undefined;
  }

  /** `grown` gained rows at its end: keep open-ended references (B2:B) into it reaching its last row. */
  extendOpenRanges(grown: SheetModel, oldLast: number, newLast: number): void {
    for (const sheet of this.sheets) sheet.extendOpenRanges(grown, oldLast, newLast);
  }

  moveSheet(sheet: SheetModel, index: number): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
  }
}
