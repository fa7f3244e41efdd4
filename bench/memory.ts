// The resident memory of an idle `okr serve`: the real CLI (`node bin/okr.js serve --source
// examples --port 0`) in a fresh working directory (so its PGlite database under .okr/ is new),
// measured after its first sync has finished and the process has settled.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './child.ts';

export const IDLE_RSS_TARGET_MB = 200;

export interface MemoryFigures {
  /** VmRSS of the serve process, idle after its first sync. */
  idleRssMb: number;
  /** VmHWM: its peak RSS up to then (the first sync included). */
  peakRssMb: number;
  /** From process start to the first sync's end. */
  firstSyncMs: number;
}

/** VmRSS / VmHWM of a process, from /proc (Linux). */
function procMemory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runMemoryBench(opts: { quick: boolean; log: (line: string) => void }): Promise<MemoryFigures> {
  const cwd = mkdtempSync(join(tmpdir(), 'okr-bench-serve-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/okr.js'), 'serve', '--source', join(ROOT, 'examples'), '--port', '0'], {
    cwd,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !['PORT', 'DATABASE_URL', 'OKR_TOKEN'].includes(k))),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`okr serve printed no URL within 180 s: ${err.trim()}`)), 180_000);
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /http:\/\/\S+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`okr serve exited (${code}): ${err.trim()}`));
      });
    });
    let firstSyncMs = Number.NaN;
    for (let i = 0; i < 1800; i++) {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { sync?: { lastSyncId: number | null; lastStatus: string | null } };
      if (health.sync?.lastStatus && health.sync.lastStatus !== 'skipped') {
        firstSyncMs = performance.now() - started;
        break;
      }
      await sleep(100);
    }
    if (!Number.isFinite(firstSyncMs)) throw new Error('the first sync did not finish within 180 s');
    // Idle: no request, no sync; let timers and the allocator settle.
    await sleep(opts.quick ? 1_000 : 3_000);
    const pid = child.pid as number;
    const { rssMb, hwmMb } = procMemory(pid);
    opts.log(`memory: okr serve idle after its first sync: ${rssMb.toFixed(0)} MB RSS (peak ${hwmMb.toFixed(0)} MB)`);
    return { idleRssMb: rssMb, peakRssMb: hwmMb, firstSyncMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(cwd, { recursive: true, force: true });
  }
}
