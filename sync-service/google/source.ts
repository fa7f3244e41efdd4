/**
 * The Google source of team OKR sheets:
 * - listChanged: which spreadsheets changed since the last sync, from Drive
 *   metadata only (modifiedTime + version), one paged files.list per folder.
 * - readSpreadsheet: the OKR tab and the Check-ins tab of one spreadsheet in
 *   one values.batchGet (raw values, dates as serial numbers).
 *
 * SERIAL_NUMBER date-times are wall-clock time in the spreadsheet's own time zone
 * (https://developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption),
 * and typed numbers follow its locale, so the first read of a spreadsheet costs one
 * spreadsheets.get for `properties(timeZone,locale)` and the tab titles together; the
 * answer is remembered per spreadsheet id (and can be persisted by the caller through
 * `tabNames`), so later reads are one batchGet. When Google answers 400 "Unable to
 * parse range" (a tab renamed), the spreadsheet is discovered again.
 *
 * Every request goes through withRetry and a rate limiter; all dependencies are
 * parameters.
 */
import type { drive_v3 } from '@googleapis/drive';
import type { sheets_v4 } from '@googleapis/sheets';
import { z } from 'zod';
import { pickTabs as pickWorkbookTabs, skippedTabsMessage } from '../../shared/tabs.ts';
import { type ClassifiedError, GarbageResponseError, GoogleRequestError, classifyGoogleError } from './errors.ts';
import { type RateLimiter, createRateLimiter } from './limiter.ts';
import { type RetryOptions, withRetry } from './retry.ts';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** A shortcut points at its target by shortcutDetails.targetId (https://developers.google.com/drive/api/guides/shortcuts). */
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';

export const DriveFileMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  modifiedTime: z.string(),
  /** Drive's file version (int64 as a string); bumps on every change. */
  version: z.string().default(''),
});
export type DriveFileMeta = z.infer<typeof DriveFileMetaSchema>;

/** What the last sync saw for a spreadsheet. */
export interface SeenVersion {
  modifiedTime: string;
  version: string;
}

const ListedFileSchema = DriveFileMetaSchema.extend({
  mimeType: z.string().optional(),
  shortcutDetails: z.object({ targetId: z.string(), targetMimeType: z.string().optional() }).optional(),
});

const FileListSchema = z.object({
  nextPageToken: z.string().optional(),
  files: z.array(ListedFileSchema).optional(),
});

const FolderSchema = z.object({ id: z.string(), name: z.string().optional(), mimeType: z.string().optional(), trashed: z.boolean().optional() });

/** The configured folder cannot be listed: not found, not shared, not a folder, or in the trash. */
export class FolderError extends Error {
  override readonly name = 'FolderError';
}

const FileGetSchema = DriveFileMetaSchema.extend({
  trashed: z.boolean().optional(),
});

const BatchGetSchema = z.object({
  valueRanges: z
    .array(
      z.object({
        range: z.string().optional(),
        values: z.array(z.array(z.unknown())).optional(),
      }),
    )
    .optional(),
});

const DiscoverySchema = z.object({
  properties: z.object({ timeZone: z.string().optional(), locale: z.string().optional() }).optional(),
  sheets: z.array(z.object({ properties: z.object({ title: z.string() }).optional() })).optional(),
});
export const DISCOVERY_FIELDS = 'properties(timeZone,locale),sheets.properties.title';

/** Remembered tab names of one spreadsheet. `checkins: null` = known to have no check-ins tab. */
export interface TabNames {
  /** Every OKR tab (shared/tabs.ts), in the spreadsheet's order; empty when it has no other tab. */
  okr: string[];
  /** OKR tabs beyond the cap (not read). */
  skipped?: string[];
  checkins: string | null;
  /** The spreadsheet's time zone (IANA id): SERIAL_NUMBER date-times are wall-clock time there. */
  timeZone?: string;
  /** The spreadsheet's locale (e.g. de_DE): how typed text numbers are written. */
  locale?: string;
  /** `null` = known to have no People tab; absent = not looked for (people were not asked for). */
  people?: string | null;
  /** Epoch ms of the discovery (the tabs are looked up again after `recheckMissingTabMs`). */
  discoveredAt: number;
}

