// GET / (the alignment view) for a large company, in a process of its own:
//   (bundled by bench/child.ts) node home-child.mjs --objectives 30000 --seed 42
// Syncs the synthetic company into an in-memory PGlite store, then times the first GET / (which
// also derives the once-per-sync view data) and a second one through the app, with their CPU time
// and the page's size, and prints one JSON line (HomeChildResult).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { parseArgs } from 'node:util';
import { MEMORY, openDatabase } from '../sync-service/db/database.ts';
import { createStore } from '../sync-service/db/store.ts';
import { runSync } from '../sync-service/engine/sync.ts';
import { createApp } from '../sync-service/http/app.ts';
import { webRoutes } from '../sync-service/web/routes.ts';
import { gridSource } from './grid-source.ts';
import { AS_OF, syntheticCompany } from './synthetic.ts';

export interface HomeChildResult {
  objectives: number;
  teams: number;
  syncMs: number;
  status: number;
  /** First GET / after the sync (derives the view data), wall and CPU. */
  ms: number;
  cpuMs: number;
  /** A second GET /. */
  warmMs: number;
  bytes: number;
}

const post = (session: Session, method: string) =>
  new Promise<unknown>((resolve, reject) => session.post(method, (err, result) => (err ? reject(err) : resolve(result))));

/** Objectives per team sheet average 4.5 in the synthetic company. */
const OBJECTIVES_PER_TEAM = 4.5;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { objectives: { type: 'string' }, seed: { type: 'string', default: '42' } } });
  const wanted = Number(values.objectives);
  if (!Number.isInteger(wanted) || wanted < 10) throw new Error('--objectives must be an integer of at least 10');
  const company = syntheticCompany({ teams: Math.round(wanted / OBJECTIVES_PER_TEAM), krsPerTeam: 10, seed: Number(values.seed) });
  const db = await openDatabase({ dataDir: MEMORY });
  try {
    const store = createStore(db);
    const t0 = performance.now();
    const r = await runSync({ store, sources: [gridSource([company.company, ...company.teams])], company: {}, now: () => AS_OF });
    if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
    const syncMs = performance.now() - t0;
    const app = createApp({ store, log: (line) => process.stderr.write(`${line}\n`), webRoutes });
    const get = async () => {
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const res = await app.fetch(new Request('http://127.0.0.1/'));
      const body = await res.arrayBuffer();
      const cpu = process.cpuUsage(cpu0);
      return { status: res.status, ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, bytes: body.byteLength };
    };
    // OKR_BENCH_PROFILE=<file>: a CPU profile of the first GET / alone (open it in Chrome DevTools).
    const profile = process.env.OKR_BENCH_PROFILE;
    const session = profile ? new Session() : null;
    if (session) {
      session.connect();
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.start');
    }
    const first = await get();
    if (session && profile) {
      const { profile: data } = (await post(session, 'Profiler.stop')) as { profile: unknown };
      writeFileSync(profile, JSON.stringify(data));
      session.disconnect();
    }
    const second = await get();
    const result: HomeChildResult = {
      objectives: r.document.objectives.length,
      teams: r.counts.teams,
      syncMs,
      status: first.status,
      ms: first.ms,
      cpuMs: first.cpuMs,
      warmMs: second.ms,
      bytes: first.bytes,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.close().catch(() => {});
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
