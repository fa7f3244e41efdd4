// A full garbage collection at the moments a long-running `okr serve` leaves the most garbage:
// after the database opens and after each sync. An idle process gets no collection from V8 by
// itself, and PGlite's garbage is large: opening a new folder runs initdb in a second WebAssembly
// instance whose memory (hundreds of MB, measured with bench/memory.ts) stays resident until its
// Memory object is collected.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/** Runs a full collection now (about 10–100 ms, depending on the heap). */
export function releaseMemory(): void {
  collect ??= garbageCollector();
  collect();
}

function garbageCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  // Node's own way to reach V8's gc() without starting node with --expose-gc: the flag is read
  // when a context is created, so a new context gets the function.
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
