// Test targets for code built on the storage layer: the same suite runs on in-memory PGlite and,
// when OKR_TEST_DATABASE_URL is set, on a real Postgres server. Every fresh() database is an empty,
// migrated schema of its own, so test runs (and parallel test files) never see each other's rows.
import { randomBytes } from 'node:crypto';
import { type Database, MEMORY, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

export interface StorageTarget {
  readonly name: 'pglite' | 'postgres';
  /** False when the target cannot run here; skipReason says why. */
  readonly available: boolean;
  readonly skipReason: string | undefined;
  /** An empty (by default migrated) database. Valid until the next fresh() (PGlite) or teardown(). */
  fresh(options?: { migrate?: boolean }): Promise<Database>;
  /** A second, independent Database on the same schema as db (Postgres only: PGlite is one process). */
  another(db: Database, options?: { migrate?: boolean }): Promise<Database>;
  /** Closes everything and drops the schemas created. */
  teardown(): Promise<void>;
}

export const TEST_DATABASE_URL_VAR = 'OKR_TEST_DATABASE_URL';

export function storageTargets(env: Record<string, string | undefined> = process.env): StorageTarget[] {
  return [pgliteTarget(), postgresTarget(env[TEST_DATABASE_URL_VAR])];
}

function schemaName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** One in-memory PGlite (starting one takes seconds); each fresh() switches to a new schema. */
function pgliteTarget(): StorageTarget {
  let db: Database | undefined;
  let counter = 0;
  return {
    name: 'pglite',
    available: true,
    skipReason: undefined,
    async fresh(options = {}) {
      db ??= await openDatabase({ dataDir: MEMORY, migrate: false });
      const schema = `t${++counter}`;
      await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      if (options.migrate !== false) await migrate(db);
      return db;
    },
    async another() {
      throw new Error('PGlite is a single-process database: there is no second connection');
    },
    async teardown() {
      await db?.close();
      db = undefined;
    },
  };
}

function postgresTarget(url: string | undefined): StorageTarget {
  const opened: Database[] = [];
  const schemas = new Set<string>();
  const open = async (schema: string, migrateOnOpen: boolean) => {
    if (!url) throw new Error(`${TEST_DATABASE_URL_VAR} is not set`);
    schemas.add(schema);
    const db = await openDatabase({ url, schema, migrate: migrateOnOpen, poolSize: 4 });
    opened.push(db);
    return db;
  };
  return {
    name: 'postgres',
    available: Boolean(url),
    skipReason: url
      ? undefined
      : `real-Postgres storage tests skipped: set ${TEST_DATABASE_URL_VAR} (e.g. postgres://okr@127.0.0.1:55432/okr_test)`,
    fresh: (options = {}) => open(schemaName('okr_test'), options.migrate !== false),
    async another(db, options = {}) {
      if (!db.schema) throw new Error('another(): the database has no schema of its own');
      return open(db.schema, options.migrate !== false);
    },
    async teardown() {
      // Drop first: a test that failed midway may leave a connection checked out, and closing its
      // pool would then wait for it forever.
      if (url && schemas.size > 0) {
        const admin = await openDatabase({ url, migrate: false, poolSize: 1 });
        try {
          await admin.exec(`SET lock_timeout = '10s'`);
          for (const s of schemas) await admin.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
          schemas.clear();
        } finally {
          await admin.close();
        }
      }
      const closing = Promise.all(opened.splice(0).map((db) => db.close().catch(() => {})));
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
  };
}
