// Faults survived: the fake Google server answers one team's reads (or the Drive listing) with
// 429 + Retry-After, 500/503, a hang past the timeout, a truncated or non-JSON body, a reset
// connection, 403, or a spreadsheet deleted between the listing and the read. Transient faults are
// retried with capped, jittered exponential backoff (real waits, kept small through options) and
// the sync ends fresh; persistent ones leave that team's last good snapshot in place, marked stale
// with the reason, while the others are fresh, and the error shows in /api/syncs and the view.
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { SyncRun, SyncRunDetail, TeamState } from '../../sync-service/db/types.ts';
import type { AlignmentDocument } from '../../sync-service/engine/document.ts';
import { runSync, type SyncSummary } from '../../sync-service/engine/sync.ts';
import type { RetryInfo } from '../../sync-service/google/retry.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import type { Fault } from '../fakes/google-server.ts';
import { useFakeGoogle } from '../fixtures/google.ts';
import { appFor, companyGrid, done, escapeHtml, getJson, googleEngine, teamGrid } from './support.ts';

const pglite = storageTargets()[0]!;
const google = useFakeGoogle();

const TEAMS = ['Sales', 'Support', 'Engineering'] as const;
/** Small real backoffs: ceilings 40, 80, 80 ms (capped at maxMs); rate limits wait within a 600 ms budget (three 200 ms Retry-Afters). */
const RETRY = { retries: 3, baseMs: 40, maxMs: 80, rateLimit: { baseMs: 40, maxMs: 80, jitterMs: 0, budgetMs: 600 } };
const TIMEOUT_MS = 300;

afterAll(() => pglite.teardown());

let folderSeq = 0;

/** A fresh Drive folder (company + three teams at 0.5), a fresh store, and one good sync. */
async function setup() {
  const folderId = `faults-${++folderSeq}`;
  google.addSpreadsheet({ title: 'Company OKRs', folderId, tabs: { OKRs: companyGrid() } });
  const ids: Record<string, string> = {};
  for (const team of TEAMS) ids[team] = google.addSpreadsheet({ title: `${team} OKRs`, folderId, tabs: { OKRs: teamGrid(team, 5) } }).id;
  const store = createStore(await pglite.fresh());
  const { engine, retries } = googleEngine(google, store, { folderId }, { retry: RETRY, timeoutMs: TIMEOUT_MS });
  const first = done(await runSync(engine));
  expect(first.status).toBe('ok');
  // Every team moves to 0.8, so a fresh read is told apart from the last good one.
  for (const team of TEAMS) google.updateValues(ids[team]!, 'OKRs', teamGrid(team, 8));
  retries.length = 0;
  google.resetCounts();
  return { folderId, ids, store, engine, retries, first };
}

const score = (doc: AlignmentDocument, key: string) => doc.objectives.find((o) => o.key === key)?.score;
const KEY: Record<(typeof TEAMS)[number], string> = { Sales: 'SAL1', Support: 'SUP1', Engineering: 'ENG1' };

/** Each retry waited at most its capped ceiling, and at least what Retry-After asked. */
function expectCappedBackoff(retries: readonly RetryInfo[]) {
  for (const r of retries) {
    const ceiling = Math.min(RETRY.maxMs, RETRY.baseMs * 2 ** (r.attempt - 1));
    if (r.error.retryAfterMs !== undefined) expect(r.delayMs).toBeGreaterThanOrEqual(r.error.retryAfterMs);
    else {
      expect(r.delayMs).toBeGreaterThanOrEqual(0);
      expect(r.delayMs).toBeLessThanOrEqual(ceiling);
    }
  }
}

/** Server-side gaps between consecutive attempts at one spreadsheet: the client really waited. */
function attemptGaps(id: string): number[] {
  const at = google.requests.filter((r) => r.op === 'batchGet' && r.id === id).map((r) => r.at);
  return at.slice(1).map((t, i) => t - at[i]!);
}

interface FaultCase {
  name: string;
  fault: Fault;
  /** Which stale reason people get. */
  reason: RegExp;
  /** Retried (transient kinds) or given up at once (403, 404). */
  retried: boolean;
}

