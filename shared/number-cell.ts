// The one rule for a cell that should hold a number (Start, Target, Current, Weight), applied by
// the contract exactly as the template's formulas apply it (formulas.ts), so the sheet and the
// service never score the same cell differently.
//
// Typed cells (getValues(), the Sheets API's UNFORMATTED_VALUE, an .xlsx) say what they hold:
// - a number is that number;
// - a date is its serial number (days since 1899-12-30): every spreadsheet engine computes with it
//   so, and the Sheets API hands dates to the service as that same serial — the contract adds a
//   warning when it can see the cell is a date (typing `3/4` in Current makes one);
// - text is not a number, even `1,200`, `52%` or `$1,200`: the formulas' ISNUMBER rejects it, and
//   reading it would need the engine's locale-dependent VALUE (which also reads `3/4` as a date).
//   The key result stays unscored on both sides and the contract names the cell;
// - a checkbox (TRUE/FALSE) is not a number either (Sheets' and Excel's ISNUMBER reject it),
//   except in Weight, where ticked counts 1 and unticked 0 (contract.ts readWeight).
// Untyped cells (a .csv: everything is text) are parsed as typed by people, with the locale's
// separators when it is known.
import { type Cell, cellText, dateToSerial, isBlank, isoDate, type NumberLocale, type Parsed, parseNumber } from './values.ts';

/** 'typed': cells keep their types; 'text': every cell is text (a CSV). */
export type CellMode = 'typed' | 'text';

export type NumberCell = Parsed<number> & {
  /** Why a non-blank cell is not read as a number, or that a date was read as its serial. */
  reason?: 'text' | 'checkbox' | 'date';
};

export function readNumberCell(cell: Cell, mode: CellMode, locale?: NumberLocale): NumberCell {
  if (mode === 'text' || isBlank(cell)) return parseNumber(cell, locale);
  if (typeof cell === 'number') return parseNumber(cell);
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? { kind: 'blank' } : { kind: 'ok', value: dateToSerial(cell), reason: 'date' };
  }
  if (typeof cell === 'boolean') return { kind: 'invalid', text: cell ? 'TRUE' : 'FALSE', reason: 'checkbox' };
  // Text is never a number here; it is called a number stored as text when it reads as one
  // (in the spreadsheet's locale), and plain text otherwise.
  const looksLikeNumber = parseNumber(cell, locale).kind === 'ok';
  return looksLikeNumber ? { kind: 'invalid', text: String(cell).trim(), reason: 'text' } : { kind: 'invalid', text: cellText(cell) };
}

/** What to tell people about a cell read by readNumberCell, in the contract's message style. */
export function numberCellMessage(what: string, cell: Cell, read: NumberCell, consequence: string): string {
  switch (read.reason) {
    case 'text':
      return `${what} "${read.kind === 'invalid' ? read.text : ''}" is stored as text, so neither the sheet's formulas nor the service read it as a number; ${consequence} (expected a number: retype it, or clear the cell's Plain text format or leading apostrophe)`;
    case 'checkbox':
      return `${what} is a checkbox (${read.kind === 'invalid' ? read.text : ''}), not a number; ${consequence} (expected a number)`;
    case 'date':
      return `${what} holds the date ${cell instanceof Date ? isoDate(cell) : ''}, which the sheet and the service both count as the number ${read.kind === 'ok' ? Math.round(read.value * 1e6) / 1e6 : ''} (expected a number; typing 3/4 makes a date)`;
    default:
      return `${what} "${read.kind === 'invalid' ? read.text : ''}" is not a number; ${consequence} (expected e.g. 1,000, 8% or $1,200)`;
  }
}
