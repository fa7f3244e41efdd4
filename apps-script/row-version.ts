// A key result row's fingerprint: a hash of its title and the cells a check-in edits (Current,
// Confidence, Notes). The sidebar sends it back on save; a different hash means someone edited the row since.
import { type Cell, cellText } from '../shared/values.ts';

/** FNV-1a over UTF-16 code units, twice with different seeds: 64 bits as 16 hex digits. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The row's identity (its Key Result title, so a different key result that moved into the row does
 * not pass for the old one) and its editable cells, as getValues() returns them.
 */
export function rowVersion(title: Cell, current: Cell, confidence: Cell, notes: Cell): string {
  return hashText([title, current, confidence, notes].map((c) => (typeof c === 'string' ? `s:${c}` : `v:${cellText(c)}`)).join('\u241f'));
}
