/**
 * A local fake of the Google Sheets v4 + Drive v3 REST APIs for tests and
 * benchmarks, speaking what `@googleapis/sheets`, `@googleapis/drive` and
 * `google-auth-library` send (point them at `server.url` with `rootUrl`).
 *
 *   const google = await startFakeGoogle();
 *   const id = google.addSpreadsheet({ title: 'Team A', folderId: 'F', tabs: { OKRs: [['Objective'], ['Grow']] } }).id;
 *   const sheets = new sheets_v4.Sheets({ rootUrl: google.url, auth: fakeAuthClient(), retry: false });
 *   ...
 *   expect(google.counts().batchGet).toBe(1);
 *   await google.close();
 *
 * Auth: any `Authorization: Bearer …` header is accepted, and an API key
 * (`auth: 'some-key'`, sent as `?key=`) is accepted for reads only — like
 * Google, writes with only an API key get 401. `fakeAuthClient()` returns an
 * OAuth2Client holding a non-expiring dummy token, so no token endpoint is
 * ever called. Requests with neither get 401.
 *
 * State, latency, faults and quotas can be changed at any time; see the
 * methods of FakeGoogleServer.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { sheets_v4 } from '@googleapis/sheets';
import { OAuth2Client } from 'google-auth-library';
import { type DriveFile, FOLDER_MIME, SHORTCUT_MIME, SPREADSHEET_MIME, fileNotFound, fileResource, getFile, listFiles } from './google/drive.ts';
import { ApiError, type ForbiddenCause, badRequest, canonical, forbidden } from './google/errors.ts';
import { type Book, type FakeCellInput, type Json, type Tab, fillTab, findTab, getCell, newTab } from './google/model.ts';
import { parseArea } from './google/a1.ts';
import { type FakeOp, OPS, type QuotaBucket, type Route, bucketOf, route } from './google/routes.ts';
import * as sheets from './google/sheets.ts';
import { type CellState, type TabState, cellState, tabState } from './google/snapshot.ts';

export type { FakeCellInput } from './google/model.ts';
export type { ForbiddenCause } from './google/errors.ts';
export type { FakeOp } from './google/routes.ts';
export type { CellState, TabState } from './google/snapshot.ts';
export { FOLDER_MIME, SHORTCUT_MIME, SPREADSHEET_MIME } from './google/drive.ts';

/** What a fault does to one request. */
export type Fault =
  /** Answer with this status and Google's error JSON (429 may carry Retry-After: seconds or an HTTP date). */
  | { kind: 'status'; status: number; message?: string; retryAfter?: number | string }
  /** 403 as Google sends it for a sheet not shared, a token without the scope, or the API disabled in the project. */
  | { kind: 'forbidden'; cause: ForbiddenCause }
  /** Never answer (ms undefined), or answer normally after `ms`. */
  | { kind: 'hang'; ms?: number }
  /** 200 with the real JSON body cut in half (valid Content-Length: the client gets unparseable text). */
  | { kind: 'truncated' }
  /** 200 with an HTML page instead of JSON. */
  | { kind: 'non-json' }
  /** Send headers and half the body, then destroy the connection. */
  | { kind: 'reset' };

export interface RequestInfo {
  method: string;
  op: FakeOp;
  path: string;
  /** Spreadsheet id (Sheets) or file id (Drive), when the path has one. */
  id?: string;
  query: URLSearchParams;
}

export type FaultMatch = { op?: FakeOp | FakeOp[]; id?: string; method?: string } | ((r: RequestInfo) => boolean);

export interface FaultRule {
  fault: Fault;
  match?: FaultMatch;
  /** Uses left; Infinity for a permanent fault. */
  remaining: number;
  hits: number;
}

