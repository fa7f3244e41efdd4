// Every migration, in order. Append only.
import { m0001 } from './0001_initial.ts';

export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  /** One or more statements; run inside the migration transaction. */
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001];
