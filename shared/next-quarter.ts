// Starting the next quarter: which objectives carry on, their new Objective IDs, and what their key
// results start from. Pure: the add-on (next-quarter.ts) reads the tab and writes the new one.
import type { KeyResult, Objective } from './schemas.ts';
import type { TemplateKr, TemplateObjective } from './template.ts';

/** Chosen by default: those marked Carry On; when none is, those not graded green. */
export function suggestCarry(objectives: readonly Pick<Objective, 'carryOn'>[], green: (i: number) => boolean): boolean[] {
  const anyMarked = objectives.some((o) => o.carryOn === true);
  return objectives.map((o, i) => (anyMarked ? o.carryOn === true : !green(i)));
}

/**
 * New IDs for `ids`, each the next free `<prefix><n>` after the highest number `taken` uses with
 * that prefix (`ENG-1` → `ENG-5` when ENG-4 exists), so an ID is never reused across quarters.
 * An ID without a trailing number gets `-2`, `-3`, ….
 */
export function renumber(ids: readonly string[], taken: Iterable<string>): Map<string, string> {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  const highest = new Map<string, number>();
  for (const t of used) {
    const m = /^(.*?)(\d+)$/.exec(t);
    if (m) highest.set(m[1]!, Math.max(highest.get(m[1]!) ?? 0, Number(m[2])));
  }
  const out = new Map<string, string>();
  for (const id of ids) {
    const m = /^(.*?)(\d+)$/.exec(id);
    const prefix = m ? m[1]! : `${id}-`;
    let n = Math.max(highest.get(prefix.toLowerCase()) ?? 0, m ? 0 : 1) + 1;
    while (used.has(`${prefix}${n}`.toLowerCase())) n++;
    const next = `${prefix}${n}`;
    used.add(next.toLowerCase());
    highest.set(prefix.toLowerCase(), n);
    out.set(id, next);
  }
  return out;
}

/**
 * A key result for the next quarter: Current, Confidence and Notes cleared (Notes hold the last
 * check-in's note); a metric starts where it ended (Start = last Current) and keeps its Target;
 * the KR ID goes back to its default (<new Objective ID>-n), since an old ID would carry old check-ins.
 */
export function carriedKeyResult(kr: KeyResult, objectiveOwner: string): TemplateKr {
  const out: TemplateKr = { title: kr.title, type: kr.typeRaw || kr.type || '' };
  const start = kr.type === 'metric' && kr.current !== null ? kr.current : kr.start;
  if (start !== null) out.start = start;
  if (kr.target !== null) out.target = kr.target;
  if (kr.weight !== 1) out.weight = kr.weight;
  if (kr.owner && kr.owner !== objectiveOwner) out.owner = kr.owner;
  return out;
}

/** An objective for the next quarter under its new ID; Aligns To is kept as written (see README). */
export function carriedObjective(o: Objective, newId: string): TemplateObjective {
  const out: TemplateObjective = { id: newId, title: o.title, kind: o.kind, keyResults: o.keyResults.map((kr) => carriedKeyResult(kr, o.owner)) };
  if (o.alignsTo.length) out.alignsTo = o.alignsTo;
  if (o.weight !== 1) out.weight = o.weight;
  if (o.owner) out.owner = o.owner;
  if (o.notes) out.notes = o.notes;
  return out;
}
