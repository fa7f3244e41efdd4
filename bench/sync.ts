// The sync service against Google, at 240 team sheets: the fake Sheets/Drive server with a fixed
// latency per request, the service's real Google source and sync engine, an in-memory PGlite
// store, and (when it exists) the Google company-sheet writer to a spreadsheet on the same fake.
// Three syncs — first, after k sheets changed, with nothing changed — with requests counted at the
// server. The limiter paces nothing here (quota pacing would dominate: 60 reads/min/user).

import { COLUMN_BY_KEY, columnForHeader } from '../shared/columns.ts';
import { type CompanySheetSize, companySheetSize } from './company-sheet.ts';
import { type Database, MEMORY, openDatabase } from '../sync-service/db/database.ts';
import { createStore } from '../sync-service/db/store.ts';
import type { ProgressEvent } from '../sync-service/engine/progress.ts';
import { type CompanySheetWriter, runSync, type SyncEngine, type SyncSummary } from '../sync-service/engine/sync.ts';
import { createRateLimiter, SHEETS_QUOTA } from '../sync-service/google/limiter.ts';
import { createGoogleSheetSource } from '../sync-service/sources/google.ts';
import { type FakeCellInput, type FakeCounts, type FakeGoogleServer, fakeAuthClient, startFakeGoogle } from '../test/fakes/google-server.ts';
import { parseUserEntered } from '../test/fakes/google/model.ts';
import { AS_OF, editedGrid, rng, syntheticCompany } from './synthetic.ts';

export const SYNC_LATENCY_MS = 50;
const FOLDER = 'bench-team-folder';
const COMPANY_OUT = 'bench-company-rollup';
export type { CompanySheetSize } from './company-sheet.ts';

export interface SyncRun {
  ms: number;
  /** Requests the fake server received, total and by operation. */
  requests: number;
  byOp: Partial<Record<string, number>>;
  /** Requests to the company spreadsheet (the writer), their body bytes, and the writer's time. */
  companyWrites: number;
  companyWriteBytes: number;
  companyWriteMs: number;
  /** What the engine itself counted. */
  engineRequests: number;
  read: number;
  unchangedSkipped: number;
  stale: number;
  /** Where the time went, from the engine's progress events (ms). */
  phases: SyncPhases;
}

export interface SyncPhases {
  /** runSync called → sync row created (lock, last state). */
  begin: number;
  /** → Drive listed. */
  list: number;
  /** → every sheet read and parsed (or reused). */
  read: number;
  /** → rolled up, document built, company sheet written. */
  rollup: number;
  /** → stored in one transaction. */
  store: number;
}

export interface SyncFigures {
  teams: number;
  sheets: number;
  changed: number;
  latencyMs: number;
  engineConcurrency: number;
  companyWriter: boolean;
  /** Why there is no company writer, when there is none. */
  companyWriterNote?: string;
  first: SyncRun;
  steady: SyncRun;
  unchanged: SyncRun;
  /** requests_steady should equal this: Drive list + k batchGets (+ 1 company write). */
  expectedSteady: number;
  expectedUnchanged: number;
  /** With the production limiter (Sheets' 60 reads/min/user at 95%): the least time the reads of a first sync take. */
  quotaFloorFirstS: number;
  /** The company-sheet write planned for larger companies: its batchUpdates and the largest one's size. */
  companySheetSizes: CompanySheetSize[];
}

