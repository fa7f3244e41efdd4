// Running a TypeScript benchmark part in a child Node process (through tsx, as the product runs),
// bounded in time, and reading the one JSON line it prints last.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = dirname(BENCH_DIR);

/** tsx's loader as an absolute URL: `--import tsx` alone resolves from the cwd. */
const TSX = import.meta.resolve('tsx');

export const tsxExecArgv = (extra: readonly string[] = []): string[] => [...extra, '--import', TSX];

/** Runs bench/<file> and parses the last stdout line as JSON. Kills the child after timeoutMs. */
export function runChildJson<T>(file: string, args: readonly string[], opts: { timeoutMs: number; nodeArgs?: readonly string[] }): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsxExecArgv(opts.nodeArgs), join(BENCH_DIR, file), ...args], {
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
export function forkChild(file: string, args: readonly string[] = []): ChildProcess {
  return fork(join(BENCH_DIR, file), [...args], { cwd: ROOT, execArgv: tsxExecArgv(), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
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
