import type { Rect } from './a1.ts';
import type { FakeDataValidation } from './rules.ts';

/** Formatting a cell carries (what Range.set*Format-ish methods write). */
export interface CellFormat {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  fontLine?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  border?: string;
}

export type FormatKey = keyof CellFormat;

export const FORMAT_DEFAULTS: Required<CellFormat> = {
  numberFormat: '0.###############',
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  fontLine: 'none',
  wrap: false,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  border: '',
};

/** Everything about a cell that HyperFormula does not hold. */
export interface CellMeta {
  format: CellFormat;
  note?: string;
  validation?: FakeDataValidation;
  /**
   * The formula text as the script wrote it (undefined for copies), HF's rendering of it while
   * that text still applies, and whether it has open-ended references (B2:B) that must keep
   * reaching the sheet's last row.
   */
  formula?: { written: string | undefined; normalized: string; open: boolean };
}

type Row = Map<number, CellMeta>;

/**
 * Sparse per-cell metadata, spliced in step with HyperFormula's addRows/removeRows so
 * notes, formats and validations move with their cells.
 */
export class MetaGrid {
  #rows: Array<Row | undefined> = [];

  get(r: number, c: number): CellMeta | undefined {
    return this.#rows[r]?.get(c);
  }

  ensure(r: number, c: number): CellMeta {
    let row = this.#rows[r];
    if (!row) {
      row = new Map();
      this.#rows[r] = row;
    }
    let meta = row.get(c);
    if (!meta) {
      meta = { format: {} };
      row.set(c, meta);
    }
    return meta;
  }

  /** Visits existing metadata inside `rect`. */
  forEachIn(rect: Rect, fn: (meta: CellMeta, r: number, c: number) => void): void {
    const last = Math.min(rect.r1, this.#rows.length - 1);
    for (let r = rect.r0; r <= last; r++) {
      const row = this.#rows[r];
      if (!row) continue;
      for (const [c, meta] of row) if (c >= rect.c0 && c <= rect.c1) fn(meta, r, c);
    }
  }

  /** Inserts `n` empty rows before row `at`; each new row copies the formats/validation of row `inheritFrom` (if any). */
  insertRows(at: number, n: number, inheritFrom?: number): void {
    const template = inheritFrom === undefined ? undefined : this.#rows[inheritFrom];
    if (at < this.#rows.length) this.#rows.splice(at, 0, ...new Array<Row | undefined>(n));
    if (!template) return;
    for (let r = at; r < at + n; r++) {
      const row: Row = new Map();
      for (const [c, meta] of template) {
        const copy: CellMeta = { format: { ...meta.format } };
        if (meta.validation) copy.validation = meta.validation;
        row.set(c, copy);
      }
      this.#rows[r] = row;
    }
  }

  /** Visits every cell that has metadata. */
  forEach(fn: (meta: CellMeta, r: number, c: number) => void): void {
    this.#rows.forEach((row, r) => {
      if (row) for (const [c, meta] of row) fn(meta, r, c);
    });
  }

  deleteRows(at: number, n: number): void {
    if (at < this.#rows.length) this.#rows.splice(at, n);
  }

  insertColumns(at: number, n: number, inheritFrom?: number): void {
    for (let r = 0; r < this.#rows.length; r++) {
      const row = this.#rows[r];
      if (!row) continue;
      const next: Row = new Map();
      for (const [c, meta] of row) next.set(c >= at ? c + n : c, meta);
      const template = inheritFrom === undefined ? undefined : row.get(inheritFrom);
      if (template) {
        for (let c = at; c < at + n; c++) {
          const copy: CellMeta = { format: { ...template.format } };
          if (template.validation) copy.validation = template.validation;
          next.set(c, copy);
        }
      }
      this.#rows[r] = next;
    }
  }

  deleteColumns(at: number, n: number): void {
    for (let r = 0; r < this.#rows.length; r++) {
      const row = this.#rows[r];
      if (!row) continue;
      const next: Row = new Map();
      for (const [c, meta] of row) {
        if (c < at) next.set(c, meta);
        else if (c >= at + n) next.set(c - n, meta);
      }
      this.#rows[r] = next;
    }
  }

  clear(): void {
    this.#rows = [];
  }
}
