// Bounded growth. Every sync stored its whole problem list (hundreds of KB for a large company,
// every few minutes, even when nothing changed): lists are now stored once in problem_sets and
// runs point at theirs. Retention (retention.ts) deletes old runs and snapshots, so rows that
// merely remember a run (a team's last good sync, a check-in's first sync) let go of it.
import type { Migration } from './index.ts';

export const m0002: Migration = {
  version: 2,
  name: 'problem_sets_retention',
  sql: /* sql */ `
CREATE TABLE problem_sets (
  hash          text PRIMARY KEY,
  problems      jsonb NOT NULL,
  problem_count integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);
INSERT INTO problem_sets (hash, problems, problem_count)
  SELECT DISTINCT ON (md5(problems::text)) md5(problems::text), problems, jsonb_array_length(problems)
    FROM sync_runs;
ALTER TABLE sync_runs ADD COLUMN problems_hash text REFERENCES problem_sets (hash);
UPDATE sync_runs SET problems_hash = md5(problems::text);
ALTER TABLE sync_runs DROP COLUMN problems;
CREATE INDEX sync_runs_problems_hash_idx ON sync_runs (problems_hash);
-- Retention: runs by age, and which runs a kept run's snapshot belongs to.
CREATE INDEX sync_runs_started_idx ON sync_runs (started_at);
CREATE INDEX sync_runs_snapshot_idx ON sync_runs (snapshot_sync_id);

ALTER TABLE team_states DROP CONSTRAINT team_states_last_good_sync_id_fkey;
ALTER TABLE team_states ADD CONSTRAINT team_states_last_good_sync_id_fkey
  FOREIGN KEY (last_good_sync_id) REFERENCES sync_runs (id) ON DELETE SET NULL;
-- The sync a check-in was first seen in stays a plain number (check-ins outlive old runs).
ALTER TABLE checkins DROP CONSTRAINT checkins_first_seen_sync_fkey;
`,
};
