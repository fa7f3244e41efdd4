// Content hashes and natural keys: pure, so deduplication rules are testable without a database.
import { createHash } from 'node:crypto';
import type { CheckinInput } from './types.ts';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Quoted strong ETag over the alignment's content (its JSON) and period label. */
export function alignmentEtag(content: string, period: string | null): string {
  return `"${sha256(`${period ?? ''}\n${content}`).slice(0, 32)}"`;
}

/** ISO form of a timestamp, or null when it cannot be read as one. */
export function normalizeTimestamp(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * A check-in's identity across syncs: team + timestamp + objectiveId + krId + after. The timestamp
 * is normalised so that one instant written two ways is still one check-in.
 */
export function checkinKey(c: CheckinInput): string {
  const at = normalizeTimestamp(c.timestamp) ?? c.timestamp.trim();
  const after = c.after === undefined ? null : c.after;
  return sha256(JSON.stringify([c.team, at, c.objectiveId ?? null, c.krId ?? null, after]));
}
