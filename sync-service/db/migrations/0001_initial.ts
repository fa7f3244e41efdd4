// Initial schema. Migrations are TS string modules so they run through tsx from a checkout (no
// build step, no files to copy). Never edit a released migration: add the next number instead.
import type { Migration } from './index.ts';

export const m0001: Migration = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
-- Times are stored to the millisecond (what JavaScript carries), so ISO strings round-trip exactly.
-- One row per sync attempt. Complete syncs ('ok', 'partial') point at the alignment snapshot they
-- serve: their own, or an earlier identical one (unchanged syncs do not store copies).
CREATE TABLE sync_runs (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at       timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  finished_at      timestamptz,
  status           text NOT NULL DEFAULT 'running'
                   CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  sources          jsonb NOT NULL DEFAULT '[]',
  counts           jsonb NOT NULL DEFAULT '{}',
  duration_ms      integer,
  error            text,
  problems         jsonb NOT NULL DEFAULT '[]',
  period           text,
  snapshot_sync_id integer,
  CHECK ((status IN ('ok', 'partial')) = (snapshot_sync_id IS NOT NULL)),
  CHECK ((status = 'running') = (finished_at IS NULL))
);
-- latestAlignment(): newest complete sync.
CREATE INDEX sync_runs_complete_idx ON sync_runs (id DESC) WHERE status IN ('ok', 'partial');
-- history({ from, to }): complete syncs by time.
CREATE INDEX sync_runs_finished_idx ON sync_runs (finished_at) WHERE status IN ('ok', 'partial');
-- recoverInterrupted().
CREATE INDEX sync_runs_running_idx ON sync_runs (id) WHERE status = 'running';

-- The whole computed alignment, kept as JSON text (json, not jsonb) so it is served byte for byte.
CREATE TABLE alignment_snapshots (
  sync_id    integer PRIMARY KEY REFERENCES sync_runs (id) ON DELETE CASCADE,
  etag       text NOT NULL,
  alignment  json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);
ALTER TABLE sync_runs
  ADD CONSTRAINT sync_runs_snapshot_fk FOREIGN KEY (snapshot_sync_id) REFERENCES alignment_snapshots (sync_id);

-- One row per objective per stored snapshot: the score history. data is the objective as given.
CREATE TABLE objective_snapshots (
  sync_id      integer NOT NULL REFERENCES alignment_snapshots (sync_id) ON DELETE CASCADE,
  key          text NOT NULL,
  id           text NOT NULL,
  team         text NOT NULL,
  title        text NOT NULL,
  is_company   boolean NOT NULL,
  kind         text,
  own_score    double precision,
  rolled_score double precision,
  grade        text,
  status       text,
  period       text,
  data         jsonb NOT NULL,
  PRIMARY KEY (sync_id, key)
);
CREATE INDEX objective_snapshots_key_idx ON objective_snapshots (key, sync_id);
CREATE INDEX objective_snapshots_id_idx ON objective_snapshots (id, sync_id);
CREATE INDEX objective_snapshots_team_idx ON objective_snapshots (team, sync_id);
CREATE INDEX objective_snapshots_company_idx ON objective_snapshots (sync_id) WHERE is_company;
CREATE INDEX objective_snapshots_period_idx ON objective_snapshots (period, sync_id);

-- Parsed sheets, stored when they differ from the team's previous one; the newest per team and
-- source is the "last good" parse reused when the sheet is unchanged or cannot be read.
CREATE TABLE team_snapshots (
  team           text NOT NULL,
  source_id      text NOT NULL,
  sync_id        integer NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
  source_version text,
  parsed_hash    text NOT NULL,
  parsed         jsonb NOT NULL,
  PRIMARY KEY (team, source_id, sync_id)
);
CREATE INDEX team_snapshots_sync_idx ON team_snapshots (sync_id);

-- Change detection and staleness per team and source.
CREATE TABLE team_states (
  team              text NOT NULL,
  source_id         text NOT NULL,
  last_modified     text,
  version           text,
  last_good_sync_id integer REFERENCES sync_runs (id),
  stale             boolean NOT NULL DEFAULT false,
  stale_reason      text,
  last_error        text,
  last_error_at     timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  PRIMARY KEY (team, source_id)
);

-- Check-ins, read again on every sync, stored once: natural_key hashes
-- team + timestamp + objectiveId + krId + after.
CREATE TABLE checkins (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  natural_key     text NOT NULL UNIQUE,
  team            text NOT NULL,
  at              timestamptz,
  objective_id    text,
  kr_id           text,
  score           double precision,
  confidence      double precision,
  data            jsonb NOT NULL,
  first_seen_sync integer NOT NULL REFERENCES sync_runs (id)
);
CREATE INDEX checkins_team_at_idx ON checkins (team, at);
CREATE INDEX checkins_kr_at_idx ON checkins (kr_id, at);
CREATE INDEX checkins_objective_at_idx ON checkins (objective_id, at);
CREATE INDEX checkins_at_idx ON checkins (at);
CREATE INDEX checkins_first_seen_idx ON checkins (first_seen_sync);
`,
};
