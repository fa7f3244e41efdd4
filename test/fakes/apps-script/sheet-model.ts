import type { CellValue, RawCellContent, SimpleCellAddress } from 'hyperformula';
import { CellValueDetailedType, DetailedCellError } from 'hyperformula';
import { type Rect, cellA1 } from './a1.ts';
import { type CellMeta, type CellFormat, type FormatKey, MetaGrid } from './cell-meta.ts';
import { formatJavaDate, serialToEpochMs } from './dates.ts';
import { exception } from './errors.ts';
import { closeOpenRanges, extendRanges, reopenRanges } from './formulas.ts';
import { formatNumber, isDateFormat } from './number-format.ts';
import type { ProtectionModel } from './protection.ts';
import type { Region } from './regions.ts';
import type { ConditionSpec, ConditionStyle } from './rules.ts';
import { type ScriptValue, errorText, fromCellValue, toCellInput } from './values.ts';
import type { Workbook } from './workbook.ts';

/** A conditional-format rule as the sheet keeps it: its ranges follow row/column edits. */
export interface StoredRule {
  condition: ConditionSpec;
  style: ConditionStyle;
  regions: Region[];
}

const DATE_TYPES: Partial<Record<string, 'date' | 'datetime' | 'time'>> = {
  [CellValueDetailedType.NUMBER_DATE]: 'date',
  [CellValueDetailedType.NUMBER_DATETIME]: 'datetime',
  [CellValueDetailedType.NUMBER_TIME]: 'time',
};

const rectSize = (rect: Rect): { rows: number; cols: number } => ({ rows: rect.r1 - rect.r0 + 1, cols: rect.c1 - rect.c0 + 1 });

/**
 * One sheet: cell contents live in HyperFormula, everything else (formats, notes, validation,
 * dimensions, protections) here. Facades (FakeSheet, FakeRange) call into this; nothing here counts calls.
 */
export class SheetModel {
  readonly meta = new MetaGrid();
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  hidden = false;
  hiddenGridlines = false;
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  conditionalRules: StoredRule[] = [];
  protections: ProtectionModel[] = [];
  merges: Region[] = [];
  /** Every Region owned by this sheet (rules, protections, merges), shifted on structural edits. */
  readonly regions = new Set<Region>();
  deleted = false;
  /** Cached facade, so the same Sheet object is handed out (see sheet.ts). */
  facade: unknown;

  constructor(
    readonly book: Workbook,
    readonly hfId: number,
    public name: string,
    readonly gid: number,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  get hf() {
    return this.book.hf;
  }

  addr(r: number, c: number): SimpleCellAddress {
    return { sheet: this.hfId, row: r, col: c };
  }

  assertAlive(): void {
    if (this.deleted) throw exception(`The sheet ${this.name} has been deleted.`);
  }

  // ------------------------------------------------------------ reading

  #rawValues(rect: Rect): CellValue[][] {
    return this.hf.getRangeValues({ start: this.addr(rect.r0, rect.c0), end: this.addr(rect.r1, rect.c1) });
  }

