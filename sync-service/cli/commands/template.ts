// okr template --out team.xlsx [--level team|company]: the add-on's OKR template as an .xlsx whose
// formulas score key results live in Excel and LibreOffice, for teams that do not use Google
// Sheets. The folder source reads the file like any team workbook.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { templateGrid, writeTemplateXlsx, XLSX_EMPTY_ROWS } from '../../template/xlsx.ts';
import type { CliIO } from '../io.ts';

export interface TemplateCommandOptions {
  out: string;
  level: 'team' | 'company';
  rows: number;
  force?: boolean;
}

export async function templateCommand(opts: TemplateCommandOptions, io: CliIO): Promise<number> {
  const file = path.resolve(io.cwd, opts.out);
  if (path.extname(file).toLowerCase() !== '.xlsx') {
    io.stderr.write(`okr template: --out must name an .xlsx file (got ${opts.out})\n`);
    return 2;
  }
  if (existsSync(file) && !opts.force) {
    io.stderr.write(`okr template: ${opts.out} already exists (use --force to overwrite)\n`);
    return 1;
  }
  const grid = templateGrid({ level: opts.level, emptyRows: opts.rows });
  await writeTemplateXlsx(file, grid);
  io.stdout.write(`Wrote ${file}: the ${opts.level} OKR template, example objectives and ${opts.rows} ready rows (rows ${grid.firstDataRow}–${grid.lastRow} carry the formulas).\n`);
  return 0;
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--rows must be a whole number from 1 to 10000 (got ${text})`);
  return n;
}

export function registerTemplate(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('template')
    .description('write the OKR template as an .xlsx that scores itself in Excel and LibreOffice')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .addOption(new Option('--level <level>', 'team or company template').choices(['team', 'company']).default('team'))
    .option('--rows <n>', 'ready empty rows below the examples', positiveInt, XLSX_EMPTY_ROWS)
    .option('--force', 'overwrite an existing file')
    .action(async (opts: TemplateCommandOptions) => exit(await templateCommand(opts, io)));
}
