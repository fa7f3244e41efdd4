import { splitSheetName } from './a1.ts';

/**
 * Sheets accepts open-ended references such as `B2:B` or `Data!C3:C` ("to the last row");
 * HyperFormula does not. The fake closes them at the referenced sheet's last grid row, keeps
 * them closed at that row as the grid changes (see Workbook.growRows), and shows them open again
 * when formulas are read back.
 */

type SheetRows = (sheetName: string | undefined) => number;

const OPEN = /(?<![A-Za-z0-9_$.])((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+):(\$?[A-Za-z]{1,3})(?![A-Za-z0-9_$(!.:])/g;
const CLOSED = /(?<![A-Za-z0-9_$.])((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+):(\$?[A-Za-z]{1,3})\$?(\d+)(?![A-Za-z0-9_$(!.:])/g;

const sheetOf = (prefix: string | undefined): string | undefined => (prefix ? splitSheetName(`${prefix}A1`).sheetName : undefined);

/** Applies `rewrite` to the parts of a formula outside string literals. */
function outsideStrings(formula: string, rewrite: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const quote = formula.indexOf('"', i);
    const codeEnd = quote === -1 ? formula.length : quote;
    out += rewrite(formula.slice(i, codeEnd));
    if (quote === -1) break;
    let j = quote + 1;
    while (j < formula.length) {
      if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
      else if (formula[j] === '"') break;
      else j++;
    }
    out += formula.slice(quote, j + 1);
    i = j + 1;
  }
  return out;
}

/** `B2:B` -> `B2:B{last row of the referenced sheet}`. */
export function closeOpenRanges(formula: string, rowsFor: SheetRows): string {
  return outsideStrings(formula, (code) =>
    code.replace(OPEN, (_m, prefix: string | undefined, start: string, endCol: string) => `${prefix ?? ''}${start}:${endCol}${rowsFor(sheetOf(prefix))}`),
  );
}

/** `B2:B{last row}` -> `B2:B`, for references that end on their sheet's last grid row. */
export function reopenRanges(formula: string, rowsFor: SheetRows): string {
  return outsideStrings(formula, (code) =>
    code.replace(CLOSED, (m, prefix: string | undefined, start: string, endCol: string, endRow: string) =>
      Number(endRow) === rowsFor(sheetOf(prefix)) ? `${prefix ?? ''}${start}:${endCol}` : m,
    ),
  );
}

/** Moves references that end on row `oldLast` of the grown sheet to `newLast`. */
export function extendRanges(formula: string, grown: (sheetName: string | undefined) => boolean, oldLast: number, newLast: number): string {
  return outsideStrings(formula, (code) =>
    code.replace(CLOSED, (m, prefix: string | undefined, start: string, endCol: string, endRow: string) =>
      Number(endRow) === oldLast && grown(sheetOf(prefix)) ? `${prefix ?? ''}${start}:${endCol}${newLast}` : m,
    ),
  );
}
