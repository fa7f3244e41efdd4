// SQL fragments and row conversions the store's reads and writes share.

/** Times are kept to the millisecond, so an ISO string handed out compares equal when handed back. */
export const NOW_MS = `date_trunc('milliseconds', clock_timestamp())`;
export const ELAPSED_MS = `round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int`;
/** Statuses of complete syncs (they serve a snapshot). */
export const COMPLETE = `('ok', 'partial')`;

export function first<T>(rows: readonly T[], what: string): T {
  const r = rows[0];
  if (r === undefined) throw new Error(`${what}: the database returned no row`);
  return r;
}

/** Both drivers parse timestamptz to Date; normalise to ISO text at the boundary. */
export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

export function isoParam(v: string | Date): string {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid time: ${String(v)}`);
  return d.toISOString();
}

export function positiveInt(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer`);
  return n;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}

/** WHERE clauses with numbered parameters; values never enter the SQL text. */
export class Where {
  readonly params: unknown[] = [];
  readonly #clauses: string[] = [];
  param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  add(clause: string): void {
    this.#clauses.push(clause);
  }
  sql(): string {
    return this.#clauses.length ? `WHERE ${this.#clauses.join(' AND ')}` : '';
  }
}