  /** Whether the number in (r, c) is a date: by its number format, else by HF's inferred type (DATE(), TODAY()). */
  #dateKind(r: number, c: number, format: string | undefined): 'date' | 'datetime' | 'time' | undefined {
    if (format) return isDateFormat(format) ? 'datetime' : undefined;
    return DATE_TYPES[this.hf.getCellValueDetailedType(this.addr(r, c))];
  }

  /** Evaluated values as getValues returns them; `makeDate` picks the realm of returned Dates. */
  readValues(rect: Rect, makeDate: (ms: number) => Date = (ms) => this.book.ctx.makeDate(ms)): ScriptValue[][] {
    const tz = this.book.timeZone;
    const raw = this.#rawValues(rect);
    return raw.map((row, i) =>
      row.map((value, j) => {
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        if (typeof value !== 'number') return fromCellValue(value, undefined);
        const kind = this.#dateKind(r, c, this.meta.get(r, c)?.format.numberFormat);
        return fromCellValue(value, kind ? (serial) => makeDate(serialToEpochMs(serial, tz)) : undefined);
      }),
    );
  }

  readDisplayValues(rect: Rect): string[][] {
    const raw = this.#rawValues(rect);
    return raw.map((row, i) =>
      row.map((value, j) => {
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        if (value === null || value === undefined) return '';
        if (value instanceof DetailedCellError) return errorText(value);
        if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
        if (typeof value === 'string') return value;
        const format = this.meta.get(r, c)?.format.numberFormat;
        return formatNumber(value, format, format ? undefined : this.#dateKind(r, c, undefined));
      }),
    );
  }

  /** Formula text per cell ('' if none): as written, unless structural edits have rewritten it. */
  readFormulas(rect: Rect): string[][] {
    const raw = this.hf.getRangeFormulas({ start: this.addr(rect.r0, rect.c0), end: this.addr(rect.r1, rect.c1) });
    return raw.map((row, i) =>
      row.map((formula, j) => {
        if (formula === undefined) return '';
        const written = this.meta.get(rect.r0 + i, rect.c0 + j)?.formula;
        if (!written) return formula;
        if (written.written !== undefined && written.normalized === formula) return written.written;
        return written.open ? reopenRanges(formula, this.#rowsFor) : formula;
      }),
    );
  }

  /** 1-based last row / column holding a value or formula (0 when the sheet is empty). */
  extent(): { lastRow: number; lastColumn: number } {
    let lastRow = 0;
    let lastColumn = 0;
    const scan = (grid: unknown[][]) => {
      grid.forEach((row, r) => {
        for (let c = row.length - 1; c >= 0; c--) {
          const v = row[c];
          if (v !== null && v !== undefined && v !== '') {
            lastRow = Math.max(lastRow, r + 1);
            lastColumn = Math.max(lastColumn, c + 1);
            break;
          }
        }
      });
    };
    scan(this.hf.getSheetValues(this.hfId));
    scan(this.hf.getSheetFormulas(this.hfId));
    return { lastRow, lastColumn };
  }

  isBlank(rect: Rect): boolean {
    const values = this.#rawValues(rect);
    const formulas = this.hf.getRangeFormulas({ start: this.addr(rect.r0, rect.c0), end: this.addr(rect.r1, rect.c1) });
    return values.every((row) => row.every((v) => v === null || v === '')) && formulas.every((row) => row.every((f) => f === undefined));
  }

  // ------------------------------------------------------------ writing

  /** Last grid row (1-based) of a sheet named in a reference, this sheet when unqualified. */
  #rowsFor = (sheetName: string | undefined): number => (sheetName === undefined ? this : (this.book.findSheet(sheetName) ?? this)).maxRows;

  /**
   * Writes a block of script values at rect's top-left (rows must already match rect's shape).
   * Data validation that rejects input is checked first, so a refused write changes nothing.
   */
  writeValues(rect: Rect, rows: readonly (readonly unknown[])[]): void {
    const tz = this.book.timeZone;
    // A typed month/day ("3/4") is in the current year of the spreadsheet's time zone.
    const year = Number(formatJavaDate(this.book.ctx.now(), tz, 'yyyy'));
    const inputs = Array.from(rows, (row, i) => Array.from(row, (value, j) => toCellInput(value, this.meta.get(rect.r0 + i, rect.c0 + j)?.format.numberFormat, tz, year))); // host-realm arrays: grids from a vm context fail HyperFormula's instanceof Array
    forEachCell(inputs, (input, i, j) => {
      const validation = this.meta.get(rect.r0 + i, rect.c0 + j)?.validation;
      if (validation && !validation.getAllowInvalid() && input.formula === undefined && !validation.accepts(input.stored)) {
        throw exception(`The data you entered in cell ${cellA1(rect.r0 + i, rect.c0 + j)} violates the data validation rules set on this cell.`);
      }
    });
    const contents: RawCellContent[][] = inputs.map((row) =>
      row.map((input) => (input.formula === undefined ? input.content : closeOpenRanges(input.formula, this.#rowsFor))),
    );
    if (contents.some((row) => row.some((c) => typeof c === 'string' && c.startsWith('=')))) {
      // Sheets applies the block as one state: a formula whose results fill cells the same call
      // empties still fills them. HF applies cells in order and an emptied cell written after the
      // formula keeps its results hidden, so values go first, then the formulas.
      this.hf.batch(() => {
        this.hf.setCellContents(this.addr(rect.r0, rect.c0), contents.map((row) => row.map((c) => (typeof c === 'string' && c.startsWith('=') ? null : c))));
        for (const [i, row] of contents.entries()) {
          for (const [j, c] of row.entries()) if (typeof c === 'string' && c.startsWith('=')) this.hf.setCellContents(this.addr(rect.r0 + i, rect.c0 + j), [[c]]);
        }
      });
    } else {
      this.hf.setCellContents(this.addr(rect.r0, rect.c0), contents);
    }
    forEachCell(inputs, (input, i, j) => {
      const r = rect.r0 + i;
      const c = rect.c0 + j;
      const existing = this.meta.get(r, c);
      if (input.formula !== undefined) {
        const normalized = this.hf.getCellFormula(this.addr(r, c)) ?? input.formula;
        const open = closeOpenRanges(input.formula, this.#rowsFor) !== input.formula;
        (existing ?? this.meta.ensure(r, c)).formula = { written: input.formula, normalized, open };
      } else if (existing?.formula) {
        delete existing.formula;
      }
      if (input.impliedFormat && !existing?.format.numberFormat) this.meta.ensure(r, c).format.numberFormat = input.impliedFormat;
    });
  }

  /**
   * Puts one formula in every cell of rect with relative references adjusted, as
   * Range.setFormula on a multi-cell range does. HF's copy/paste does the adjusting;
   * pasting blocks of doubling size keeps it to O(log n) pastes.
   */
  fillFormula(rect: Rect, formula: string): void {
    this.writeValues({ r0: rect.r0, c0: rect.c0, r1: rect.r0, c1: rect.c0 }, [[formula]]);
    const { rows, cols } = rectSize(rect);
    const hf = this.hf;
    for (let filled = 1; filled < cols; ) {
      const n = Math.min(filled, cols - filled);
      hf.copy({ start: this.addr(rect.r0, rect.c0), end: this.addr(rect.r0, rect.c0 + n - 1) });
      hf.paste(this.addr(rect.r0, rect.c0 + filled));
      filled += n;
    }
    for (let filled = 1; filled < rows; ) {
      const n = Math.min(filled, rows - filled);
      hf.copy({ start: this.addr(rect.r0, rect.c0), end: this.addr(rect.r0 + n - 1, rect.c1) });
      hf.paste(this.addr(rect.r0 + filled, rect.c0));
      filled += n;
    }
    // Copies have no written text of their own; they keep HF's, and the anchor's open-endedness.
    const open = this.meta.get(rect.r0, rect.c0)?.formula?.open ?? false;
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (r === rect.r0 && c === rect.c0) continue;
        const text = this.hf.getCellFormula(this.addr(r, c));
        if (open && text !== undefined) this.meta.ensure(r, c).formula = { written: undefined, normalized: text, open };
        else if (this.meta.get(r, c)?.formula) delete this.meta.ensure(r, c).formula;
      }
    }
  }

  /**
   * After `grown` gained rows at its end, open-ended references into it that reached its old
   * last row are extended, as Sheets' `B2:B` would reach the new rows.
   */
  extendOpenRanges(grown: SheetModel, oldLast: number, newLast: number): void {
    this.meta.forEach((meta, r, c) => {
      if (!meta.formula?.open) return;
      const current = this.hf.getCellFormula(this.addr(r, c));
      if (current === undefined) return;
      const isGrown = (sheetName: string | undefined) => (sheetName === undefined ? this : this.book.findSheet(sheetName)) === grown;
      const next = extendRanges(current, isGrown, oldLast, newLast);
      if (next === current) return;
      const keepWritten = meta.formula.normalized === current;
      this.hf.setCellContents(this.addr(r, c), next);
      const normalized = this.hf.getCellFormula(this.addr(r, c)) ?? next;
      meta.formula = { written: keepWritten ? meta.formula.written : undefined, normalized, open: true };
    });
  }

  clearContents(rect: Rect): void {
    const { rows, cols } = rectSize(rect);
    const empty: null[][] = Array.from({ length: rows }, () => new Array<null>(cols).fill(null));
    this.hf.setCellContents(this.addr(rect.r0, rect.c0), empty);
    this.meta.forEachIn(rect, (meta) => {
      delete meta.formula;
    });
  }

  clearFormats(rect: Rect): void {
    this.meta.forEachIn(rect, (meta) => {
      meta.format = {};
    });
  }

  clearNotes(rect: Rect): void {
    this.meta.forEachIn(rect, (meta) => {
      delete meta.note;
    });
  }

  clearValidations(rect: Rect): void {
    this.meta.forEachIn(rect, (meta) => {
      delete meta.validation;
    });
  }

  /** Sets one format property on every cell of rect (undefined resets it to the default). */
  setFormat<K extends FormatKey>(rect: Rect, key: K, value: CellFormat[K] | undefined): void {
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (value === undefined) {
          const meta = this.meta.get(r, c);
          if (meta) delete meta.format[key];
        } else {
          this.meta.ensure(r, c).format[key] = value;
        }
      }
    }
  }

  /** Sets per-cell values of a metadata field from a grid matching rect's shape. */
  setMetaGrid<T>(rect: Rect, grid: readonly (readonly T[])[], apply: (meta: CellMeta, value: T) => void): void {
    forEachCell(grid, (value, i, j) => apply(this.meta.ensure(rect.r0 + i, rect.c0 + j), value));
  }

  readMetaGrid<T>(rect: Rect, read: (meta: CellMeta | undefined) => T): T[][] {
    const { rows, cols } = rectSize(rect);
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => read(this.meta.get(rect.r0 + i, rect.c0 + j))));
  }

  // ------------------------------------------------------------ structure

  /** Inserts n rows before 0-based row `at`; new rows take formats from row `inheritFrom`, like Sheets. */
  insertRows(at: number, n: number, inheritFrom?: number): void {
    const oldLast = this.maxRows;
    this.#aroundArrays(
      () => this.hf.addRows(this.hfId, [at, n]),
      (r) => (r >= at ? r + n : r),
    );
    this.meta.insertRows(at, n, inheritFrom);
    for (const region of this.regions) region.insertRows(at, n);
    shiftKeys(this.rowHeights, at, n);
    shiftSet(this.hiddenRows, at, n);
    this.maxRows += n;
    // Rows added after the last one are outside every reference; open-ended ones must still reach them.
    if (at >= oldLast) this.book.extendOpenRanges(this, oldLast, this.maxRows);
  }

  deleteRows(at: number, n: number): void {
    if (at < 0 || at + n > this.maxRows) throw exception('Those rows are out of bounds.');
    if (n >= this.maxRows - this.frozenRows) throw exception('Sorry, it is not possible to delete all non-frozen rows.');
    this.#aroundArrays(
      () => this.hf.removeRows(this.hfId, [at, n]),
      (r) => (r < at ? r : r >= at + n ? r - n : null),
    );
    this.meta.deleteRows(at, n);
    for (const region of this.regions) region.deleteRows(at, n);
    deleteKeys(this.rowHeights, at, n);
    deleteSetKeys(this.hiddenRows, at, n);
    this.maxRows -= n;
    this.#dropDeletedRegions();
  }

  /**
   * Runs a row insert or delete. Sheets moves rows through an array formula's results and adjusts
   * its references; HyperFormula refuses ("Cannot move cell. Destination already occupied"). So
   * array formulas are parked as a scalar ROWS(…) of themselves — HF still moves their references —
   * and put back where `moved` says their cell went (null: deleted).
   */
  #aroundArrays(edit: () => void, moved: (row: number) => number | null): void {
    const anchors: { r: number; c: number }[] = [];
    for (const [r, row] of this.hf.getSheetFormulas(this.hfId).entries()) {
      for (const [c, f] of (row ?? []).entries()) if (f && this.hf.isCellPartOfArray(this.addr(r, c))) anchors.push({ r, c });
    }
    if (anchors.length === 0) {
      edit();
      return;
    }
    this.hf.suspendEvaluation();
    try {
      for (const { r, c } of anchors) this.hf.setCellContents(this.addr(r, c), [[`=ROWS(${this.hf.getCellFormula(this.addr(r, c))!.slice(1)})`]]);
      edit();
      for (const a of anchors) {
        const r = moved(a.r);
        if (r === null) continue;
        const parked = this.hf.getCellFormula(this.addr(r, a.c)) ?? '';
        this.hf.setCellContents(this.addr(r, a.c), [[`=${parked.slice('=ROWS('.length, -1)}`]]);
      }
    } finally {
      this.hf.resumeEvaluation();
    }
  }

  insertColumns(at: number, n: number, inheritFrom?: number): void {
    this.hf.addColumns(this.hfId, [at, n]);
    this.meta.insertColumns(at, n, inheritFrom);
    for (const region of this.regions) region.insertColumns(at, n);
    shiftKeys(this.columnWidths, at, n);
    shiftSet(this.hiddenColumns, at, n);
    this.maxColumns += n;
  }

  deleteColumns(at: number, n: number): void {
    if (at < 0 || at + n > this.maxColumns) throw exception('Those columns are out of bounds.');
    if (n >= this.maxColumns - this.frozenColumns) throw exception('Sorry, it is not possible to delete all non-frozen columns.');
    this.hf.removeColumns(this.hfId, [at, n]);
    this.meta.deleteColumns(at, n);
    for (const region of this.regions) region.deleteColumns(at, n);
    deleteKeys(this.columnWidths, at, n);
    deleteSetKeys(this.hiddenColumns, at, n);
    this.maxColumns -= n;
    this.#dropDeletedRegions();
  }

  /** Grows the grid (appendRow past the last row does this in Sheets). */
  ensureRows(rows: number): void {
    if (rows <= this.maxRows) return;
    const oldLast = this.maxRows;
    this.maxRows = rows;
    this.book.extendOpenRanges(this, oldLast, rows);
  }

  track(region: Region): Region {
    this.regions.add(region);
    return region;
  }

  untrack(region: Region): void {
    this.regions.delete(region);
  }

  #dropDeletedRegions(): void {
    for (const region of this.regions) if (region.deleted) this.regions.delete(region);
    this.merges = this.merges.filter((m) => !m.deleted);
    this.protections = this.protections.filter((p) => !p.region?.deleted);
    for (const rule of this.conditionalRules) rule.regions = rule.regions.filter((r) => !r.deleted);
    this.conditionalRules = this.conditionalRules.filter((rule) => rule.regions.length > 0);
  }

  /** Whole-grid rectangle. */
  fullRect(): Rect {
    return { r0: 0, c0: 0, r1: this.maxRows - 1, c1: this.maxColumns - 1 };
  }

  /** Sheet.clear(): contents and formats. */
  clearAll(): void {
    const { lastRow, lastColumn } = this.extent();
    if (lastRow > 0) this.clearContents({ r0: 0, c0: 0, r1: lastRow - 1, c1: lastColumn - 1 });
    this.clearFormats(this.fullRect());
  }
}

