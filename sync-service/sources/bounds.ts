// How much one team's workbook may cost to read. A hostile or broken file (a cell at XFD2000, a
// validation over the whole sheet, a zip bomb) must cost its team a problem, never the company its
// sync: files are read in a worker with these limits, and only the cells inside the bounds are kept.

export interface ReadBounds {
  /** The file on disk. */
  maxFileBytes: number;
  /** All entries of an .xlsx package, unzipped. */
  maxUnzippedBytes: number;
  /** Sheet rows kept (cells below are left out with a warning); more row records than this: unreadable. */
  maxRows: number;
  /** Sheet columns kept (cells to the right are left out with a warning); more cells in a row: unreadable. */
  maxColumns: number;
  /** Wall time of reading one workbook in the worker. */
  timeoutMs: number;
  /** The worker's JavaScript heap. */
  maxHeapMb: number;
}

export const DEFAULT_READ_BOUNDS: Readonly<ReadBounds> = Object.freeze({
  maxFileBytes: 32 * 1024 * 1024,
  maxUnzippedBytes: 256 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 256,
  timeoutMs: 30_000,
  maxHeapMb: 512,
});

/** A workbook over one of the bounds: the message names the bound. */
export class BoundError extends Error {
  override name = 'BoundError';
}

export function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * The grid inside the row and column bounds (a .csv has no sparse form to skip, so it is cut here);
 * the cells left out are counted in a note.
 */
export function clipGrid<T>(grid: T[][], tab: string, bounds: Pick<ReadBounds, 'maxRows' | 'maxColumns'>, isBlank: (v: T) => boolean) {
  let count = 0;
  let first: string | null = null;
  const note = (r: number, c: number) => {
    count++;
    first ??= `row ${r + 1}, column ${c + 1}`;
  };
  const clipped = grid.slice(0, bounds.maxRows).map((row, r) => {
    if (row.length <= bounds.maxColumns) return row;
    for (let c = bounds.maxColumns; c < row.length; c++) if (!isBlank(row[c]!)) note(r, c);
    return row.slice(0, bounds.maxColumns);
  });
  for (let r = bounds.maxRows; r < grid.length; r++) for (const [c, v] of grid[r]!.entries()) if (!isBlank(v)) note(r, c);
  const notes =
    count > 0
      ? [
          {
            code: 'beyond-bounds' as const,
            tab,
            message: `${count} cell(s) lie beyond the ${bounds.maxRows} rows × ${bounds.maxColumns} columns that are read, first at ${first}; they were left out`,
          },
        ]
      : [];
  return { grid: clipped, notes };
}