export interface TabGrid {
  tab: string;
  grid: unknown[][];
}

export interface SpreadsheetRead extends DriveFileMeta {
  /** Every OKR tab read, in the spreadsheet's order. */
  okr: TabGrid[];
  /** OKR tabs left out (more than the cap), with what to tell the team. */
  skipped?: { tabs: string[]; message: string };
  checkins?: TabGrid;
  /** The spreadsheet's time zone and locale, when Google told them. */
  timeZone?: string;
  locale?: string;
  people?: TabGrid;
  /** Requests this read cost (1 normally; 2 when the spreadsheet had to be discovered first). */
  requests: number;
}

export interface ListChangedResult {
  /** Everything currently in scope. */
  files: DriveFileMeta[];
  /** New, or modifiedTime/version differ from `since`. */
  changed: DriveFileMeta[];
  unchanged: DriveFileMeta[];
  /** Ids in `since` that are gone from scope (deleted, trashed, moved out, 404). */
  removed: string[];
  /** Ids that could not be checked (explicit-id mode only: 403, retries exhausted). */
  errors: { id: string; error: ClassifiedError }[];
  /** Drive requests issued (first attempts; retries not included). */
  requests: number;
}

export interface GoogleSourceDeps {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  /** Limits Sheets read requests (batchGet, spreadsheets.get). */
  limiter: RateLimiter;
  /** Limits Drive requests; default: 10 in flight, no rate limit (Drive's quota is far larger than Sheets'). */
  driveLimiter?: RateLimiter;
  retry?: RetryOptions;
  /** Remembered tab names per spreadsheet id; pass a persisted map to keep them across restarts. */
  tabNames?: Map<string, TabNames>;
  /**
   * Look a spreadsheet's tabs up again after this long (default 6 h): a new period's OKR tab, or a
   * check-ins or People tab added later, is found by then. Until then a read is one batchGet.
   */
  recheckMissingTabMs?: number;
  /** On a rate-limited retry, hold the whole limiter for the retry delay (default true). */
  pauseOnRateLimit?: boolean;
  /** Use corpora=allDrives so folders in shared drives are listed (default false: corpora=user). */
  allDrives?: boolean;
  now?: () => number;
}

export interface ReadOptions {
  /**
   * Also read the People tab (weekly reminders). Off by default: the first read with it on looks
   * the spreadsheet's tabs up again (1 more request), and a sheet without one is re-probed now and then.
   */
  people?: boolean;
}

export interface ReadManyResult {
  file: DriveFileMeta;
  read?: SpreadsheetRead;
  error?: GoogleRequestError;
}

/**
 * What to list: a folder id, explicit spreadsheet ids, or both (as in the config:
 * ids "in addition to (or instead of)" the folder's).
 */
export type ListScope =
  | string
  | readonly string[]
  | {
      folderId?: string | undefined;
      spreadsheetIds?: readonly string[] | undefined;
      /** Never listed (the company spreadsheet this service writes, when it sits in the folder). */
      exclude?: readonly string[] | undefined;
    };

export interface GoogleSource {
  listChanged(scope: ListScope, since?: ReadonlyMap<string, SeenVersion>): Promise<ListChangedResult>;
  readSpreadsheet(file: DriveFileMeta, options?: ReadOptions): Promise<SpreadsheetRead>;
  /** Reads many spreadsheets (concurrency and pacing come from the limiter); never rejects per file. */
  readMany(files: readonly DriveFileMeta[], options?: ReadOptions & { onRead?: (r: ReadManyResult) => void }): Promise<ReadManyResult[]>;
  readonly tabNames: Map<string, TabNames>;
  /** HTTP attempts made so far (Drive + Sheets, retries and tab discovery included). */
  requestCount(): number;
}

/** A1 sheet-name quoting (always quoted: valid for every name). */
export const quoteTab = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Drive query string literal escaping. */
const driveLiteral = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Spreadsheets in the folder, and shortcuts (resolved to their targets by the caller). */
export function folderQuery(folderId: string): string {
  return `${driveLiteral(folderId)} in parents and (mimeType = '${SPREADSHEET_MIME}' or mimeType = '${SHORTCUT_MIME}') and trashed = false`;
}