/** Visits every cell of a grid with its row and column offsets. */
export function forEachCell<T>(grid: readonly (readonly T[])[], fn: (value: T, i: number, j: number) => void): void {
  for (let i = 0; i < grid.length; i++) {
    const row = grid[i] as readonly T[];
    for (let j = 0; j < row.length; j++) fn(row[j] as T, i, j);
  }
}

function shiftKeys<V>(map: Map<number, V>, at: number, n: number): void {
  const entries = [...map.entries()];
  map.clear();
  for (const [k, v] of entries) map.set(k >= at ? k + n : k, v);
}

function deleteKeys<V>(map: Map<number, V>, at: number, n: number): void {
  const entries = [...map.entries()];
  map.clear();
  for (const [k, v] of entries) {
    if (k < at) map.set(k, v);
    else if (k >= at + n) map.set(k - n, v);
  }
}

function shiftSet(set: Set<number>, at: number, n: number): void {
  const keys = [...set];
  set.clear();
  for (const k of keys) set.add(k >= at ? k + n : k);
}

function deleteSetKeys(set: Set<number>, at: number, n: number): void {
  const keys = [...set];
  set.clear();
  for (const k of keys) {
    if (k < at) set.add(k);
    else if (k >= at + n) set.add(k - n);
  }
}
