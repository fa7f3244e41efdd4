// The weekly reminders' send log: one row per ISO week, kind and recipient, inserted (claimed)
// before the message goes out, so a restart or a second instance never sends it again.
import type { Migration } from './index.ts';

export const m0003: Migration = {
  version: 3,
  name: 'reminders',
  sql: /* sql */ `
CREATE TABLE reminder_sends (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- ISO 8601 week in the configured time zone, e.g. 2026-W49.
  week       text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  kind       text NOT NULL CHECK (kind IN ('reminder', 'digest', 'webhook')),
  -- A lower-cased e-mail address, or the webhook's name.
  recipient  text NOT NULL,
  -- 'sending' from the claim until the server accepted it; a failed send deletes its claim.
  status     text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
  subject    text,
  claimed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  sent_at    timestamptz,
  detail     jsonb NOT NULL DEFAULT '{}',
  CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  UNIQUE (week, kind, recipient)
);
`,
};
