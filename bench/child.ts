// Running a TypeScript benchmark part in a child Node process, bundled by esbuild and run by plain
// Node as `okr` runs (bin/bundle.js), bounded in time, and reading the one JSON line it prints last.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, READ_WORKER } from '../bin/bundle.js';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = dirname(BENCH_DIR);

/** bench/<file> bundled (with the workbook reader's worker beside it): the path to run. */
async function bundled(file: string): Promise<string> {
  const name = basename(file).replace(/\.ts$/, '');
  return join(await bundle({ [name]: join('bench', file), ...READ_WORKER }, 'okr-sheets-bench'), `${name}.mjs`);
}

/** Runs bench/<file> and parses the last stdout line as JSON. Kills the child after timeoutMs. */
export async function runChildJson<T>(file: string, args: readonly string[], opts: { timeoutMs: number; nodeArgs?: readonly string[] }): Promise<T> {
  const script = await bundled(file);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')} took longer than ${opts.timeoutMs} ms and was stopped`));
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${file} exited with ${signal ?? code}: ${err.trim().split('\n').slice(-5).join('\n')}`));
        return;
      }
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no JSON line: ${JSON.stringify(out.slice(-200))}`));
      }
    });
  });
}

/** Forks bench/<file> with an IPC channel (for long-lived helpers such as a server). */
export async function forkChild(file: string, args: readonly string[] = []): Promise<ChildProcess> {
  return fork(await bundled(file), [...args], { cwd: ROOT, execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** The first IPC message matching `pick`, or an error after timeoutMs or when the child exits. */
export function nextMessage<T>(child: ChildProcess, pick: (m: unknown) => m is T, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: unknown) => {
      if (!pick(m)) return;
      done();
      resolve(m);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`child exited (${code}) before answering`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`child did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
