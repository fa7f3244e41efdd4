// The latest stored alignment, prepared once per sync and shared by every route: the body of
// GET /api/alignment (with lastSync spliced in) and its gzip, both made once, and the parsed
// document for the routes and pages that filter it.
//
// Serving it costs no database read: a sync run in this process bumps the store's generation
// (engine/generation.ts), which is looked at first. Syncs of another instance on the same Postgres
// are caught by a light check (the newest sync runs, no alignment) at most once per REVALIDATE_MS.
import { gzipSync } from 'node:zlib';
import type { Store } from '../db/store.ts';
import type { LatestAlignmentJson, StoredPeriod } from '../db/types.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import { syncGeneration } from '../engine/generation.ts';

export const REVALIDATE_MS = 1_000;

export interface LatestDocument {
  meta: Omit<LatestAlignmentJson, 'json'>;
  json: string;
  doc: AlignmentDocument;
}

export interface PreparedAlignment {
  meta: Omit<LatestAlignmentJson, 'json'>;
  /** The ETag served for it. */
  etag: string;
  /** GET /api/alignment's body, and the same gzipped: each made on first use, once. */
  body(): Uint8Array;
  gzip(): Uint8Array;
  /** The stored JSON and its parse, made on first use. */
  latest(): LatestDocument;
}

interface Entry {
  prepared: PreparedAlignment | null;
  generation: number;
  checkedAt: number;
  pending: Promise<PreparedAlignment | null> | null;
}

const cache = new WeakMap<Store, Entry>();

/** The prepared latest alignment, or null before the first complete sync. */
export function latestPrepared(store: Store): Promise<PreparedAlignment | null> {
  let entry = cache.get(store);
  if (!entry) {
    entry = { prepared: null, generation: -1, checkedAt: Number.NEGATIVE_INFINITY, pending: null };
    cache.set(store, entry);
  }
  const generation = syncGeneration(store);
  if (entry.generation === generation && performance.now() - entry.checkedAt < REVALIDATE_MS) return Promise.resolve(entry.prepared);
  const e = entry;
  e.pending ??= revalidate(store, e, generation).finally(() => {
    e.pending = null;
  });
  return e.pending;
}

async function revalidate(store: Store, entry: Entry, generation: number): Promise<PreparedAlignment | null> {
  // The newest runs, without their problem lists: is the served sync still the latest complete one?
  const newest = (await store.listSyncs({ limit: 5 })).find((s) => s.status === 'ok' || s.status === 'partial');
  if (entry.prepared && newest?.id === entry.prepared.meta.syncId) {
    entry.generation = generation;
    entry.checkedAt = performance.now();
    return entry.prepared;
  }
  // A sync this process just completed hands over its document: no read of it, no parse.
  const here = newest ? store.takeCompleted(newest.id) : null;
  if (here) {
    const { alignment, ...latest } = here;
    entry.prepared = prepare(latest, alignment as AlignmentDocument);
  } else {
    const latest = await store.latestAlignmentJson();
    entry.prepared = latest ? prepare(latest) : null;
  }
  entry.generation = generation;
  entry.checkedAt = performance.now();
  return entry.prepared;
}

function prepare(latest: LatestAlignmentJson, built?: AlignmentDocument): PreparedAlignment {
  const { json, ...meta } = latest;
  let body: Buffer | null = null;
  let gzip: Buffer | null = null;
  let parsed: LatestDocument | null = null;
  const bodyOnce = () => {
    // Splice lastSync into the stored object rather than parse and re-serialise it.
    const rest = json.trim().slice(1).trim();
    body ??= Buffer.from(`{"lastSync":${JSON.stringify(lastSync(meta))}${rest === '}' ? '' : ','}${rest}`);
    return body;
  };
  return {
    meta,
    etag: servedEtag(meta),
    body: bodyOnce,
    gzip: () => {
      gzip ??= gzipSync(bodyOnce());
      return gzip;
    },
    latest: () => {
      parsed ??= { meta, json, doc: built ?? (JSON.parse(json) as AlignmentDocument) };
      return parsed;
    },
  };
}

/**
 * The periods of the latest snapshot and each one's prepared document, made once per latest
 * prepared alignment (a new sync prepares a new one, and these go with the old).
 */
const periodCache = new WeakMap<PreparedAlignment, { list: Promise<StoredPeriod[]>; docs: Map<string, Promise<PreparedAlignment | null>> }>();

function periodEntry(store: Store, prepared: PreparedAlignment) {
  let entry = periodCache.get(prepared);
  if (!entry) {
    entry = { list: store.periods(), docs: new Map() };
    periodCache.set(prepared, entry);
  }
  return entry;
}

/** The latest snapshot's periods, in time order (empty before the first complete sync). */
export async function latestPeriods(store: Store): Promise<StoredPeriod[]> {
  const prepared = await latestPrepared(store);
  return prepared ? periodEntry(store, prepared).list : [];
}

/**
 * One period's prepared document (body, gzip, ETag made once): the current period's is the latest
 * alignment itself. `undefined` when there is no sync yet, null when the label is not a period.
 */
export async function periodPrepared(store: Store, label: string | undefined): Promise<PreparedAlignment | null | undefined> {
  const prepared = await latestPrepared(store);
  if (!prepared) return undefined;
  if (label === undefined) return prepared;
  const entry = periodEntry(store, prepared);
  const period = (await entry.list).find((p) => p.label === label);
  if (!period) return null;
  if (period.current) return prepared;
  let doc = entry.docs.get(label);
  if (!doc) {
    doc = store.periodAlignmentJson(label).then((json) => (json ? prepare(json) : null));
    entry.docs.set(label, doc);
  }
  return doc;
}

/** The latest stored document, parsed once per sync, or null before the first complete sync. */
export async function latestDocument(store: Store): Promise<LatestDocument | null> {
  return (await latestPrepared(store))?.latest() ?? null;
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

/** Whether Accept-Encoding allows gzip (an explicit q=0 refuses it; `*` stands in for it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const allowed = q === undefined || Number(q) > 0;
    if (name.trim() === 'gzip') return allowed;
    if (name.trim() === '*') star = allowed;
  }
  return star ?? false;
}
