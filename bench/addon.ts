// The add-on: Range-level calls per action on OKR tabs of 10 and 1,000 key results (they must be
// equal: no per-row Range loops, which cost a round trip each in Apps Script), and the size of
// what clasp pushes. Sizes come from dist/addon when it is up to date with the sources, else from
// a fresh build into a temporary folder (dist/ is left alone).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS, type Action, measureActions } from '../test/addon/range-calls.ts';
import { ROOT } from './child.ts';

export const BUNDLE_TARGET_KB = 100;
export const RANGE_SIZES = [10, 1000] as const;

export interface AddonFigures {
  /** Range calls of sidebarSave + qualityCheck (the brief's headline pair), per sheet size. */
  rangeCalls: Record<(typeof RANGE_SIZES)[number], number>;
  /** Range calls per action and size. */
  byAction: Record<Action, Record<(typeof RANGE_SIZES)[number], number>>;
  /** Wall time of each action in the in-memory fake at 1,000 key results (not Apps Script time). */
  fakeMs1000: Record<Action, number>;
  bundleBytes: number;
  sidebarBytes: number | null;
  /** 'dist' (up to date) or 'fresh build'. */
  bundleFrom: 'dist' | 'fresh build';
}

const HEADLINE: readonly Action[] = ['sidebarSave', 'qualityCheck'];

/** Newest modification time (ms) of the files under these folders. */
function newest(dirs: readonly string[]): number {
  let latest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return latest;
}

async function bundleSizes(): Promise<Pick<AddonFigures, 'bundleBytes' | 'sidebarBytes' | 'bundleFrom'>> {
  const dist = join(ROOT, 'dist', 'addon');
  const code = join(dist, 'Code.js');
  const sidebar = join(dist, 'Sidebar.html');
  const sources = newest([join(ROOT, 'apps-script'), join(ROOT, 'shared')]);
  const fresh =
    existsSync(code) &&
    statSync(code).mtimeMs >= sources &&
    (!existsSync(join(ROOT, 'apps-script', 'sidebar', 'build.ts')) || (existsSync(sidebar) && statSync(sidebar).mtimeMs >= sources));
  if (fresh) {
    return { bundleBytes: statSync(code).size, sidebarBytes: existsSync(sidebar) ? statSync(sidebar).size : null, bundleFrom: 'dist' };
  }
  const { buildAddon } = await import('../apps-script/build.ts');
  const out = mkdtempSync(join(tmpdir(), 'okr-bench-addon-'));
  try {
    const b = await buildAddon({ outDir: out });
    return { bundleBytes: b.bytes.code, sidebarBytes: b.bytes.sidebar, bundleFrom: 'fresh build' };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function runAddonBench(opts: { log: (line: string) => void }): Promise<AddonFigures> {
  const bySize = RANGE_SIZES.map((n) => {
    opts.log(`addon: actions on ${n} key results…`);
    return measureActions(n);
  });
  const [small, large] = bySize as [ReturnType<typeof measureActions>, ReturnType<typeof measureActions>];
  const byAction = Object.fromEntries(ACTIONS.map((a) => [a, { 10: small[a].rangeCalls, 1000: large[a].rangeCalls }])) as AddonFigures['byAction'];
  const sum = (m: ReturnType<typeof measureActions>) => HEADLINE.reduce((s, a) => s + m[a].rangeCalls, 0);
  const sizes = await bundleSizes();
  return {
    rangeCalls: { 10: sum(small), 1000: sum(large) },
    byAction,
    fakeMs1000: Object.fromEntries(ACTIONS.map((a) => [a, large[a].ms])) as Record<Action, number>,
    ...sizes,
  };
}
