#!/usr/bin/env node
// The `okr` command. A checkout needs no build step: on every start the TypeScript sources are
// bundled with esbuild (about a tenth of a second, so the bundle is never older than the sources)
// and run by plain Node. Loading each module through tsx's loader instead cost an idle `okr serve`
// about 80 MB more and a slower start. Where the bundle cannot be written, the sources run
// through tsx.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, READ_WORKER, TSCONFIG } from './bundle.js';

let entry = null;
try {
  entry = join(await bundle({ okr: 'sync-service/cli/main.ts', ...READ_WORKER }, 'okr-sheets'), 'okr.mjs');
} catch {
  entry = null;
}
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  // The tsconfig is named explicitly so JSX (hono/jsx) compiles from any working directory.
  register({ tsconfig: TSCONFIG });
  await import('../sync-service/cli/main.ts');
}