const TIMEOUT_FAULT: Fault = { kind: 'hang' };
const CASES: FaultCase[] = [
  { name: '429 with Retry-After', fault: { kind: 'status', status: 429, retryAfter: '0.2' }, reason: /rate limiting the reads \(429\)/, retried: true },
  { name: '500', fault: { kind: 'status', status: 500 }, reason: /server error \(500\)/, retried: true },
  { name: '503', fault: { kind: 'status', status: 503 }, reason: /server error \(503\)/, retried: true },
  { name: 'a hang past the timeout', fault: TIMEOUT_FAULT, reason: /timed out/, retried: true },
  { name: 'a truncated body', fault: { kind: 'truncated' }, reason: /response that could not be read/, retried: true },
  { name: 'a non-JSON body', fault: { kind: 'non-json' }, reason: /response that could not be read/, retried: true },
  { name: 'a reset connection', fault: { kind: 'reset' }, reason: /network error|could not be read/, retried: true },
  {
    name: '403 on one sheet',
    fault: { kind: 'status', status: 403, message: 'The caller does not have permission' },
    reason: /access denied \(403\)/,
    retried: false,
  },
];

describe('transient faults are retried and the sync ends fresh', () => {
  const allDelays: RetryInfo[] = [];
  afterAll(() => {
    // Full jitter: over all these retries, some waits fall below their ceiling (with 'none' every
    // one would equal it). Retry-After waits are excluded: they are a floor, not jittered.
    const jittered = allDelays.filter((r) => r.error.retryAfterMs === undefined);
    expect(jittered.length).toBeGreaterThanOrEqual(8);
    expect(jittered.some((r) => r.delayMs < Math.min(RETRY.maxMs, RETRY.baseMs * 2 ** (r.attempt - 1)) - 1)).toBe(true);
  });

  for (const c of CASES.filter((x) => x.retried)) {
    it(`${c.name} (twice) on Sales`, async () => {
      const { ids, engine, retries } = await setup();
      const sales = ids.Sales!;
      google.injectFault(c.fault, { match: { op: 'batchGet', id: sales }, times: 2 });
      const r = done(await runSync(engine));
      expect(r.status).toBe('ok');
      expect(r.staleTeams).toEqual([]);
      for (const team of TEAMS) expect(score(r.document, KEY[team])).toBeCloseTo(0.8, 10);
      // Two failures, two retries, then the read that worked.
      expect(retries.map((x) => x.attempt)).toEqual([1, 2]);
      expect(google.requests.filter((x) => x.op === 'batchGet' && x.id === sales)).toHaveLength(3);
      expectCappedBackoff(retries);
      // The client really waited: from the first attempt to the last, at least the chosen waits (and,
      // for hangs, the timeouts). Summed, so one late request on a busy machine does not count twice.
      const span = attemptGaps(sales).reduce((a, b) => a + b, 0);
      const waited = retries.reduce((a, x) => a + x.delayMs + (c.fault.kind === 'hang' ? TIMEOUT_MS : 0), 0);
      expect(span).toBeGreaterThanOrEqual(waited - 30);
      allDelays.push(...retries);
    });
  }

  it('the Drive listing failing twice (503) is retried too', async () => {
    const { engine, retries } = await setup();
    google.injectFault({ kind: 'status', status: 503 }, { match: { op: 'driveList' }, times: 2 });
    const r = done(await runSync(engine));
    expect(r.status).toBe('ok');
    expect(r.counts).toMatchObject({ read: 3, unchangedSkipped: 1, stale: 0 });
    for (const team of TEAMS) expect(score(r.document, KEY[team])).toBeCloseTo(0.8, 10);
    expect(retries.map((x) => x.attempt)).toEqual([1, 2]);
    expectCappedBackoff(retries);
    allDelays.push(...retries);
  });
});

