// okr rollup <folder> [--json]: roll up a folder of workbooks and print the tree (or the API's JSON).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { type PeriodRollup, pickPeriod, unknownPeriodMessage } from '../../engine/periods.ts';
import { rollupFolder } from '../../engine/rollup-folder.ts';
import { NoTeamSheetsError } from '../../engine/sync.ts';
import { formatTree } from '../format.ts';
import type { CliIO } from '../io.ts';
import { AS_OF_HELP, PERIOD_HELP, parseAsOf } from '../options.ts';

export interface RollupOptions {
  json?: boolean;
  mode?: 'both' | 'key-results' | 'children';
  /** Judge statuses at this moment (default now). */
  asOf?: Date;
  /** The period to print (default: the one containing the as-of date, else the latest). */
  period?: string;
}

/** Exit code 0 even when the sheets have problems: they are part of the output. */
export async function rollupCommand(folder: string, opts: RollupOptions, io: CliIO): Promise<number> {
  const dir = path.resolve(io.cwd, folder);
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) {
    io.stderr.write(`okr rollup: ${folder} is not a folder\n`);
    return 2;
  }
  let rolled: PeriodRollup;
  try {
    rolled = await rollupFolder(dir, { ...(opts.mode ? { mode: opts.mode } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) });
  } catch (err) {
    if (!(err instanceof NoTeamSheetsError)) throw err;
    io.stderr.write(`okr rollup: ${err.message} (no .xlsx or .csv workbooks)\n`);
    return 2;
  }
  const picked = pickPeriod(rolled.periods, opts.period);
  if (!picked) {
    io.stderr.write(`okr rollup: ${unknownPeriodMessage(opts.period ?? '', rolled.periods)}\n`);
    return 2;
  }
  const doc = picked.document;
  // --json prints what GET /api/alignment serves (lastSync is null: there was no stored sync).
  io.stdout.write(opts.json ? `${JSON.stringify({ lastSync: null, ...doc }, null, 2)}\n` : formatTree(doc));
  return 0;
}

export function registerRollup(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('rollup')
    .description('roll up a folder of team workbooks (.xlsx / .csv) and print the alignment tree')
    .argument('<folder>', 'folder of workbooks')
    .option('--json', 'print the same JSON as GET /api/alignment')
    .option('--mode <mode>', 'roll-up mode: both, key-results or children', 'both')
    .option('--as-of <date>', AS_OF_HELP, parseAsOf)
    .option('--period <label>', PERIOD_HELP)
    .action(async (folder: string, opts: { json?: boolean; mode: string; asOf?: Date; period?: string }) => {
      if (!['both', 'key-results', 'children'].includes(opts.mode)) {
        io.stderr.write(`okr rollup: --mode must be both, key-results or children (got "${opts.mode}")\n`);
        return exit(2);
      }
      const picked = { ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(opts.period !== undefined ? { period: opts.period } : {}) };
      exit(await rollupCommand(folder, { json: opts.json ?? false, mode: opts.mode as RollupOptions['mode'], ...picked }, io));
    });
}
