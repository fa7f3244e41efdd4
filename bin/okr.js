#!/usr/bin/env node
// The `okr` command. A checkout needs no build step: on every start the TypeScript sources are
// bundled with esbuild (about a tenth of a second, so the bundle is never older than the sources)
// into node_modules/.cache/okr-sheets and run by plain Node. Loading each module through tsx's
// loader instead cost an idle `okr serve` about 90 MB more and a slower start. Where that folder
// cannot be written, the sources run through tsx.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsconfig = join(root, 'tsconfig.json');

/** Bundles the CLI and the workbook-reading worker; returns the CLI bundle's path. */
async function bundle() {
  const esbuild = await import('esbuild');
  // Inside the project, so the bundles' package imports resolve to its node_modules.
  const outdir = join(root, 'node_modules', '.cache', 'okr-sheets');
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      // read-worker.mjs beside okr.mjs: sources/read-pool.ts starts its worker from that name.
      entryPoints: { okr: 'sync-service/cli/main.ts', 'read-worker': 'sync-service/sources/read-worker.ts' },
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig,
      // Linked, so `node --enable-source-maps` shows TypeScript lines; not loaded otherwise.
      sourcemap: 'linked',
      write: false,
      logLevel: 'silent',
    });
    mkdirSync(outdir, { recursive: true });
    for (const file of result.outputFiles) {
      let same = false;
      try {
        same = readFileSync(file.path).equals(file.contents);
      } catch {}
      if (same) continue;
      // Another okr starting at the same moment reads either the old file or the new one, whole.
      const temp = `${file.path}.${process.pid}.tmp`;
      writeFileSync(temp, file.contents);
      renameSync(temp, file.path);
    }
    return join(outdir, 'okr.mjs');
  } finally {
    // esbuild keeps a helper process for later builds: there are none.
    await esbuild.stop();
  }
}

let entry = null;
try {
  entry = await bundle();
} catch {
  entry = null;
}
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  // The tsconfig is named explicitly so JSX (hono/jsx) compiles from any working directory.
  register({ tsconfig });
  await import('../sync-service/cli/main.ts');
}
