// Reading hostile workbooks: each in a child process through the bounded reader (a worker with a
// heap and time limit), measuring wall time and the process's peak RSS. The worst file is the one
// with the highest peak memory; its time, and the longest time of any, are the headline figures.
import { runChildJson } from './child.ts';

export interface ReadRun {
  name: string;
  ms: number;
  outcome: string;
  peakRssMb: number;
}

export interface ReadFigures {
  runs: ReadRun[];
  worst: ReadRun;
  slowest: ReadRun;
  baselineRssMb: number;
}

const CASES = ['xfd-on-2000-rows', 'validation-whole-sheet', 'validation-whole-column', 'merge-huge', 'defined-names-whole-sheet', 'last-row', 'dense'];

export async function runReadBench(opts: { quick: boolean; log: (line: string) => void }): Promise<ReadFigures> {
  const { rssMb } = await runChildJson<{ rssMb: number }>('rss-child.ts', [], { timeoutMs: 60_000 });
  const runs: ReadRun[] = [];
  for (const name of CASES) {
    opts.log(`read: ${name}`);
    runs.push(await runChildJson<ReadRun>('read-child.ts', [name, opts.quick ? 'quick' : ''], { timeoutMs: 180_000 }));
  }
  const worst = runs.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
  const slowest = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { runs, worst, slowest, baselineRssMb: rssMb };
}
