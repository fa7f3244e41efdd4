// A .csv as a cell grid: the encoding guessed from its bytes (UTF-8, UTF-16 with or without a
// byte-order mark, else Windows-1252), the delimiter from its lines.
import { parse as parseCsv } from 'csv-parse/sync';

/** A UTF-16 byte-order mark, or (without one) NUL bytes in every other position of the first bytes. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length - (bytes.length % 2), 2048);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  // ASCII text in UTF-16: one byte of every pair is NUL. A stray `\x00` in UTF-8 is nowhere near that.
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'utf-16be';
  return null;
}

/**
 * UTF-16 (Excel's "Unicode Text" export, often renamed .csv) by its byte-order mark or its NULs;
 * else UTF-8 when the bytes are valid UTF-8; else Windows-1252 (what `latin1` means to TextDecoder).
 * A broken UTF-16 surrogate decodes to U+FFFD.
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  let text: string;
  if (utf16) {
    text = new TextDecoder(utf16).decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('latin1').decode(bytes);
    }
  }
  return text.replace(/^\uFEFF/, '');
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Count of `ch` outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * `,` or `;` (or tab). The header line decides when there is one — a `;` file's numbers may hold
 * decimal commas. Otherwise the delimiter that splits every line into the same number of fields
 * (exports pad rows to the table's width), else the most frequent one. Ties go to `,`.
 */
export function detectDelimiter(text: string): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  const header = lines.find((l) => /objective\s*id/i.test(l));
  const sample = header ? [header] : lines;
  const stats = DELIMITERS.map((d) => {
    const counts = sample.map((l) => countOutsideQuotes(l, d));
    return { d, total: counts.reduce((a, b) => a + b, 0), consistent: counts.length > 0 && counts.every((c) => c > 0 && c === counts[0]) };
  });
  const pick = (list: typeof stats) => list.reduce<(typeof stats)[number] | null>((best, s) => (s.total > (best?.total ?? 0) ? s : best), null);
  return (pick(stats.filter((s) => s.consistent)) ?? pick(stats))?.d ?? ',';
}

export function csvGrid(bytes: Uint8Array): string[][] {
  const text = decodeText(bytes);
  return parseCsv(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}
