// `npm run bench [-- --json] [--quick] [--only …] [--seed N]`: performance figures for the whole
// product. Progress goes to stderr; the table to stdout (stderr with --json, whose stdout is exactly
// one JSON line). See bench/README.md for what each figure means.
import { availableParallelism, cpus } from 'node:os';
import { runAddonBench } from './addon.ts';
import { runHttpBench } from './http.ts';
import { runMemoryBench } from './memory.ts';
import { runReadBench } from './read.ts';
import { type BenchOptions, parseBenchArgs, type Section, USAGE } from './options.ts';
import { type Figures, formatTable, toJson } from './report.ts';
import { runRollupBench } from './rollup.ts';
import { runSyncBench } from './sync.ts';

/** Everything is bounded on its own; this is the backstop. */
const OVERALL_LIMIT_MS = 20 * 60_000;

async function main(opts: BenchOptions): Promise<number> {
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  const backstop = setTimeout(() => {
    log(`the benchmark ran longer than ${OVERALL_LIMIT_MS / 60_000} minutes: stopping`);
    process.exit(2);
  }, OVERALL_LIMIT_MS);
  backstop.unref();

  const figures: Figures = {};
  const errors: Record<string, string> = {};
  const run = async <K extends Section>(section: K, fn: () => Promise<NonNullable<Figures[K]>>) => {
    if (!opts.only.has(section)) return;
    try {
      figures[section] = await fn();
    } catch (err) {
      errors[section] = err instanceof Error ? err.message : String(err);
      log(`${section}: failed: ${errors[section]}`);
    }
  };
  const common = { quick: opts.quick, seed: opts.seed, log };
  // Roll-up first: its children get the machine to themselves.
  await run('rollup', () => runRollupBench(common));
  await run('sync', () => runSyncBench(common));
  await run('addon', () => runAddonBench(common));
  await run('http', () => runHttpBench(common));
  await run('memory', () => runMemoryBench(common));
  await run('read', () => runReadBench(common));

  const totalS = (performance.now() - started) / 1000;
  log(`done in ${totalS.toFixed(1)} s`);
  const tableText = formatTable(figures, opts.quick, errors);
  const meta = {
    node: process.version,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    quick: opts.quick,
    seed: opts.seed,
    total_s: Math.round(totalS * 10) / 10,
  };
  if (opts.json) {
    process.stderr.write(`\n${tableText}\n`);
    process.stdout.write(`${JSON.stringify(toJson(figures, meta, errors, opts.quick))}\n`);
  } else {
    process.stdout.write(
      `\n${tableText}\n\n${meta.cpus} CPUs (${meta.cpu}), Node ${meta.node}, seed ${meta.seed}${opts.quick ? ', --quick' : ''}, ${meta.total_s} s\n`,
    );
  }
  return Object.keys(errors).length ? 1 : 0;
}

let parsed: ReturnType<typeof parseBenchArgs>;
try {
  parsed = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
  process.exit(64);
}
if ('help' in parsed) {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(parsed).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
