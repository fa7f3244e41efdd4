// Addresses in the company alignment view (sync-service/web), for the add-on to link to.

/**
 * A team's page in the alignment view served at `syncUrl` (the add-on's Settings), or null when no
 * URL is set. Tolerates a trailing slash and a pasted `/api` suffix.
 */
export function teamPageUrl(syncUrl: string, team: string): string | null {
  const base = syncUrl.trim().replace(/\/+$/, '').replace(/\/api$/, '');
  if (!base || !team) return null;
  return `${base}/teams/${encodeURIComponent(team)}`;
}
