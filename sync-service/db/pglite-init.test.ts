import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { createPgliteInChild } from './pglite-init.ts';
import { createStore } from './store.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'okr-pglite-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a new PGlite folder, created in a child process', () => {
  it('is a database this process then opens, and keeps', async () => {
    const dir = path.join(tmp, 'new');
    mkdirSync(dir);
    expect(await createPgliteInChild(dir)).toBe(true);
    expect(readdirSync(dir)).toContain('PG_VERSION');
    // A folder that holds a database is left to PGlite.create, untouched.
    expect(await createPgliteInChild(dir)).toBe(false);
    const db = await openDatabase({ dataDir: dir });
    try {
      const store = createStore(db);
      await store.beginSync();
      expect(await store.listSyncs()).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('leaves a folder with anything else in it to PGlite.create', async () => {
    const dir = path.join(tmp, 'not-empty');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(await createPgliteInChild(dir)).toBe(false);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('empties the folder again when the child fails, so the caller starts clean', async () => {
    const dir = path.join(tmp, 'fails');
    mkdirSync(dir);
    // Stopped once initdb has begun to write the folder.
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (readdirSync(dir).length > 0) stop.abort();
    }, 10);
    try {
      expect(await createPgliteInChild(dir, { signal: stop.signal })).toBe(false);
    } finally {
      clearInterval(watch);
    }
    expect(stop.signal.aborted).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
