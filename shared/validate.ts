// Checking one workbook on its own (the add-on's quality check and `okr validate`): the contract's
// problems, quality hints and duplicate ids — but not links to parents that live in other sheets.
import { lintTable, type LintOptions } from './lints.ts';
import { sortProblems } from './problems.ts';
import { duplicateObjectiveProblems } from './rollup.ts';
import type { ParsedTable, Problem } from './schemas.ts';

export function validateTables(tables: readonly ParsedTable[], opts: LintOptions = {}): Problem[] {
  return sortProblems([
    ...tables.flatMap((t) => [...t.problems, ...lintTable(t, opts)]),
    ...duplicateObjectiveProblems(tables.flatMap((t) => t.objectives)),
  ]);
}
