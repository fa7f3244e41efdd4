// Shared by the hardening tests: a store holding one sync of a folder that includes a hostile
// workbook (markup and script in every text field), and a source whose reads wait for a gate (a
// sync that stays running as long as a test wants).
import path from 'node:path';
import type { Store } from '../../sync-service/db/store.ts';
import { createStore } from '../../sync-service/db/store.ts';
import type { StorageTarget } from '../../sync-service/db/test-support.ts';
import { runSync, type SyncEngine } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import type { Source } from '../../sync-service/sources/types.ts';
import { okrGrid, tempDir, writeXlsx } from '../fixtures/workbooks.ts';
import { writeZoo, ZOO_AS_OF } from '../fixtures/zoo.ts';

/** Text that would run as script if a page put it into HTML unescaped. */
export const HOSTILE = {
  team: '<b>Evil</b> & "Co"',
  objective: '<script>alert("objective")</script>',
  keyResult: '<img src=x onerror=alert("kr")>',
  owner: '"><svg onload=alert("owner")>',
  notes: 'javascript:alert("notes")',
} as const;

export async function hostileFolder(): Promise<string> {
  const dir = await writeZoo(tempDir());
  await writeXlsx(path.join(dir, 'hostile.xlsx'), [
    {
      name: 'OKRs',
      grid: okrGrid({ team: HOSTILE.team }, [
        {
          oid: 'X1',
          objective: HOSTILE.objective,
          alignsTo: 'C1',
          kr: HOSTILE.keyResult,
          owner: HOSTILE.owner,
          notes: HOSTILE.notes,
          type: 'metric',
          start: 0,
          target: 10,
          current: 5,
        },
        { oid: 'X2', objective: 'Broken on purpose', alignsTo: '<i>C9</i>', kr: 'Bad type', type: '<u>metric</u>', start: 0, target: 10, current: 5 },
      ]),
    },
  ]);
  return dir;
}

/** A fresh store with one complete sync of the hostile folder. */
export async function syncedStore(target: StorageTarget): Promise<Store> {
  const store = createStore(await target.fresh());
  const engine: SyncEngine = { store, sources: [folderSource(await hostileFolder())], company: {}, now: () => ZOO_AS_OF };
  const r = await runSync(engine);
  if (r.skipped) throw new Error(r.reason);
  return store;
}

/** A source with one sheet whose read waits until `release()`: the sync stays running until then. */
export function gatedSource(): { source: Source; release(): void; reading: Promise<void> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started!: () => void;
  const reading = new Promise<void>((resolve) => {
    started = resolve;
  });
  const source: Source = {
    kind: 'folder',
    ref: { id: 'gated', kind: 'folder', name: 'gated' },
    owns: (id) => id.startsWith('gated:'),
    list: async () => ({ entries: [{ sourceId: 'gated:one', name: 'one', kind: 'csv', fallbackTeam: 'Gated', version: null, lastModified: null }] }),
    read: async () => {
      started();
      await gate;
      return { okr: [{ tab: 'one', grid: [] }], checkins: null };
    },
    requestCount: () => 0,
  };
  return { source, release, reading };
}

/**
 * A store that has never synced (every read is empty). For routes that must not need a database,
 * and for "before the first sync" pages, without starting another PGlite.
 */
export function emptyStore(): Store {
  const empty = {
    db: { driver: 'pglite', schema: undefined, query: async () => ({ rows: [{ ok: 1 }], rowCount: 1 }), exec: async () => {} },
    latestAlignmentJson: async () => null,
    latestAlignment: async () => null,
    listSyncs: async () => [],
    getSync: async () => null,
    teamStates: async () => [],
    lastGoodTeamSnapshots: async () => new Map(),
    history: async () => [],
    objectiveHistory: async () => [],
    checkins: async () => [],
  };
  return empty as unknown as Store;
}
