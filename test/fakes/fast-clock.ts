/**
 * A clock that runs `scale` times faster than real time, for tests of waits measured in minutes
 * (429 backoff, per-minute quotas): pass `now`, `sleep` and `setTimer` to the limiter, the retries
 * and the fake Google server, and a 64 s backoff takes 64 / scale real seconds.
 */
export interface FastClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  setTimer: (fn: () => void, ms: number) => { cancel(): void };
}

export function fastClock(scale: number): FastClock {
  const t0 = performance.now();
  return {
    now: () => (performance.now() - t0) * scale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scale)),
    setTimer: (fn, ms) => {
      const t = setTimeout(fn, ms / scale);
      return { cancel: () => clearTimeout(t) };
    },
  };
}

/**
 * A clock that only moves when something waits on it: a sleep or timer of `ms` called at time `t`
 * jumps the clock to at least `t + ms` and wakes at once. Request latency takes no time on it, so
 * a test of minutes-long backoff against a per-minute quota runs the same on a loaded machine.
 */
export function steppedClock(): FastClock {
  let t = 0;
  const wakeAt = (wake: number, fn: () => void) => {
    const h = setImmediate(() => {
      t = Math.max(t, wake);
      fn();
    });
    return { cancel: () => clearImmediate(h) };
  };
  return {
    now: () => t,
    sleep: (ms) => new Promise((resolve) => void wakeAt(t + ms, resolve)),
    setTimer: (fn, ms) => wakeAt(t + ms, fn),
  };
}
