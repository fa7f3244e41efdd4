// The version string the engine stores for a Google sheet: Drive's version and modifiedTime, plus
// when the sheet was last read. A sheet whose values change without an edit (a Current fed by
// IMPORTRANGE, GOOGLEFINANCE or NOW()) never moves Drive's version, so it is read again once its
// last read is older than the configured age; otherwise the stored string is reported unchanged and
// the engine skips it.
import type { DriveFileMeta, SeenVersion } from '../google/source.ts';

export const DEFAULT_REREAD_AFTER_HOURS = 3;

interface StoredVersion extends SeenVersion {
  /** Epoch ms of the read that stored it; 0 when unknown (an older build's string). */
  readAt: number;
}

export function formatVersion(f: DriveFileMeta, readAt: number): string {
  return `${f.version}@${f.modifiedTime}#${readAt}`;
}

export function parseVersion(v: string | null): StoredVersion | null {
  if (!v) return null;
  const at = v.indexOf('@');
  if (at < 0) return null;
  const hash = v.indexOf('#', at);
  const readAt = hash < 0 ? 0 : Number(v.slice(hash + 1));
  return { version: v.slice(0, at), modifiedTime: v.slice(at + 1, hash < 0 ? undefined : hash), readAt: Number.isFinite(readAt) ? readAt : 0 };
}

/** 0.9–1.0 per id, so sheets first read together are not all read again in the same sync. */
function spread(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return 0.9 + ((h >>> 0) % 1000) / 10_000;
}

/**
 * The version to report for a listed file: the stored one when neither Drive nor the clock says
 * to read it again, else a new one stamped `now` (different, so the engine reads it).
 */
export function versionFor(f: DriveFileMeta, stored: string | null, now: number, rereadAfterMs: number): string {
  const seen = parseVersion(stored);
  const unchanged = seen && seen.version === f.version && seen.modifiedTime === f.modifiedTime;
  const fresh = seen && now - seen.readAt < rereadAfterMs * spread(f.id);
  return unchanged && fresh && stored ? stored : formatVersion(f, now);
}
