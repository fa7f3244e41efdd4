// The same storage suite on in-memory PGlite and on a real Postgres (OKR_TEST_DATABASE_URL).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Queryable } from './database.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { createStore, INTERRUPTED, type Store, SYNC_LOCK_CLASS, SyncStateError, teamSourceKey } from './store.ts';
import { storageTargets } from './test-support.ts';
import type { CheckinInput, CompleteSyncInput } from './types.ts';

// ---- fixtures --------------------------------------------------------------------------------------

function objective(team: string, id: string, score: number | null, extra: Record<string, unknown> = {}) {
  return {
    key: `${team}/${id}`,
    id,
    title: `${team} ${id}`,
    team,
    tab: 'OKRs',
    row: 2,
    isCompany: team === 'company',
    kind: 'committed',
    owner: 'ann',
    parents: [],
    ownScore: score,
    rolledScore: score,
    grade: score === null ? null : score >= 0.7 ? 'green' : score >= 0.4 ? 'yellow' : 'red',
    status: 'on-track',
    keyResults: [{ id: `${id}.KR1`, title: 'kr', type: 'metric', start: 0, target: 10, current: 5, score }],
    ...extra,
  };
}

function checkin(team: string, timestamp: string, krId: string, after: string): CheckinInput {
  return {
    team,
    timestamp,
    person: 'ann',
    objectiveId: krId.split('.')[0],
    krId,
    before: '0',
    after,
    score: 0.5,
    confidence: 0.7,
    note: '',
  };
}

function syncInput(
  objectives: ReturnType<typeof objective>[],
  extra: Partial<CompleteSyncInput> = {},
): CompleteSyncInput {
  return {
    alignment: { objectives, problems: [], coverage: { teamObjectives: objectives.length, aligned: 0, ratio: 0 } },
    ...extra,
  };
}

async function runSync(store: Store, input: CompleteSyncInput) {
  const id = await store.beginSync([{ id: 'src', team: 'sales' }]);
  return store.completeSync(id, input);
}

