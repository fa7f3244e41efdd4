// okr serve [--source <folder> | --config <file>] [--port <n>]: sync on start and on a timer, serve
// the API and the alignment view, shut down cleanly on SIGINT / SIGTERM.
import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { SyncRunner } from '../../engine/runner.ts';
import { releaseMemory } from '../release-memory.ts';
import { errorMessage } from '../../engine/sync.ts';
import { createApp } from '../../http/app.ts';
import { servedHosts } from '../../http/hosts.ts';
import { type RunningServer, serve } from '../../http/serve.ts';
import { formatRunReport } from '../../reminders/report.ts';
import { type WeeklySchedule, scheduleWeekly } from '../../reminders/schedule.ts';
import { createReminders, type Reminders } from '../../reminders/service.ts';
import { webRoutes } from '../../web/routes.ts';
import type { GoogleSourceSetup } from '../../sources/google.ts';
import type { CliIO } from '../io.ts';
import { AS_OF_HELP, parseAsOf } from '../options.ts';
import { openService } from '../service.ts';

export interface ServeOptions {
  source?: string;
  config?: string;
  port?: number;
  host?: string;
  google?: GoogleSourceSetup;
  now?: () => Date;
}

export interface RunningService {
  url: string;
  port: number;
  runner: SyncRunner;
  /** Stops the timer, waits for a running sync, closes the server and the database. */
  close(): Promise<void>;
}

/** Starts everything and returns once the server listens (the first sync runs in the background). */
export async function startService(opts: ServeOptions, io: CliIO): Promise<RunningService> {
  const { config } = loadConfig({
    ...(opts.config ? { file: opts.config } : {}),
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    env: io.env,
    cwd: io.cwd,
  });
  const service = await openService(config, { ...(opts.google ? { google: opts.google } : {}), ...(opts.now ? { now: opts.now } : {}) });
  releaseMemory();
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const runner = new SyncRunner(service.engine, {
    intervalMinutes: config.syncIntervalMinutes,
    onError: (err) => {
      log(`sync failed: ${errorMessage(err)}`);
      releaseMemory();
    },
    onResult: (r) => {
      releaseMemory();
      if (r.skipped) return log(`sync skipped: ${r.reason}`);
      const c = r.counts;
      log(
        `sync #${r.syncId} ${r.status}: ${c.teams} teams (${c.read} read, ${c.unchangedSkipped} unchanged, ${c.stale} stale), ${c.problems} problems, ${c.requests} requests, ${r.durationMs} ms`,
      );
    },
  });
  const reminders: Reminders | null = config.reminders
    ? createReminders({ store: service.store, config: config.reminders, sync: () => runner.runNow(), log, ...(opts.now ? { now: opts.now } : {}) })
    : null;
  let server: RunningServer;
  try {
    const app = createApp({
      store: service.store,
      runner,
      reminders,
      token: config.token ?? null,
      webRoutes,
      log,
      allowedHosts: servedHosts(opts.host ?? config.host, config.allowedHosts),
      ...(config.company.name ? { companyName: config.company.name } : {}),
    });
    server = await serve(app, { port: config.port, host: opts.host ?? config.host });
  } catch (err) {
    await service.close();
    throw err;
  }
  runner.schedule();
  const weekly = reminders ? scheduleReminders(reminders, log, opts.now) : null;
  let closing: Promise<void> | null = null;
  const running = server;
  return {
    url: running.url,
    port: running.port,
    runner,
    close: () =>
      (closing ??= (async () => {
        await weekly?.stop();
        await runner.stop();
        await running.close();
        await service.close();
      })()),
  };
}

/** The weekly run on its timer; each run's outcome goes to the log. */
function scheduleReminders(reminders: Reminders, log: (line: string) => void, now?: () => Date): WeeklySchedule {
  const weekly = scheduleWeekly(
    reminders.config,
    async () => {
      const report = await reminders.run();
      log(`reminders: ${formatRunReport(report).trimEnd().replace(/\n/g, '\n  ')}`);
    },
    { ...(now ? { now } : {}), onError: (err) => log(`reminders failed: ${errorMessage(err)}`) },
  );
  log(`reminders: weekly on ${reminders.config.weekday} at ${reminders.config.time} ${reminders.config.timeZone}; next ${weekly.next()?.toISOString() ?? 'never'}`);
  return weekly;
}

export async function serveCommand(opts: ServeOptions, io: CliIO, signals: NodeJS.EventEmitter = process): Promise<number> {
  // performance.now() counts from the process start, so `loaded` is the time spent loading the code.
  const loaded = performance.now();
  const running = await startService(opts, io);
  io.stdout.write(`${running.url}\n`);
  io.stderr.write(`${startupLine(running.url, loaded, performance.now())}\n`);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        io.stderr.write(`okr serve: ${signal} again, exiting now\n`);
        if (signals === process) process.exit(1);
        return resolve(1);
      }
      stopping = true;
      io.stderr.write(`okr serve: ${signal}: finishing the running sync and shutting down…\n`);
      running.close().then(
        () => resolve(0),
        (err: unknown) => {
          io.stderr.write(`okr serve: shutdown failed: ${errorMessage(err)}\n`);
          resolve(1);
        },
      );
    };
    signals.on('SIGINT', () => stop('SIGINT'));
    signals.on('SIGTERM', () => stop('SIGTERM'));
  });
}

export function registerServe(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('serve')
    .description('serve the API and the alignment view, syncing on start and every syncIntervalMinutes')
    .option('--source <folder>', 'a folder of team workbooks (instead of the config’s sources)')
    .option('--config <file>', 'config file (default ./okr.config.json)')
    .option('--port <n>', 'port (default: config, PORT, or 8787; 0 picks a free one)', parsePort)
    .option('--host <host>', 'interface to bind (default 127.0.0.1)')
    .option('--as-of <date>', AS_OF_HELP, parseAsOf)
    .action(async (opts: ServeOptions & { asOf?: Date }) => {
      const { asOf, ...rest } = opts;
      exit(await serveCommand({ ...rest, ...(asOf ? { now: () => asOf } : {}) }, io));
    });
}

/** `okr serve: listening on http://127.0.0.1:8787 — start-up took 1.4 s (0.9 s loading the code, 0.5 s opening the database and the server)` */
export function startupLine(url: string, loadedMs: number, readyMs: number): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `okr serve: listening on ${url} — start-up took ${s(readyMs)} (${s(loadedMs)} loading the code, ${s(readyMs - loadedMs)} opening the database and the server); the first sync runs now`;
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected an integer from 0 to 65535, got "${text}"`);
  return n;
}
