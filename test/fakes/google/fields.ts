/**
 * Google field masks: `nextPageToken, files(id,name)`, `sheets.properties.title`,
 * `userEnteredFormat.backgroundColor`, `*`. Used both to filter responses
 * (`fields=` query parameter) and to scope updates (`fields` in batchUpdate requests).
 */
export type FieldTree = Map<string, FieldTree | null>;

/** Returns null for `*` / empty (everything). Throws on malformed masks. */
export function parseFieldMask(mask: string | undefined): FieldTree | null {
  if (mask === undefined) return null;
  const text = mask.replace(/\s+/g, '');
  if (text === '' || text === '*') return null;
  let i = 0;
  const list = (): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      const start = i;
      while (i < text.length && !',()'.includes(text[i] as string)) i++;
      const path = text.slice(start, i).split('.');
      if (path.some((p) => p === '')) throw new Error(`Invalid field mask: ${mask}`);
      let sub: FieldTree | null = null;
      if (text[i] === '(') {
        i++;
        sub = list();
        if (text[i] !== ')') throw new Error(`Invalid field mask: ${mask}`);
        i++;
      }
      insert(tree, path, sub);
      if (text[i] !== ',') return tree;
      i++;
    }
  };
  const tree = list();
  if (i !== text.length) throw new Error(`Invalid field mask: ${mask}`);
  return tree;
}

function insert(tree: FieldTree, path: string[], leaf: FieldTree | null): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return;
  if (rest.length === 0) {
    const existing = tree.get(head);
    if (leaf === null || existing === null) tree.set(head, null);
    else tree.set(head, existing ? mergeTrees(existing, leaf) : leaf);
    return;
  }
  let child = tree.get(head);
  if (child === null) return; // already whole
  if (child === undefined) {
    child = new Map();
    tree.set(head, child);
  }
  insert(child, rest, leaf);
}

function mergeTrees(a: FieldTree, b: FieldTree): FieldTree {
  const out: FieldTree = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    if (cur === null || v === null) out.set(k, null);
    else out.set(k, cur ? mergeTrees(cur, v) : v);
  }
  return out;
}

/** Keeps only the masked fields (arrays are filtered element-wise). */
export function applyFieldMask(value: unknown, tree: FieldTree | null): unknown {
  if (tree === null || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => applyFieldMask(v, tree));
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = applyFieldMask(v, sub);
  }
  return out;
}

/**
 * Copies the masked paths from `source` into `target` (the batchUpdate semantics:
 * a field named in the mask but absent from the source is cleared).
 */
export function assignMasked(target: Record<string, unknown>, source: Record<string, unknown>, tree: FieldTree | null): void {
  if (tree === null) {
    for (const k of Object.keys(target)) delete target[k];
    Object.assign(target, structuredClone(source));
    return;
  }
  for (const [key, sub] of tree) {
    const src = source[key];
    if (sub === null || src === undefined || src === null || typeof src !== 'object' || Array.isArray(src)) {
      if (sub !== null && (src === undefined || src === null)) {
        // Clearing a sub-mask on a missing source clears those sub-fields.
        const cur = target[key];
        if (cur && typeof cur === 'object' && !Array.isArray(cur)) {
          assignMasked(cur as Record<string, unknown>, {}, sub);
          if (Object.keys(cur).length === 0) delete target[key];
        }
        continue;
      }
      if (src === undefined) delete target[key];
      else target[key] = structuredClone(src);
      continue;
    }
    let cur = target[key];
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) {
      cur = {};
      target[key] = cur;
    }
    assignMasked(cur as Record<string, unknown>, src as Record<string, unknown>, sub);
    if (Object.keys(cur as object).length === 0) delete target[key];
  }
}
