// Test plumbing for the add-on: a fake Apps Script with the add-on's HTML files, installed on
// globalThis around each test (the add-on's modules read the services as globals, as in Apps Script).
import { afterEach, beforeEach } from 'vitest';
import type { AppsScriptFake, AppsScriptFakeOptions } from '../fakes/apps-script/index.ts';
import { createAddonFake } from './harness-core.ts';

export { createAddonFake, grid, SIDEBAR_HTML } from './harness-core.ts';

/** A fresh fake installed for each test of the calling suite; call the returned function for it. */
export function useAddonFake(options: AppsScriptFakeOptions | (() => AppsScriptFakeOptions) = {}): () => AppsScriptFake {
  let fake: AppsScriptFake | undefined;
  beforeEach(() => {
    fake = createAddonFake(typeof options === 'function' ? options() : options);
    fake.install();
  });
  afterEach(() => {
    fake?.uninstall();
    fake = undefined;
  });
  return () => {
    if (!fake) throw new Error('useAddonFake: no fake outside a test');
    return fake;
  };
}
