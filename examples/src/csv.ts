// A tab as Google Sheets' "Download as CSV" writes it: every cell as the text the sheet displays
// (`65%`, `1,000`, `$1,200`, `0.62`), formula results rather than formulas, one row per sheet row,
// as wide as the table, CRLF line ends, quotes only where needed.
import { CHECKIN_HEADERS } from '../../shared/template.ts';
import { parseNumber, type Cell } from '../../shared/values.ts';
import type { CheckinRow } from './history.ts';
import { displayConfidence, displayDateTime, displayNumber, displayScore } from './format.ts';
import type { OkrSheet } from './sheet.ts';

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Shown text must read back as the same number, or the CSV would say something the sheet does not. */
function checked(text: string, value: number, where: string): string {
  const back = parseNumber(text);
  if (back.kind !== 'ok' || Math.abs(back.value - value) > 1e-9) throw new Error(`${where}: ${value} would show as "${text}" and read back as something else`);
  return text;
}

export function okrCsv(sheet: OkrSheet): string {
  const scoreColumn = sheet.template.columns.indexOf('score');
  const rows = sheet.results.map((row, r) =>
    row.map((v: Cell, c) => {
      if (v === null || v === undefined || v === '') return '';
      const style = sheet.style(r, c);
      const where = `row ${r + 1}, column ${c + 1}`;
      if (style.kind === 'date' && typeof v === 'string') return v; // already YYYY-MM-DD
      if (typeof v !== 'number') return String(v);
      if (style.kind === 'score') {
        // A key result's Score is compared with the code's score when read back; Objective Score is only shown.
        return c === scoreColumn ? checked(displayScore(v), v, where) : displayScore(v);
      }
      if (style.kind === 'confidence') return checked(displayConfidence(v), v, where);
      if (style.kind === 'unit') return checked(displayNumber(v, style.unit), v, where);
      return String(v);
    }),
  );
  return toCsv(rows);
}

export function checkinsCsv(rows: readonly CheckinRow[]): string {
  return toCsv([
    CHECKIN_HEADERS,
    ...rows.map((c) => [
      displayDateTime(c.timestamp),
      c.person,
      c.objectiveId,
      c.krId,
      c.before,
      c.after,
      c.score === null ? '' : displayScore(c.score),
      displayConfidence(c.confidence),
      c.note,
    ]),
  ]);
}
