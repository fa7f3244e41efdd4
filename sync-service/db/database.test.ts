import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MEMORY, openDatabase } from './database.ts';
import { alignmentEtag, checkinKey } from './keys.ts';
import { createStore } from './store.ts';
import { TEST_DATABASE_URL_VAR } from './test-support.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'okr-db-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('PGlite in a data folder', () => {
  it('creates the folder and its parents, keeps data across restarts, and admits one process at a time', async () => {
    const dataDir = path.join(tmp, 'nested', '.okr', 'db');
    const db = await openDatabase({ dataDir });
    expect(db.driver).toBe('pglite');
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));

    const store = createStore(db);
    const id = await store.beginSync();
    await store.completeSync(id, { alignment: { objectives: [] }, period: 'Q1' });

    // A second opener (here: the same process) is refused instead of corrupting the folder.
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by this process/);
    await db.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    // A lock left by a process that no longer exists does not block.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${dataDir}.lock`, String(dead));
    const again = await openDatabase({ dataDir });
    try {
      expect((await createStore(again).latestAlignment())?.syncId).toBe(id);
    } finally {
      await again.close();
    }
  }, 120_000); // two PGlite start-ups: slow on a busy machine
});

describe('openDatabase', () => {
  it('opens a data folder reached through a symbolic link (PGlite itself cannot follow one)', async () => {
    const real = path.join(tmp, 'real-db');
    mkdirSync(real);
    const link = path.join(tmp, 'linked-db');
    symlinkSync(real, link);
    const db = await openDatabase({ dataDir: link });
    await createStore(db).beginSync();
    await db.close();
    expect(existsSync(path.join(real, 'PG_VERSION'))).toBe(true);
    const again = await openDatabase({ dataDir: link });
    expect((await createStore(again).listSyncs()).length).toBe(1);
    await again.close();
  });

  it('names the folder when PGlite cannot open it, instead of "[object Object]"', async () => {
    const notDb = path.join(tmp, 'not-a-db');
    mkdirSync(notDb);
    writeFileSync(path.join(notDb, 'PG_VERSION'), 'garbage');
    const err = await openDatabase({ dataDir: notDb }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(notDb);
    expect((err as Error).message).not.toContain('[object Object]');
  });

  it('uses PGlite when a dataDir is given, even with DATABASE_URL set', async () => {
    const db = await openDatabase({ dataDir: MEMORY, env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    try {
      expect(db.driver).toBe('pglite');
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('rejects schema names that are not plain identifiers', async () => {
    await expect(openDatabase({ dataDir: MEMORY, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
      /invalid schema name/,
    );
  });

  it('reports an unreachable server', async () => {
    await expect(openDatabase({ url: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  const url = process.env[TEST_DATABASE_URL_VAR];
  it.skipIf(!url)('uses a real server from DATABASE_URL, in its own schema', async () => {
    const schema = `okr_test_open_${process.pid}`;
    const db = await openDatabase({ env: { DATABASE_URL: url }, schema });
    try {
      expect(db.driver).toBe('pg');
      const { rows } = await db.query<{ s: string }>('SELECT current_schema() AS s');
      expect(rows[0]?.s).toBe(schema);
      // Every pooled connection, not just the first, sees the schema.
      const seen = await Promise.all(
        [1, 2, 3].map(() =>
          db.transaction(async (tx) => (await tx.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s),
        ),
      );
      expect(seen).toEqual([schema, schema, schema]);
    } finally {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  });
});

describe('keys', () => {
  const c = { team: 'sales', timestamp: '2025-01-02T10:00:00Z', objectiveId: 'O1', krId: 'KR1', after: '3' };

  it('identify a check-in by team, instant, objective, KR and value', () => {
    expect(checkinKey({ ...c, timestamp: '2025-01-02T11:00:00.000+01:00', note: 'other note' })).toBe(checkinKey(c));
    for (const change of [
      { team: 'ops' },
      { timestamp: '2025-01-02T10:00:01Z' },
      { objectiveId: 'O2' },
      { krId: 'KR2' },
      { after: '4' },
    ]) {
      expect(checkinKey({ ...c, ...change })).not.toBe(checkinKey(c));
    }
    // Unreadable timestamps still get a stable key.
    expect(checkinKey({ ...c, timestamp: 'last Tuesday' })).toBe(checkinKey({ ...c, timestamp: ' last Tuesday ' }));
  });

  it('tag an alignment by content and period', () => {
    expect(alignmentEtag('{"a":1}', 'Q1')).toBe(alignmentEtag('{"a":1}', 'Q1'));
    expect(alignmentEtag('{"a":1}', 'Q1')).not.toBe(alignmentEtag('{"a":1}', 'Q2'));
    expect(alignmentEtag('{"a":1}', null)).not.toBe(alignmentEtag('{"a":2}', null));
  });
});
