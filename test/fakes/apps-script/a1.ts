import { exception } from './errors.ts';

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function columnToLetters(col1: number): string {
  let n = col1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Quotes a sheet name for A1 notation when Sheets would ('My Sheet'!A1, plain Data!A1). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function cellA1(row0: number, col0: number): string {
  return `${columnToLetters(col0 + 1)}${row0 + 1}`;
}

/** A1 text of a rectangle, with the open ends Sheets keeps for whole columns/rows ('A:A', 'A2:B', '1:3'). */
export function rectA1(rect: Rect, openRows = false, openCols = false): string {
  const startCol = columnToLetters(rect.c0 + 1);
  const endCol = columnToLetters(rect.c1 + 1);
  if (openRows && !openCols) {
    return rect.r0 === 0 ? `${startCol}:${endCol}` : `${startCol}${rect.r0 + 1}:${endCol}`;
  }
  if (openCols && !openRows) return `${rect.r0 + 1}:${rect.r1 + 1}`;
  const start = cellA1(rect.r0, rect.c0);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return start;
  return `${start}:${cellA1(rect.r1, rect.c1)}`;
}

export interface ParsedA1 {
  sheetName?: string;
  rect: Rect;
  /** The range runs to the last row of the sheet ('A:A', 'A2:A'). */
  openRows: boolean;
  /** The range runs to the last column of the sheet ('1:3'). */
  openCols: boolean;
}

interface Endpoint {
  col?: number; // 0-based
  row?: number; // 0-based
}

function parseEndpoint(text: string): Endpoint | undefined {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const endpoint: Endpoint = {};
  if (m[1]) endpoint.col = lettersToColumn(m[1]) - 1;
  if (m[2]) {
    const row = Number(m[2]);
    if (row < 1) return undefined;
    endpoint.row = row - 1;
  }
  return endpoint;
}

/** Splits "'My Sheet'!A1:B2" into sheet name and reference. */
export function splitSheetName(a1: string): { sheetName?: string; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang === -1) return { ref: a1 };
  let name = a1.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: a1.slice(bang + 1) };
}

/**
 * Parses A1 notation as Sheet.getRange accepts it: 'B2', 'A1:C3', 'A:A', 'A2:B', '3:5', "'S'!A1".
 * `maxRows`/`maxCols` close the open ends.
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): ParsedA1 {
  const { sheetName, ref } = splitSheetName(a1.trim());
  const [startText, endText, extra] = ref.split(':');
  if (startText === undefined || extra !== undefined) throw exception('Range not found');
  const start = parseEndpoint(startText);
  const end = endText === undefined ? start : parseEndpoint(endText);
  if (!start || !end) throw exception('Range not found');
  if (endText === undefined && (start.row === undefined || start.col === undefined)) throw exception('Range not found');
  const hasCols = start.col !== undefined || end.col !== undefined;
  const hasRows = start.row !== undefined || end.row !== undefined;
  // 'A:B' / 'A2:B' run to the bottom; '1:3' runs across; 'A1:B2' is closed.
  const openRows = end.row === undefined || start.row === undefined;
  const openCols = !hasCols;
  if (!hasRows && !hasCols) throw exception('Range not found');
  if ((start.col === undefined) !== (end.col === undefined)) throw exception('Range not found');
  const r0 = start.row ?? 0;
  const r1 = end.row ?? maxRows - 1;
  const c0 = start.col ?? 0;
  const c1 = end.col ?? maxCols - 1;
  const rect = { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  const parsed: ParsedA1 = { rect, openRows: openRows && hasCols, openCols };
  if (sheetName !== undefined) parsed.sheetName = sheetName;
  return parsed;
}
