import type { Rect } from './a1.ts';

/**
 * A rectangle that follows structural edits like Sheets' own ranges do (protected ranges,
 * conditional-format ranges, merges): rows inserted inside it widen it, rows inserted above
 * push it down, and deleting all its rows removes it.
 */
export class Region implements Rect {
  deleted = false;
  constructor(
    public r0: number,
    public c0: number,
    public r1: number,
    public c1: number,
  ) {}

  static of(rect: Rect): Region {
    return new Region(rect.r0, rect.c0, rect.r1, rect.c1);
  }

  rect(): Rect {
    return { r0: this.r0, c0: this.c0, r1: this.r1, c1: this.c1 };
  }

  insertRows(at: number, n: number): void {
    [this.r0, this.r1] = insertShift(this.r0, this.r1, at, n);
  }

  deleteRows(at: number, n: number): void {
    const next = deleteShift(this.r0, this.r1, at, n);
    if (next) [this.r0, this.r1] = next;
    else this.deleted = true;
  }

  insertColumns(at: number, n: number): void {
    [this.c0, this.c1] = insertShift(this.c0, this.c1, at, n);
  }

  deleteColumns(at: number, n: number): void {
    const next = deleteShift(this.c0, this.c1, at, n);
    if (next) [this.c0, this.c1] = next;
    else this.deleted = true;
  }
}

function insertShift(start: number, end: number, at: number, n: number): [number, number] {
  if (at <= start) return [start + n, end + n];
  if (at <= end) return [start, end + n];
  return [start, end];
}

function deleteShift(start: number, end: number, at: number, n: number): [number, number] | undefined {
  const last = at + n - 1;
  const mapStart = start < at ? start : start > last ? start - n : at;
  const mapEnd = end < at ? end : end > last ? end - n : at - 1;
  return mapEnd < mapStart ? undefined : [mapStart, mapEnd];
}
