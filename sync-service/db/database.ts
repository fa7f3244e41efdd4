// One small interface over two Postgres drivers: embedded PGlite (a folder, or memory) and a real
// server through a pg Pool. The same SQL runs on both; PGlite is Postgres compiled to WASM.
import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock.ts';
import { migrate } from './migrate.ts';
import { createPgliteInChild } from './pglite-init.ts';

export const DEFAULT_DATA_DIR = '.okr/db';
/** Pass as `dataDir` for a throwaway in-memory PGlite (tests). */
export const MEMORY = 'memory://';

export type Row = Record<string, unknown>;

export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted / updated / deleted (or returned, for SELECT). */
  rowCount: number;
}

/** What can run SQL: the database itself, a transaction, or a held session. */
export interface Queryable {
  /** One statement, `$1`-style parameters. Pass jsonb values as JSON text (`JSON.stringify`) cast `::jsonb`. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** The schema objects live in (search_path), when one was chosen. */
  readonly schema: string | undefined;
  /** Runs fn in BEGIN … COMMIT on one connection; rolls back and rethrows when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Holds one connection for fn's whole run (session-level state such as advisory locks).
   * On pg, a connection whose fn threw is closed rather than pooled, so no session state leaks.
   */
  withSession<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL of a real server. Wins over dataDir. */
  url?: string;
  /** PGlite data folder (created with its parents), or MEMORY. */
  dataDir?: string;
  /** Put the tables in this schema (created if missing). Lets several deployments or test runs share one database. */
  schema?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** pg pool size (default 5). */
  poolSize?: number;
  /** Where DATABASE_URL is read from when neither url nor dataDir is given (default process.env). */
  env?: Record<string, string | undefined>;
}

/**
 * Opens the storage database and (by default) migrates it.
 * Precedence: `url` → `dataDir` → `env.DATABASE_URL` → PGlite in DEFAULT_DATA_DIR.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const env = options.env ?? process.env;
  const url = options.url ?? (options.dataDir === undefined ? env.DATABASE_URL || undefined : undefined);
  if (options.schema !== undefined) assertIdentifier(options.schema);
  const db = url
    ? await openPg(url, options.schema, options.poolSize ?? 5)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options.schema);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (err) {
      await db.close().catch(() => {});
      throw err;
    }
  }
  return db;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function assertIdentifier(name: string): void {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid schema name "${name}" (expected lower-case letters, digits, _)`);
}

/** CREATE SCHEMA IF NOT EXISTS can still race another process; losing that race is fine. */
async function ensureSchema(q: Queryable, schema: string): Promise<void> {
  try {
    await q.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  }
}

// ---- PGlite ----------------------------------------------------------------------------------

/**
 * PGlite runs Postgres in one WASM memory that grows and never shrinks, and Postgres' shared
 * buffers (128 MB by default) live in it: once touched they stay resident for the life of the
 * process. Our tables are small and read rarely (the HTTP layer serves a prepared copy), so a
 * small buffer pool costs no visible speed and keeps an idle `okr serve` small.
 */
export const PGLITE_SHARED_BUFFERS = '16MB';
const pgliteOptions = () => ({ startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] });

async function openPglite(dataDir: string, schema: string | undefined): Promise<Database> {
  const memory = dataDir === MEMORY || dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  if (memory) {
    pglite = await PGlite.create(dataDir, pgliteOptions());
  } else {
    // PGlite's file system cannot follow a symbolic link: open the folder it points to.
    mkdirSync(path.resolve(dataDir), { recursive: true });
    const dir = realpathSync(path.resolve(dataDir));
    // PGlite has no cross-process locking: two processes on one folder would corrupt it.
    lock = acquireDataDirLock(dir);
    try {
      await createPgliteInChild(dir);
      pglite = await PGlite.create(dir, pgliteOptions());
    } catch (err) {
      lock.release();
      throw pgliteError(err, dir);
    }
  }
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await target.query<T>(sql, params ? [...params] : undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const base = wrap(pglite);
  if (schema !== undefined) {
    await ensureSchema(base, schema);
    // Single connection: a session SET applies to every later query.
    await base.exec(`SET search_path TO "${schema}"`);
  }
  return {
    driver: 'pglite',
    schema,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    // One connection only: the database is the session.
    withSession: (fn) => fn(base),
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** PGlite (Emscripten) throws plain objects such as `{ name: 'ErrnoError', errno: 44 }`: name the folder. */
function pgliteError(err: unknown, dir: string): Error {
  if (err instanceof Error) return new Error(`cannot open the database folder ${dir}: ${err.message}`, { cause: err });
  const o = (err ?? {}) as { name?: unknown; errno?: unknown; code?: unknown };
  const what = [o.name, o.code, o.errno === undefined ? undefined : `errno ${String(o.errno)}`].filter((x) => x !== undefined).join(', ');
  return new Error(`cannot open the database folder ${dir} (${what || String(err)}): is it a PGlite data folder this user can write?`, { cause: err });
}

// ---- pg --------------------------------------------------------------------------------------

async function openPg(url: string, schema: string | undefined, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Every pooled connection starts with the schema on its search_path.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.warn(`okr db: idle connection error: ${err.message}`));
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await client.query(sql, params ? [...params] : undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      // No parameters → simple query protocol, which accepts several statements.
      await client.query(sql);
    },
  });
  const base = wrap(pool);

  async function withClient<T>(
    fn: (client: pg.PoolClient, markBroken: (err: Error) => void) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    const markBroken = (err: Error) => {
      broken ??= err;
    };
    // A checked-out client has no error listener; without one a dropped connection throws globally.
    client.on('error', markBroken);
    try {
      return await fn(client, markBroken);
    } finally {
      client.off('error', markBroken);
      // Passing an error destroys the connection instead of pooling it (and drops its session locks).
      client.release(broken);
    }
  }

  const db: Database = {
    driver: 'pg',
    schema,
    query: base.query,
    exec: base.exec,
    transaction: (fn) =>
      withClient(async (client, markBroken) => {
        await client.query('BEGIN');
        try {
          const result = await fn(wrap(client));
          await client.query('COMMIT');
          return result;
        } catch (err) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackErr) {
            // The connection is unusable; destroying it ends the transaction server-side.
            markBroken(rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr)));
          }
          throw err;
        }
      }),
    withSession: (fn) =>
      withClient(async (client, markBroken) => {
        try {
          return await fn(wrap(client));
        } catch (err) {
          // Session state (locks, settings) is unknown after a failure: discard the connection.
          markBroken(err instanceof Error ? err : new Error(String(err)));
          throw err;
        }
      }),
    async close() {
      await pool.end();
    },
  };
  try {
    if (schema !== undefined) await ensureSchema(base, schema);
    else await base.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return db;
}
