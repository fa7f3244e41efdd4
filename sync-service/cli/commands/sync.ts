// okr sync [--source <folder> | --config <file>] [--out <company.xlsx>]: one sync, then a summary.
import path from 'node:path';
import type { Command } from 'commander';
import { countBySeverity } from '../../../shared/problems.ts';
import { loadConfig } from '../../config/load.ts';
import { writeCompanyXlsx } from '../../company-sheet/xlsx.ts';
import { runSync, type SyncResult, type SyncSummary } from '../../engine/sync.ts';
import type { GoogleSourceSetup } from '../../sources/google.ts';
import type { CliIO } from '../io.ts';
import { AS_OF_HELP, parseAsOf } from '../options.ts';
import { progressView } from '../progress.ts';
import { openService } from '../service.ts';

export interface SyncCommandOptions {
  source?: string;
  config?: string;
  out?: string;
  force?: boolean;
  /** Tests: the fake Google server, a fixed clock. */
  google?: GoogleSourceSetup;
  now?: () => Date;
}

export function formatSummary(r: SyncSummary): string {
  const c = r.counts;
  const { errors, warnings } = countBySeverity(r.document.problems);
  const lines = [
    `Sync #${r.syncId} ${r.status} in ${r.durationMs} ms`,
    `  teams      ${c.teams}`,
    `  read       ${c.read}`,
    `  unchanged  ${c.unchangedSkipped} (skipped)`,
    `  stale      ${c.stale}`,
    `  problems   ${c.problems} (${errors} error(s), ${warnings} warning(s))`,
    `  requests   ${c.requests}`,
  ];
  for (const s of r.staleTeams) lines.push(`  stale: ${s.team} (${s.name}): ${s.reason}`);
  return `${lines.join('\n')}\n`;
}

export async function syncCommand(opts: SyncCommandOptions, io: CliIO): Promise<number> {
  const { config } = loadConfig({ ...(opts.config ? { file: opts.config } : {}), ...(opts.source ? { source: opts.source } : {}), env: io.env, cwd: io.cwd });
  const service = await openService(config, { ...(opts.google ? { google: opts.google } : {}), ...(opts.now ? { now: opts.now } : {}) });
  const view = progressView(io.stderr);
  try {
    let result: SyncResult;
    try {
      result = await runSync(service.engine, { force: opts.force ?? false, onProgress: view.listener });
    } finally {
      view.stop();
    }
    if (result.skipped) {
      io.stderr.write(`okr sync: skipped: ${result.reason}\n`);
      return 3;
    }
    io.stdout.write(formatSummary(result));
    if (opts.out) {
      const file = path.resolve(io.cwd, opts.out);
      const period = result.document.period;
      const [history, checkins] = await Promise.all([
        service.store.history({ companyOnly: true, ...(period?.start ? { from: period.start } : {}) }),
        service.store.checkins(),
      ]);
      await writeCompanyXlsx(result.document, file, { history, checkins, now: new Date(result.document.asOf) });
      io.stdout.write(`Wrote ${file}\n`);
    }
    return 0;
  } finally {
    await service.close();
  }
}

export function registerSync(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('sync')
    .description('sync once: read the team sheets, roll up, store a snapshot and print a summary')
    .option('--source <folder>', 'a folder of team workbooks (instead of the config’s sources)')
    .option('--config <file>', 'config file (default ./okr.config.json)')
    .option('--out <file>', 'also write the company roll-up to this .xlsx file')
    .option('--force', 'read every sheet, even unchanged ones')
    .option('--as-of <date>', AS_OF_HELP, parseAsOf)
    .action(async (opts: { source?: string; config?: string; out?: string; force?: boolean; asOf?: Date }) => {
      const { asOf, ...rest } = opts;
      exit(await syncCommand({ ...rest, ...(asOf ? { now: () => asOf } : {}) }, io));
    });
}
