/**
 * In-memory fake of the Apps Script services a Sheets editor add-on uses. Cell contents live in
 * HyperFormula (formulas evaluate, structural edits re-point references); every Range-level call
 * is counted; AuthMode.NONE refuses data access. Typical use:
 *
 *   const fake = createAppsScriptFake({ sheets: { OKRs: rows }, authMode: 'FULL' });
 *   const uninstall = fake.install();          // or vm.runInContext(bundle, fake.createVmContext())
 *   const cost = fake.counters.measure(() => addon.someAction());
 *   expect(fake.sheetValues('OKRs')).toEqual(...);
 *   uninstall();
 */
import vm from 'node:vm';
import type { HyperFormula } from 'hyperformula';
import { FakeSpreadsheetApp } from './app.ts';
import { type AuthModeName, FakeContext, type LogEntry, type Toast } from './context.ts';
import type { Counters } from './counters.ts';
import { FakeHtmlService } from './html.ts';
import { FakeLockService, type LockKind, type LockState, newLockState } from './lock.ts';
import { FakePropertiesService, type PropertyStores } from './properties.ts';
import { FakeLogger, FakeScriptApp, FakeSession, type FakeUser, FakeUtilities, makeConsole } from './services.ts';
import { type FakeSheet, sheetFacade } from './sheet.ts';
import type { SheetModel } from './sheet-model.ts';
import { type FakeSpreadsheet, spreadsheetFacade } from './spreadsheet.ts';
import { FakeUi } from './ui.ts';
import type { ScriptValue } from './values.ts';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, Workbook } from './workbook.ts';

export type { AuthModeName, LogEntry, Toast } from './context.ts';
export type { CounterView, Counters, Measurement } from './counters.ts';
export type { LockKind, LockState } from './lock.ts';
export type { MenuEntry, MenuItem, RecordedMenu, ShownDialog, DialogCall } from './ui.ts';
export type { ScriptValue } from './values.ts';
export type { FakeSpreadsheet } from './spreadsheet.ts';
export type { FakeSheet } from './sheet.ts';
export type { FakeRange } from './range.ts';
export type { FakeUi, FakeMenu, FakePromptResponse } from './ui.ts';
export type { FakeHtmlOutput, FakeHtmlTemplate } from './html.ts';
export type { FakeProtection } from './protection.ts';
export type { FakeDataValidation, FakeConditionalFormatRule } from './rules.ts';
export { AppsScriptException } from './errors.ts';
export { AuthMode, Button, ButtonSet, ProtectionType } from './enums.ts';

export interface AppsScriptFakeOptions {
  /** Initial AuthMode (default 'FULL'); change later with setAuthMode/makeOpenEvent. */
  authMode?: AuthModeName;
  /** Session.getActiveUser() email (default 'user@example.com'). */
  user?: string;
  /** Session.getEffectiveUser() email (default: `user`). */
  effectiveUser?: string;
  /** Spreadsheet time zone (default 'UTC'): Dates <-> serials, TODAY()/NOW(). */
  timeZone?: string;
  /** Session.getScriptTimeZone() (default: `timeZone`). */
  scriptTimeZone?: string;
  locale?: string;
  /** Clock for TODAY()/NOW() and, in createVmContext, for `new Date()`/`Date.now()` (default: real clock). */
  now?: () => Date;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Initial sheets in order, name -> rows written from A1 like setValues. Default: one empty 'Sheet1'. */
  sheets?: Record<string, unknown[][]>;
  /** Files for HtmlService.createHtmlOutputFromFile / createTemplateFromFile, name -> HTML. */
  htmlFiles?: Record<string, string>;
  /** Caption of the add-on menu (createAddonMenu). Default 'Add-on'. */
  addonName?: string;
  scriptId?: string;
  /** Also print Logger/console output (default false: recorded in fake.logs only). */
  echoLogs?: boolean;
}

export interface AppsScriptGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  Session: FakeSession;
  HtmlService: FakeHtmlService;
  ScriptApp: FakeScriptApp;
  Utilities: FakeUtilities;
  Logger: FakeLogger;
  console: ReturnType<typeof makeConsole>;
}

/** What Apps Script passes to onOpen(e) / onInstall(e). */
export interface OpenEvent {
  authMode: AuthModeName;
  source: FakeSpreadsheet;
  user: FakeUser;
}

export interface LockControl {
  /** Simulates another execution holding (or releasing) the lock: waitLock then throws "Lock timeout", tryLock returns false. */
  holdByOther(kind: LockKind, held?: boolean): void;
  state(kind: LockKind): Readonly<LockState>;
}

