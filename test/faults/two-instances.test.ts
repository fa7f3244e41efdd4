// Two service processes on one real Postgres (OKR_TEST_DATABASE_URL, a fresh schema): syncs are
// triggered on both, one after the other and at the same moment, over and over. The advisory sync
// lock lets only one run at a time — sync_runs' start/finish times never overlap — and both
// instances serve the same tree (the same ETag from /api/alignment).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sync-service/db/database.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { killAll, type OkrProcess, runToEnd, spawnOkr, urlWithSchema, writeConfig, writeTeamFolder } from './process.ts';

const postgres = storageTargets()[1]!;
const TOKEN = 'two-instances-test-token';
const LOCK_REASON = 'another sync is running (the sync lock is held)';

if (!postgres.available) console.warn(`two-instances: ${postgres.skipReason}`);

let dir: string | undefined;
afterAll(async () => {
  await killAll();
  await postgres.teardown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Instance {
  proc: OkrProcess;
  url: string;
}

async function trigger(i: Instance): Promise<{ status: number; body: { syncId?: number; error?: { message: string } } }> {
  const res = await fetch(`${i.url}/api/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ force: true }),
  });
  return { status: res.status, body: (await res.json()) as { syncId?: number; error?: { message: string } } };
}

async function idle(i: Instance, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const h = (await (await fetch(`${i.url}/healthz`)).json()) as { sync: { running: boolean } | null };
    if (h.sync && !h.sync.running) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${i.url} kept syncing for ${timeoutMs} ms`);
}

describe.skipIf(!postgres.available)('two instances on one Postgres', () => {
  let db: Database;
  const instances: Instance[] = [];

  beforeAll(async () => {
    db = await postgres.fresh();
    const cwd = mkdtempSync(path.join(tmpdir(), 'okr-two-'));
    dir = cwd;
    mkdirSync(path.join(cwd, 'okrs'));
    // Big enough that a sync lasts well beyond an HTTP round trip.
    writeTeamFolder(path.join(cwd, 'okrs'), 80);
    writeConfig(cwd, { url: urlWithSchema(process.env.OKR_TEST_DATABASE_URL!, db.schema!) });
    const procs = [0, 1].map(() => spawnOkr(['serve', '--config', 'okr.config.json'], { cwd, env: { OKR_TOKEN: TOKEN } }));
    for (const proc of procs) {
      const url = (await proc.waitForLine(/^http:\/\/127\.0\.0\.1:\d+$/, 60_000)).trim();
      instances.push({ proc, url });
    }
    // Each syncs on start (or skips, if the other holds the lock); let both settle.
    for (const i of instances) await i.proc.waitForLine(/^sync (#\d+ ok|skipped)/, 60_000);
    for (const i of instances) await idle(i);
  });

  afterAll(async () => {
    for (const i of instances) i.proc.kill('SIGTERM');
    for (const i of instances) expect((await runToEnd(i.proc)).code).toBe(0);
  });

  it('never sync at the same time, and serve the same tree', { timeout: 90_000 }, async () => {
    const [a, b] = instances as [Instance, Instance];
    const accepted: number[] = [];

    // One after the other: whoever starts second is refused while the first one's sync runs.
    for (const [first, second] of [
      [a, b],
      [b, a],
      [a, b],
      [b, a],
    ] as const) {
      const r1 = await trigger(first);
      expect(r1.status).toBe(202);
      accepted.push(r1.body.syncId!);
      const r2 = await trigger(second);
      expect(r2.status).toBe(409);
      expect(r2.body.error?.message).toBe(LOCK_REASON);
      // The instance that is syncing refuses a second start of its own.
      const again = await trigger(first);
      expect(again.status).toBe(409);
      await idle(first);
    }

    // At the same moment, several times: exactly one of each pair runs.
    for (let round = 0; round < 4; round++) {
      const both = await Promise.all([trigger(a), trigger(b)]);
      expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
      const won = both.find((r) => r.status === 202)!;
      accepted.push(won.body.syncId!);
      await Promise.all([idle(a), idle(b)]);
    }

    const { rows } = await db.query<{ id: number; status: string; started_at: Date; finished_at: Date | null }>(
      'SELECT id, status, started_at, finished_at FROM sync_runs ORDER BY started_at, id',
    );
    // Every accepted trigger (and each start-up sync that got the lock) is one run; all completed.
    for (const id of accepted) expect(rows.map((r) => r.id)).toContain(id);
    expect(rows.length).toBeGreaterThanOrEqual(accepted.length + 1);
    expect(rows.every((r) => r.status === 'ok' && r.finished_at !== null)).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1]!;
      const next = rows[i]!;
      expect(next.started_at.getTime(), `sync ${next.id} started before sync ${prev.id} finished`).toBeGreaterThanOrEqual(prev.finished_at!.getTime());
    }

    const served = await Promise.all(instances.map((i) => fetch(`${i.url}/api/alignment`)));
    const etags = served.map((r) => r.headers.get('etag'));
    const bodies = await Promise.all(served.map((r) => r.text()));
    expect(served.map((r) => r.status)).toEqual([200, 200]);
    expect(etags[0]).toBeTruthy();
    expect(etags[1]).toBe(etags[0]);
    expect(bodies[1]).toBe(bodies[0]);
    expect((JSON.parse(bodies[0]!) as { lastSync: { id: number } }).lastSync.id).toBe(rows.at(-1)!.id);
  });
});