export interface QuotaConfig {
  /** Sheets read requests (spreadsheets.get, values.get, values.batchGet) per window. */
  readsPerWindow?: number;
  /** Sheets write requests per window. */
  writesPerWindow?: number;
  /** Drive requests per window. */
  drivePerWindow?: number;
  /**
   * Window length; default 60 000 ms. Windows are fixed, like Google's: "Sheets API has per-minute
   * quotas, and they're refilled every minute" (https://developers.google.com/sheets/api/limits).
   */
  windowMs?: number;
  /** Add a Retry-After header (seconds) to quota 429s; Google usually sends none. */
  retryAfterSec?: number;
}

export interface FakeGoogleOptions {
  /** Fixed latency per request in ms, or a uniform random range. */
  latencyMs?: number | { min: number; max: number };
  quota?: QuotaConfig | null;
  /** 'strict' (default): bearer token for everything, API key for reads only. 'any': no checks. */
  auth?: 'strict' | 'any';
  /** Keep the per-request log (default true; turn off for very long benchmarks). */
  keepLog?: boolean;
  /** The clock quota windows are counted on, in ms (default performance.now; tests pass a fast clock). */
  clock?: () => number;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  op: FakeOp;
  path: string;
  id?: string;
  query: Record<string, string | string[]>;
  bodyBytes: number;
  /** HTTP status sent; 0 while unanswered (or never, for hangs). */
  status: number;
  fault?: Fault['kind'] | 'quota';
  /** ms since the server started. */
  at: number;
  /** ms until the response was sent. */
  ms: number;
}

export type FakeCounts = Record<FakeOp, number> & {
  total: number;
  reads: number;
  writes: number;
  drive: number;
  /** 429s sent (quota and injected). */
  rateLimited: number;
  /** 429s from the configured quota. */
  quotaRejected: number;
  /** Injected faults applied. */
  faults: number;
  /** Responses with status >= 400. */
  errors: number;
  byStatus: Record<string, number>;
};

export interface AddSpreadsheetInput {
  id?: string;
  title: string;
  /** Parent folder(s) in Drive; default 'root'. */
  folderId?: string | string[];
  /** Tab name → rows, in tab order. Empty → a single empty "Sheet1". */
  tabs: Record<string, readonly (readonly FakeCellInput[])[]>;
  modifiedTime?: Date | string;
  /** properties.timeZone (default 'Etc/GMT'): SERIAL_NUMBER date-times are wall-clock time in it. */
  timeZone?: string;
  /** properties.locale (default 'en_US'). */
  locale?: string;
}

export interface FakeFileMeta {
  id: string;
  name: string;
  modifiedTime: string;
  version: string;
  parents: string[];
  trashed: boolean;
}

export interface SpreadsheetState extends FakeFileMeta {
  title: string;
  tabs: TabState[];
  /** A tab by title; throws if missing. */
  tab(title: string): TabState;
  /** Every batchUpdate request applied, verbatim. */
  history: Json[];
  /** batchUpdate request kinds the fake does not model, stored verbatim. */
  unhandled: Json[];
}

const JSON_TYPE = 'application/json; charset=UTF-8';
/**
 * Google refuses a request body over 10 MiB with 400 "Request payload size exceeds the limit:
 * 10485760 bytes." (reason badRequest); it recommends at most 2 MB (https://developers.google.com/sheets/api/limits).
 */
export const MAX_PAYLOAD_BYTES = 10_485_760;
const payloadTooLarge = () => {
  const message = `Request payload size exceeds the limit: ${MAX_PAYLOAD_BYTES} bytes.`;
  return new ApiError(400, message, 'INVALID_ARGUMENT', { errors: [{ message, domain: 'global', reason: 'badRequest' }] });
};
const QUOTA_TEXT: Record<QuotaBucket, string> = {
  reads:
    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
  writes:
    "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
  drive:
    "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'drive.googleapis.com' for consumer 'project_number:000000000000'.",
};

function matches(m: FaultMatch | undefined, info: RequestInfo): boolean {
  if (!m) return true;
  if (typeof m === 'function') return m(info);
  if (m.op && !(Array.isArray(m.op) ? m.op : [m.op]).includes(info.op)) return false;
  if (m.id !== undefined && m.id !== info.id) return false;
  if (m.method && m.method.toUpperCase() !== info.method) return false;
  return true;
}

