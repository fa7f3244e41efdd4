// SVG <text> does not wrap, and the server cannot measure fonts. So the diagrams set their text in
// Arimo, which the service serves itself (fonts.ts) and whose advance widths are Arial's, and
// measure with those widths. Arial-metric system fonts follow it in the stack for a browser that
// cannot load web fonts. Cards also clip their text area, so a fallback font can at worst cut a few
// letters, never spill over the score.

// Advance widths (1/1000 em) of ASCII 32..126, Arial regular and bold.
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584,
  611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333,
  584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280,
  389, 584,
];
const OTHER: Record<string, number> = { '…': 1000, '·': 278, '–': 556, '—': 1000, '‘': 222, '’': 222, '“': 333, '”': 333, '•': 350, '→': 1000, '↓': 1000 };

/** The font the diagrams' text is set in (its widths are the ones above). */
export const DIAGRAM_FONT = 'Arimo, Arial, Helvetica, "Liberation Sans", "Nimbus Sans", sans-serif';

function advance(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0)!;
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32]!;
  const known = OTHER[ch];
  if (known !== undefined) return known;
  if (code >= 0x2e80) return 1000; // CJK and other full-width scripts
  return bold ? 640 : 600; // accented Latin, Greek, Cyrillic…: a little wide, to be safe
}

/** Width in px of `text` at `fontSize` px, bold for font-weight ≥ 600. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += advance(ch, bold);
  return (units * fontSize) / 1000;
}

/** Cuts text to fit `width`, ending it with an ellipsis when cut. */
export function truncate(text: string, width: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= width) return text;
  const ell = textWidth('…', fontSize, bold);
  let out = '';
  let w = 0;
  for (const ch of text) {
    const a = textWidth(ch, fontSize, bold);
    if (w + a + ell > width) break;
    out += ch;
    w += a;
  }
  return `${out.trimEnd()}…`;
}

/** The longest start of `text` that fits `width` (at least one character). */
function fitPrefix(text: string, width: number, fontSize: number, bold: boolean): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    const a = textWidth(ch, fontSize, bold);
    if (out && w + a > width) break;
    out += ch;
    w += a;
  }
  return out;
}

/**
 * Word-wraps text into at most `maxLines` lines of `width` px; the last line is truncated with an
 * ellipsis when the text does not fit. Words longer than a line break across lines.
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number, bold = false): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  /** Index of the first word not on a finished line (nor in `line`). */
  let restFrom = words.length;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize, bold) <= width) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      if (lines.length === maxLines) {
        restFrom = i;
        break;
      }
    }
    // The word starts a line; one wider than a line breaks across lines.
    let rest = word;
    while (textWidth(rest, fontSize, bold) > width) {
      if (lines.length === maxLines - 1) {
        lines.push(truncate([rest, ...words.slice(i + 1)].join(' '), width, fontSize, bold));
        return lines;
      }
      const chunk = fitPrefix(rest, width, fontSize, bold);
      lines.push(chunk);
      rest = rest.slice(chunk.length);
    }
    line = rest;
  }
  if (lines.length < maxLines) {
    if (line) lines.push(truncate(line, width, fontSize, bold));
    return lines;
  }
  // Out of lines with words left: end the last line with an ellipsis.
  if (restFrom < words.length) {
    const rest = words.slice(restFrom).join(' ');
    lines[maxLines - 1] = truncate(`${lines[maxLines - 1]!} ${rest}`, width, fontSize, bold);
  }
  return lines;
}