/**
 * The tabs read: every OKR tab, the check-ins tab and (when asked) the People tab, by the rule every
 * reader shares (shared/tabs.ts).
 */
export function pickTabs(titles: readonly string[], options: ReadOptions = {}): Pick<TabNames, 'okr' | 'checkins' | 'people' | 'skipped'> | null {
  if (titles.length === 0) return null;
  const { okr, checkins, people, skipped } = pickWorkbookTabs(titles);
  return { okr, checkins, ...(options.people ? { people } : {}), ...(skipped.length ? { skipped } : {}) };
}

export function isChanged(file: DriveFileMeta, seen: SeenVersion | undefined): boolean {
  return !seen || seen.modifiedTime !== file.modifiedTime || seen.version !== file.version;
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  // A 200 with a truncated or HTML body reaches us as a string.
  const result = schema.safeParse(data);
  if (!result.success) {
    const preview = typeof data === 'string' ? ` (body: ${JSON.stringify(data.slice(0, 80))})` : '';
    throw new GarbageResponseError(`Unexpected ${what} response${preview}`);
  }
  return result.data;
}

const isUnparseableRange = (e: unknown): boolean => {
  const c = classifyGoogleError(e);
  return c.kind === 'bad-request' && /unable to parse range/i.test(c.message);
};

