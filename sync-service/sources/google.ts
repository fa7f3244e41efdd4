// Team sheets in Google Sheets, through the google layer: one paged Drive list per sync (which
// spreadsheets changed), then one values.batchGet per changed spreadsheet. Explicit spreadsheet
// ids cost one Drive files.get each (Drive's query language has no id term).
import type { Cell } from '../../shared/values.ts';
import { createGoogleClients, type GoogleAuthOption } from '../google/clients.ts';
import { classifyGoogleError } from '../google/errors.ts';
import { createRateLimiter, type RateLimiter } from '../google/limiter.ts';
import type { RetryOptions } from '../google/retry.ts';
import { createGoogleSource, type DriveFileMeta, type GoogleSource, type SeenVersion } from '../google/source.ts';
import { describeGoogleError } from './google-reasons.ts';
import { DEFAULT_REREAD_AFTER_HOURS, parseVersion, versionFor } from './google-version.ts';
import type { KnownEntry, ListResult, Source, SourceEntry } from './types.ts';
import type { WorkbookGrids } from './workbook.ts';

const PREFIX = 'sheet:';

export interface GoogleScope {
  folderId?: string | undefined;
  spreadsheetIds?: readonly string[] | undefined;
  /** Spreadsheets never read as teams (the company sheet this service writes). */
  exclude?: readonly string[] | undefined;
  /** Read each sheet's People tab too (owner → e-mail for the weekly reminders). */
  people?: boolean | undefined;
}

export interface GoogleSheetSourceOptions {
  /** Read a sheet again once its last read is older than this, even if Drive says it has not changed (default 3 h). */
  rereadAfterMs?: number;
  now?: () => number;
}

/** Wraps a google-layer source (tests build theirs against the fake server). */
export function googleSheetSource(google: GoogleSource, scope: GoogleScope, options: GoogleSheetSourceOptions = {}): Source {
  const rereadAfterMs = options.rereadAfterMs ?? DEFAULT_REREAD_AFTER_HOURS * 3_600_000;
  const now = options.now ?? Date.now;
  let listed = new Map<string, DriveFileMeta>();
  const name = [scope.folderId ? `Drive folder ${scope.folderId}` : '', scope.spreadsheetIds?.length ? `${scope.spreadsheetIds.length} spreadsheet id(s)` : '']
    .filter(Boolean)
    .join(' + ');
  return {
    kind: 'google',
    ref: { id: `google:${scope.folderId ?? ''}:${(scope.spreadsheetIds ?? []).join(',')}`, kind: 'google', name },
    owns: (sourceId) => sourceId.startsWith(PREFIX),
    readsPeople: scope.people === true,
    async list(known: ReadonlyMap<string, KnownEntry>): Promise<ListResult> {
      const since = new Map<string, SeenVersion>();
      for (const k of known.values()) {
        if (!k.sourceId.startsWith(PREFIX)) continue;
        const seen = parseVersion(k.version);
        if (seen) since.set(k.sourceId.slice(PREFIX.length), seen);
      }
      const result = await google.listChanged({ folderId: scope.folderId, spreadsheetIds: scope.spreadsheetIds, exclude: scope.exclude }, since);
      listed = new Map(result.files.map((f) => [f.id, f]));
      const at = now();
      const entries: SourceEntry[] = result.files.map((f) => ({
        sourceId: `${PREFIX}${f.id}`,
        name: f.name,
        kind: 'google-sheet',
        fallbackTeam: f.name,
        version: versionFor(f, known.get(`${PREFIX}${f.id}`)?.version ?? null, at, rereadAfterMs),
        lastModified: f.modifiedTime,
      }));
      const missing = [
        ...result.removed.map((id) => ({
          sourceId: `${PREFIX}${id}`,
          reason: 'the spreadsheet is gone from Drive (deleted, trashed, moved out of the folder, or no longer shared with the service account)',
        })),
        ...result.errors.map((e) => ({ sourceId: `${PREFIX}${e.id}`, reason: describeGoogleError(e.error) })),
      ];
      return { entries, missing };
    },
    async read(entry: SourceEntry): Promise<WorkbookGrids> {
      const file = listed.get(entry.sourceId.slice(PREFIX.length));
      if (!file) throw new Error(`${entry.name} was not in the latest Drive listing`);
      try {
        const r = await google.readSpreadsheet(file, scope.people ? { people: true } : {});
        return {
          okr: r.okr.map((t) => ({ tab: t.tab, grid: toCells(t.grid) })),
          checkins: r.checkins ? { tab: r.checkins.tab, grid: toCells(r.checkins.grid) } : null,
          ...(r.timeZone ? { timeZone: r.timeZone } : {}),
          ...(r.locale ? { locale: r.locale } : {}),
          ...(scope.people ? { people: r.people ? { tab: r.people.tab, grid: toCells(r.people.grid) } : null } : {}),
          ...(r.skipped ? { notes: [{ code: 'too-many-tabs' as const, tab: r.skipped.tabs[0] as string, message: r.skipped.message }] } : {}),
        };
      } catch (err) {
        throw new Error(describeGoogleError(classifyGoogleError(err)), { cause: err });
      }
    },
    requestCount: () => google.requestCount(),
  };
}

export interface GoogleSourceConfig extends GoogleScope {
  /** Service-account key file; default: application default credentials (GOOGLE_APPLICATION_CREDENTIALS). */
  credentials?: string | undefined;
  /** Hours after which a sheet is read again although Drive says it has not changed (default 3). */
  rereadAfterHours?: number | undefined;
}

export interface GoogleSourceSetup {
  /** Base URL of the APIs (tests: the fake server). */
  rootUrl?: string;
  auth?: GoogleAuthOption;
  limiter?: RateLimiter;
  retry?: RetryOptions;
  timeoutMs?: number;
}

/** The production wiring: real clients, the Sheets per-user read quota, default retries. */
export function createGoogleSheetSource(config: GoogleSourceConfig, setup: GoogleSourceSetup = {}): Source {
  const auth: GoogleAuthOption = setup.auth ?? (config.credentials ? { keyFile: config.credentials } : 'adc');
  const { sheets, drive } = createGoogleClients({
    auth,
    ...(setup.rootUrl ? { rootUrl: setup.rootUrl } : {}),
    ...(setup.timeoutMs ? { timeoutMs: setup.timeoutMs } : {}),
  });
  const google = createGoogleSource({
    sheets,
    drive,
    limiter: setup.limiter ?? createRateLimiter(),
    ...(setup.retry ? { retry: setup.retry } : {}),
  });
  return googleSheetSource(google, config, config.rereadAfterHours !== undefined ? { rereadAfterMs: config.rereadAfterHours * 3_600_000 } : {});
}

/** The Sheets API gives numbers, strings and booleans (dates as serial numbers, which the contract reads). */
function toCells(grid: readonly (readonly unknown[])[]): Cell[][] {
  return grid.map((row) =>
    row.map((v) => (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v))),
  );
}