export interface AppsScriptFake {
  readonly globals: AppsScriptGlobals;
  readonly counters: Counters;
  /** The active spreadsheet's facade (calls on it are counted like the script's). */
  readonly spreadsheet: FakeSpreadsheet;
  readonly hf: HyperFormula;
  readonly ui: FakeUi;
  /** Raw property stores, for seeding and inspecting (not counted, no auth checks). */
  readonly properties: PropertyStores;
  readonly locks: LockControl;
  readonly logs: readonly LogEntry[];
  readonly toasts: readonly Toast[];
  readonly authMode: AuthModeName;
  setAuthMode(mode: AuthModeName): void;
  /** Puts the globals on globalThis; returns (and registers) the matching uninstall. */
  install(): () => void;
  uninstall(): void;
  /** A fresh vm context holding the globals; the fake then hands that realm's Dates to the script. */
  createVmContext(extra?: Record<string, unknown>): vm.Context;
  /** Sets the auth mode and returns the event object Apps Script would pass to onOpen. */
  makeOpenEvent(authMode?: AuthModeName): OpenEvent;
  makeInstallEvent(authMode?: AuthModeName): OpenEvent;
  // Test conveniences: uncounted, no auth checks, Dates from this realm.
  /** Evaluated grid from A1 to the last row/column with content ([] when empty). */
  sheetValues(name: string): ScriptValue[][];
  sheetFormulas(name: string): string[][];
  sheetDisplayValues(name: string): string[][];
  /** Writes rows from A1 (creating the sheet if needed) the way setValues would. */
  setSheetValues(name: string, rows: unknown[][]): void;
  setActiveSheet(name: string): FakeSheet;
  /** The Sheet facade by name (its calls ARE counted when used). */
  sheet(name: string): FakeSheet;
}

const GLOBAL_KEYS = ['SpreadsheetApp', 'PropertiesService', 'LockService', 'Session', 'HtmlService', 'ScriptApp', 'Utilities', 'Logger', 'console'] as const;

function padRows(rows: unknown[][]): unknown[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array<unknown>(width - r.length).fill(null)]);
}

/** Writes rows at A1, growing the grid as needed (test setup path). */
function seed(book: Workbook, name: string, rows: unknown[][]): SheetModel {
  const padded = padRows(rows);
  const width = padded[0]?.length ?? 0;
  const sheet = book.findSheet(name) ?? book.addSheet(name, undefined, Math.max(DEFAULT_ROWS, padded.length), Math.max(DEFAULT_COLUMNS, width));
  sheet.ensureRows(padded.length);
  if (width > sheet.maxColumns) sheet.maxColumns = width;
  if (padded.length > 0 && width > 0) sheet.writeValues({ r0: 0, c0: 0, r1: padded.length - 1, c1: width - 1 }, padded);
  return sheet;
}

