/**
 * A1 notation as the Sheets API reads and writes it: sheet names (quoted with
 * '' escapes or bare), cells, whole columns (A:C), whole rows (2:5) and
 * open-ended ranges (A2:Z). Indexes are 0-based, ends exclusive,
 * `undefined` means unbounded on that side.
 */
export interface Area {
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
}

export interface ParsedRange {
  /** Sheet name as written (unescaped), or undefined when the range has none. */
  sheet: string | undefined;
  /** Area text after `!`, or the whole text when there is no `!` (may also be a bare sheet name). */
  area: string | undefined;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Splits `'Check-ins'!A1:I` into sheet + area; null when the quoting is broken. */
export function splitRange(range: string): ParsedRange | null {
  const text = range.trim();
  if (text.startsWith("'")) {
    let name = '';
    let i = 1;
    for (;;) {
      if (i >= text.length) return null;
      const ch = text[i] as string;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i += 1;
    }
    const rest = text.slice(i + 1);
    if (rest === '') return { sheet: name, area: undefined };
    if (!rest.startsWith('!')) return null;
    return { sheet: name, area: rest.slice(1) };
  }
  const bang = text.indexOf('!');
  if (bang >= 0) return { sheet: text.slice(0, bang), area: text.slice(bang + 1) };
  return { sheet: undefined, area: text };
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/** Parses `A1`, `A1:B2`, `A:C`, `2:5`, `A2:Z`; null when it is not an area. */
export function parseArea(area: string): Area | null {
  const parts = area.split(':');
  if (parts.length > 2 || area === '') return null;
  const cells = parts.map((p) => CELL.exec(p.trim()));
  if (cells.some((m) => m === null || (m[1] === '' && m[2] === ''))) return null;
  const [a, b] = cells as RegExpExecArray[];
  const col = (m: RegExpExecArray) => (m[1] ? columnIndex(m[1]) : undefined);
  const row = (m: RegExpExecArray) => (m[2] ? Number(m[2]) - 1 : undefined);
  if (a === undefined) return null;
  // Row 0 (e.g. `A0`) does not exist.
  if ([a, b].some((m) => m !== undefined && (row(m) ?? 0) < 0)) return null;
  if (b === undefined) {
    // A single reference: a cell, or (rarely) a bare column/row.
    const c = col(a);
    const r = row(a);
    return {
      startRow: r,
      endRow: r === undefined ? undefined : r + 1,
      startCol: c,
      endCol: c === undefined ? undefined : c + 1,
    };
  }
  let c1 = col(a);
  let c2 = col(b);
  let r1 = row(a);
  let r2 = row(b);
  // Whole-column forms leave rows open; `A:B5` reads as A1:B5.
  if (c1 !== undefined && c2 !== undefined && c1 > c2) [c1, c2] = [c2, c1];
  if (r1 !== undefined && r2 !== undefined && r1 > r2) [r1, r2] = [r2, r1];
  if (r1 === undefined && r2 !== undefined) r1 = 0;
  if (c1 === undefined && c2 !== undefined) c1 = 0;
  return {
    startRow: r1,
    endRow: r2 === undefined ? undefined : r2 + 1,
    startCol: c1,
    endCol: c2 === undefined ? undefined : c2 + 1,
  };
}

/** Google quotes every sheet name that is not a plain identifier (and names that look like cells). */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function formatA1(sheet: string, r0: number, c0: number, r1: number, c1: number): string {
  const a = `${columnLetters(c0)}${r0 + 1}`;
  const b = `${columnLetters(c1 - 1)}${r1}`;
  return `${quoteSheetName(sheet)}!${r1 - r0 === 1 && c1 - c0 === 1 ? a : `${a}:${b}`}`;
}
