// Page sizes and render times of the alignment view, for the example company and synthetic ones.
//   npx tsx test/web/measure.ts [--teams 100] [--runs 20]
// Cold: the first request after a sync (parses the snapshot, derives placement, health and the
// check-in replay). Warm: later requests (median), which only render.

import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createStore, MEMORY, openDatabase } from '../../sync-service/db/index.ts';
import type { Store } from '../../sync-service/db/store.ts';
import { appFor, EXAMPLES_AS_OF, EXAMPLES_DIR, storeSynthetic, syncFolder } from './fixtures.ts';

const { values } = parseArgs({ options: { teams: { type: 'string', default: '100' }, runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);

async function time(app: ReturnType<typeof appFor>, path: string) {
  const t = performance.now();
  const res = await app.request(path);
  const html = await res.text();
  return { ms: performance.now() - t, html, status: res.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function measure(label: string, store: Store, paths: string[]) {
  const app = appFor(store);
  for (const path of paths) {
    const cold = await time(app, path);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push((await time(app, path)).ms);
    const bytes = Buffer.byteLength(cold.html);
    const gz = gzipSync(cold.html).length;
    console.log(
      `${label.padEnd(18)} ${path.padEnd(28)} ${String(cold.status).padEnd(4)} ${kb(bytes).padStart(10)} ${kb(gz).padStart(10)} gzip   cold ${cold.ms.toFixed(0).padStart(4)} ms   warm ${median(warm).toFixed(1).padStart(6)} ms`,
    );
  }
}

const db = await openDatabase({ dataDir: MEMORY, migrate: false });
try {
  console.log(`${'company'.padEnd(18)} ${'page'.padEnd(28)} code       size       gzip`);
  await db.exec('CREATE SCHEMA examples; SET search_path TO examples');
  const { migrate } = await import('../../sync-service/db/migrate.ts');
  await migrate(db);
  const examples = createStore(db);
  await syncFolder(examples, EXAMPLES_DIR, EXAMPLES_AS_OF);
  await measure('examples (7 teams)', examples, ['/', '/teams/Engineering', '/objectives/PROD-1', '/problems']);

  const teams = Number(values.teams);
  await db.exec(`CREATE SCHEMA synthetic; SET search_path TO synthetic`);
  await migrate(db);
  const synthetic = createStore(db);
  const t = performance.now();
  await storeSynthetic(synthetic, { teams });
  console.log(`(synthetic company of ${teams} teams built and stored in ${(performance.now() - t).toFixed(0)} ms)`);
  await measure(`synthetic ${teams}`, synthetic, ['/', '/teams/Team AA'.replace(' ', '%20'), '/objectives/CO-1', '/problems']);
} finally {
  await db.close();
}
