// A new PGlite folder is created (Postgres' initdb) in a child process. Creating a cluster runs
// far more of PGlite's WebAssembly than opening one, and what that leaves behind (compiled code,
// allocator arenas) stays with the process that did it: an `okr serve` that ran initdb itself
// idled about 150 MB above one that opened an existing folder.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** initdb takes seconds; a child still running after this is not going to finish. */
const INIT_TIMEOUT_MS = 180_000;
const SCRIPT = 'const [url, dir] = process.argv.slice(1); const { PGlite } = await import(url); await (await PGlite.create(dir)).close();';

/**
 * Creates the database in `dir` from a child process when `dir` holds none yet (an empty folder).
 * Returns whether it did. On any failure (the deadline, `signal`) the folder is emptied again, and
 * the caller's own PGlite.create does the work (and reports any real error).
 */
export async function createPgliteInChild(dir: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
  if (readdirSync(dir).length > 0) return false;
  const url = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  try {
    await run(process.execPath, ['--input-type=module', '-e', SCRIPT, url, dir], { timeout: opts.timeoutMs ?? INIT_TIMEOUT_MS, ...(opts.signal ? { signal: opts.signal } : {}) });
    return existsSync(path.join(dir, 'PG_VERSION'));
  } catch {
    for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    return false;
  }
}
