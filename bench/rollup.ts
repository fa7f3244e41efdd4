// Roll-up at company scale: one child process per size (bench/rollup-child.ts), so each peak RSS
// is that size's alone. The largest size is the headline figure; the others show the growth.
import { runChildJson } from './child.ts';
import type { RollupChildResult } from './rollup-child.ts';

/** At 10k teams: ≤ 3 × the floor, CPU growth 1k → 10k ≤ × 11, ≤ 100 MB beyond the grids. */
export const ROLLUP_TARGET = { floorRatio: 3, growthCpu: 11, workingMb: 100 } as const;

export interface RollupFigures {
  /** The headline run (the largest size). */
  main: RollupChildResult;
  runs: RollupChildResult[];
  /** ms(largest) / ms(smallest), and the team ratio it compares to (linear growth: equal). */
  growth: { fromTeams: number; toTeams: number; msRatio: number; cpuRatio: number; teamRatio: number };
  /** Node with nothing loaded, for reading the peak RSS. */
  baselineRssMb: number;
}

export function rollupSizes(quick: boolean): number[] {
  return quick ? [250, 500, 1000] : [1000, 2500, 5000, 10000];
}

export async function runRollupBench(opts: { quick: boolean; seed: number; log: (line: string) => void }): Promise<RollupFigures> {
  const sizes = rollupSizes(opts.quick);
  const runs: RollupChildResult[] = [];
  for (const teams of sizes) {
    const largest = teams === sizes[sizes.length - 1];
    opts.log(`rollup: ${teams} teams…`);
    const result = await runChildJson<RollupChildResult>(
      'rollup-child.ts',
      ['--teams', String(teams), '--seed', String(opts.seed), '--warm', largest ? '1' : '0'],
      {
        timeoutMs: 120_000,
        nodeArgs: ['--expose-gc'],
      },
    );
    opts.log(
      `rollup: ${teams} teams: ${result.ms.toFixed(0)} ms (parse ${result.parseMs.toFixed(0)}, roll-up ${result.rollupMs.toFixed(0)}), peak RSS ${result.peakRssMb.toFixed(0)} MB`,
    );
    runs.push(result);
  }
  const baseline = await runChildJson<{ rssMb: number }>('rss-child.ts', [], { timeoutMs: 30_000 });
  const first = runs[0] as RollupChildResult;
  const main = runs[runs.length - 1] as RollupChildResult;
  return {
    main,
    runs,
    growth: {
      fromTeams: first.teams,
      toTeams: main.teams,
      msRatio: main.ms / first.ms,
      cpuRatio: main.cpuMs / first.cpuMs,
      teamRatio: main.teams / first.teams,
    },
    baselineRssMb: baseline.rssMb,
  };
}