/** What the Google clients accept as `auth` (googleapis-common bundles its own google-auth-library types). */
export type ClientAuth = NonNullable<sheets_v4.Options['auth']>;

/**
 * An OAuth2Client with a dummy, non-expiring access token and no refresh token:
 * it sends `Authorization: Bearer <token>` and never calls a token endpoint.
 */
export function fakeAuthClient(token = 'fake-access-token'): ClientAuth {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, token_type: 'Bearer', expiry_date: Date.now() + 365 * 24 * 3600 * 1000 });
  // Same runtime contract (request()); only the bundled .d.ts copies differ.
  return client as unknown as ClientAuth;
}

export class FakeGoogleServer {
  /** rootUrl for the Google clients, e.g. `http://127.0.0.1:PORT/`. */
  url = '';
  /** Per-request log (cleared by resetCounts). */
  readonly requests: RequestLogEntry[] = [];
  /** Active and spent fault rules, in match order. */
  readonly faultRules: FaultRule[] = [];

  private readonly server: http.Server;
  private readonly books = new Map<string, Book>();
  private readonly files = new Map<string, DriveFile>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly started = performance.now();
  private seq = 0;
  private lastTime = 0;
  private latency: { min: number; max: number } = { min: 0, max: 0 };
  private quota: QuotaConfig | null = null;
  /** Per bucket: which window is being counted and how many requests it has used. */
  private readonly windows: Record<QuotaBucket, { index: number; used: number }> = {
    reads: { index: -1, used: 0 },
    writes: { index: -1, used: 0 },
    drive: { index: -1, used: 0 },
  };
  private clock: () => number;
  private faultHook: ((r: RequestInfo) => Fault | undefined) | null = null;
  private counters = FakeGoogleServer.zeroCounts();
  private readonly authMode: 'strict' | 'any';
  private readonly keepLog: boolean;

