// What the sync engine needs from a place that holds team sheets (a folder, Google Drive).
import type { WorkbookGrids } from './workbook.ts';

/** One team sheet as listed: enough to decide whether to read it again. */
export interface SourceEntry {
  /** Unique across all sources and stable across syncs: `file:sales.xlsx`, `sheet:<spreadsheetId>`. */
  sourceId: string;
  /** For people: the file name or spreadsheet title. */
  name: string;
  kind: 'xlsx' | 'csv' | 'google-sheet';
  /** The team when the sheet has no `Team:` line (the file's name). */
  fallbackTeam: string;
  /** Changes whenever the content may have changed (mtime+size, Drive version). Null: always read. */
  version: string | null;
  /** ISO time the source reports, for people and the store. */
  lastModified: string | null;
  /** Set when the listing already knows the sheet cannot be read (e.g. Drive answered 404 for it). */
  error?: string;
}

/** What the engine remembers about a source id from earlier syncs. */
export interface KnownEntry {
  sourceId: string;
  team: string;
  version: string | null;
  lastModified: string | null;
  stale: boolean;
}

export interface ListResult {
  entries: SourceEntry[];
  /**
   * Known source ids this listing could not vouch for (e.g. a spreadsheet that vanished from a
   * Drive folder): the engine keeps their last good snapshot, stale, with the reason.
   */
  missing?: { sourceId: string; reason: string }[];
}

export interface Source {
  readonly kind: 'folder' | 'google';
  /** Recorded with each sync run. */
  readonly ref: { id: string; kind: string; name: string };
  /** Whether a source id (from an earlier sync) belongs to this source. */
  owns(sourceId: string): boolean;
  /** Whether its reads include each sheet's People tab (so a parse stored without one is read again). */
  readonly readsPeople?: boolean;
  list(known: ReadonlyMap<string, KnownEntry>): Promise<ListResult>;
  read(entry: SourceEntry): Promise<WorkbookGrids>;
  /** API requests made so far (remote sources); the engine reports the difference per sync. */
  requestCount(): number;
}
