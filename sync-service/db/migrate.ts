// Applies numbered migrations in order, once each, recorded in schema_migrations. All pending
// migrations run in one transaction behind an advisory lock, so two processes starting at once
// neither collide nor apply anything twice: the second waits, then finds nothing to do.
import type { Database } from './database.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** Advisory lock namespace (first key); the second key is the schema's hash, so schemas do not contend. */
export const MIGRATION_LOCK_CLASS = 0x6f6b7201; // "okr\x01"

export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was current). */
  applied: number[];
  /** The schema's version afterwards. */
  version: number;
}

export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  assertOrdered(migrations);
  return db.transaction(async (tx) => {
    // Transaction-scoped: released by COMMIT / ROLLBACK, whatever happens to this process.
    await tx.query(`SELECT pg_advisory_xact_lock($1::int, hashtext(coalesce(current_schema(), '')))`, [
      MIGRATION_LOCK_CLASS,
    ]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      // A newer release migrated this database; running old code on it would be unsafe.
      throw new Error(
        `The database has migrations this version does not know (${unknown.join(', ')}): upgrade okr-sheets.`,
      );
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`migration ${m.version} (${m.name}) failed: ${message}`, { cause: err });
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  });
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const prev = migrations[i - 1];
    if (!Number.isInteger(m.version) || m.version < 1 || (prev && m.version <= prev.version)) {
      throw new Error(`migrations out of order at version ${m.version} (${m.name})`);
    }
  });
}
