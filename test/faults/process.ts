// Real `okr` processes for the crash and two-instance tests: spawned with `node bin/okr.js …`,
// their output collected line by line, waited on, and always killed by the test that started them.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const BIN = path.resolve('bin/okr.js');

export interface OkrProcess {
  child: ChildProcess;
  readonly pid: number;
  /** Every line written so far (stdout and stderr, in arrival order per stream). */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the first line (stdout or stderr) matching `re`, already seen or yet to come. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<OkrProcess>();

export function spawnOkr(args: readonly string[], opts: { cwd: string; env?: Record<string, string | undefined> }): OkrProcess {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  // The child must not pick up a database from the test's own environment.
  if (!opts.env || !('DATABASE_URL' in opts.env)) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  const onLine = (into: string[]) => {
    let buf = '';
    return (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        into.push(line);
        for (const w of [...waiters]) {
          if (w.re.test(line)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    };
  };
  child.stdout?.on('data', onLine(stdout));
  child.stderr?.on('data', onLine(stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(proc);
      resolve({ code, signal });
    }),
  );
  const proc: OkrProcess = {
    child,
    pid: child.pid ?? -1,
    stdout,
    stderr,
    exited,
    waitForLine(re, timeoutMs = 30_000) {
      const seen = [...stdout, ...stderr].find((l) => re.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no line matching ${re} within ${timeoutMs} ms\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.slice(-20).join('\n')}`));
        }, timeoutMs);
        const w = {
          re,
          resolve: (l: string) => {
            clearTimeout(timer);
            resolve(l);
          },
        };
        waiters.push(w);
        void exited.then(({ code, signal }) => {
          if (!waiters.includes(w)) return;
          waiters.splice(waiters.indexOf(w), 1);
          clearTimeout(timer);
          reject(
            new Error(
              `process exited (${code ?? signal}) before a line matching ${re}\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.slice(-20).join('\n')}`,
            ),
          );
        });
      });
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
  running.add(proc);
  return proc;
}

/** SIGKILLs every process spawned here that is still running (afterAll). */
export async function killAll(): Promise<void> {
  const left = [...running];
  for (const p of left) p.kill('SIGKILL');
  await Promise.all(left.map((p) => p.exited));
}

export async function runToEnd(p: OkrProcess, timeoutMs = 60_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`okr did not exit within ${timeoutMs} ms\n${p.stderr.slice(-20).join('\n')}`)), timeoutMs);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A folder of `teams` CSV team workbooks (plus a company sheet) for a sync that takes a moment:
 * each team has `objectives` objectives aligned to C1, with three metric key results.
 */
export function writeTeamFolder(dir: string, teams: number, objectives = 10): void {
  const header = 'Objective ID,Objective,Aligns To,Key Result,KR ID,Type,Start,Target,Current,Weight\n';
  writeFileSync(path.join(dir, 'company.csv'), `Team:,Company\nMission:,Be useful\n\n${header}C1,Serve customers,,NPS,C1-1,metric,0,10,5,1\n`);
  for (let t = 0; t < teams; t++) {
    let text = `Team:,Team ${t}\n\n${header}`;
    for (let o = 0; o < objectives; o++) {
      for (let k = 0; k < 3; k++) {
        const first = k === 0;
        text += `${first ? `T${t}-O${o}` : ''},${first ? `Objective ${o}` : ''},${first ? 'C1' : ''},KR ${k},,metric,0,10,${(t + o + k) % 11},1\n`;
      }
    }
    writeFileSync(path.join(dir, `team-${String(t).padStart(4, '0')}.csv`), text);
  }
}

/** okr.config.json for a spawned service: folder source, no timer, a random port. */
export function writeConfig(dir: string, database: { dataDir: string } | { url: string }, extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'okr.config.json');
  writeFileSync(file, JSON.stringify({ sources: { folder: './okrs' }, syncIntervalMinutes: 0, port: 0, database, ...extra }, null, 2));
  return file;
}

/** A postgres:// URL whose connections use `schema` (the service has no schema setting of its own). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
