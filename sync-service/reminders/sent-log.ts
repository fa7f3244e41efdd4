// The send log (migration 0003): a message is claimed by inserting its (week, kind, recipient)
// row before it goes out. The unique key makes the claim atomic across instances and restarts:
// whoever inserts the row sends; everyone else sees it taken. At most once: a process that dies
// between claim and send leaves the claim, and that message is not sent that week.
import type { Queryable } from '../db/database.ts';

export const SEND_KINDS = ['reminder', 'digest', 'webhook'] as const;
export type SendKind = (typeof SEND_KINDS)[number];

export interface SendKey {
  /** ISO week, `2026-W49`. */
  week: string;
  kind: SendKind;
  /** An e-mail address (compared lower-cased) or the webhook's name. */
  recipient: string;
}

export interface SentRow extends SendKey {
  id: number;
  status: 'sending' | 'sent';
  subject: string | null;
  claimedAt: string;
  sentAt: string | null;
}

const norm = (k: SendKey): [string, string, string] => [k.week, k.kind, k.recipient.trim().toLowerCase()];

/** Claims a message; the claim's id, or null when it was claimed (or sent) already. */
export async function claimSend(db: Queryable, key: SendKey, subject: string | null): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO reminder_sends (week, kind, recipient, subject) VALUES ($1, $2, $3, $4)
     ON CONFLICT (week, kind, recipient) DO NOTHING RETURNING id`,
    [...norm(key), subject],
  );
  return rows[0]?.id ?? null;
}

/** The server accepted it. */
export async function markSent(db: Queryable, id: number, detail: Record<string, unknown> = {}): Promise<void> {
  await db.query(`UPDATE reminder_sends SET status = 'sent', sent_at = date_trunc('milliseconds', clock_timestamp()), detail = $2::jsonb WHERE id = $1`, [
    id,
    JSON.stringify(detail),
  ]);
}

/** The send failed: give the claim back so a later run can try again. */
export async function releaseClaim(db: Queryable, id: number): Promise<void> {
  await db.query(`DELETE FROM reminder_sends WHERE id = $1 AND status = 'sending'`, [id]);
}

export async function sentLog(db: Queryable, q: { week?: string } = {}): Promise<SentRow[]> {
  const { rows } = await db.query<{
    id: number;
    week: string;
    kind: SendKind;
    recipient: string;
    status: 'sending' | 'sent';
    subject: string | null;
    claimed_at: Date | string;
    sent_at: Date | string | null;
  }>(
    `SELECT id, week, kind, recipient, status, subject, claimed_at, sent_at FROM reminder_sends
     ${q.week ? 'WHERE week = $1' : ''} ORDER BY id`,
    q.week ? [q.week] : [],
  );
  const iso = (v: Date | string) => new Date(v).toISOString();
  return rows.map((r) => ({
    id: r.id,
    week: r.week,
    kind: r.kind,
    recipient: r.recipient,
    status: r.status,
    subject: r.subject,
    claimedAt: iso(r.claimed_at),
    sentAt: r.sent_at === null ? null : iso(r.sent_at),
  }));
}
