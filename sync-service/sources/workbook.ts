// Workbook files → cell grids the shared contract reads. An .xlsx gives its OKR tab (and Check-ins
// tab); a .csv is one OKR table (xlsx.ts, csv.ts). Files are read in a bounded worker (read-pool.ts).
import path from 'node:path';
import { csvGrid } from './csv.ts';
import type { WorkbookGrids } from './grids.ts';
import { sharedWorkbookReader, type WorkbookReader } from './read-pool.ts';

export { csvGrid, decodeText, detectDelimiter } from './csv.ts';
export type { ReadNote, TabGrid, WorkbookGrids } from './grids.ts';
export { MAX_OKR_TABS, PEOPLE_TAB, pickTabs } from './tabs.ts';
export { excelValue, readXlsx } from './xlsx.ts';

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.csv'] as const;

/** A workbook we read: .xlsx or .csv, not an Office lock file (`~$name.xlsx`) or a dotfile. */
export function isWorkbookFile(name: string): boolean {
  const base = path.basename(name);
  if (base.startsWith('~$') || base.startsWith('.')) return false;
  return (WORKBOOK_EXTENSIONS as readonly string[]).includes(path.extname(base).toLowerCase());
}

/** The file's name without extension: the team when the sheet has no `Team:` line. */
export function teamFromFileName(name: string): string {
  return path.basename(name, path.extname(name));
}

/**
 * Reads a workbook inside the read bounds; for a CSV, `checkinsFile` is its `<name>.checkins.csv`
 * companion, if any. A file name that is not UTF-8 is passed as its bytes (a Buffer).
 */
export function readWorkbookFile(
  file: string | Buffer,
  checkinsFile?: string | Buffer | null,
  reader: WorkbookReader = sharedWorkbookReader(),
): Promise<WorkbookGrids> {
  return reader.read(file, checkinsFile ?? null);
}

/** A CSV is one OKR table; a CSV has no tabs, so problems are located by the file's name. In-process (no bounds). */
export function readCsv(bytes: Uint8Array, fileName: string, checkins?: { bytes: Uint8Array; fileName: string }): WorkbookGrids {
  return {
    okr: [{ tab: fileName, grid: csvGrid(bytes), text: true }],
    checkins: checkins ? { tab: checkins.fileName, grid: csvGrid(checkins.bytes), text: true } : null,
    people: null,
  };
}

const CHECKINS_CSV = /^(.+?)[ ._-]check.?ins?\.csv$/i;

/**
 * A CSV holds one tab, so a team's Check-ins tab is downloaded next to it as `<name>.checkins.csv`:
 * for such a file, the name of the OKR CSV it belongs to (else null).
 */
export function checkinsCsvOwner(name: string): string | null {
  const m = CHECKINS_CSV.exec(path.basename(name));
  return m ? `${m[1]}.csv` : null;
}
