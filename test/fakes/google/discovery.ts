/**
 * batchUpdate bodies checked against the Sheets v4 types shipped in `@googleapis/sheets` (its
 * v4.ts is generated from Google's discovery document): every request kind, every field name at
 * every depth, and every field mask must exist, as Google checks them. Google answers a stray name
 * with 400 `Invalid JSON payload received. Unknown name "x" at 'requests[0].update_cells': Cannot
 * find field.`, and an unknown mask path with 400 too — a fake that stores anything would hide both.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { badRequest } from './errors.ts';
import { parseFieldMask, type FieldTree } from './fields.ts';

/** Field name → the Schema$ type it holds (null: a scalar, enum or free-form map). */
type Fields = Map<string, string | null>;

let types: Map<string, Fields> | null = null;

function loadTypes(): Map<string, Fields> {
  if (types) return types;
  const main = createRequire(import.meta.url).resolve('@googleapis/sheets');
  const source = readFileSync(path.join(path.dirname(main), '..', 'v4.ts'), 'utf8');
  types = new Map();
  const block = /export interface (Schema\$\w+) \{([\s\S]*?)\n {2}\}/g;
  for (const m of source.matchAll(block)) {
    const fields: Fields = new Map();
    for (const f of (m[2] as string).matchAll(/^ {4}(\w+)\?: ([^;]+);$/gm)) {
      const ref = /Schema\$\w+/.exec(f[2] as string)?.[0] ?? null;
      fields.set(f[1] as string, ref);
    }
    types.set(m[1] as string, fields);
  }
  return types;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function checkObject(value: unknown, type: string, at: string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkObject(v, type, `${at}[${i}]`);
    });
    return;
  }
  const fields = loadTypes().get(type);
  if (!fields) return;
  for (const [key, v] of Object.entries(value)) {
    if (!fields.has(key)) throw badRequest(`Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`);
    const ref = fields.get(key);
    if (ref) checkObject(v, ref, `${at}.${snake(key)}`);
  }
}

/** The type a request's `fields` mask is relative to. */
const MASK_TARGET: Record<string, [string, string]> = {
  updateCells: ['Schema$CellData', 'fields'],
  repeatCell: ['Schema$CellData', 'fields'],
  updateSheetProperties: ['Schema$SheetProperties', 'fields'],
  updateSpreadsheetProperties: ['Schema$SpreadsheetProperties', 'fields'],
  updateDimensionProperties: ['Schema$DimensionProperties', 'fields'],
  // "The fields of OverlayPosition …; the root newPosition.overlayPosition is implied."
  updateEmbeddedObjectPosition: ['Schema$OverlayPosition', 'fields'],
  updateBanding: ['Schema$BandedRange', 'fields'],
  updateNamedRange: ['Schema$NamedRange', 'fields'],
  updateProtectedRange: ['Schema$ProtectedRange', 'fields'],
  updateFilterView: ['Schema$FilterView', 'fields'],
};

function checkMask(tree: FieldTree | null, type: string, at: string, mask: string): void {
  if (tree === null) return;
  const fields = loadTypes().get(type);
  if (!fields) return;
  for (const [key, sub] of tree) {
    if (!fields.has(key)) throw badRequest(`Invalid field mask at '${at}': "${mask}": "${key}" is not a field of ${type.slice('Schema$'.length)}`);
    const ref = fields.get(key);
    if (sub && ref) checkMask(sub, ref, at, mask);
    else if (sub && !ref) throw badRequest(`Invalid field mask at '${at}': "${mask}": "${key}" has no fields`);
  }
}

/** Throws Google's 400 for the first unknown request kind, field name or mask path. */
export function checkBatchUpdate(requests: unknown): void {
  if (!Array.isArray(requests)) return;
  requests.forEach((raw, i) => {
    checkObject(raw, 'Schema$Request', `requests[${i}]`);
    for (const [kind, body] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
      const target = MASK_TARGET[kind];
      const mask = target && body && typeof body === 'object' ? (body as Record<string, unknown>)[target[1]] : undefined;
      if (!target || typeof mask !== 'string') continue;
      let tree: FieldTree | null;
      try {
        tree = parseFieldMask(mask);
      } catch {
        throw badRequest(`Invalid field mask at 'requests[${i}].${snake(kind)}.fields': "${mask}"`);
      }
      checkMask(tree, target[0], `requests[${i}].${snake(kind)}.fields`, mask);
    }
  });
}
