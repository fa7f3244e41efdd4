// okr sync [--source <folder> | --config <file>] [--out <company.xlsx>]: one sync, then a summary.
import path from 'node:path';
import type { Command } from 'commander';
import { countBySeverity } from '../../../shared/problems.ts';
import { loadConfig } from '../../config/load.ts';
import { writeCompanyXlsx } from '../../company-sheet/xlsx.ts';
import { type PeriodDocument, pickPeriod, unknownPeriodMessage } from '../../engine/periods.ts';
import { runSync, type SyncResult, type SyncSummary } from '../../engine/sync.ts';
import type { GoogleSourceSetup } from '../../sources/google.ts';
import type { CliIO } from '../io.ts';
import { AS_OF_HELP, PERIOD_HELP, parseAsOf } from '../options.ts';
import { progressView } from '../progress.ts';
import { openService } from '../service.ts';

export interface SyncCommandOptions {
  source?: string;
  config?: string;
  out?: string;
  force?: boolean;
  /** The period the summary and --out show (default the current one). */
  period?: string;
  /** Tests: the fake Google server, a fixed clock. */
  google?: GoogleSourceSetup;
  now?: () => Date;
}

export function formatSummary(r: SyncSummary, shown: PeriodDocument | null = null): string {
  const c = r.counts;
  const { errors, warnings } = countBySeverity((shown?.document ?? r.document).problems);
  const periods = r.periods.filter((p) => p.period.label);
  const lines = [
    `Sync #${r.syncId} ${r.status} in ${r.durationMs} ms`,
    ...(periods.length ? [`  periods    ${periods.map((p) => `${p.period.label}${p.current ? ' (current)' : ''}`).join(', ')}`] : []),
    ...(shown && !shown.current ? [`  showing    ${shown.period.label} (a past period: the record)`] : []),
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
    const shown = pickPeriod(result.periods, opts.period);
    if (!shown) {
      io.stderr.write(`okr sync: --period: ${unknownPeriodMessage(opts.period ?? '', result.periods)} (the sync itself was stored)\n`);
      return 2;
    }
    io.stdout.write(formatSummary(result, shown));
    if (opts.out) {
      const file = path.resolve(io.cwd, opts.out);
      const document = shown.document;
      const label = shown.period.label || undefined;
      const [history, checkins] = await Promise.all([
        service.store.history({ companyOnly: true, ...(label ? { period: label } : document.period?.start ? { from: document.period.start } : {}) }),
        service.store.checkins(label ? { period: label } : {}),
      ]);
      const periods = result.periods.map((p) => ({ label: p.period.label, current: p.current, doc: p.document }));
      await writeCompanyXlsx(document, file, { history, checkins, periods, now: new Date(document.asOf) });
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
    .option('--period <label>', PERIOD_HELP)
    .action(async (opts: { source?: string; config?: string; out?: string; force?: boolean; asOf?: Date; period?: string }) => {
      const { asOf, ...rest } = opts;
      exit(await syncCommand({ ...rest, ...(asOf ? { now: () => asOf } : {}) }, io));
    });
}