export function createAppsScriptFake(options: AppsScriptFakeOptions = {}): AppsScriptFake {
  const user = options.user ?? 'user@example.com';
  const timeZone = options.timeZone ?? 'UTC';
  const locale = options.locale ?? 'en_US';
  const ctx = new FakeContext(options.authMode ?? 'FULL', options.now ?? (() => new Date()), user, options.effectiveUser ?? user, options.echoLogs ?? false);
  const book = new Workbook(ctx, {
    id: options.spreadsheetId ?? 'fake-spreadsheet-id',
    name: options.spreadsheetName ?? 'Untitled spreadsheet',
    timeZone,
    locale,
  });
  const initial = options.sheets ?? { Sheet1: [] };
  for (const [name, rows] of Object.entries(initial)) seed(book, name, rows);
  if (book.sheets.length === 0) book.addSheet('Sheet1');

  const ui = new FakeUi(options.addonName ?? 'Add-on');
  const stores: PropertyStores = { document: new Map(), user: new Map(), script: new Map() };
  const lockStates: Record<LockKind, LockState> = { document: newLockState(), script: newLockState(), user: newLockState() };

  const globals: AppsScriptGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(book, ui),
    PropertiesService: new FakePropertiesService(ctx, stores),
    LockService: new FakeLockService(ctx, lockStates),
    Session: new FakeSession(ctx, options.scriptTimeZone ?? timeZone, locale.split('_')[0] ?? 'en'),
    HtmlService: new FakeHtmlService(options.htmlFiles ?? {}, ctx),
    ScriptApp: new FakeScriptApp(options.scriptId ?? 'fake-script-id'),
    Utilities: new FakeUtilities(),
    Logger: new FakeLogger(ctx),
    console: makeConsole(ctx),
  };

  const sheetNamed = (name: string): SheetModel => {
    const sheet = book.findSheet(name);
    if (!sheet) throw new Error(`No sheet named ${name}`);
    return sheet;
  };
  const dataRect = (sheet: SheetModel) => {
    const { lastRow, lastColumn } = sheet.extent();
    return lastRow === 0 ? undefined : { r0: 0, c0: 0, r1: lastRow - 1, c1: lastColumn - 1 };
  };

  let uninstallCurrent: (() => void) | undefined;

  const makeEvent = (authMode?: AuthModeName): OpenEvent => {
    if (authMode) ctx.authMode = authMode;
    const email = ctx.activeUser;
    return { authMode: ctx.authMode, source: spreadsheetFacade(book), user: { getEmail: () => email } };
  };

  const fake: AppsScriptFake = {
    globals,
    counters: ctx.counters,
    spreadsheet: spreadsheetFacade(book),
    hf: book.hf,
    ui,
    properties: stores,
    locks: {
      holdByOther(kind, held = true) {
        lockStates[kind].heldByOther = held;
      },
      state: (kind) => lockStates[kind],
    },
    logs: ctx.logs,
    toasts: ctx.toasts,
    get authMode() {
      return ctx.authMode;
    },
    setAuthMode(mode) {
      ctx.authMode = mode;
    },
    install() {
      if (uninstallCurrent) throw new Error('The Apps Script fake is already installed on globalThis.');
      const g = globalThis as Record<string, unknown>;
      const saved = GLOBAL_KEYS.map((key) => [key, Object.getOwnPropertyDescriptor(g, key)] as const);
      for (const key of GLOBAL_KEYS) Object.defineProperty(g, key, { value: globals[key], configurable: true, writable: true, enumerable: false });
      uninstallCurrent = () => {
        for (const [key, descriptor] of saved) {
          if (descriptor) Object.defineProperty(g, key, descriptor);
          else delete g[key];
        }
        uninstallCurrent = undefined;
      };
      return uninstallCurrent;
    },
    uninstall() {
      uninstallCurrent?.();
    },
    createVmContext(extra = {}) {
      const context = vm.createContext({ ...globals, ...extra });
      const RealmDate = vm.runInContext('Date', context) as DateConstructor;
      ctx.DateCtor = RealmDate;
      ctx.templateScope = context;
      if (options.now) {
        // Scripts in the context see the fake clock for `new Date()` and `Date.now()`.
        const now = options.now;
        // A Proxy (not a subclass) keeps `Date()` callable and `instanceof Date` true.
        vm.runInContext(
          `((now) => {
             globalThis.Date = new Proxy(Date, {
               construct: (D, args, target) => Reflect.construct(D, args.length === 0 ? [now().getTime()] : args, target),
               get: (D, key, receiver) => (key === 'now' ? () => now().getTime() : Reflect.get(D, key, receiver)),
             });
           })(__fakeNow);`,
          Object.assign(context, { __fakeNow: now }),
        );
        delete (context as Record<string, unknown>).__fakeNow;
        ctx.DateCtor = vm.runInContext('Date', context) as DateConstructor;
      }
      return context;
    },
    makeOpenEvent: makeEvent,
    makeInstallEvent: makeEvent,
    sheetValues(name) {
      const sheet = sheetNamed(name);
      const rect = dataRect(sheet);
      return rect ? sheet.readValues(rect, (ms) => new Date(ms)) : [];
    },
    sheetFormulas(name) {
      const sheet = sheetNamed(name);
      const rect = dataRect(sheet);
      return rect ? sheet.readFormulas(rect) : [];
    },
    sheetDisplayValues(name) {
      const sheet = sheetNamed(name);
      const rect = dataRect(sheet);
      return rect ? sheet.readDisplayValues(rect) : [];
    },
    setSheetValues(name, rows) {
      seed(book, name, rows);
    },
    setActiveSheet(name) {
      const sheet = sheetNamed(name);
      book.active = sheet;
      return sheetFacade(sheet);
    },
    sheet(name) {
      return sheetFacade(sheetNamed(name));
    },
  };
  return fake;
}

/** The onOpen/onInstall event for `fake` in `authMode` (also switches the fake to that mode). */
export function makeOpenEvent(fake: AppsScriptFake, authMode?: AuthModeName): OpenEvent {
  return fake.makeOpenEvent(authMode);
}
