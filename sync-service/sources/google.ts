// Team sheets in Google Sheets, through the google layer: one paged Drive list per sync (which
// spreadsheets changed), then one values.batchGet per changed spreadsheet. Explicit spreadsheet
// ids cost one Drive files.get each (Drive's query language has no id term).
import type { Cell } from '../../shared/values.ts';
import { createGoogleClients, DEFAULT_SCOPES, type GoogleAuthOption } from '../google/clients.ts';
import { type ClassifiedError, classifyGoogleError } from '../google/errors.ts';
import { createRateLimiter, type RateLimiter } from '../google/limiter.ts';
import type { RetryOptions } from '../google/retry.ts';
import { createGoogleSource, type DriveFileMeta, type GoogleSource, type SeenVersion } from '../google/source.ts';
import type { KnownEntry, ListResult, Source, SourceEntry } from './types.ts';
import type { WorkbookGrids } from './workbook.ts';

const PREFIX = 'sheet:';

export interface GoogleScope {
  folderId?: string | undefined;
  spreadsheetIds?: readonly string[] | undefined;
  /** Spreadsheets never read as teams (the company sheet this service writes). */
  exclude?: readonly string[] | undefined;
}

/** Wraps a google-layer source (tests build theirs against the fake server). */
export function googleSheetSource(google: GoogleSource, scope: GoogleScope): Source {
  let listed = new Map<string, DriveFileMeta>();
  const name = [scope.folderId ? `Drive folder ${scope.folderId}` : '', scope.spreadsheetIds?.length ? `${scope.spreadsheetIds.length} spreadsheet id(s)` : '']
    .filter(Boolean)
    .join(' + ');
  return {
    kind: 'google',
    ref: { id: `google:${scope.folderId ?? ''}:${(scope.spreadsheetIds ?? []).join(',')}`, kind: 'google', name },
    owns: (sourceId) => sourceId.startsWith(PREFIX),
    async list(known: ReadonlyMap<string, KnownEntry>): Promise<ListResult> {
      const since = new Map<string, SeenVersion>();
      for (const k of known.values()) {
        if (!k.sourceId.startsWith(PREFIX)) continue;
        const seen = parseVersion(k.version);
        if (seen) since.set(k.sourceId.slice(PREFIX.length), seen);
      }
      const result = await google.listChanged({ folderId: scope.folderId, spreadsheetIds: scope.spreadsheetIds, exclude: scope.exclude }, since);
      listed = new Map(result.files.map((f) => [f.id, f]));
      const entries: SourceEntry[] = result.files.map((f) => ({
        sourceId: `${PREFIX}${f.id}`,
        name: f.name,
        kind: 'google-sheet',
        fallbackTeam: f.name,
        version: formatVersion(f),
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
        const r = await google.readSpreadsheet(file);
        return {
          okr: { tab: r.okr.tab, grid: toCells(r.okr.grid) },
          checkins: r.checkins ? { tab: r.checkins.tab, grid: toCells(r.checkins.grid) } : null,
          ...(r.timeZone ? { timeZone: r.timeZone } : {}),
          ...(r.locale ? { locale: r.locale } : {}),
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
  return googleSheetSource(google, config);
}

function formatVersion(f: DriveFileMeta): string {
  return `${f.version}@${f.modifiedTime}`;
}

function parseVersion(v: string | null): SeenVersion | null {
  if (!v) return null;
  const at = v.indexOf('@');
  return at < 0 ? null : { version: v.slice(0, at), modifiedTime: v.slice(at + 1) };
}

/** The Sheets API gives numbers, strings and booleans (dates as serial numbers, which the contract reads). */
function toCells(grid: readonly (readonly unknown[])[]): Cell[][] {
  return grid.map((row) =>
    row.map((v) => (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v))),
  );
}

/** The three 403s Google sends, each with its fix. */
function describeForbidden(e: ClassifiedError, status: string): string {
  switch (e.forbidden) {
    case 'scope-missing':
      return `access denied${status}: the credentials lack the Sheets and Drive scopes. Use a service-account key (sources.google.credentials), or run \`gcloud auth application-default login --scopes=${ADC_SCOPES}\``;
    case 'api-disabled': {
      const link = /https:\/\/console\.developers\.google\.com\/\S+/.exec(e.message)?.[0]?.replace(/[.,]$/, '');
      return `access denied${status}: the API is disabled in the Google Cloud project: enable the Google Sheets API and the Google Drive API${link ? ` (${link})` : ''}, wait a few minutes, and sync again`;
    }
    default:
      return `access denied${status}: share the spreadsheet (or its folder) with the service account's e-mail address (Viewer is enough)`;
  }
}

/** What `gcloud auth application-default login --scopes` needs for this service (cloud-platform is gcloud's own). */
export const ADC_SCOPES = ['https://www.googleapis.com/auth/cloud-platform', ...DEFAULT_SCOPES].join(',');

/** A reason people can act on. */
export function describeGoogleError(e: ClassifiedError): string {
  const status = e.status ? ` (${e.status})` : '';
  switch (e.kind) {
    case 'not-found':
      return `Google says the spreadsheet does not exist${status}: it was deleted, or is no longer shared with the service account`;
    case 'forbidden':
      return describeForbidden(e, status);
    case 'rate-limited':
      return `Google kept rate limiting the reads${status}; it will be retried next sync`;
    case 'server':
      return `Google had a server error${status}; it will be retried next sync`;
    case 'timeout':
      return 'the request to Google timed out; it will be retried next sync';
    case 'network':
      return `network error talking to Google: ${e.message}`;
    case 'garbage':
      return 'Google sent a response that could not be read; it will be retried next sync';
    case 'bad-request':
      return `Google refused the request${status}: ${e.message}`;
    default:
      return e.message;
  }
}
