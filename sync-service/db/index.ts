// The storage layer's public surface: open a database, wrap it in a Store.
export {
  type Database,
  DEFAULT_DATA_DIR,
  MEMORY,
  type OpenDatabaseOptions,
  openDatabase,
  type Queryable,
} from './database.ts';
export { type MigrateResult, migrate } from './migrate.ts';
export { createStore, INTERRUPTED, Store, SYNC_LOCK_CLASS, SyncStateError, teamSourceKey } from './store.ts';
export { DEFAULT_RETENTION, type RetentionPolicy, type RetentionResult } from './retention.ts';
export type * from './types.ts';
