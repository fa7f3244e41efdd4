import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { type FakeContext, instrument } from './context.ts';
import { formatJavaDate, isValidTimeZone } from './dates.ts';
import { AuthMode, AuthorizationStatus } from './enums.ts';
import { exception, signatureError } from './errors.ts';
import { isDateObject } from './values.ts';

export interface FakeUser {
  getEmail(): string;
}

const userOf = (email: string): FakeUser => ({ getEmail: () => email, toString: () => email } as FakeUser);

/** Session: who runs the script. User lookups need authorization (refused in AuthMode.NONE). */
export class FakeSession {
  constructor(
    readonly ctx: FakeContext,
    readonly scriptTimeZone: string,
    readonly locale: string,
  ) {}

  getActiveUser(): FakeUser {
    return userOf(this.ctx.activeUser);
  }
  getEffectiveUser(): FakeUser {
    return userOf(this.ctx.effectiveUser);
  }
  getScriptTimeZone(): string {
    return this.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return this.locale;
  }
  getTemporaryActiveUserKey(): string {
    return `temp-key-${Buffer.from(this.ctx.activeUser).toString('base64url')}`;
  }
}

instrument(FakeSession, {
  className: 'Session',
  denyInNone: ['getActiveUser', 'getEffectiveUser'],
  scope: 'https://www.googleapis.com/auth/userinfo.email',
});

/** Utilities: formatDate with Java patterns, UUIDs, base64, a recorded no-op sleep. */
export class FakeUtilities {
  readonly sleeps: number[] = [];

  formatDate(date: Date, timeZone: string, pattern: string): string {
    if (!isDateObject(date) || typeof timeZone !== 'string' || typeof pattern !== 'string') {
      throw signatureError([date, timeZone, pattern], 'Utilities.formatDate');
    }
    if (!isValidTimeZone(timeZone)) throw exception(`Invalid argument: timeZone ${timeZone}`);
    return formatJavaDate(date, timeZone, pattern);
  }
  formatString(template: string, ...args: unknown[]): string {
    return format(template, ...args);
  }
  getUuid(): string {
    return randomUUID();
  }
  sleep(milliseconds: number): void {
    this.sleeps.push(milliseconds);
  }
  base64Encode(data: string | number[]): string {
    return Buffer.from(typeof data === 'string' ? data : Uint8Array.from(data.map((b) => b & 0xff))).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[]): string {
    return this.base64Encode(data).replace(/\+/g, '-').replace(/\//g, '_');
  }
  /** Java-style signed bytes, like the real one. */
  base64Decode(encoded: string): number[] {
    return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b));
  }
  newBlob(): never {
    throw new Error('Utilities.newBlob is not supported by the fake.');
  }
}

/** Logger: records into fake.logs. */
export class FakeLogger {
  #lines: string[] = [];
  constructor(readonly ctx: FakeContext) {}

  log(data: unknown, ...values: unknown[]): this {
    const message =
      typeof data === 'string'
        ? data.replace(/%s/g, () => String(values.shift()))
        : typeof data === 'object' && data !== null && !isDateObject(data)
          ? JSON.stringify(data)
          : String(data);
    this.#lines.push(message);
    this.ctx.log({ source: 'Logger', level: 'log', message });
    return this;
  }
  getLog(): string {
    return this.#lines.join('\n');
  }
  clear(): void {
    this.#lines = [];
  }
}

/** The `console` scripts see: records into fake.logs (echoed only with `echoLogs`). */
export function makeConsole(ctx: FakeContext): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug' | 'time' | 'timeEnd'> {
  const at = (level: 'log' | 'info' | 'warn' | 'error' | 'debug') => (...args: unknown[]) => ctx.log({ source: 'console', level, message: format(...args) });
  return { log: at('log'), info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug'), time: () => {}, timeEnd: () => {} };
}

/** ScriptApp: the AuthMode enum and a few harmless lookups. */
export class FakeScriptApp {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  constructor(readonly scriptId: string) {}

  getScriptId(): string {
    return this.scriptId;
  }
  getAuthorizationInfo(_authMode: string): { getAuthorizationStatus(): string; getAuthorizationUrl(): string | null } {
    return { getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED, getAuthorizationUrl: () => null };
  }
}
