// Every migration, in order. Append only.
import { m0001 } from './0001_initial.ts';
import { m0002 } from './0002_problem_sets_retention.ts';
import { m0003 } from './0003_reminders.ts';
import { m0004 } from './0004_periods.ts';

export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  /** One or more statements; run inside the migration transaction. */
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004];
