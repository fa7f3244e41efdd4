// Ids that look alike but are not equal: `СО-1` typed with Cyrillic letters, `ＣＯ－１` full width,
// `CO‑1` with a non-breaking hyphen. Such an Aligns To matches nothing, and nothing on screen says
// why; a hint names the id that was probably meant and what differs.

/** Letters of other scripts drawn like Latin ones (Cyrillic, Greek), by the Latin letter they imitate. */
const CONFUSABLE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o', ν: 'v', ρ: 'p',
};
const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D\u00AD]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** The id as it looks: full width folded (NFKC), dashes as `-`, invisible characters gone, look-alike letters as Latin, case ignored. */
export function idSkeleton(id: string): string {
  return id
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(INVISIBLE, '')
    .replace(/[\u0370-\u03FF\u0400-\u04FF\u0500-\u052F]/g, (c) => CONFUSABLE[c] ?? c)
    .toUpperCase();
}

/** What makes `typed` differ from `meant`, in words. */
function difference(typed: string): string {
  const what: string[] = [];
  if (/[\u0400-\u052F]/.test(typed)) what.push('Cyrillic letters');
  if (/[\u0370-\u03FF]/.test(typed)) what.push('Greek letters');
  if (/[\uFF01-\uFF5E]/.test(typed)) what.push('full-width characters');
  if (DASHES.test(typed)) what.push('a dash that is not a plain hyphen');
  DASHES.lastIndex = 0;
  if (INVISIBLE.test(typed)) what.push('invisible characters');
  INVISIBLE.lastIndex = 0;
  return what.length ? what.join(' and ') : 'different letter case';
}

export interface LookalikeIndex {
  /** A hint for an unknown id, or '' when no known id looks like it. */
  hint(unknown: string): string;
}

/** An index of known ids by their skeleton (the first id per skeleton wins). */
export function lookalikeIndex(ids: Iterable<string>): LookalikeIndex {
  const bySkeleton = new Map<string, string>();
  for (const id of ids) {
    const k = idSkeleton(id);
    if (!bySkeleton.has(k)) bySkeleton.set(k, id);
  }
  return {
    hint(unknown) {
      const meant = bySkeleton.get(idSkeleton(unknown));
      return meant === undefined || meant === unknown ? '' : `did you mean "${meant}"? "${unknown}" has ${difference(unknown)}`;
    },
  };
}
