// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';

export const SECTIONS = ['rollup', 'sync', 'addon', 'http', 'memory', 'read'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Print one JSON line last on stdout (the table goes to stderr). */
  json: boolean;
  /** Smaller sizes and shorter load runs: a smoke run in well under a minute. */
  quick: boolean;
  only: ReadonlySet<Section>;
  seed: number;
}

export const USAGE = `Usage: npm run bench -- [--json] [--quick] [--only rollup,sync,addon,http,memory,read] [--seed N]

  --json    print exactly one JSON line, last on stdout (the table goes to stderr)
  --quick   smaller sizes and 2 s load runs, for a fast smoke run
  --only    run only these sections (comma-separated)
  --seed    seed of the synthetic company (default 42)`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions | { help: true } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      seed: { type: 'string', default: '42' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return { help: true };
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  let only: Set<Section> = new Set(SECTIONS);
  if (values.only) {
    const asked = values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = asked.filter((s) => !(SECTIONS as readonly string[]).includes(s));
    if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')} (expected ${SECTIONS.join(', ')})`);
    only = new Set(asked as Section[]);
  }
  return { json: values.json, quick: values.quick, only, seed };
}
