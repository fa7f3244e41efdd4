import { Counters } from './counters.ts';
import { exception } from './errors.ts';

/** The host's console, captured before install() can swap globalThis.console for the fake one. */
const hostConsole = globalThis.console;

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

/** State shared by every object of one fake: auth mode, counters, clock, realm. */
export class FakeContext {
  readonly counters = new Counters();
  /** Nesting depth of instrumented calls: only the outermost call of a chain is counted. */
  depth = 0;
  /** Constructor used for Dates handed to the script (swapped for a vm realm's Date). */
  DateCtor: DateConstructor = Date;
  /** Global scope HTML templates resolve free names against (e.g. an `include()` helper). */
  templateScope: object = globalThis;
  readonly logs: LogEntry[] = [];
  readonly toasts: Toast[] = [];

  constructor(
    public authMode: AuthModeName,
    readonly now: () => Date,
    readonly activeUser: string,
    readonly effectiveUser: string,
    public echoLogs: boolean,
  ) {}

  makeDate(ms: number): Date {
    return new this.DateCtor(ms);
  }

  log(entry: LogEntry): void {
    this.logs.push(entry);
    if (this.echoLogs) hostConsole[entry.level](`[${entry.source}] ${entry.message}`);
  }
}

interface Instrumented {
  readonly ctx: FakeContext;
}

export interface InstrumentOptions {
  /** Name used in counter keys and messages, e.g. 'Range' -> 'Range.getValues'. */
  className: string;
  /** Methods counted in `rangeCalls` ('all' for every method). */
  rangeLevel?: 'all' | readonly string[];
  /** Methods that need authorization, so are refused in AuthMode.NONE ('all' for every method). */
  denyInNone?: 'all' | readonly string[];
  /** OAuth scope quoted in the AuthMode.NONE error (null: none quoted). */
  scope?: string | null;
}

const matches = (set: 'all' | readonly string[] | undefined, name: string): boolean =>
  set === 'all' || (set?.includes(name) ?? false);

/**
 * Wraps every public method of a facade class so each outermost call is counted and,
 * when it needs authorization, refused in AuthMode.NONE. Private `#methods` are not on the
 * prototype, so internal helpers are never counted.
 */
export function instrument(cls: { prototype: object }, options: InstrumentOptions): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name === 'constructor' || !descriptor || typeof descriptor.value !== 'function') continue;
    const original = descriptor.value as (...args: unknown[]) => unknown;
    const key = `${options.className}.${name}`;
    const rangeLevel = matches(options.rangeLevel, name);
    const deny = matches(options.denyInNone, name);
    const wrapped = function (this: Instrumented, ...args: unknown[]): unknown {
      const ctx = this.ctx;
      if (ctx.depth === 0) {
        if (deny && ctx.authMode === 'NONE') {
          ctx.counters.recordDenied(key);
          const scope = options.scope === undefined ? 'https://www.googleapis.com/auth/spreadsheets' : options.scope;
          throw exception(`You do not have permission to call ${key} (AuthMode.NONE).${scope ? ` Required permissions: ${scope}` : ''}`);
        }
        ctx.counters.record(key, rangeLevel);
      }
      ctx.depth++;
      try {
        return original.apply(this, args);
      } finally {
        ctx.depth--;
      }
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(proto, name, { ...descriptor, value: wrapped });
  }
}