async function loadCompanyWriter(google: FakeGoogleServer): Promise<{ writer?: CompanySheetWriter; note?: string }> {
  try {
    const mod = await import('../sync-service/company-sheet/google.ts');
    google.addSpreadsheet({ id: COMPANY_OUT, title: 'Bench company roll-up', tabs: {} });
    return { writer: mod.createCompanySheetWriter({ spreadsheetId: COMPANY_OUT, rootUrl: google.url, auth: fakeAuthClient() }) };
  } catch (err) {
    return { note: `sync-service/company-sheet/google.ts could not be loaded: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function done(r: Awaited<ReturnType<typeof runSync>>): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

const byOp = (c: FakeCounts): Partial<Record<string, number>> => {
  const ops: Partial<Record<string, number>> = {};
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'number' && v > 0 && !['total', 'reads', 'writes', 'drive', 'rateLimited', 'quotaRejected', 'faults', 'errors'].includes(k)) ops[k] = v;
  }
  return ops;
};

/**
 * The synthetic grids hold text as typed; Sheets stores what people type parsed (USER_ENTERED):
 * `3` a number, `50%` a number formatted as a percent. The values the API then returns are typed.
 * The computed columns (Score, Objective Score, Grade) hold formulas in a real sheet, whose results
 * the API returns unrounded; the grids hold them rounded as an export shows them, so they are left
 * blank here rather than read back as mismatching numbers.
 */
function typedAsEntered(grid: readonly (readonly string[])[]): FakeCellInput[][] {
  const header = grid.find((row) => row.some((text) => columnForHeader(text) === 'objectiveId'));
  const computed = new Set((header ?? []).flatMap((text, i) => {
    const key = columnForHeader(text);
    return key && COLUMN_BY_KEY[key].computed ? [i] : [];
  }));
  return grid.map((row) =>
    row.map((text, i): FakeCellInput => {
      if (row !== header && computed.has(i)) return null;
      const cell = parseUserEntered(text);
      if (!cell) return null;
      if (cell.f) return { formula: cell.f };
      return cell.fmt ? { value: cell.v ?? undefined, format: cell.fmt } : (cell.v ?? null);
    }),
  );
}

export async function runSyncBench(opts: { quick: boolean; seed: number; log: (line: string) => void }): Promise<SyncFigures> {
  const teams = opts.quick ? 60 : 240;
  const k = opts.quick ? 6 : 12;
  const company = syntheticCompany({ teams, seed: opts.seed, checkinsPerTeam: 8 });

  const google = await startFakeGoogle({ latencyMs: SYNC_LATENCY_MS, keepLog: true });
  let db: Database | null = null;
  try {
    const ids: string[] = [];
    for (const sheet of [company.company, ...company.teams]) {
      const tabs: Record<string, FakeCellInput[][]> = { OKRs: typedAsEntered(sheet.okr) };
      if (sheet.checkins) tabs['Check-ins'] = typedAsEntered(sheet.checkins);
      ids.push(google.addSpreadsheet({ title: sheet.title, folderId: FOLDER, tabs }).id);
    }
    const loaded = await loadCompanyWriter(google);
    const note = loaded.note;
    let writerMs = 0;
    const inner = loaded.writer;
    const writer: CompanySheetWriter | undefined = inner
      ? async (ctx) => {
          const t = performance.now();
          try {
            return await inner(ctx);
          } finally {
            writerMs += performance.now() - t;
          }
        }
      : undefined;

    db = await openDatabase({ dataDir: MEMORY });
    const source = createGoogleSheetSource(
      { folderId: FOLDER },
      { rootUrl: google.url, auth: fakeAuthClient(), limiter: createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 10 }) },
    );
    const engine: SyncEngine = {
      store: createStore(db),
      sources: [source],
      company: { name: 'Bench Co' },
      now: () => AS_OF,
      ...(writer ? { writeCompanySheet: writer } : {}),
    };

    const measure = async (label: string): Promise<SyncRun> => {
      google.resetCounts();
      writerMs = 0;
      const t0 = performance.now();
      const at: Partial<Record<ProgressEvent['type'], number>> = {};
      const r = done(
        await runSync(engine, {
          onProgress: (e) => {
            at[e.type] = performance.now();
          },
        }),
      );
      const end = performance.now();
      const ms = end - t0;
      const mark = (t: ProgressEvent['type']) => at[t] ?? t0;
      const phases: SyncPhases = {
        begin: mark('begin') - t0,
        list: mark('listed') - mark('begin'),
        read: (at.team ?? mark('listed')) - mark('listed'),
        rollup: mark('storing') - (at.team ?? mark('listed')),
        store: end - mark('storing'),
      };
      const c = google.counts();
      const run: SyncRun = {
        ms,
        requests: c.total,
        byOp: byOp(c),
        companyWrites: google.requests.filter((q) => q.id === COMPANY_OUT).length,
        companyWriteBytes: google.requests.filter((q) => q.id === COMPANY_OUT).reduce((n, q) => n + q.bodyBytes, 0),
        companyWriteMs: writerMs,
        engineRequests: r.counts.requests,
        read: r.counts.read,
        unchangedSkipped: r.counts.unchangedSkipped,
        stale: r.counts.stale,
        phases,
      };
      if (r.status !== 'ok' || r.counts.stale) opts.log(`sync: ${label}: status ${r.status}, ${r.counts.stale} stale`);
      opts.log(
        `sync: ${label}: ${ms.toFixed(0)} ms, ${run.requests} requests (${Object.entries(run.byOp)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ')})`,
      );
      opts.log(
        `sync: ${label}: phases ${Object.entries(phases)
          .map(([p, v]) => `${p} ${v.toFixed(0)}`)
          .join(', ')} ms (company sheet ${writerMs.toFixed(0)} ms)`,
      );
      return run;
    };

    const first = await measure('first');
    // k team sheets edited (seeded choice), as people checking in between two syncs.
    const r = rng(opts.seed + 1);
    const teamIds = ids.slice(1);
    const picked = new Set<number>();
    while (picked.size < k) picked.add(Math.floor(r() * teamIds.length));
    for (const i of picked) google.updateValues(teamIds[i] as string, 'OKRs', typedAsEntered(editedGrid(company.teams[i]?.okr ?? [], opts.seed + i)));
    const steady = await measure(`${k} changed`);
    const unchanged = await measure('nothing changed');

    // Every Sheets read (batchGet, spreadsheets.get) counts against the per-user read quota.
    const reads = (first.byOp.batchGet ?? 0) + (first.byOp.spreadsheetGet ?? 0);
    const interval = 60_000 / (SHEETS_QUOTA.readsPerMinutePerUser * 0.95);
    return {
      teams,
      sheets: ids.length,
      changed: k,
      latencyMs: SYNC_LATENCY_MS,
      engineConcurrency: engine.concurrency ?? 4,
      companyWriter: Boolean(writer),
      ...(note ? { companyWriterNote: note } : {}),
      first,
      steady,
      unchanged,
      expectedSteady: k + 1 + (writer ? 1 : 0),
      expectedUnchanged: 1,
      quotaFloorFirstS: (Math.max(0, reads - 1) * interval) / 1000,
      companySheetSizes: (opts.quick ? [1_000] : [1_000, 5_000]).map((n) => {
        const size = companySheetSize(n, opts.seed);
        opts.log(`sync: company sheet of ${n} teams: ${size.requests} batchUpdates, largest ${(size.largestBytes / 1e6).toFixed(2)} MB, total ${(size.totalBytes / 1e6).toFixed(1)} MB`);
        return size;
      }),
    };
  } finally {
    await db?.close().catch(() => {});
    await google.close();
  }
}
