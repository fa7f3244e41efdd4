// Writes the example company (Northwind Analytics, Q4 2026) as exported workbooks:
//   npx tsx examples/generate.ts [out-dir]        (default: this folder)
// Deterministic: the same input gives the same bytes (fixed timestamps, no randomness).
// The files are then read back, rolled up as of 2026-11-25 and summarised; any error fails the run.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem } from '../shared/problems.ts';
import { rollup } from '../shared/rollup.ts';
import { AS_OF } from './src/northwind.ts';
import { readFolder } from './src/read.ts';
import { writeExamples } from './src/write.ts';

const dir = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
await mkdir(dir, { recursive: true });

for (const w of await writeExamples(dir)) {
  console.log(`${w.files.join(' + ')}: ${w.team}, ${w.objectives} objectives, ${w.keyResults} key results, ${w.checkins} check-ins`);
}

const read = await readFolder(dir);
const alignment = rollup(
  read.map((w) => w.table),
  { asOf: AS_OF },
);
const fmt = (x: number | null) => (x === null ? ' -  ' : x.toFixed(2));
const { aligned, teamObjectives } = alignment.coverage;
console.log(`\nAs of ${AS_OF}: overall ${fmt(alignment.overall)}, coverage ${aligned}/${teamObjectives}, orphans: ${alignment.orphans.join(', ') || 'none'}`);
for (const o of alignment.objectives) {
  const parents = o.parents.length ? ` → ${o.parents.join(', ')}` : '';
  console.log(`  ${o.key.padEnd(8)} own ${fmt(o.score)} rolled ${fmt(o.rolledScore)} ${String(o.grade).padEnd(6)} ${o.status.padEnd(9)} ${o.kind.padEnd(12)} ${o.title}${parents}`);
}
for (const p of alignment.problems) console.log(`  ${p.severity}: ${formatProblem(p)}`);
const checkinProblems = read.flatMap((w) => w.checkinProblems);
for (const p of checkinProblems) console.log(`  ${p.severity}: ${formatProblem(p)}`);
const errors = alignment.problems.filter((p) => p.severity === 'error').length + checkinProblems.length;
if (errors > 0) {
  console.error(`${errors} error(s) or check-in problem(s): the examples must roll up with warnings only`);
  process.exitCode = 1;
}
