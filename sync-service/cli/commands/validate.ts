// okr validate <file…>: check each workbook on its own; one line per problem.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseCheckins } from '../../../shared/checkins.ts';
import { countBySeverity, formatProblem, sortProblems } from '../../../shared/problems.ts';
import type { Problem } from '../../../shared/schemas.ts';
import { validateTables } from '../../../shared/validate.ts';
import { errorMessage } from '../../engine/sync.ts';
import { fileProblems, parseWorkbook } from '../../sources/parse.ts';
import { checkinsCsvOwner, csvGrid, readWorkbookFile, teamFromFileName } from '../../sources/workbook.ts';
import type { CliIO } from '../io.ts';

/** The problems of one file: its OKR table (contract, quality hints, duplicate ids) and check-ins. */
export async function validateFile(file: string, asOf = new Date()): Promise<Problem[]> {
  const name = path.basename(file);
  if (checkinsCsvOwner(name)) {
    const { problems } = parseCheckins(csvGrid(await readFile(file)), { team: teamFromFileName(checkinsCsvOwner(name)!), tab: name });
    return sortProblems(problems);
  }
  // A CSV's check-ins come from its companion file, when there is one next to it.
  const companion = path.join(path.dirname(file), `${teamFromFileName(name)}.checkins.csv`);
  const hasCompanion = path.extname(name).toLowerCase() === '.csv' && (await stat(companion).catch(() => null))?.isFile();
  const parse = parseWorkbook(await readWorkbookFile(file, hasCompanion ? companion : null), teamFromFileName(name), name);
  return sortProblems([...validateTables([parse.table], { asOf }), ...fileProblems(parse)]);
}

export async function validateCommand(files: readonly string[], io: CliIO): Promise<number> {
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    const file = path.resolve(io.cwd, f);
    let problems: Problem[];
    try {
      problems = await validateFile(file);
    } catch (err) {
      io.stdout.write(`${f}: cannot read: ${errorMessage(err)}\n`);
      errors++;
      continue;
    }
    const c = countBySeverity(problems);
    errors += c.errors;
    warnings += c.warnings;
    if (problems.length === 0) io.stdout.write(`${f}: ok\n`);
    for (const p of problems) io.stdout.write(`${formatProblem(p)}\n`);
  }
  io.stderr.write(`${files.length} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

export function registerValidate(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('validate')
    .description('check OKR workbooks one by one; exits 1 when any has an error')
    .argument('<files...>', '.xlsx or .csv files')
    .action(async (files: string[]) => exit(await validateCommand(files, io)));
}
