import { type FakeContext, instrument } from './context.ts';
import { exception, signatureError } from './errors.ts';

export type LockKind = 'document' | 'script' | 'user';

/** Shared state of one lock: whether this execution holds it, whether "someone else" does. */
export interface LockState {
  held: boolean;
  heldByOther: boolean;
  acquisitions: number;
  releases: number;
  timeouts: number;
}

/** A Lock. Every object for the same kind shares one state, as all Lock objects of an execution do. */
export class FakeLock {
  constructor(
    readonly ctx: FakeContext,
    readonly state: LockState,
  ) {}

  #acquire(): boolean {
    if (this.state.heldByOther) return false;
    if (!this.state.held) {
      this.state.held = true;
      this.state.acquisitions++;
      this.ctx.counters.lockAcquisitions++;
    }
    return true;
  }

  tryLock(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number') throw signatureError([timeoutInMillis], 'LockService.Lock.tryLock');
    return this.#acquire();
  }
  waitLock(timeoutInMillis: number): void {
    if (typeof timeoutInMillis !== 'number') throw signatureError([timeoutInMillis], 'LockService.Lock.waitLock');
    if (!this.#acquire()) {
      this.state.timeouts++;
      throw exception('Lock timeout: another process was holding the lock for too long.');
    }
  }
  releaseLock(): void {
    if (this.state.held) this.state.releases++;
    this.state.held = false;
  }
  hasLock(): boolean {
    return this.state.held;
  }
}

export class FakeLockService {
  constructor(
    readonly ctx: FakeContext,
    readonly states: Record<LockKind, LockState>,
  ) {}

  getDocumentLock(): FakeLock {
    return new FakeLock(this.ctx, this.states.document);
  }
  getScriptLock(): FakeLock {
    return new FakeLock(this.ctx, this.states.script);
  }
  getUserLock(): FakeLock {
    return new FakeLock(this.ctx, this.states.user);
  }
}

export const newLockState = (): LockState => ({ held: false, heldByOther: false, acquisitions: 0, releases: 0, timeouts: 0 });

instrument(FakeLock, { className: 'Lock' });
instrument(FakeLockService, { className: 'LockService' });
