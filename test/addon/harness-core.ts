// The add-on's fake Apps Script, without vitest (the benchmark uses it too).

import type { Cell } from '../../shared/values.ts';
import { type AppsScriptFake, type AppsScriptFakeOptions, createAppsScriptFake } from '../fakes/apps-script/index.ts';

export const SIDEBAR_HTML = '<!DOCTYPE html><html><body><div id="app">sidebar</div></body></html>';

export function createAddonFake(options: AppsScriptFakeOptions = {}): AppsScriptFake {
  return createAppsScriptFake({
    htmlFiles: { Sidebar: SIDEBAR_HTML },
    addonName: 'OKR Sheets',
    ...options,
  });
}

/** The grid as getValues() would return it (Dates and all), for the shared parser. */
export function grid(fake: AppsScriptFake, sheet: string): Cell[][] {
  return fake.sheetValues(sheet) as Cell[][];
}
