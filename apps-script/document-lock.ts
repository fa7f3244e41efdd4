/// <reference types="google-apps-script" />
// Saves run under the document lock, so two people saving at once take turns instead of
// overwriting each other (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
export const LOCK_TIMEOUT_MS = 10_000;

/** Runs `fn` holding the document lock; `busy()` when the lock is not had within the timeout. */
export function withDocumentLock<T>(fn: () => T, busy: () => T): T {
  const lock = LockService.getDocumentLock();
  try {
    if (!lock) throw new Error('no document lock');
    lock.waitLock(LOCK_TIMEOUT_MS);
  } catch {
    return busy();
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
