// Text Postgres can store. It refuses NUL (in text and jsonb) and lone UTF-16 surrogates (in jsonb),
// and one such character in one cell used to fail every sync. They come from UTF-16 exports, `\x00`
// in a csv, and xlsx escapes such as `_x0000_` / `_xD800_`: NUL is removed, a lone surrogate becomes
// U+FFFD, and the file's team is told where.
import type { Cell } from '../../shared/values.ts';
import { columnLetter } from '../../shared/columns.ts';
import type { ReadNote, TabGrid, WorkbookGrids } from './grids.ts';

// NUL written as a class range: the character itself is what is looked for.
const UNSTORABLE = /[\0-\0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_UNSTORABLE = new RegExp(UNSTORABLE.source);

export function hasUnstorable(text: string): boolean {
  return HAS_UNSTORABLE.test(text);
}

/** NUL removed, lone surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return HAS_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD')) : text;
}

/** The grids with every string storable, and a note per tab that needed it (naming the first cell). */
export function storableGrids(grids: WorkbookGrids): WorkbookGrids {
  const notes: ReadNote[] = [...(grids.notes ?? [])];
  const clean = (tab: TabGrid | null): TabGrid | null => {
    if (!tab) return tab;
    let count = 0;
    let first: { row: number; col: number } | null = null;
    const grid = tab.grid.map((row, r) =>
      row.map((cell: Cell, c) => {
        if (typeof cell !== 'string' || !HAS_UNSTORABLE.test(cell)) return cell;
        count++;
        first ??= { row: r + 1, col: c + 1 };
        return storableText(cell);
      }),
    );
    const name = storableText(tab.tab);
    if (count > 0 && first) {
      const at = first as { row: number; col: number };
      notes.push({
        tab: name,
        row: at.row,
        message:
          `${count} cell(s) held characters the database cannot store (NUL bytes or broken UTF-16 surrogates), ` +
          `first ${columnLetter(at.col - 1)}${at.row}; they were removed (a broken surrogate reads as \uFFFD)`,
        code: 'unstorable-text',
      });
    } else if (name !== tab.tab) {
      notes.push({ tab: name, message: `the tab name held characters the database cannot store; they were removed`, code: 'unstorable-text' });
    }
    return { ...tab, tab: name, grid };
  };
  return { ...grids, okr: grids.okr.map((t) => clean(t) as TabGrid), checkins: clean(grids.checkins), ...(grids.people ? { people: clean(grids.people) } : {}), notes };
}