export function createGoogleSource(deps: GoogleSourceDeps): GoogleSource {
  const tabNames = deps.tabNames ?? new Map<string, TabNames>();
  const now = deps.now ?? Date.now;
  const recheckMs = deps.recheckMissingTabMs ?? 6 * 3600_000;
  const driveLimiter = deps.driveLimiter ?? createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 10 });
  let attempts = 0;

  /** One API call: a limiter slot per attempt (each attempt uses quota), retries, 429 pauses the whole limiter. */
  const call = <T>(limiter: RateLimiter, fn: () => Promise<T>): Promise<T> =>
    withRetry(
      () =>
        limiter.schedule(() => {
          attempts++;
          return fn();
        }),
      {
        ...deps.retry,
        onRetry: (info) => {
          if (info.error.kind === 'rate-limited' && deps.pauseOnRateLimit !== false) limiter.pause(info.delayMs);
          deps.retry?.onRetry?.(info);
        },
      },
    );

  /** The folder's spreadsheets, and the spreadsheet ids its shortcuts point at. */
  async function listFolder(folderId: string): Promise<{ files: DriveFileMeta[]; shortcutTargets: string[]; requests: number }> {
    const files: DriveFileMeta[] = [];
    const shortcutTargets: string[] = [];
    let listed = 0;
    let pageToken: string | undefined;
    let requests = 0;
    do {
      requests++;
      const token = pageToken;
      const page = await call(driveLimiter, async () =>
        parse(
          FileListSchema,
          (
            await deps.drive.files.list({
              q: folderQuery(folderId),
              fields: 'nextPageToken, files(id,name,mimeType,modifiedTime,version,shortcutDetails(targetId,targetMimeType))',
              pageSize: 1000,
              supportsAllDrives: true,
              includeItemsFromAllDrives: true,
              ...(deps.allDrives ? { corpora: 'allDrives' } : {}),
              ...(token ? { pageToken: token } : {}),
            })
          ).data,
          'Drive files.list',
        ),
      );
      for (const f of page.files ?? []) {
        listed++;
        if (f.mimeType === SHORTCUT_MIME) {
          if (f.shortcutDetails && (f.shortcutDetails.targetMimeType ?? SPREADSHEET_MIME) === SPREADSHEET_MIME) shortcutTargets.push(f.shortcutDetails.targetId);
        } else files.push({ id: f.id, name: f.name, modifiedTime: f.modifiedTime, version: f.version });
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    // Drive lists a folder the caller cannot see as empty: an empty answer is checked.
    if (listed === 0) requests += await checkFolder(folderId);
    return { files, shortcutTargets, requests };
  }

  /** Throws a FolderError naming the folder unless it exists, is shared with us, is a folder and is not trashed. */
  async function checkFolder(folderId: string): Promise<number> {
    let folder: z.infer<typeof FolderSchema>;
    try {
      folder = await call(driveLimiter, async () =>
        parse(
          FolderSchema,
          (await deps.drive.files.get({ fileId: folderId, fields: 'id,name,mimeType,trashed', supportsAllDrives: true })).data,
          'Drive files.get',
        ),
      );
    } catch (e) {
      const error = classifyGoogleError(e);
      if (error.kind !== 'not-found') throw e;
      throw new FolderError(
        `Drive folder ${folderId} was not found: check sources.google.folderId, and share the folder with the service account's e-mail address (Viewer is enough)`,
        { cause: e },
      );
    }
    const name = folder.name ? ` ("${folder.name}")` : '';
    if (folder.mimeType !== FOLDER_MIME) throw new FolderError(`sources.google.folderId ${folderId}${name} is not a Drive folder (it is ${folder.mimeType ?? 'a file'})`);
    if (folder.trashed) throw new FolderError(`Drive folder ${folderId}${name} is in the trash`);
    return 1;
  }

  /**
   * Explicit ids: Drive's `q` has no id term, so each id costs one files.get
   * (metadata only, Drive quota — not the Sheets read quota).
   */
  async function getFiles(ids: readonly string[]) {
    const files: DriveFileMeta[] = [];
    const gone: string[] = [];
    const errors: { id: string; error: ClassifiedError }[] = [];
    await Promise.all(
      ids.map(async (id) => {
        try {
          const f = await call(driveLimiter, async () =>
            parse(
              FileGetSchema,
              (
                await deps.drive.files.get({
                  fileId: id,
                  fields: 'id,name,modifiedTime,version,trashed',
                  supportsAllDrives: true,
                })
              ).data,
              'Drive files.get',
            ),
          );
          if (f.trashed) gone.push(id);
          else
            files.push({
              id: f.id,
              name: f.name,
              modifiedTime: f.modifiedTime,
              version: f.version,
            });
        } catch (e) {
          const error = classifyGoogleError(e);
          if (error.kind === 'not-found') gone.push(id);
          else errors.push({ id, error });
        }
      }),
    );
    const order = new Map(ids.map((id, i) => [id, i]));
    files.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return { files, gone, errors, requests: ids.length };
  }

  async function listChanged(scope: ListScope, since: ReadonlyMap<string, SeenVersion> = new Map()): Promise<ListChangedResult> {
    const s = typeof scope === 'string' ? { folderId: scope } : Array.isArray(scope) ? { spreadsheetIds: scope as readonly string[] } : (scope as Exclude<ListScope, string | readonly string[]>);
    const exclude = new Set(s.exclude ?? []);
    const files: DriveFileMeta[] = [];
    const ids: string[] = [...(s.spreadsheetIds ?? [])];
    let requests = 0;
    if (s.folderId !== undefined) {
      const listed = await listFolder(s.folderId);
      files.push(...listed.files.filter((f) => !exclude.has(f.id)));
      // A shortcut's target is read like an explicit id (its own modifiedTime and version).
      ids.push(...listed.shortcutTargets);
      requests += listed.requests;
    }
    // Explicit ids already seen in the folder listing cost nothing more.
    const inFolder = new Set(files.map((f) => f.id));
    const got = await getFiles([...new Set(ids)].filter((id) => !inFolder.has(id) && !exclude.has(id)));
    files.push(...got.files);
    requests += got.requests;
    const present = new Set(files.map((f) => f.id));
    const unknown = new Set(got.errors.map((e) => e.id));
    const removed = new Set(got.gone);
    // An excluded sheet (the company spreadsheet) read as a team by an older build just drops out.
    for (const id of since.keys()) if (!present.has(id) && !unknown.has(id) && !exclude.has(id)) removed.add(id);
    const changed = files.filter((f) => isChanged(f, since.get(f.id)));
    const unchanged = files.filter((f) => !isChanged(f, since.get(f.id)));
    return {
      files,
      changed,
      unchanged,
      removed: [...removed],
      errors: got.errors,
      requests,
    };
  }

  async function batchGet(id: string, tabs: readonly string[]): Promise<unknown[][][]> {
    const data = await call(deps.limiter, async () =>
      parse(
        BatchGetSchema,
        (
          await deps.sheets.spreadsheets.values.batchGet({
            spreadsheetId: id,
            ranges: tabs.map(quoteTab),
            valueRenderOption: 'UNFORMATTED_VALUE',
            dateTimeRenderOption: 'SERIAL_NUMBER',
            majorDimension: 'ROWS',
          })
        ).data,
        'values.batchGet',
      ),
    );
    const ranges = data.valueRanges ?? [];
    if (ranges.length !== tabs.length)
      throw new GarbageResponseError(`values.batchGet returned ${ranges.length} ranges for ${tabs.length}`);
    return ranges.map((r) => (r.values ?? []) as unknown[][]);
  }

  /** One spreadsheets.get: the tab titles, the time zone and the locale. */
  async function discover(id: string, options: ReadOptions): Promise<TabNames> {
    const data = await call(deps.limiter, async () =>
      parse(DiscoverySchema, (await deps.sheets.spreadsheets.get({ spreadsheetId: id, fields: DISCOVERY_FIELDS })).data, 'spreadsheets.get'),
    );
    const titles = (data.sheets ?? []).map((s) => s.properties?.title).filter((t): t is string => typeof t === 'string');
    const picked = pickTabs(titles, options);
    if (!picked) throw new GarbageResponseError(`Spreadsheet ${id} has no tabs`);
    const found: TabNames = { ...picked, discoveredAt: now() };
    if (data.properties?.timeZone) found.timeZone = data.properties.timeZone;
    if (data.properties?.locale) found.locale = data.properties.locale;
    tabNames.set(id, found);
    return found;
  }

  async function readSpreadsheet(file: DriveFileMeta, options: ReadOptions = {}): Promise<SpreadsheetRead> {
    let requests = 0;
    const discovered = async () => {
      requests++;
      return discover(file.id, options);
    };
    const known = tabNames.get(file.id);
    // The tabs are looked at again now and then: the team may add a new period's OKR tab, a
    // check-ins or People tab. A People tab never looked for is looked for now.
    const expired = known !== undefined && now() - known.discoveredAt > recheckMs;
    const peopleUnknown = known !== undefined && options.people === true && known.people === undefined;
    let info = known && !expired && !peopleUnknown ? known : await discovered();
    // Every OKR tab goes into the same batchGet as the check-ins and People tabs.
    const tabsOf = (n: TabNames) => [...n.okr, ...(n.checkins ? [n.checkins] : []), ...(options.people && n.people ? [n.people] : [])];
    let grids: unknown[][][];
    try {
      requests++;
      grids = await batchGet(file.id, tabsOf(info));
    } catch (e) {
      // A remembered tab was renamed or deleted: look again (once).
      if (!isUnparseableRange(e) || info !== known) throw e;
      info = await discovered();
      requests++;
      grids = await batchGet(file.id, tabsOf(info));
    }
    const read: SpreadsheetRead = {
      ...file,
      okr: info.okr.map((tab, i) => ({ tab, grid: grids[i] ?? [] })),
      requests,
    };
    if (info.skipped?.length) read.skipped = { tabs: info.skipped, message: skippedTabsMessage(file.name, info.skipped) };
    let next = info.okr.length;
    if (info.checkins) read.checkins = { tab: info.checkins, grid: grids[next++] ?? [] };
    if (options.people && info.people) read.people = { tab: info.people, grid: grids[next] ?? [] };
    if (info.timeZone) read.timeZone = info.timeZone;
    if (info.locale) read.locale = info.locale;
    return read;
  }

  async function readMany(files: readonly DriveFileMeta[], options: ReadOptions & { onRead?: (r: ReadManyResult) => void } = {}) {
    const { onRead, ...readOptions } = options;
    return Promise.all(
      files.map(async (file): Promise<ReadManyResult> => {
        let result: ReadManyResult;
        try {
          result = { file, read: await readSpreadsheet(file, readOptions) };
        } catch (e) {
          result = {
            file,
            error:
              e instanceof GoogleRequestError
                ? e
                : new GoogleRequestError(classifyGoogleError(e), 1, {
                    cause: e,
                  }),
          };
        }
        onRead?.(result);
        return result;
      }),
    );
  }

  return {
    listChanged,
    readSpreadsheet,
    readMany,
    tabNames,
    requestCount: () => attempts,
  };
}
