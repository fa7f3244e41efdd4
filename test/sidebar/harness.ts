// Runs the built sidebar in real Chromium against the add-on's real server functions, which run
// here in Node against the fake Apps Script (HyperFormula-backed). The page's google.script.run
// is a shim that forwards each call over page.exposeFunction, with Apps Script's rules for what
// may cross (no Dates, functions or class instances), and records it.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Server from '../../apps-script/main.ts';
import { SETTINGS_PROPERTY } from '../../apps-script/settings.ts';
import { buildSidebarHtml } from '../../apps-script/sidebar/build.ts';
import { COLUMNS, type ColumnKey } from '../../shared/columns.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import type { KeyResult } from '../../shared/schemas.ts';
import type { Cell } from '../../shared/values.ts';
import { type AppsScriptFake, type AppsScriptFakeOptions, createAppsScriptFake } from '../fakes/apps-script/index.ts';

export { launchChromium } from '../browser.ts';

/** Serves the sidebar HTML (and nothing else) on 127.0.0.1. */
export async function serveSidebar(html?: string): Promise<{ url: string; html: string; close: () => Promise<void> }> {
  const page = html ?? (await buildSidebarHtml());
  const server = http.createServer((req, res) => {
    if (req.url === '/' || req.url === '/Sidebar.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    html: page,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

type ServerName = keyof typeof Server;

export interface ServerCall {
  name: string;
  args: unknown[];
  result?: unknown;
  error?: string;
}

/** Apps Script refuses Dates, functions and class instances across google.script.run. */
export function assertLegalForScriptRun(value: unknown, path = 'value'): void {
  if (value === null || value === undefined) return;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return;
  if (t === 'function') throw new Error(`${path} is a function: google.script.run cannot pass it`);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertLegalForScriptRun(v, `${path}[${i}]`);
    return;
  }
  if (t === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new Error(`${path} is a ${(value as object).constructor?.name ?? 'class instance'}: google.script.run cannot pass it`);
    for (const [k, v] of Object.entries(value as object)) assertLegalForScriptRun(v, `${path}.${k}`);
    return;
  }
  throw new Error(`${path} has type ${t}: google.script.run cannot pass it`);
}

// The page's google.script.run: each call goes to __okrServer(name, args) (exposed from Node).
const SCRIPT_RUN_SHIM = `(() => {
  const runner = (ok, fail) => new Proxy({}, {
    get(_target, name) {
      if (name === 'withSuccessHandler') return (fn) => runner(fn, fail);
      if (name === 'withFailureHandler') return (fn) => runner(ok, fn);
      if (name === 'withUserObject') return () => runner(ok, fail);
      return (...args) => {
        window.__okrServer(String(name), args).then(
          (value) => { if (ok) ok(value); },
          (error) => { if (fail) fail(error); },
        );
      };
    },
  });
  window.google = { script: { run: runner() } };
})();`;

export interface SidebarSession {
  page: Page;
  context: BrowserContext;
  calls: ServerCall[];
  /** Requests to anything but this 127.0.0.1 server (aborted). */
  blocked: string[];
  consoleErrors: string[];
  dialogs: string[];
  callsTo(name: ServerName): ServerCall[];
  close(): Promise<void>;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  deviceScaleFactor?: number;
  /** Runs before each server call reaches the server (e.g. to change the sheet behind the sidebar's back). */
  beforeCall?: (name: string, args: unknown[]) => void;
}

/** Opens the sidebar in a fresh context whose google.script.run reaches the real server functions. */
export async function openSidebar(browser: Browser, url: string, opts: OpenOptions = {}): Promise<SidebarSession> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 300, height: opts.height ?? 800 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    serviceWorkers: 'block',
  });
  const origin = new URL(url).origin;
  const calls: ServerCall[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];

  await context.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested.startsWith(`${origin}/`)) return route.continue();
    blocked.push(requested);
    return route.abort('blockedbyclient');
  });
  await context.exposeFunction('__okrServer', (name: string, args: unknown[]) => {
    const call: ServerCall = { name, args };
    calls.push(call);
    try {
      assertLegalForScriptRun(args, `${name} arguments`);
      const fn = (Server as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
      opts.beforeCall?.(name, args);
      const result = (fn as (...a: unknown[]) => unknown)(...args);
      assertLegalForScriptRun(result, `${name} result`);
      call.result = result;
      return result;
    } catch (e) {
      call.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  });
  await context.addInitScript(SCRIPT_RUN_SHIM);

  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  return {
    page,
    context,
    calls,
    blocked,
    consoleErrors,
    dialogs,
    callsTo: (name) => calls.filter((c) => c.name === name),
    close: () => context.close(),
  };
}

// ---- The spreadsheet side ----

export interface PeriodSettings {
  team?: string;
  period?: string;
  start?: string;
  end?: string;
  syncUrl?: string;
}

/**
 * A fake spreadsheet installed on globalThis, with the team template inserted through the
 * add-on's own insertTeamOkrs (so the formulas are the add-on's) and the settings it reads.
 */
export function spreadsheetWithTeamOkrs(settings: PeriodSettings = {}, options: AppsScriptFakeOptions = {}): AppsScriptFake {
  const fake = createAppsScriptFake({ user: 'ana@example.com', spreadsheetName: 'Growth OKRs', ...options });
  fake.install();
  fake.properties.document.set(
    SETTINGS_PROPERTY,
    JSON.stringify({ team: '', period: '', start: '', end: '', mission: '', syncUrl: '', ...settings }),
  );
  Server.insertTeamOkrs();
  return fake;
}

export const column = (key: ColumnKey): number => COLUMNS.findIndex((c) => c.key === key) + 1;

/** The OKR tab as the domain core reads it (from the fake's evaluated values). */
export function readTable(fake: AppsScriptFake, tab = 'OKRs') {
  return parseOkrTable(fake.sheetValues(tab) as Cell[][], { tab });
}

export function keyResult(fake: AppsScriptFake, krId: string, tab = 'OKRs'): KeyResult {
  const kr = readTable(fake, tab).objectives.flatMap((o) => o.keyResults).find((k) => k.id === krId);
  if (!kr) throw new Error(`no key result ${krId} on ${tab}`);
  return kr;
}

/** Sets one cell the way a person editing the sheet would (uncounted by the test's assertions). */
export function setCell(fake: AppsScriptFake, tab: string, row: number, col: number, value: Cell): void {
  fake.sheet(tab).getRange(row, col).setValue(value as never);
}

/**
 * The rows of each worksheet of an example workbook (examples/*.xlsx), ready for the fake:
 * formula cells as their '=…' formula (HyperFormula recomputes them), the rest as values.
 * With `cached`, formula cells give the result Sheets stored in the file instead.
 */
export async function exampleWorkbookSheets(path: string, opts: { cached?: boolean } = {}): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  const bytes = await readFile(path);
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheets: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: unknown[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(exampleCell(row.getCell(c), opts.cached ?? false));
      rows.push(cells);
    }
    sheets[ws.name] = rows;
  }
  return sheets;
}

function exampleCell(cell: ExcelJS.Cell, cached: boolean): unknown {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  // `cell.result`, not `cell.value.result` (which drops a 0).
  if (cell.type === ExcelJS.ValueType.Formula) return cell.formula && !cached ? `=${cell.formula}` : (cell.result ?? null);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return cell.text;
}
