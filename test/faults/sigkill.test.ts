// Killing the service with SIGKILL in the middle of a sync — once while it reads the sheets, once
// after it has read them all and is rolling up and storing — leaves a consistent database: the
// last complete snapshot is still the one served, the killed runs are marked interrupted when the
// service starts again, and the next sync completes. On PGlite (a data folder) and, when
// OKR_TEST_DATABASE_URL is set, on a real Postgres server.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../sync-service/db/database.ts';
import { createStore, INTERRUPTED } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { SyncRun } from '../../sync-service/db/types.ts';
import { killAll, type OkrProcess, runToEnd, spawnOkr, urlWithSchema, writeConfig, writeTeamFolder } from './process.ts';

const TEAMS = 150;
const SHEETS = TEAMS + 1;
const postgres = storageTargets()[1]!;

const dirs: string[] = [];
afterAll(async () => {
  await killAll();
  await postgres.teardown();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

if (!postgres.available) console.warn(`sigkill: ${postgres.skipReason}`);

interface Target {
  name: string;
  available: boolean;
  /** Writes the config; returns how to open the same database from the test. */
  prepare(dir: string): Promise<{ open: () => Promise<Database>; close: (db: Database) => Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'PGlite data folder',
    available: true,
    async prepare(dir) {
      const dataDir = path.join(dir, 'db');
      writeConfig(dir, { dataDir: './db' });
      return { open: () => openDatabase({ dataDir }), close: (db) => db.close() };
    },
  },
  {
    name: 'real Postgres',
    available: postgres.available,
    async prepare(dir) {
      const db = await postgres.fresh();
      writeConfig(dir, { url: urlWithSchema(process.env.OKR_TEST_DATABASE_URL!, db.schema!) });
      // The test's own connection stays open (teardown closes it and drops the schema).
      return { open: async () => db, close: async () => {} };
    },
  },
];

async function runs(db: Database): Promise<Pick<SyncRun, 'id' | 'status' | 'error'>[]> {
  const { rows } = await db.query<{ id: number; status: SyncRun['status']; error: string | null }>('SELECT id, status, error FROM sync_runs ORDER BY id');
  return rows;
}

/** What must hold after a crash: only complete syncs have snapshot rows, and the latest is `latestId`. */
async function expectConsistent(db: Database, latestId: number) {
  const store = createStore(db);
  const latest = await store.latestAlignment();
  expect(latest?.syncId).toBe(latestId);
  const snapshotSyncs = (await db.query<{ sync_id: number }>('SELECT DISTINCT sync_id FROM alignment_snapshots ORDER BY sync_id')).rows.map((r) => r.sync_id);
  const objectiveSyncs = (await db.query<{ sync_id: number }>('SELECT DISTINCT sync_id FROM objective_snapshots ORDER BY sync_id')).rows.map((r) => r.sync_id);
  const teamSyncs = (await db.query<{ sync_id: number }>('SELECT DISTINCT sync_id FROM team_snapshots ORDER BY sync_id')).rows.map((r) => r.sync_id);
  const complete = (await runs(db)).filter((r) => r.status === 'ok' || r.status === 'partial').map((r) => r.id);
  for (const ids of [snapshotSyncs, objectiveSyncs, teamSyncs]) for (const id of ids) expect(complete).toContain(id);
  // A sync whose roll-up equals the previous one's serves that snapshot rather than a copy.
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM objective_snapshots WHERE sync_id = $1', [latest?.snapshotSyncId]);
  expect(rows[0]?.n).toBe(1 + TEAMS * 10);
}

/** Starts `okr sync --force` and SIGKILLs it once a progress line matches. */
async function killDuring(cwd: string, at: RegExp): Promise<OkrProcess> {
  const p = spawnOkr(['sync', '--config', 'okr.config.json', '--force'], { cwd });
  await p.waitForLine(at, 60_000);
  p.kill('SIGKILL');
  const exit = await runToEnd(p);
  expect(exit.signal).toBe('SIGKILL');
  // It never got to print its summary: it died before the sync finished.
  expect(p.stdout.join('\n')).not.toMatch(/Sync #\d+/);
  return p;
}

// The targets are independent (own folder, own database): run them side by side.
describe.concurrent('SIGKILL mid-sync: the database stays consistent and the restarted service recovers', () => {
  for (const target of targets) {
    it.skipIf(!target.available)(`on ${target.name}`, { timeout: 120_000 }, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'okr-sigkill-'));
      dirs.push(dir);
      mkdirSync(path.join(dir, 'okrs'));
      writeTeamFolder(path.join(dir, 'okrs'), TEAMS);
      const db = await target.prepare(dir);

      // 1. A complete sync.
      const first = spawnOkr(['sync', '--config', 'okr.config.json'], { cwd: dir });
      expect((await runToEnd(first)).code, first.stderr.join('\n')).toBe(0);
      expect(first.stdout.join('\n')).toMatch(/Sync #1 ok/);

      // 2. Killed while reading the sheets (a third of them read).
      await killDuring(dir, new RegExp(`^\\[${Math.floor(SHEETS / 3)}/${SHEETS}\\]`));

      // 3. Killed after reading everything, while rolling up and storing. Starting up, this
      // process first marks the run killed in step 2 interrupted (nobody holds the sync lock).
      await killDuring(dir, new RegExp(`^\\[${SHEETS}/${SHEETS}\\]`));
      // Ids are compared by order: after a crash, Postgres may skip identity values (logged ahead in batches).
      const conn = await db.open();
      const afterKills = await runs(conn);
      expect(afterKills.map((r) => [r.status, r.error])).toEqual([
        ['ok', null],
        ['failed', INTERRUPTED],
        ['running', null],
      ]);
      const [okId, killedReading, killedStoring] = afterKills.map((r) => r.id) as [number, number, number];
      await expectConsistent(conn, okId);
      await db.close(conn);

      // 4. Restart as a server: it serves the last complete snapshot at once, marks the killed
      // run interrupted, and its own first sync completes.
      const server = spawnOkr(['serve', '--config', 'okr.config.json'], { cwd: dir });
      try {
        const url = (await server.waitForLine(/^http:\/\/127\.0\.0\.1:\d+$/, 60_000)).trim();
        const early = await fetch(`${url}/api/alignment`);
        expect(early.status).toBe(200);
        const earlyId = ((await early.json()) as { lastSync: { id: number } }).lastSync.id;

        const nextId = Number(/^sync #(\d+) ok/.exec(await server.waitForLine(/^sync #\d+ ok/, 60_000))![1]);
        expect(nextId).toBeGreaterThan(killedStoring);
        expect([okId, nextId]).toContain(earlyId);
        const syncs = (await (await fetch(`${url}/api/syncs`)).json()) as { syncs: SyncRun[] };
        expect(syncs.syncs.map((s) => [s.id, s.status, s.error])).toEqual([
          [nextId, 'ok', null],
          [killedStoring, 'failed', INTERRUPTED],
          [killedReading, 'failed', INTERRUPTED],
          [okId, 'ok', null],
        ]);
        const alignment = (await (await fetch(`${url}/api/alignment`)).json()) as { lastSync: { id: number }; teams: unknown[]; objectives: unknown[] };
        expect(alignment.lastSync.id).toBe(nextId);
        expect(alignment.teams).toHaveLength(SHEETS);
        expect(alignment.objectives).toHaveLength(1 + TEAMS * 10);
      } finally {
        server.kill('SIGTERM');
      }
      expect((await runToEnd(server)).code).toBe(0);
    });
  }
});
