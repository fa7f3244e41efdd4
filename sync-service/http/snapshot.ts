// The latest stored alignment, parsed once per snapshot and shared by the routes that filter it.
import type { Store } from '../db/store.ts';
import type { LatestAlignmentJson } from '../db/types.ts';
import type { AlignmentDocument } from '../engine/document.ts';

export interface LatestDocument {
  meta: Omit<LatestAlignmentJson, 'json'>;
  json: string;
  doc: AlignmentDocument;
}

const cache = new WeakMap<Store, LatestDocument>();

export async function latestDocument(store: Store): Promise<LatestDocument | null> {
  const latest = await store.latestAlignmentJson();
  if (!latest) return null;
  const hit = cache.get(store);
  if (hit && hit.meta.syncId === latest.syncId && hit.meta.etag === latest.etag) return hit;
  const { json, ...meta } = latest;
  const entry: LatestDocument = { meta, json, doc: JSON.parse(json) as AlignmentDocument };
  cache.set(store, entry);
  return entry;
}

/** What the API says about the sync that produced the data it serves. */
export function lastSync(meta: LatestDocument['meta']) {
  return { id: meta.syncId, snapshotSyncId: meta.snapshotSyncId, status: meta.status, finishedAt: meta.finishedAt, period: meta.period };
}

/**
 * The served ETag: the content hash plus the sync id, because the body also names the last sync
 * (two syncs with identical content still answer differently).
 */
export function servedEtag(meta: Pick<LatestAlignmentJson, 'etag' | 'syncId'>): string {
  return `"${meta.etag.replace(/^W\//, '').replace(/"/g, '')}-${meta.syncId}"`;
}

/** If-None-Match against our tag, with weak comparison (compression turns tags weak). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
