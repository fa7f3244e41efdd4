// What `okr serve` and `okr sync` share: the database, the sources and the sync engine, from a config.

import type { Config } from '../config/schema.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { createStore, type Store } from '../db/store.ts';
import { companySheetWriter } from '../engine/company-sheet.ts';
import type { SyncEngine } from '../engine/sync.ts';
import type { GoogleSourceSetup } from '../sources/google.ts';
import { createSources } from '../sources/index.ts';

export interface Service {
  config: Config;
  db: Database;
  store: Store;
  engine: SyncEngine;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Google API base URL (tests: the fake server). */
  google?: GoogleSourceSetup;
  now?: () => Date;
}

export async function openService(config: Config, opts: ServiceOptions = {}): Promise<Service> {
  const db = await openDatabase(config.database.url ? { url: config.database.url } : { dataDir: config.database.dataDir });
  try {
    const store = createStore(db);
    // A sync left 'running' by a crashed process is marked failed (only when no other instance is syncing).
    await store.recoverInterrupted();
    const writer = companySheetWriter(config, {
      ...(opts.google?.rootUrl ? { rootUrl: opts.google.rootUrl } : {}),
      ...(opts.google?.auth ? { auth: opts.google.auth } : {}),
    });
    const engine: SyncEngine = {
      store,
      sources: createSources(config, opts.google),
      company: { name: config.company.name, mission: config.company.mission, source: config.company.source },
      period: config.period ? { ...(config.period.label ? { label: config.period.label } : {}), start: config.period.start, end: config.period.end } : null,
      rollupMode: config.rollupMode,
      ...(opts.now ? { now: opts.now } : {}),
      writeCompanySheet: writer,
      retention: config.retention,
    };
    return { config, db, store, engine, close: () => db.close() };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}
