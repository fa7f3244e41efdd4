// Periods (quarters). A team workbook holds one OKR tab per period and every period rolls up on its
// own: each stored snapshot keeps one alignment document per period (the current one stays in
// alignment_snapshots, so what is served by default is unchanged), objectives are kept per period
// (an id reused next quarter is another objective), and check-ins are keyed by the period their
// timestamp falls in, so a key result id reused next quarter starts clean.
import type { Migration } from './index.ts';

export const m0004: Migration = {
  version: 4,
  name: 'periods',
  sql: /* sql */ `
CREATE TABLE period_snapshots (
  sync_id    integer NOT NULL REFERENCES alignment_snapshots (sync_id) ON DELETE CASCADE,
  label      text NOT NULL,
  -- Time order of the periods in this snapshot.
  position   integer NOT NULL,
  start_date text,
  end_date   text,
  is_current boolean NOT NULL,
  etag       text NOT NULL,
  -- Teams, objectives and the company score, for GET /api/periods without parsing documents.
  summary    jsonb NOT NULL DEFAULT '{}',
  -- Served byte for byte; NULL for the current period, whose document is alignment_snapshots'.
  alignment  json,
  PRIMARY KEY (sync_id, label)
);

-- One objective id per period: the key is unique within a snapshot's period, no longer across it.
ALTER TABLE objective_snapshots DROP CONSTRAINT objective_snapshots_pkey;
CREATE UNIQUE INDEX objective_snapshots_sync_period_key_idx ON objective_snapshots (sync_id, coalesce(period, ''), key);

-- Set by every sync from the periods it rolled up (sync-write.ts, the rule of shared/periods.ts).
ALTER TABLE checkins ADD COLUMN period text;
CREATE INDEX checkins_period_kr_at_idx ON checkins (period, kr_id, at);
`,
};
