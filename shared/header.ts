// Finding a table's header row and the `Key: value` metadata above it.
import { cellText, type Cell } from './values.ts';

export const HEADER_SCAN_ROWS = 10;

export interface HeaderMatch<K extends string> {
  /** 0-based index of the header row in the grid. */
  index: number;
  /** Canonical key → 0-based column index (first occurrence wins). */
  columns: Partial<Record<K, number>>;
  /** Headers that appear more than once: key → every 0-based column index. */
  duplicates: Map<K, number[]>;
  /** The header text as written, per column index. */
  headers: string[];
}

/** The first row (of the first ten) whose headers include every one of `anchors`. */
export function findHeader<K extends string>(
  grid: readonly (readonly Cell[])[],
  lookup: (text: string) => K | undefined,
  anchors: readonly K[],
): HeaderMatch<K> | null {
  const limit = Math.min(grid.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid[r] ?? [];
    const columns: Partial<Record<K, number>> = {};
    const duplicates = new Map<K, number[]>();
    const headers: string[] = [];
    for (let c = 0; c < row.length; c++) {
      const text = cellText(row[c]);
      headers[c] = text;
      if (!text) continue;
      const key = lookup(text);
      if (!key) continue;
      const first = columns[key];
      if (first === undefined) columns[key] = c;
      else duplicates.set(key, [...(duplicates.get(key) ?? [first]), c]);
    }
    if (anchors.every((a) => columns[a] !== undefined)) return { index: r, columns, duplicates, headers };
  }
  return null;
}

export const META_KEYS = ['team', 'period', 'start', 'end', 'mission', 'level'] as const;
export type MetaKey = (typeof META_KEYS)[number];

const META_ALIASES: Record<string, MetaKey> = {
  team: 'team',
  teamname: 'team',
  period: 'period',
  quarter: 'period',
  cycle: 'period',
  start: 'start',
  startdate: 'start',
  periodstart: 'start',
  end: 'end',
  enddate: 'end',
  periodend: 'end',
  mission: 'mission',
  companymission: 'mission',
  level: 'level',
};

/** A `Key: value` label cell: which metadata key it names, the label as written and any inline value. */
export function metadataLabel(cell: Cell): { key: MetaKey; label: string; inline: string } | null {
  // The pattern needs a colon: most cells above the header (the values) have none.
  if (typeof cell !== 'string' || !cell.includes(':')) return null;
  const m = /^\s*([\p{L} ]{2,30}?)\s*:\s*(.*)$/su.exec(cell);
  const key = m ? META_ALIASES[m[1]!.toLowerCase().replace(/[^a-z]/g, '')] : undefined;
  return m && key ? { key, label: m[1]!.trim(), inline: m[2]!.trim() } : null;
}

/**
 * `Key: value` cells above the header: either `Team: Sales` in one cell, or `Team:` followed by
 * the value in the next non-blank cell of the row. Raw cells are returned so dates keep their type.
 */
export function readMetadata(grid: readonly (readonly Cell[])[], rows: number): Record<string, Cell> {
  const meta: Record<string, Cell> = {};
  for (let r = 0; r < Math.min(rows, grid.length); r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const found = metadataLabel(row[c]);
      if (!found || found.key in meta) continue;
      const key = found.key;
      let value: Cell = found.inline;
      if (value === '') {
        let next = c + 1;
        while (next < row.length && cellText(row[next]) === '') next++;
        value = next < row.length ? row[next] : '';
      }
      meta[key] = value;
    }
  }
  return meta;
}
