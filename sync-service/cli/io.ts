// Where commands write, so tests can capture output instead of spawning a process.
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Collects output in memory (tests). */
export function memoryIO(opts: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (t: string) => out.push(t), isTTY: opts.tty ?? false },
    stderr: { write: (t: string) => err.push(t), isTTY: opts.tty ?? false },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