  constructor(options: FakeGoogleOptions = {}) {
    this.authMode = options.auth ?? 'strict';
    this.keepLog = options.keepLog ?? true;
    this.clock = options.clock ?? (() => performance.now());
    if (options.latencyMs !== undefined) this.setLatency(options.latencyMs);
    if (options.quota) this.setQuota(options.quota);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) this.send(res, 500, canonical(500, String(e)).body());
      });
    });
    // Keep-alive sockets outliving the clients' idle time avoid spurious ECONNRESETs.
    this.server.keepAliveTimeout = 65_000;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------- state (test-facing) ----------

  addSpreadsheet(input: AddSpreadsheetInput): FakeFileMeta {
    const id = input.id ?? randomBytes(30).toString('base64url');
    if (this.books.has(id)) throw new Error(`Spreadsheet ${id} already exists`);
    const names = Object.keys(input.tabs);
    const book: Book = {
      id,
      properties: { title: input.title, locale: input.locale ?? 'en_US', autoRecalc: 'ON_CHANGE', timeZone: input.timeZone ?? 'Etc/GMT' },
      tabs: (names.length ? names : ['Sheet1']).map((title, index) => newTab({ sheetId: index === 0 ? 0 : 100_000 + index, title, index })),
      history: [],
      unhandled: [],
    };
    names.forEach((name, i) => {
      fillTab(book.tabs[i] as Tab, input.tabs[name] ?? [], book.properties.timeZone);
    });
    const now = input.modifiedTime ? new Date(input.modifiedTime).getTime() : this.tick();
    const parents = input.folderId === undefined ? ['root'] : Array.isArray(input.folderId) ? [...input.folderId] : [input.folderId];
    for (const folder of parents) if (folder !== 'root' && !this.files.has(folder)) this.addFolder(folder);
    this.books.set(id, book);
    this.files.set(id, {
      id,
      name: input.title,
      mimeType: SPREADSHEET_MIME,
      parents,
      trashed: false,
      createdTime: now,
      modifiedTime: now,
      version: 1,
    });
    return this.meta(id);
  }

  /** A Drive folder (addSpreadsheet creates the folders it names; this makes an empty one). */
  addFolder(id: string, name = `Folder ${id}`, parent = 'root'): string {
    if (this.files.has(id)) throw new Error(`File ${id} already exists`);
    const now = this.tick();
    this.files.set(id, { id, name, mimeType: FOLDER_MIME, parents: [parent], trashed: false, createdTime: now, modifiedTime: now, version: 1 });
    return id;
  }

  /** A Drive shortcut in `folderId` to `targetId` (which need not exist: a broken shortcut). */
  addShortcut(input: { folderId: string; targetId: string; name?: string; id?: string }): string {
    const id = input.id ?? randomBytes(30).toString('base64url');
    if (!this.files.has(input.folderId)) this.addFolder(input.folderId);
    const target = this.files.get(input.targetId);
    const now = this.tick();
    this.files.set(id, {
      id,
      name: input.name ?? target?.name ?? 'Shortcut',
      mimeType: SHORTCUT_MIME,
      parents: [input.folderId],
      trashed: false,
      createdTime: now,
      modifiedTime: now,
      version: 1,
      shortcutDetails: { targetId: input.targetId, targetMimeType: target?.mimeType ?? SPREADSHEET_MIME },
    });
    return id;
  }

  /** Replaces a tab's values like a user edit (creating the tab if needed); bumps modifiedTime and version. */
  updateValues(id: string, tab: string, grid: readonly (readonly FakeCellInput[])[]): FakeFileMeta {
    const book = this.book(id);
    let t = findTab(book, tab);
    if (!t) {
      t = newTab({ sheetId: 200_000 + book.tabs.length, title: tab, index: book.tabs.length });
      book.tabs.push(t);
    }
    fillTab(t, grid, book.properties.timeZone);
    return this.touch(id);
  }

  /**
   * Changes a tab's values the way a recalculation does (IMPORTRANGE, GOOGLEFINANCE, NOW()):
   * no edit, so Drive's version and modifiedTime stay as they were.
   */
  recalculate(id: string, tab: string, grid: readonly (readonly FakeCellInput[])[]): void {
    const book = this.book(id);
    const t = findTab(book, tab);
    if (!t) throw new Error(`No tab ${tab} in ${id}`);
    fillTab(t, grid, book.properties.timeZone);
  }

  /** Renames a tab like a user would; bumps modifiedTime and version. */
  renameTab(id: string, from: string, to: string): FakeFileMeta {
    const t = findTab(this.book(id), from);
    if (!t) throw new Error(`No tab ${from} in ${id}`);
    t.properties.title = to;
    return this.touch(id);
  }

  /** Renames the spreadsheet (Drive name + Sheets title). */
  renameSpreadsheet(id: string, title: string): FakeFileMeta {
    this.book(id).properties.title = title;
    return this.touch(id);
  }

  /** Moves the file to the trash (it disappears from `trashed = false` queries, but stays readable). */
  trashSpreadsheet(id: string): FakeFileMeta {
    (this.files.get(id) as DriveFile).trashed = true;
    return this.touch(id);
  }

  /** Deletes the spreadsheet for good: Sheets and Drive answer 404 from now on. */
  deleteSpreadsheet(id: string): void {
    this.book(id);
    this.books.delete(id);
    this.files.delete(id);
  }

  hasSpreadsheet(id: string): boolean {
    return this.books.has(id);
  }

  /** Drive metadata of every spreadsheet, in creation order. */
  listFiles(): FakeFileMeta[] {
    return [...this.books.keys()].map((id) => this.meta(id));
  }

  meta(id: string): FakeFileMeta {
    const f = this.files.get(id);
    if (!f) throw new Error(`No spreadsheet ${id}`);
    const r = fileResource(f);
    return {
      id,
      name: f.name,
      modifiedTime: r.modifiedTime as string,
      version: r.version as string,
      parents: [...f.parents],
      trashed: f.trashed,
    };
  }

  /** A deep snapshot of a spreadsheet, for asserting what writers wrote. */
  getSpreadsheetState(id: string): SpreadsheetState {
    const book = this.book(id);
    const tabs = book.tabs.map(tabState);
    return {
      ...this.meta(id),
      title: book.properties.title,
      tabs,
      tab(title: string) {
        const t = tabs.find((x) => x.title === title);
        if (!t) throw new Error(`No tab "${title}"; tabs are ${tabs.map((x) => x.title).join(', ')}`);
        return t;
      },
      history: structuredClone(book.history),
      unhandled: structuredClone(book.unhandled),
    };
  }

  /** One cell (by A1) of one tab, straight from the live state. */
  cell(id: string, tab: string, a1: string): CellState {
    const t = findTab(this.book(id), tab);
    const area = parseArea(a1);
    if (!t || !area || area.startRow === undefined || area.startCol === undefined) throw new Error(`Bad cell ${tab}!${a1}`);
    return cellState(getCell(t, area.startRow, area.startCol));
  }

  // ---------- behaviour (test-facing) ----------

  setLatency(ms: number | { min: number; max: number }): void {
    this.latency = typeof ms === 'number' ? { min: ms, max: ms } : { ...ms };
  }

  /** Per-window quotas (refilled at each window boundary); null turns them off. Changing the quota resets the windows. */
  setQuota(quota: QuotaConfig | null): void {
    this.quota = quota ? { windowMs: 60_000, ...quota } : null;
    for (const w of Object.values(this.windows)) {
      w.index = -1;
      w.used = 0;
    }
  }

  /** Replaces the clock quota windows are counted on (ms). */
  setClock(clock: () => number): void {
    this.clock = clock;
  }

  /** Queues a fault for the next `times` (default 1) matching requests. Rules are tried in insertion order. */
  injectFault(fault: Fault, opts: { match?: FaultMatch; times?: number } = {}): FaultRule {
    const rule: FaultRule = { fault, remaining: opts.times ?? 1, hits: 0, ...(opts.match ? { match: opts.match } : {}) };
    this.faultRules.push(rule);
    return rule;
  }

  /** A per-request hook deciding faults dynamically (runs after the queued rules). null removes it. */
  setFaultHook(hook: ((r: RequestInfo) => Fault | undefined) | null): void {
    this.faultHook = hook;
  }

  clearFaults(): void {
    this.faultRules.length = 0;
    this.faultHook = null;
  }

  counts(): FakeCounts {
    return { ...this.counters, byStatus: { ...this.counters.byStatus } };
  }

  resetCounts(): void {
    this.counters = FakeGoogleServer.zeroCounts();
    this.requests.length = 0;
  }

  // ---------- internals ----------

  private static zeroCounts(): FakeCounts {
    const ops = Object.fromEntries(OPS.map((op) => [op, 0])) as Record<FakeOp, number>;
    return { ...ops, total: 0, reads: 0, writes: 0, drive: 0, rateLimited: 0, quotaRejected: 0, faults: 0, errors: 0, byStatus: {} };
  }

  private book(id: string): Book {
    const b = this.books.get(id);
    if (!b) throw new Error(`No spreadsheet ${id}`);
    return b;
  }

  /** Strictly increasing clock so that every change gets a new modifiedTime. */
  private tick(): number {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return this.lastTime;
  }

  private touch(id: string): FakeFileMeta {
    const f = this.files.get(id) as DriveFile;
    f.modifiedTime = this.tick();
    f.version += 1;
    f.name = this.book(id).properties.title;
    return this.meta(id);
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private overQuota(bucket: QuotaBucket, now: number): boolean {
    const q = this.quota;
    const limit = q ? (bucket === 'reads' ? q.readsPerWindow : bucket === 'writes' ? q.writesPerWindow : q.drivePerWindow) : undefined;
    if (!q || limit === undefined) return false;
    const w = this.windows[bucket];
    const index = Math.floor(now / (q.windowMs as number));
    if (index !== w.index) {
      w.index = index;
      w.used = 0;
    }
    if (w.used >= limit) return true;
    w.used++;
    return false;
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrived = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const r = route(method, path);
    const info: RequestInfo = { method, op: r.op, path, query, ...(r.id !== undefined ? { id: r.id } : {}) };

    const entry: RequestLogEntry = {
      seq: ++this.seq,
      method,
      op: r.op,
      path,
      ...(r.id !== undefined ? { id: r.id } : {}),
      query: Object.fromEntries(
        [...new Set(query.keys())].map((k) => {
          const all = query.getAll(k);
          return [k, all.length === 1 ? (all[0] as string) : all];
        }),
      ),
      bodyBytes: raw.length,
      status: 0,
      at: arrived - this.started,
      ms: 0,
    };
    if (this.keepLog) this.requests.push(entry);
    const c = this.counters;
    c.total++;
    c[r.op]++;
    const bucket = bucketOf(r.op);
    c[bucket]++;

    const finish = (status: number) => {
      entry.status = status;
      entry.ms = performance.now() - arrived;
      const counts = this.counters;
      counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
      if (status >= 400) counts.errors++;
      if (status === 429) counts.rateLimited++;
    };
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      if (res.destroyed) return;
      this.send(res, status, body, headers);
      finish(status);
    };
    const latency = this.latency.min + Math.random() * (this.latency.max - this.latency.min);

    // 1. auth
    const authError = this.checkAuth(req, query, bucket);
    if (authError) {
      await this.delay(latency);
      reply(authError.code, authError.body());
      return;
    }
    // 2. quota (rejected requests do not use quota)
    if (this.overQuota(bucket, this.clock())) {
      entry.fault = 'quota';
      c.quotaRejected++;
      await this.delay(latency);
      const e = new ApiError(429, QUOTA_TEXT[bucket], 'RESOURCE_EXHAUSTED');
      reply(429, e.body(), this.quota?.retryAfterSec !== undefined ? { 'retry-after': String(this.quota.retryAfterSec) } : {});
      return;
    }
    // 3. faults
    const fault = this.pickFault(info);
    if (fault) {
      entry.fault = fault.kind;
      c.faults++;
    }
    if (fault?.kind === 'hang') {
      if (fault.ms === undefined) {
        // Never answer; the client has to time out. close() destroys the socket.
        return;
      }
      await this.delay(fault.ms);
    }
    await this.delay(latency);
    if (fault?.kind === 'forbidden') {
      const e = forbidden(fault.cause, bucket === 'drive' ? 'drive' : 'sheets');
      reply(e.code, e.body());
      return;
    }
    if (fault?.kind === 'status') {
      const e = canonical(fault.status, fault.message);
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      reply(fault.status, e.body(), headers);
      return;
    }
    // 4. the API itself
    let status = 200;
    let body: unknown;
    try {
      if (raw.length > MAX_PAYLOAD_BYTES) throw payloadTooLarge();
      body = this.dispatch(r, query, raw);
    } catch (e) {
      const err = e instanceof ApiError ? e : canonical(500, (e as Error).message);
      status = err.code;
      body = err.body();
    }
    if (res.destroyed) return;
    if (fault?.kind === 'truncated' || fault?.kind === 'reset') {
      const text = JSON.stringify(body);
      const half = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      if (fault.kind === 'truncated') {
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(half) });
        res.end(half);
        finish(200);
      } else {
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
        res.write(half);
        finish(200);
        setImmediate(() => res.destroy());
      }
      return;
    }
    if (fault?.kind === 'non-json') {
      const html = '<!DOCTYPE html><html><head><title>Error 502 (Server Error)!!1</title></head><body>502. That’s an error.</body></html>';
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'content-length': Buffer.byteLength(html) });
      res.end(html);
      finish(200);
      return;
    }
    reply(status, body);
  }

  private checkAuth(req: http.IncomingMessage, query: URLSearchParams, bucket: QuotaBucket): ApiError | undefined {
    if (this.authMode === 'any') return undefined;
    const bearer = /^Bearer\s+\S+/i.test(req.headers.authorization ?? '');
    if (bearer) return undefined;
    if (query.get('key')) {
      if (bucket !== 'writes') return undefined;
      return new ApiError(
        401,
        'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal. See https://cloud.google.com/docs/authentication',
        'UNAUTHENTICATED',
      );
    }
    return canonical(401);
  }

  private pickFault(info: RequestInfo): Fault | undefined {
    for (const rule of this.faultRules) {
      if (rule.remaining > 0 && matches(rule.match, info)) {
        rule.remaining--;
        rule.hits++;
        return rule.fault;
      }
    }
    return this.faultHook?.(info);
  }

  private parseBody(raw: Buffer): Json {
    if (raw.length === 0) return {};
    try {
      const v = JSON.parse(raw.toString('utf8')) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Json;
    } catch {
      // fall through
    }
    throw badRequest('Invalid JSON payload received.');
  }

  private sheetBook(id: string | undefined): Book {
    const b = id === undefined ? undefined : this.books.get(id);
    if (!b) throw canonical(404);
    return b;
  }

  private commit(id: string, out: sheets.WriteOutcome): unknown {
    this.books.set(id, out.book);
    if (out.changed) this.touch(id);
    return out.body;
  }

  private dispatch(r: Route, p: URLSearchParams, raw: Buffer): unknown {
    const id = r.id as string;
    switch (r.op) {
      case 'driveList':
        return listFiles(this.files.values(), p);
      case 'driveGet':
        if (!this.files.has(id)) throw fileNotFound(id);
        return getFile(this.files.get(id), id, p);
      case 'spreadsheetGet':
        return sheets.spreadsheetGet(this.sheetBook(id), p);
      case 'batchGet':
        return sheets.batchGet(this.sheetBook(id), p);
      case 'valuesGet':
        return sheets.valuesGet(this.sheetBook(id), r.range as string, p);
      case 'valuesUpdate':
        return this.commit(id, sheets.valuesUpdate(this.sheetBook(id), r.range as string, p, this.parseBody(raw)));
      case 'valuesAppend':
        return this.commit(id, sheets.valuesAppend(this.sheetBook(id), r.range as string, p, this.parseBody(raw)));
      case 'valuesClear':
        return this.commit(id, sheets.valuesClear(this.sheetBook(id), r.range as string));
      case 'valuesBatchUpdate':
        return this.commit(id, sheets.valuesBatchUpdate(this.sheetBook(id), p, this.parseBody(raw)));
      case 'valuesBatchClear':
        return this.commit(id, sheets.valuesBatchClear(this.sheetBook(id), this.parseBody(raw)));
      case 'batchUpdate':
        return this.commit(id, sheets.batchUpdate(this.sheetBook(id), this.parseBody(raw)));
      case 'spreadsheetCreate': {
        const newId = randomBytes(30).toString('base64url');
        const book = sheets.createBook(newId, this.parseBody(raw));
        const now = this.tick();
        this.books.set(newId, book);
        this.files.set(newId, {
          id: newId,
          name: book.properties.title,
          mimeType: SPREADSHEET_MIME,
          parents: ['root'],
          trashed: false,
          createdTime: now,
          modifiedTime: now,
          version: 1,
        });
        return sheets.spreadsheetResource(book);
      }
      default:
        throw canonical(404, 'Method not found.');
    }
  }
}

/** Starts a fake on 127.0.0.1 with a random port. */
export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogleServer> {
  return new FakeGoogleServer(options).listen();
}
