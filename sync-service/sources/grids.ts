// What reading a workbook gives the sync: cell grids the shared contract reads, plus notes about
// the file itself (text that could not be stored, cells beyond the read bounds).
import type { Cell } from '../../shared/values.ts';

export interface TabGrid {
  tab: string;
  grid: Cell[][];
  /** Every cell is text (a CSV): numbers are parsed as typed. Otherwise cells keep their types. */
  text?: boolean;
}

/** Something about the file the team should know; becomes a warning under the team. */
export interface ReadNote {
  code: 'unstorable-text' | 'beyond-bounds' | 'too-many-tabs';
  tab: string;
  row?: number;
  message: string;
}

/** What a team's workbook holds for the sync: its OKR tables and, when present, its check-ins and People tab. */
export interface WorkbookGrids {
  /** Every OKR tab (one per period), in workbook order (shared/tabs.ts); empty when there is none. */
  okr: TabGrid[];
  checkins: TabGrid | null;
  /** The spreadsheet's time zone (Google Sheets): serial-number timestamps are wall-clock time there. */
  timeZone?: string;
  /** The spreadsheet's locale (Google Sheets, e.g. de_DE): how text numbers are written. */
  locale?: string;
  /** Owner → e-mail for the weekly reminders: the tab, null when there is none, undefined when not looked for. */
  people?: TabGrid | null;
  notes?: ReadNote[];
}
