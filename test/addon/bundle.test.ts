// The built bundle, loaded the way Apps Script loads it: one script evaluated in a fresh global
// scope holding the services, then triggers, menu items and google.script.run calling top-level
// functions by name.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { buildAddon, GLOBAL_NAME, noNodeBuiltins, OUT_DIR, stubs } from '../../apps-script/build.ts';
import * as entry from '../../apps-script/main.ts';
import type { SaveResult, SidebarData } from '../../apps-script/sidebar/contract.ts';
import { DEFAULT_CHECKINS_TAB } from '../../shared/columns.ts';
import { createAddonFake } from './harness.ts';

const ENTRY_POINTS = Object.keys(entry).sort();
let code = '';

beforeAll(async () => {
  // The same build `npm run build` runs (without the sidebar, which is not this bundle).
  const built = await buildAddon({ sidebar: false });
  code = await readFile(join(OUT_DIR, 'Code.js'), 'utf8');
  expect(built.code).toBe(code);
  expect(built.entryPoints).toEqual(ENTRY_POINTS);
}, 60_000);

function load(fake: ReturnType<typeof createAddonFake>): vm.Context & Record<string, (...args: unknown[]) => unknown> {
  const context = fake.createVmContext();
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context as vm.Context & Record<string, (...args: unknown[]) => unknown>;
}

describe('dist/addon/Code.js', () => {
  it('is one small script with no Node modules', async () => {
    expect(Buffer.byteLength(code)).toBeLessThan(100 * 1024);
    expect(code).not.toMatch(/\brequire\(|\bimport\(|^import |^export /m);
    const manifest = JSON.parse(await readFile(join(OUT_DIR, 'appsscript.json'), 'utf8')) as { runtimeVersion: string; oauthScopes: string[] };
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
  });

  it('defines every entry point as a top-level function, and nothing else, without calling a service', () => {
    const fake = createAddonFake();
    const context = load(fake);
    for (const name of ENTRY_POINTS) expect(typeof context[name], name).toBe('function');
    const globals = new Set(Object.keys(fake.globals));
    const defined = Object.getOwnPropertyNames(context).filter((k) => !globals.has(k));
    expect(defined.sort()).toEqual([GLOBAL_NAME, ...ENTRY_POINTS].sort());
    expect(fake.counters.calls).toBe(0);
  });

  it('onOpen in AuthMode.NONE builds the menu, and every item names a top-level function', () => {
    const fake = createAddonFake();
    const context = load(fake);
    context.onOpen!(fake.makeOpenEvent('NONE'));
    expect(fake.ui.menuItems().map((i) => i.caption)).toContain('Score key results…');
    expect(fake.ui.missingMenuHandlers(context)).toEqual([]);
    expect(fake.counters.deniedInNoneMode).toEqual([]);
    expect(fake.counters.rangeCalls).toBe(0);
  });

  it('runs the add-on end to end: template, sidebar load and save, quality check', () => {
    const fake = createAddonFake({
      now: () => new Date('2026-02-15T12:00:00Z'),
    });
    const context = load(fake);
    fake.setAuthMode('FULL');
    context.insertTeamOkrs!();
    const data = context.sidebarLoad!() as SidebarData;
    if (!data.ok) throw new Error(data.message);
    const first = data.objectives[0]!.keyResults[0]!;
    const saved = context.sidebarSave!({
      sheetName: data.sheetName,
      changes: [
        {
          krId: first.id,
          row: first.row,
          rowVersion: first.rowVersion,
          current: 0.5,
          confidence: 0.6,
          note: 'from the bundle',
        },
      ],
    }) as SaveResult;
    expect(saved).toMatchObject({ ok: true, saved: 1 });
    if (!saved.ok) return;
    const after = saved.data.ok ? saved.data.objectives[0]!.keyResults[0]! : null;
    expect(after).toMatchObject({
      current: 0.5,
      confidence: 0.6,
      history: [
        {
          after: '0.5',
          note: 'from the bundle',
          timestamp: '2026-02-15T12:00:00.000Z',
        },
      ],
    });
    expect(fake.sheetValues(DEFAULT_CHECKINS_TAB)).toHaveLength(2);
    expect(context.checkOkrQuality!()).toMatchObject({
      isOkrTable: true,
      problems: [],
    });
  });
});

describe('the build', () => {
  it('fails when the add-on imports a Node module', async () => {
    const attempt = (contents: string) =>
      build({
        stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
        bundle: true,
        write: false,
        platform: 'neutral',
        logLevel: 'silent',
        plugins: [noNodeBuiltins],
      });
    await expect(attempt("import { readFileSync } from 'node:fs'; export const x = readFileSync;")).rejects.toThrow(/is a Node module/);
    await expect(attempt("import crypto from 'crypto'; export const x = crypto;")).rejects.toThrow(/is a Node module/);
    await expect(attempt("import { cellText } from './shared/values.ts'; export const x = cellText;")).resolves.toBeTruthy();
  });

  it('generates one forwarding top-level function per entry point', () => {
    expect(stubs(['onOpen', 'sidebarSave'])).toBe(
      `function onOpen(...args) { return ${GLOBAL_NAME}.onOpen(...args); }\nfunction sidebarSave(...args) { return ${GLOBAL_NAME}.sidebarSave(...args); }`,
    );
  });
});