describe('persistent faults: that team stays at its last good snapshot, marked stale with the reason', () => {
  const persistent: { name: string; reason: RegExp; retried: boolean; inject: (sales: string) => void }[] = [
    ...CASES.map((c) => ({
      ...c,
      inject: (sales: string) => void google.injectFault(c.fault, { match: { op: 'batchGet', id: sales }, times: Number.POSITIVE_INFINITY }),
    })),
    {
      name: 'a sheet deleted between the listing and the read',
      reason: /does not exist \(404\)/,
      retried: false,
      // Deleted at the moment its read arrives: Drive has just listed it, Sheets answers 404.
      inject: (sales: string) =>
        google.setFaultHook((req) => {
          if (req.op === 'batchGet' && req.id === sales && google.hasSpreadsheet(sales)) google.deleteSpreadsheet(sales);
          return undefined;
        }),
    },
  ];

  for (const c of persistent) {
    it(c.name, async () => {
      const { ids, store, engine, retries, first } = await setup();
      const sales = ids.Sales!;
      c.inject(sales);

      const r = done(await runSync(engine));
      // The sync completed: partial, Sales stale with its last good values, the others fresh.
      expect(r.status).toBe('partial');
      expect(r.staleTeams).toHaveLength(1);
      const stale = r.staleTeams[0]!;
      expect(stale).toMatchObject({ team: 'Sales', hasSnapshot: true, lastGoodSyncId: first.syncId });
      expect(stale.reason).toMatch(c.reason);
      expect(score(r.document, 'SAL1')).toBeCloseTo(0.5, 10);
      expect(score(r.document, 'SUP1')).toBeCloseTo(0.8, 10);
      expect(score(r.document, 'ENG1')).toBeCloseTo(0.8, 10);
      expect(r.document.teams.filter((t) => t.stale).map((t) => t.team)).toEqual(['Sales']);
      expect(r.document.tree[0]?.children.find((n) => n.key === 'SAL1')?.stale).toBe(true);

      const attempts = google.requests.filter((x) => x.op === 'batchGet' && x.id === sales).length;
      if (c.retried) {
        expect(attempts).toBe(RETRY.retries + 1);
        expect(retries.map((x) => x.attempt)).toEqual([1, 2, 3]);
        expectCappedBackoff(retries);
      } else {
        expect(attempts).toBe(1);
        expect(retries).toEqual([]);
      }

      await expectVisible(store, r, stale.reason);

      // Fault gone: the next sync reads Sales again although Drive says it has not changed.
      google.clearFaults();
      const next = done(await runSync(engine));
      if (google.hasSpreadsheet(sales)) {
        expect(next.status).toBe('ok');
        expect(score(next.document, 'SAL1')).toBeCloseTo(0.8, 10);
      } else {
        // Deleted for good: still shown from its last good snapshot, now as gone from Drive.
        expect(next.staleTeams).toEqual([expect.objectContaining({ team: 'Sales', hasSnapshot: true, reason: expect.stringMatching(/gone from Drive/) })]);
        expect(score(next.document, 'SAL1')).toBeCloseTo(0.5, 10);
      }
    });
  }

  it('the Drive listing failing for good: every team kept stale, the sync still completes', async () => {
    const { store, engine } = await setup();
    google.injectFault({ kind: 'status', status: 500 }, { match: { op: 'driveList' }, times: Number.POSITIVE_INFINITY });
    const r = done(await runSync(engine));
    expect(r.status).toBe('partial');
    expect(r.staleTeams.map((s) => s.team).sort()).toEqual(['Company', ...TEAMS].sort());
    for (const s of r.staleTeams) expect(s.reason).toMatch(/could not list .*server error|could not list/);
    for (const team of TEAMS) expect(score(r.document, KEY[team])).toBeCloseTo(0.5, 10);
    await expectVisible(store, r, r.staleTeams.find((s) => s.team === 'Sales')!.reason);
  });
});

/** The error is visible over HTTP: the sync list and its detail, the served alignment, the teams, the view. */
async function expectVisible(store: Parameters<typeof appFor>[0], r: SyncSummary, reason: string) {
  const app = appFor(store, webRoutes);
  const list = await getJson<{ syncs: SyncRun[] }>(app, '/api/syncs');
  expect(list.status).toBe(200);
  expect(list.body.syncs[0]).toMatchObject({ id: r.syncId, status: 'partial', counts: expect.objectContaining({ stale: r.staleTeams.length }) });
  expect(list.body.syncs[0]!.problemCount).toBeGreaterThan(0);

  const detail = await getJson<{ sync: SyncRunDetail }>(app, `/api/syncs/${r.syncId}`);
  expect(detail.status).toBe(200);
  const staleProblem = detail.body.sync.problems.find((p) => p.code === 'stale' && p.team === 'Sales');
  expect(staleProblem?.message).toContain(reason);

  const alignment = await getJson<AlignmentDocument & { lastSync: { id: number; status: string } }>(app, '/api/alignment');
  expect(alignment.status).toBe(200);
  expect(alignment.body.lastSync).toMatchObject({ id: r.syncId, status: 'partial' });
  expect(alignment.body.staleTeams.find((s) => s.team === 'Sales')).toMatchObject({ reason, hasSnapshot: true });
  expect(alignment.body.teams.find((t) => t.team === 'Sales')).toMatchObject({ stale: true, staleReason: reason });

  const teams = await getJson<{ teams: (TeamState & { team: string; stale: boolean; lastError: string | null })[] }>(app, '/api/teams');
  expect(teams.status).toBe(200);
  expect(teams.body.teams.find((t) => t.team === 'Sales')).toMatchObject({ stale: true, lastError: reason });

  const page = await app.request('/');
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Sales');
  expect(html.includes(escapeHtml(reason)) || html.includes(reason)).toBe(true);
}
