/** Read-only view of call counts, as tests see it. */
export interface CounterView {
  /** Calls on Range objects plus the range-level Sheet/Spreadsheet calls (getRange, appendRow, ...). */
  readonly rangeCalls: number;
  /** Every counted service call (Spreadsheet, Sheet, Range, Protection, Properties, Lock, Session, SpreadsheetApp). */
  readonly calls: number;
  /** 'Class.method' -> count, for every counted call. */
  readonly byMethod: Readonly<Record<string, number>>;
  /** Successful waitLock/tryLock acquisitions. */
  readonly lockAcquisitions: number;
  /** 'Class.method' of each call refused because it touched data in AuthMode.NONE. */
  readonly deniedInNoneMode: readonly string[];
}

export interface Measurement<T> {
  result: T;
  rangeCalls: number;
  calls: number;
  byMethod: Record<string, number>;
}

export class Counters implements CounterView {
  rangeCalls = 0;
  calls = 0;
  byMethod: Record<string, number> = {};
  lockAcquisitions = 0;
  deniedInNoneMode: string[] = [];

  record(key: string, rangeLevel: boolean): void {
    this.calls++;
    if (rangeLevel) this.rangeCalls++;
    this.byMethod[key] = (this.byMethod[key] ?? 0) + 1;
  }

  recordDenied(key: string): void {
    this.deniedInNoneMode.push(key);
  }

  /** Zeroes everything in place (references to `byMethod` stay valid). */
  reset(): void {
    this.rangeCalls = 0;
    this.calls = 0;
    this.lockAcquisitions = 0;
    this.deniedInNoneMode.length = 0;
    for (const key of Object.keys(this.byMethod)) delete this.byMethod[key];
  }

  /** Runs `fn` and returns what it cost, without disturbing the running totals. */
  measure<T>(fn: () => T): Measurement<T> {
    const before = { rangeCalls: this.rangeCalls, calls: this.calls, byMethod: { ...this.byMethod } };
    const result = fn();
    const byMethod: Record<string, number> = {};
    for (const [key, n] of Object.entries(this.byMethod)) {
      const delta = n - (before.byMethod[key] ?? 0);
      if (delta > 0) byMethod[key] = delta;
    }
    return { result, rangeCalls: this.rangeCalls - before.rangeCalls, calls: this.calls - before.calls, byMethod };
  }
}
