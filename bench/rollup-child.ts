// One roll-up measurement in a process of its own, so peak memory is this run's alone:
//   (bundled by bench/child.ts) node --expose-gc rollup-child.mjs --teams 10000 --seed 42 [--warm 2]
// Builds the synthetic company's grids first (not timed, but counted in peak RSS), then times
// parseOkrTable on every grid (which scores every key result) and rollup over the tables, and
// prints one JSON line (RollupChildResult) on stdout.
import { parseArgs } from 'node:util';
import { COLUMNS } from '../shared/columns.ts';
import { parseOkrTable } from '../shared/contract.ts';
import { rollup } from '../shared/rollup.ts';
import { AS_OF, syntheticCompany } from './synthetic.ts';

export interface RollupChildResult {
  teams: number;
  sheets: number;
  krs: number;
  objectives: number;
  problems: number;
  /** Cells in all grids (rows end at their last non-empty cell, as the Sheets API sends them). */
  cells: number;
  generateMs: number;
  /**
   * The floor, in this process over the same grids: the least work any parser must do — visit
   * every cell once, trim it, and convert the numeric columns with Number(). Wall and CPU time.
   */
  floorMs: number;
  floorCpuMs: number;
  /** First (cold) run: parse + score + roll-up, wall time. */
  ms: number;
  /** CPU time (user + system, all threads incl. GC helpers) of that run: steadier than wall time on a busy machine. */
  cpuMs: number;
  parseMs: number;
  rollupMs: number;
  /** Later runs in the same process (JIT warm), when asked for. */
  warmMs: number[];
  /** process.resourceUsage().maxRSS after the first run, in MB (grids included). */
  peakRssMb: number;
  /** RSS with only the grids built, before parsing (after a GC). */
  gridsRssMb: number;
  /** Live heap with only the grids built (after a GC): the grids' own size. */
  gridsHeapMb: number;
  heapUsedMb: number;
}

const mb = (bytes: number) => bytes / (1024 * 1024);
const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** The template's typed numeric columns (the header is found by the parser; the floor knows it). */
const NUMERIC = new Set(['start', 'target', 'current', 'weight', 'confidence', 'objectiveWeight', 'score']);
const NUMERIC_AT = COLUMNS.map((c) => NUMERIC.has(c.key));

/**
 * The floor: every cell visited once, trimmed, and Number() on the numeric columns' cells.
 * Returns a checksum so the work cannot be optimised away.
 */
function floor(grids: { grid: string[][] }[]): number {
  let sum = 0;
  for (const { grid } of grids) {
    for (let r = 0; r < grid.length; r++) {
      const row = grid[r] as string[];
      for (let c = 0; c < row.length; c++) {
        const text = (row[c] as string).trim();
        if (NUMERIC_AT[c]) {
          const n = Number(text);
          if (!Number.isNaN(n)) sum += n;
        } else sum += text.length;
      }
    }
  }
  return sum;
}

/** One parse + roll-up; only counts leave it, so a later run does not share the heap with this one's results. */
function once(grids: { grid: string[][]; title: string }[]): { parseMs: number; rollupMs: number; objectives: number; krs: number; problems: number } {
  const t0 = process.hrtime.bigint();
  const tables = grids.map((g) => parseOkrTable(g.grid, { team: g.title, tab: 'OKRs' }));
  const parseMs = since(t0);
  const t1 = process.hrtime.bigint();
  const alignment = rollup(tables, { asOf: AS_OF });
  const rollupMs = since(t1);
  return {
    parseMs,
    rollupMs,
    objectives: alignment.objectives.length,
    krs: alignment.objectives.reduce((n, o) => n + o.keyResults.length, 0),
    problems: alignment.problems.length,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: { teams: { type: 'string' }, seed: { type: 'string', default: '42' }, warm: { type: 'string', default: '0' } },
  });
  const teams = Number(values.teams);
  if (!Number.isInteger(teams) || teams < 1) throw new Error('--teams must be a positive integer');
  const gc = (globalThis as { gc?: () => void }).gc;

  const g0 = process.hrtime.bigint();
  const company = syntheticCompany({ teams, seed: Number(values.seed) });
  const grids = [company.company, ...company.teams].map((s) => ({ grid: s.okr, title: s.title }));
  const generateMs = since(g0);
  const cells = grids.reduce((n, g) => n + g.grid.reduce((m, row) => m + row.length, 0), 0);
  gc?.();
  const { rss: gridsRss, heapUsed: gridsHeap } = process.memoryUsage();
  const gridsRssMb = mb(gridsRss);
  const gridsHeapMb = mb(gridsHeap);

  // The floor first, cold like the parse after it.
  const f0 = process.hrtime.bigint();
  const fcpu0 = process.cpuUsage();
  const checksum = floor(grids);
  const fcpu = process.cpuUsage(fcpu0);
  const floorMs = since(f0);
  if (!Number.isFinite(checksum)) throw new Error('floor checksum is not finite');

  const cpu0 = process.cpuUsage();
  const first = once(grids);
  const cpu = process.cpuUsage(cpu0);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const heapUsedMb = mb(process.memoryUsage().heapUsed);

  const warmMs: number[] = [];
  for (let i = 0; i < Number(values.warm); i++) {
    gc?.();
    const run = once(grids);
    warmMs.push(run.parseMs + run.rollupMs);
  }

  const result: RollupChildResult = {
    teams,
    sheets: grids.length,
    krs: first.krs,
    objectives: first.objectives,
    problems: first.problems,
    cells,
    generateMs,
    floorMs,
    floorCpuMs: (fcpu.user + fcpu.system) / 1000,
    ms: first.parseMs + first.rollupMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    parseMs: first.parseMs,
    rollupMs: first.rollupMs,
    warmMs,
    peakRssMb,
    gridsRssMb,
    gridsHeapMb,
    heapUsedMb,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
