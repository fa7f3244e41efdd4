// okr remind [--dry-run] [--as-of YYYY-MM-DD]: this week's check-in reminders and leaders' digest,
// from the latest sync (a sync runs first when sending). --dry-run prints every message in full
// and neither sends nor records anything.
import { type Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../../config/load.ts';
import { runSync } from '../../engine/sync.ts';
import { formatRunReport } from '../../reminders/report.ts';
import { createReminders } from '../../reminders/service.ts';
import type { Channels } from '../../reminders/run.ts';
import { isCalendarDate } from '../../reminders/week.ts';
import type { CliIO } from '../io.ts';
import { openService } from '../service.ts';

export interface RemindOptions {
  source?: string;
  config?: string;
  dryRun?: boolean;
  asOf?: string;
  /** Tests: a fixed clock, channels of their own. */
  now?: () => Date;
  channels?: Channels;
}

export async function remindCommand(opts: RemindOptions, io: CliIO): Promise<number> {
  const { config } = loadConfig({ ...(opts.config ? { file: opts.config } : {}), ...(opts.source ? { source: opts.source } : {}), env: io.env, cwd: io.cwd });
  if (!config.reminders) throw new ConfigError('okr remind: the config has no "reminders" section (see the README: the weekly check-in habit)', 'reminders');
  const service = await openService(config, opts.now ? { now: opts.now } : {});
  try {
    const reminders = createReminders({
      store: service.store,
      config: config.reminders,
      sync: () => runSync(service.engine),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.channels ? { channels: opts.channels } : {}),
    });
    // Nothing synced yet: sync first, even for a dry run, so there is something to show.
    if (opts.dryRun && !(await service.store.latestAlignment())) await runSync(service.engine);
    const report = await reminders.run({ ...(opts.asOf ? { asOf: opts.asOf } : {}), dryRun: opts.dryRun === true });
    io.stdout.write(formatRunReport(report));
    return report.outcomes.some((o) => o.result === 'failed') ? 1 : 0;
  } finally {
    await service.close();
  }
}

function parseDate(text: string): string {
  if (!isCalendarDate(text)) {
    throw new InvalidArgumentError(`expected a date like 2026-12-07, got "${text}"`);
  }
  return text;
}

export function registerRemind(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('remind')
    .description('send this week’s check-in reminders and leaders’ digest (each at most once per week)')
    .option('--source <folder>', 'a folder of team workbooks (instead of the config’s sources)')
    .option('--config <file>', 'config file (default ./okr.config.json)')
    .option('--dry-run', 'print every message instead of sending or recording it')
    .option('--as-of <date>', 'run as at the configured time on this day (YYYY-MM-DD)', parseDate)
    .action(async (opts: { source?: string; config?: string; dryRun?: boolean; asOf?: string }) => exit(await remindCommand(opts, io)));
}
