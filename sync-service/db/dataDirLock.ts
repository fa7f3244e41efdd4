// A lock file next to a PGlite data folder. PGlite is one process's private Postgres: a second
// process opening the same folder would corrupt it, so say so plainly instead.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export function acquireDataDirLock(dir: string): DataDirLock {
  const file = `${dir}.lock`;
  // Two rounds: the second follows removing a lock left by a process that is gone.
  for (let round = 0; round < 2; round++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder === undefined && justCreated(file)) {
        // Another process is between creating the file and writing its pid.
        throw new Error(`The database folder ${dir} is being opened by another process.`);
      }
      if (holder !== undefined && isAlive(holder)) {
        const who = holder === process.pid ? 'this process (opened twice)' : `process ${holder}`;
        throw new Error(
          `The database folder ${dir} is in use by ${who}. PGlite serves one process only: ` +
            `while \`okr serve\` runs, ask it to sync with POST /api/sync (Authorization: Bearer $OKR_TOKEN); ` +
            `or stop the other one, or use a Postgres server (DATABASE_URL) to share. ` +
            `If no such process exists, delete ${file}.`,
        );
      }
      removeQuietly(file);
      continue;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    const onExit = () => removeIfOurs(file);
    process.on('exit', onExit);
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        process.off('exit', onExit);
        removeIfOurs(file);
      },
    };
  }
  throw new Error(`Could not lock the database folder ${dir} (${file} keeps reappearing).`);
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function justCreated(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 5_000;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfOurs(file: string): void {
  if (readHolder(file) === process.pid) removeQuietly(file);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
