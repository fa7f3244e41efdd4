// okr validate <file…>: check each workbook on its own; one line per problem, its severity first.
// Paths that are not workbooks (a glob's README or folder) are skipped and said so.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseCheckins } from '../../../shared/checkins.ts';
import { countBySeverity, sortProblems } from '../../../shared/problems.ts';
import type { Problem } from '../../../shared/schemas.ts';
import { validateTables } from '../../../shared/validate.ts';
import { errorMessage } from '../../engine/sync.ts';
import { fileProblems, parseWorkbook, tablesOf } from '../../sources/parse.ts';
import { checkinsCsvOwner, csvGrid, isWorkbookFile, readWorkbookFile, teamFromFileName } from '../../sources/workbook.ts';
import { problemLine, severityLabel } from '../format.ts';
import type { CliIO } from '../io.ts';

/** The problems of one file: its OKR tables (contract, quality hints, duplicate ids) and check-ins. */
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
  // Each OKR tab (one per period) on its own: an objective id may be reused next quarter.
  return sortProblems([...tablesOf(parse).flatMap((t) => validateTables([t], { asOf })), ...fileProblems(parse)]);
}

/** Why a path given on the command line is not checked (a shell glob also matches folders and READMEs), or null. */
async function notAWorkbook(file: string): Promise<string | null> {
  const s = await stat(file).catch(() => null);
  if (s?.isDirectory()) return 'a folder, not a workbook';
  if (!isWorkbookFile(file)) return 'not an .xlsx or .csv workbook';
  return null;
}

export async function validateCommand(files: readonly string[], io: CliIO): Promise<number> {
  let errors = 0;
  let warnings = 0;
  let skipped = 0;
  for (const f of files) {
    const file = path.resolve(io.cwd, f);
    const skip = await notAWorkbook(file);
    if (skip) {
      io.stdout.write(`skipped ${f}: ${skip}\n`);
      skipped++;
      continue;
    }
    let problems: Problem[];
    try {
      problems = await validateFile(file);
    } catch (err) {
      io.stdout.write(`${severityLabel('error')} ${f}: cannot read: ${errorMessage(err)}\n`);
      errors++;
      continue;
    }
    const c = countBySeverity(problems);
    errors += c.errors;
    warnings += c.warnings;
    if (problems.length === 0) io.stdout.write(`ok      ${f}\n`);
    for (const p of problems) io.stdout.write(`${problemLine(p)}\n`);
  }
  const checked = files.length - skipped;
  io.stderr.write(`${checked} file(s) checked${skipped ? `, ${skipped} skipped` : ''}: ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

export function registerValidate(program: Command, io: CliIO, exit: (code: number) => void): void {
  program
    .command('validate')
    .description('check OKR workbooks one by one; exits 1 when any has an error')
    .argument('<files...>', '.xlsx or .csv files')
    .action(async (files: string[]) => exit(await validateCommand(files, io)));
}