/** A Database whose transactions fail (with a real server-side error) when a statement matches. */
function failingOn(db: Database, pattern: RegExp, seen: string[]): Database {
  return {
    ...db,
    transaction: (fn) =>
      db.transaction((tx) => {
        const wrapped: Queryable = {
          async query(sql, params) {
            if (pattern.test(sql)) await tx.query('SELECT 1 / 0');
            seen.push(sql);
            return tx.query(sql, params);
          },
          exec: (sql) => tx.exec(sql),
        };
        return fn(wrapped as Queryable);
      }),
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT (${sql})::int AS n`, params);
  return rows[0]?.n ?? -1;
}

/** This schema's sync lock in pg_locks (other test files may hold advisory locks of their own). */
const OUR_SYNC_LOCK = `FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
  AND classid::text::bigint = $1 AND objid::text::bigint = (hashtext(current_schema())::bigint & 4294967295)`;
const syncLockHolders = (db: Database) => count(db, `SELECT count(*) ${OUR_SYNC_LOCK}`, [SYNC_LOCK_CLASS]);

// ---- the suite ---------------------------------------------------------------------------------------

for (const target of storageTargets()) {
  if (!target.available) console.warn(`\n⚠ ${target.skipReason}\n`);

  describe.skipIf(!target.available)(`storage on ${target.name}`, () => {
    let db: Database;
    let store: Store;

    beforeEach(async () => {
      db = await target.fresh();
      store = createStore(db);
    });
    afterAll(() => target.teardown());

    describe('migrations', () => {
      it('are recorded once and applying them again changes nothing', async () => {
        const before = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(before.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await migrate(db)).toEqual({ applied: [], version: MIGRATIONS.at(-1)?.version });
        expect(await migrate(db)).toEqual({ applied: [], version: MIGRATIONS.at(-1)?.version });
        expect(await count(db, 'SELECT count(*) FROM schema_migrations')).toBe(MIGRATIONS.length);
      });

      it('two migrators starting at once apply each migration exactly once', async () => {
        const a = await target.fresh({ migrate: false });
        const b = target.name === 'postgres' ? await target.another(a, { migrate: false }) : a;
        const results = await Promise.all([migrate(a), migrate(b)]);
        const applied = results.flatMap((r) => r.applied).sort((x, y) => x - y);
        expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
        expect(results.map((r) => r.applied.length).sort()).toEqual([0, MIGRATIONS.length]);
        expect(await count(a, 'SELECT count(*) FROM schema_migrations')).toBe(MIGRATIONS.length);
        expect(
          await count(
            a,
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sync_runs' AND table_schema = current_schema()",
          ),
        ).toBe(1);
      });

      it('refuse a database migrated by a newer version', async () => {
        await db.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')");
        await expect(migrate(db)).rejects.toThrow(/9999.*upgrade/);
      });
    });

    describe('complete and latest', () => {
      it('has no alignment before the first sync', async () => {
        expect(await store.latestAlignment()).toBeNull();
        expect(await store.objectives()).toEqual([]);
      });

      it('serves the last complete sync, with objectives stored unchanged', async () => {
        const objs = [
          objective('company', 'O1', 0.5, { extraField: { nested: [1, 'two'] } }),
          objective('sales', 'O1', 0.9),
        ];
        const problems = [{ severity: 'warning', code: 'W1', team: 'sales', tab: 'OKRs', row: 3, message: 'hm' }];
        const syncId = await store.beginSync([{ id: 'sheet-1', team: 'sales', name: 'Sales OKRs' }]);
        expect((await store.listSyncs())[0]).toMatchObject({ id: syncId, status: 'running', finishedAt: null });
        expect(await store.latestAlignment()).toBeNull();

        const done = await store.completeSync(
          syncId,
          syncInput(objs, { problems, counts: { teamsRead: 2, requests: 3 } }),
        );
        expect(done).toMatchObject({ syncId, status: 'ok', snapshotStored: true, snapshotSyncId: syncId });
        expect(done.etag).toMatch(/^"[0-9a-f]{32}"$/);

        const latest = await store.latestAlignment();
        expect(latest).toMatchObject({
          syncId,
          snapshotSyncId: syncId,
          status: 'ok',
          etag: done.etag,
          finishedAt: done.finishedAt,
        });
        expect(latest?.alignment).toEqual(syncInput(objs).alignment);
        const raw = await store.latestAlignmentJson();
        expect(raw?.json && JSON.parse(raw.json)).toEqual(latest?.alignment);

        const stored = await store.objectives();
        expect(stored.map((o) => o.data)).toEqual(objs);
        expect((await store.objectives({ companyOnly: true })).map((o) => o.key)).toEqual(['company/O1']);
        expect((await store.objectives({ team: 'sales' })).map((o) => o.key)).toEqual(['sales/O1']);

        const [run] = await store.listSyncs({ limit: 1 });
        expect(run).toMatchObject({
          id: syncId,
          status: 'ok',
          counts: { teamsRead: 2, requests: 3 },
          problemCount: 1,
          error: null,
        });
        expect(run?.sources).toEqual([{ id: 'sheet-1', team: 'sales', name: 'Sales OKRs' }]);
        expect(run?.durationMs).toBeGreaterThanOrEqual(0);
        expect((await store.getSync(syncId))?.problems).toEqual(problems);
        expect(await store.getSync(syncId + 100)).toBeNull();
      });

      it('a newer complete sync replaces the latest; running and failed ones never show', async () => {
        const first = await runSync(store, syncInput([objective('sales', 'O1', 0.2)]));
        const second = await runSync(store, syncInput([objective('sales', 'O1', 0.8)]));
        expect((await store.latestAlignment())?.syncId).toBe(second.syncId);
        expect(second.etag).not.toBe(first.etag);

        const failed = await store.beginSync();
        expect(await store.failSync(failed, new Error('sheets API down'))).toBe(true);
        expect(await store.failSync(failed, new Error('again'))).toBe(false);
        await store.beginSync(); // left running
        const latest = await store.latestAlignment();
        expect(latest?.syncId).toBe(second.syncId);
        expect((await store.getSync(failed))?.error).toBe('sheets API down');
        expect((await store.listSyncs()).map((s) => s.status)).toEqual(['running', 'failed', 'ok', 'ok']);
        await expect(store.completeSync(failed, syncInput([]))).rejects.toBeInstanceOf(SyncStateError);
      });

      it('an unchanged alignment is not stored again but the sync serves it', async () => {
        const input = syncInput([objective('sales', 'O1', 0.5)], { period: 'Q1' });
        const a = await runSync(store, input);
        const b = await runSync(store, structuredClone(input));
        expect(b).toMatchObject({ snapshotStored: false, snapshotSyncId: a.syncId, etag: a.etag });
        expect(await store.latestAlignment()).toMatchObject({
          syncId: b.syncId,
          snapshotSyncId: a.syncId,
          etag: a.etag,
        });
        expect((await store.objectives()).map((o) => o.syncId)).toEqual([a.syncId]);
        expect(await count(db, 'SELECT count(*) FROM alignment_snapshots')).toBe(1);
        // Same content in another period is another snapshot.
        const c = await runSync(store, { ...structuredClone(input), period: 'Q2' });
        expect(c.snapshotStored).toBe(true);
      });

      it('rejects duplicate objective keys before writing anything', async () => {
        const id = await store.beginSync();
        await expect(
          store.completeSync(id, syncInput([objective('sales', 'O1', 1), objective('sales', 'O1', 0)])),
        ).rejects.toThrow(/duplicate objective key "sales\/O1"/);
        expect((await store.getSync(id))?.status).toBe('running');
      });
    });

    describe('a sync failing mid-transaction', () => {
      it('leaves the previous snapshot, team states and check-ins as they were', async () => {
        const good = await runSync(
          store,
          syncInput([objective('sales', 'O1', 0.3)], {
            teamSnapshots: [{ team: 'sales', sourceId: 's1', parsed: { v: 1 } }],
            teamStates: [{ team: 'sales', sourceId: 's1', lastModified: 'm1' }],
            checkins: [checkin('sales', '2025-01-02T10:00:00Z', 'O1.KR1', '1')],
          }),
        );

        const seen: string[] = [];
        const broken = createStore(failingOn(db, /^\s*UPDATE sync_runs/, seen));
        const syncId = await broken.beginSync();
        await expect(
          broken.completeSync(
            syncId,
            syncInput([objective('sales', 'O1', 0.9), objective('ops', 'O1', 0.1)], {
              teamSnapshots: [{ team: 'sales', sourceId: 's1', parsed: { v: 2 } }],
              teamStates: [{ team: 'sales', sourceId: 's1', lastModified: 'm2' }],
              checkins: [checkin('sales', '2025-01-03T10:00:00Z', 'O1.KR1', '2')],
            }),
          ),
        ).rejects.toThrow(/division by zero/);
        // The failure came after every other write of the sync.
        for (const table of [
          'alignment_snapshots',
          'objective_snapshots',
          'team_snapshots',
          'team_states',
          'checkins',
        ]) {
          expect(seen.some((sql) => sql.includes(`INSERT INTO ${table}`))).toBe(true);
        }

        const latest = await store.latestAlignment();
        expect(latest?.syncId).toBe(good.syncId);
        expect(latest?.etag).toBe(good.etag);
        expect(await count(db, `SELECT count(*) FROM objective_snapshots WHERE sync_id = ${syncId}`)).toBe(0);
        expect(await count(db, `SELECT count(*) FROM alignment_snapshots WHERE sync_id = ${syncId}`)).toBe(0);
        expect((await store.checkins()).map((c) => c.after)).toEqual(['1']);
        expect((await store.teamStates())[0]).toMatchObject({ lastModified: 'm1', lastGoodSyncId: good.syncId });
        expect((await store.lastGoodTeamSnapshots()).get(teamSourceKey('sales', 's1'))?.parsed).toEqual({ v: 1 });
        expect((await store.getSync(syncId))?.status).toBe('running');

        // The engine then records the failure, and the next sync stores everything.
        expect(await store.failSync(syncId, new Error('division by zero'))).toBe(true);
        const next = await runSync(
          store,
          syncInput([objective('sales', 'O1', 0.9)], {
            checkins: [checkin('sales', '2025-01-03T10:00:00Z', 'O1.KR1', '2')],
          }),
        );
        expect(next.newCheckins).toBe(1);
        expect((await store.latestAlignment())?.syncId).toBe(next.syncId);
      });
    });

    describe('recoverInterrupted', () => {
      it("marks a crashed process's running sync failed, but not this instance's own", async () => {
        const ok = await runSync(store, syncInput([objective('sales', 'O1', 0.5)]));
        // A sync begun by a "previous process": another store instance that never finishes.
        const crashed = await createStore(db).beginSync();
        const mine = await store.beginSync();

        expect(await store.recoverInterrupted()).toEqual({ skipped: false, recovered: [crashed] });
        const run = await store.getSync(crashed);
        expect(run).toMatchObject({ status: 'failed', error: INTERRUPTED });
        expect(run?.finishedAt).not.toBeNull();
        expect((await store.getSync(mine))?.status).toBe('running');
        expect((await store.latestAlignment())?.syncId).toBe(ok.syncId);
        expect(await store.recoverInterrupted()).toEqual({ skipped: false, recovered: [] });

        await store.completeSync(mine, syncInput([objective('sales', 'O1', 0.6)]));
        expect((await store.latestAlignment())?.syncId).toBe(mine);
        await expect(createStore(db).completeSync(crashed, syncInput([]))).rejects.toThrow(/failed \(interrupted/);
      });

      it.runIf(target.name === 'postgres')('does nothing while another instance holds the sync lock', async () => {
        const other = createStore(await target.another(db));
        const running = await other.beginSync();
        const release = deferred();
        const holding = other.withSyncLock(() => release.promise);
        try {
          await expect.poll(() => syncLockHolders(db)).toBe(1);
          expect(await store.recoverInterrupted()).toEqual({ skipped: true, recovered: [] });
          expect((await store.getSync(running))?.status).toBe('running');
        } finally {
          release.resolve();
        }
        await holding;
        expect((await store.recoverInterrupted()).recovered).toEqual([running]);
      });
    });

    describe('check-ins', () => {
      it('are stored once across syncs, keyed by team, time, objective, KR and value', async () => {
        const c1 = checkin('sales', '2025-01-02T10:00:00Z', 'O1.KR1', '3');
        const c2 = checkin('sales', '2025-01-05T09:30:00Z', 'O1.KR1', '5');
        const c3 = checkin('ops', '2025-01-04T08:00:00Z', 'O2.KR1', '7');
        const s1 = await runSync(store, syncInput([objective('sales', 'O1', 0.5)], { checkins: [c1, c2, c1] }));
        expect(s1.newCheckins).toBe(2);
        // The same instant written differently is the same check-in; a new value at that time is not.
        const sameInstant = { ...c1, timestamp: '2025-01-02T11:00:00+01:00' };
        const corrected = { ...c2, after: '6' };
        const s2 = await runSync(
          store,
          syncInput([objective('sales', 'O1', 0.6)], { checkins: [sameInstant, c2, c3, corrected] }),
        );
        expect(s2.newCheckins).toBe(2);

        const all = await store.checkins();
        expect(all.map((c) => [c.team, c.krId, c.after, c.firstSeenSync])).toEqual([
          ['sales', 'O1.KR1', '3', s1.syncId],
          ['ops', 'O2.KR1', '7', s2.syncId],
          ['sales', 'O1.KR1', '5', s1.syncId],
          ['sales', 'O1.KR1', '6', s2.syncId],
        ]);
        expect(all[0]).toMatchObject(c1); // the row as read, unchanged
        expect((await store.checkins({ team: 'ops' })).map((c) => c.after)).toEqual(['7']);
        expect((await store.checkins({ krId: 'O1.KR1', since: '2025-01-03T00:00:00Z' })).map((c) => c.after)).toEqual([
          '5',
          '6',
        ]);
        expect((await store.checkins({ objectiveId: 'O2' })).length).toBe(1);
        expect((await store.checkins({ limit: 1 })).length).toBe(1);
      });
    });

    describe('history', () => {
      it('keeps scores across syncs and periods', async () => {
        const q1a = await runSync(
          store,
          syncInput([objective('company', 'O1', 0.2), objective('sales', 'O1', 0.1)], { period: '2025-Q1' }),
        );
        const q1b = await runSync(
          store,
          syncInput([objective('company', 'O1', 0.6), objective('sales', 'O1', 0.5)], { period: '2025-Q1' }),
        );
        // Next quarter: new objectives; one reuses the id O1 in sales.
        const q2 = await runSync(
          store,
          syncInput([objective('company', 'O9', 0.1), objective('sales', 'O1', 0.0, { title: 'new O1' })], {
            period: '2025-Q2',
          }),
        );

        const all = await store.history();
        expect(all.map((r) => [r.syncId, r.key, r.period, r.rolledScore])).toEqual([
          [q1a.syncId, 'company/O1', '2025-Q1', 0.2],
          [q1a.syncId, 'sales/O1', '2025-Q1', 0.1],
          [q1b.syncId, 'company/O1', '2025-Q1', 0.6],
          [q1b.syncId, 'sales/O1', '2025-Q1', 0.5],
          [q2.syncId, 'company/O9', '2025-Q2', 0.1],
          [q2.syncId, 'sales/O1', '2025-Q2', 0],
        ]);
        expect(all[0]).toMatchObject({
          at: q1a.finishedAt,
          isCompany: true,
          grade: 'red',
          status: 'on-track',
          title: 'company O1',
        });

        expect((await store.history({ period: '2025-Q1', companyOnly: true })).map((r) => r.rolledScore)).toEqual([
          0.2, 0.6,
        ]);
        expect((await store.history({ team: 'sales' })).map((r) => r.period)).toEqual([
          '2025-Q1',
          '2025-Q1',
          '2025-Q2',
        ]);
        expect((await store.history({ limit: 2 })).length).toBe(2);

        const o1 = await store.objectiveHistory('company/O1');
        expect(o1.map((r) => [r.syncId, r.ownScore, r.grade])).toEqual([
          [q1a.syncId, 0.2, 'red'],
          [q1b.syncId, 0.6, 'yellow'],
        ]);
        // By sheet id: every objective with that id, key tells them apart.
        expect((await store.objectiveHistory('O1')).map((r) => r.key)).toEqual([
          'company/O1',
          'sales/O1',
          'company/O1',
          'sales/O1',
          'sales/O1',
        ]);
        expect((await store.objectiveHistory('O1', { period: '2025-Q2' })).map((r) => r.title)).toEqual(['new O1']);
        expect(await store.objectiveHistory('nope')).toEqual([]);

        // Time ranges: `to` is inclusive; `from` starts with the snapshot in effect at that time.
        expect((await store.history({ to: q1a.finishedAt })).map((r) => r.syncId)).toEqual([q1a.syncId, q1a.syncId]);
        const fromQ1b = await store.history({ from: q1b.finishedAt, companyOnly: true });
        expect(fromQ1b.map((r) => r.syncId)).toEqual([q1b.syncId, q2.syncId]);
        const later = new Date(Date.parse(q2.finishedAt) + 60_000);
        expect((await store.history({ from: later })).map((r) => r.key)).toEqual(['company/O9', 'sales/O1']);
        await expect(store.history({ from: 'not a date' })).rejects.toThrow(RangeError);
      });
    });

    describe('bounded growth', () => {
      const problems = (n: number) => Array.from({ length: n }, (_, i) => ({ severity: 'warning', code: 'x', team: 'sales', tab: 'OKRs', message: `problem ${i}` }));

      it('stores a problem list once however many syncs report it, and serves it per sync', async () => {
        const list = problems(50);
        const a = await runSync(store, syncInput([objective('sales', 'O1', 0.5)], { problems: list }));
        const b = await runSync(store, syncInput([objective('sales', 'O1', 0.6)], { problems: list }));
        const c = await runSync(store, syncInput([objective('sales', 'O1', 0.7)], { problems: problems(3) }));
        expect(await count(db, 'SELECT count(*) FROM problem_sets')).toBe(2);
        expect((await store.getSync(a.syncId))?.problems).toEqual(list);
        expect((await store.getSync(b.syncId))?.problems).toEqual(list);
        expect((await store.getSync(c.syncId))?.problems).toHaveLength(3);
        expect((await store.listSyncs()).map((r) => r.problemCount)).toEqual([3, 50, 50]);
        const failed = await store.beginSync();
        await store.failSync(failed, new Error('boom'));
        expect(await store.getSync(failed)).toMatchObject({ status: 'failed', problems: [], problemCount: 0 });
      });

      it('retention deletes old syncs and what only they held, never the latest or a team’s last good parse', async () => {
        const team = (v: string) => ({
          teamSnapshots: [{ team: 'sales', sourceId: 's', parsed: { v } }],
          teamStates: [{ team: 'sales', sourceId: 's', version: v }],
        });
        const s1 = await runSync(store, syncInput([objective('sales', 'O1', 0.1)], { ...team('1'), problems: problems(2) }));
        const s2 = await runSync(store, syncInput([objective('sales', 'O1', 0.2)], { ...team('2'), problems: problems(4) }));
        // Nothing changed since s2: no snapshot of its own.
        const s3 = await runSync(store, syncInput([objective('sales', 'O1', 0.2)], { ...team('2'), problems: problems(4) }));
        expect(s3.snapshotSyncId).toBe(s2.syncId);
        const failed = await store.beginSync();
        await store.failSync(failed, new Error('boom'));
        const age = async (id: number, days: number) =>
          db.query(`UPDATE sync_runs SET started_at = started_at - make_interval(days => $2) WHERE id = $1`, [id, days]);
        await age(s1.syncId, 500);
        await age(s2.syncId, 100);
        await age(s3.syncId, 100);
        await age(failed, 40);

        expect(await store.applyRetention({ days: 0, syncRunDays: 0 })).toEqual({ syncRuns: 0, problemSets: 0 });
        const r = await store.applyRetention({ days: 400, syncRunDays: 30 });
        // s1 is past 400 days; the failed run stored nothing and is past 30. s3 is the latest (kept),
        // and serves s2's snapshot, which stays; s2 also holds the team's newest parse.
        expect(r).toEqual({ syncRuns: 2, problemSets: 1 });
        expect((await store.listSyncs()).map((x) => x.id)).toEqual([s3.syncId, s2.syncId]);
        expect(await count(db, 'SELECT count(*) FROM alignment_snapshots')).toBe(1);
        expect(await count(db, 'SELECT count(*) FROM team_snapshots')).toBe(1);
        expect((await store.latestAlignment())?.snapshotSyncId).toBe(s2.syncId);
        expect((await store.history()).map((h) => h.syncId)).toEqual([s2.syncId]);
        expect((await store.lastGoodTeamSnapshots()).get(teamSourceKey('sales', 's'))?.parsed).toEqual({ v: '2' });

        // Once a newer sync stores its own snapshot, the old ones may go too.
        const s4 = await runSync(store, syncInput([objective('sales', 'O1', 0.9)], team('3')));
        expect(await store.applyRetention({ days: 50, syncRunDays: 30 })).toEqual({ syncRuns: 2, problemSets: 1 });
        expect((await store.listSyncs()).map((x) => x.id)).toEqual([s4.syncId]);
        expect((await store.teamStates())[0]?.lastGoodSyncId).toBe(s4.syncId);
      });

      it('migration 0002 moves each run’s problem list into problem_sets, once per distinct list', async () => {
        const old = await target.fresh({ migrate: false });
        await migrate(old, MIGRATIONS.slice(0, 1));
        const list = JSON.stringify(problems(2));
        for (const p of [list, list, '[]']) {
          await old.query(`INSERT INTO sync_runs (status, finished_at, problems) VALUES ('failed', now(), $1::jsonb)`, [p]);
        }
        expect((await migrate(old)).applied).toContain(2);
        expect(await count(old, 'SELECT count(*) FROM problem_sets')).toBe(2);
        const moved = createStore(old);
        expect((await moved.listSyncs()).map((r) => r.problemCount)).toEqual([0, 2, 2]);
        expect((await moved.getSync(1))?.problems).toEqual(problems(2));
      });
    });

    describe('team snapshots and states', () => {
      it('keep the last good parse and mark a failing team stale', async () => {
        const s1 = await runSync(
          store,
          syncInput([objective('sales', 'O1', 0.5)], {
            teamSnapshots: [
              { team: 'sales', sourceId: 'sheet-s', sourceVersion: 'v1', parsed: { rows: ['a'] } },
              { team: 'ops', sourceId: 'sheet-o', sourceVersion: 'v7', parsed: { rows: ['x'] } },
            ],
            teamStates: [
              { team: 'sales', sourceId: 'sheet-s', lastModified: '2025-01-01T00:00:00Z', version: 'v1' },
              { team: 'ops', sourceId: 'sheet-o', lastModified: '2025-01-01T00:00:00Z', version: 'v7' },
            ],
          }),
        );
        expect(s1.teamSnapshotsStored).toBe(2);

        // sales re-read with identical content; ops cannot be read.
        const s2 = await runSync(
          store,
          syncInput([objective('sales', 'O1', 0.6)], {
            teamSnapshots: [{ team: 'sales', sourceId: 'sheet-s', sourceVersion: 'v2', parsed: { rows: ['a'] } }],
            teamStates: [
              { team: 'sales', sourceId: 'sheet-s', lastModified: '2025-01-02T00:00:00Z', version: 'v2' },
              { team: 'ops', sourceId: 'sheet-o', stale: true, error: '403 Forbidden' },
            ],
          }),
        );
        expect(s2).toMatchObject({ status: 'partial', teamSnapshotsStored: 0 });

        const states = await store.teamStates();
        expect(states.map((s) => [s.team, s.stale, s.lastGoodSyncId, s.version, s.staleReason])).toEqual([
          ['ops', true, s1.syncId, 'v7', '403 Forbidden'],
          ['sales', false, s2.syncId, 'v2', null],
        ]);
        const ops = states.find((s) => s.team === 'ops');
        expect(ops?.lastError).toBe('403 Forbidden');
        expect(ops?.lastErrorAt).not.toBeNull();

        const snaps = await store.lastGoodTeamSnapshots();
        expect(snaps.get(teamSourceKey('ops', 'sheet-o'))).toEqual({
          team: 'ops',
          sourceId: 'sheet-o',
          syncId: s1.syncId,
          sourceVersion: 'v7',
          parsed: { rows: ['x'] },
        });
        expect(snaps.get(teamSourceKey('sales', 'sheet-s'))?.syncId).toBe(s1.syncId);

        // ops recovers with new content: stored, no longer stale, last error kept for the record.
        const s3 = await runSync(
          store,
          syncInput([objective('sales', 'O1', 0.6)], {
            teamSnapshots: [{ team: 'ops', sourceId: 'sheet-o', sourceVersion: 'v8', parsed: { rows: ['y'] } }],
          }),
        );
        expect(s3).toMatchObject({ status: 'ok', teamSnapshotsStored: 1 });
        expect((await store.lastGoodTeamSnapshots()).get(teamSourceKey('ops', 'sheet-o'))?.parsed).toEqual({
          rows: ['y'],
        });
        const opsAfter = (await store.teamStates()).find((s) => s.team === 'ops');
        expect(opsAfter).toMatchObject({
          stale: false,
          staleReason: null,
          lastGoodSyncId: s3.syncId,
          lastError: '403 Forbidden',
        });
      });
    });

    describe('withSyncLock', () => {
      it('lets one caller at a time in; the others skip without waiting', async () => {
        const release = deferred();
        let ran = 0;
        const first = store.withSyncLock(async () => {
          ran++;
          await release.promise;
          return 'first';
        });
        try {
          expect(await store.withSyncLock(async () => ran++)).toEqual({ skipped: true });
        } finally {
          release.resolve();
        }
        expect(await first).toEqual({ skipped: false, value: 'first' });
        expect(await store.withSyncLock(async () => 'again')).toEqual({ skipped: false, value: 'again' });
        expect(ran).toBe(1);
      });

      it('is released when the callback throws', async () => {
        await expect(store.withSyncLock(async () => Promise.reject(new Error('sync blew up')))).rejects.toThrow(
          'sync blew up',
        );
        expect(await store.withSyncLock(async () => 1)).toEqual({ skipped: false, value: 1 });
      });

      it.runIf(target.name === 'postgres')('excludes a second service instance on the same Postgres', async () => {
        const other = createStore(await target.another(db));
        const release = deferred();
        const holding = store.withSyncLock(async () => {
          await release.promise;
          return 'synced';
        });
        try {
          await expect.poll(() => syncLockHolders(db)).toBe(1);
          const started = Date.now();
          expect(await other.withSyncLock(async () => 'second')).toEqual({ skipped: true });
          expect(Date.now() - started).toBeLessThan(5_000);
        } finally {
          release.resolve();
        }
        expect(await holding).toEqual({ skipped: false, value: 'synced' });
        expect(await other.withSyncLock(async () => 'second')).toEqual({ skipped: false, value: 'second' });
        // Released on the same connection: nothing left behind in the pool.
        expect(await syncLockHolders(db)).toBe(0);
      });

      it.runIf(target.name === 'postgres')('dies with its connection when the holder crashes', async () => {
        const other = createStore(await target.another(db));
        const release = deferred();
        const holding = store.withSyncLock(() => release.promise);
        try {
          await expect.poll(() => syncLockHolders(db)).toBe(1);
          expect(await other.withSyncLock(async () => 0)).toEqual({ skipped: true });
          // Kill the holder's backend, as a crash of its process would; it exits asynchronously.
          const killed = await count(db, `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) ${OUR_SYNC_LOCK}`, [
            SYNC_LOCK_CLASS,
          ]);
          expect(killed).toBe(1);
          await expect.poll(() => syncLockHolders(db)).toBe(0);
          expect(await other.withSyncLock(async () => 'took over')).toEqual({ skipped: false, value: 'took over' });
        } finally {
          release.resolve();
        }
        // Its unlock cannot run on the dead connection (the lock went with it): the sync's own result stands.
        expect(await holding).toEqual({ skipped: false, value: undefined });
        expect(await store.withSyncLock(async () => 'back')).toEqual({ skipped: false, value: 'back' });
      });
    });
  });
}
