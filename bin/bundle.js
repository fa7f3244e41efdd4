// Bundles TypeScript entry points with esbuild into a folder under node_modules/.cache, for plain
// Node to run: what `okr` runs (bin/okr.js), and what the benchmark measures (bench/child.ts).
// Packages stay imports, resolved from the project's node_modules.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TSCONFIG = join(ROOT, 'tsconfig.json');
/** The workbook reader's worker: sync-service/sources/read-pool.ts starts `read-worker.mjs` beside the code that runs it. */
export const READ_WORKER = { 'read-worker': 'sync-service/sources/read-worker.ts' };

/**
 * Bundles `entries` (output name → path from the project root) into node_modules/.cache/<folder>
 * as `<name>.mjs`, and returns that folder. Files that did not change are not rewritten, and each
 * changed one is replaced whole, so another process starting at the same moment reads either the
 * old file or the new one.
 */
export async function bundle(entries, folder) {
  const esbuild = await import('esbuild');
  const outdir = join(ROOT, 'node_modules', '.cache', folder);
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: entries,
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: TSCONFIG,
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
      const temp = `${file.path}.${process.pid}.tmp`;
      writeFileSync(temp, file.contents);
      renameSync(temp, file.path);
    }
    return outdir;
  } finally {
    // esbuild keeps a helper process for later builds: there are none.
    await esbuild.stop();
  }
}
