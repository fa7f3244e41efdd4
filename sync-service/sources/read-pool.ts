// Workbooks are read in worker threads with a heap limit and a deadline: a file that would take
// minutes or gigabytes (see bounds.ts) ends its worker and becomes its team's problem, while the
// server's own thread keeps answering (/healthz) and keeps its memory. Workers are reused while
// healthy and end when idle, so a short CLI run still exits.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BoundError, DEFAULT_READ_BOUNDS, mb, type ReadBounds } from './bounds.ts';
import type { WorkbookGrids } from './grids.ts';
import type { ReadJob, ReadReply } from './read-worker.ts';

export interface WorkbookReader {
  /** Reads a workbook file (for a csv, with its check-ins companion) inside the bounds. */
  read(file: string | Buffer, checkinsFile?: string | Buffer | null): Promise<WorkbookGrids>;
  readonly bounds: Readonly<ReadBounds>;
  /** Ends every worker (a running read fails). */
  close(): Promise<void>;
}

export interface ReaderOptions {
  bounds?: Partial<ReadBounds>;
  /** Reads at once (default 2: each may use the whole heap bound). */
  maxWorkers?: number;
  /** An idle worker ends after this long (default 5 s). */
  idleMs?: number;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  idleTimer: NodeJS.Timeout | null;
  /** The job it runs: settles it when the worker dies. */
  fail: ((err: Error) => void) | null;
}

const WORKER_URL = new URL('./read-worker.mjs', import.meta.url);
/** A read waiting this long for the busy worker gets a worker of its own (up to maxWorkers). */
const ANOTHER_WORKER_AFTER_MS = 500;
/** Starting a worker loads ExcelJS (and tsx, when run from the sources): allowed this long before the read's own deadline starts. */
const START_TIMEOUT_MS = 60_000;

export function createWorkbookReader(options: ReaderOptions = {}): WorkbookReader {
  const bounds: ReadBounds = { ...DEFAULT_READ_BOUNDS, ...options.bounds };
  const maxWorkers = options.maxWorkers ?? 2;
  const idleMs = options.idleMs ?? 5_000;
  const idle: Slot[] = [];
  const all = new Set<Slot>();
  const waiting: ((slot: Slot) => void)[] = [];
  let nextId = 1;

  const discard = (slot: Slot) => {
    all.delete(slot);
    const i = idle.indexOf(slot);
    if (i >= 0) idle.splice(i, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    void slot.worker.terminate();
  };

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: bounds.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, bounds.maxHeapMb) },
      stdout: true,
      stderr: true,
    });
    const slot: Slot = { worker, ready: Promise.resolve(), idleTimer: null, fail: null };
    slot.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the workbook reader did not start')), START_TIMEOUT_MS);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    slot.ready.catch(() => {});
    worker.on('error', (err: Error & { code?: string }) => {
      const e =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new BoundError(`reading it needed more than ${bounds.maxHeapMb} MB of memory (the bound for one workbook)`)
          : new Error(`the workbook reader failed: ${err.message}`);
      slot.fail?.(e);
      discard(slot);
    });
    worker.on('exit', () => {
      slot.fail?.(new Error('the workbook reader stopped'));
      all.delete(slot);
    });
    all.add(slot);
    return slot;
  };

  const acquire = (): Promise<Slot> => {
    const slot = idle.pop();
    if (slot) {
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      return Promise.resolve(slot);
    }
    if (all.size === 0) return Promise.resolve(spawn());
    if (all.size >= maxWorkers) return new Promise((resolve) => waiting.push(resolve));
    // Starting a worker costs a second of CPU: another one only when this read would wait a while.
    return new Promise((resolve) => {
      const take = (s: Slot) => {
        clearTimeout(timer);
        resolve(s);
      };
      const timer = setTimeout(() => {
        const i = waiting.indexOf(take);
        if (i >= 0) waiting.splice(i, 1);
        resolve(all.size < maxWorkers ? spawn() : new Promise<Slot>((r) => waiting.push(r)));
      }, ANOTHER_WORKER_AFTER_MS);
      waiting.push(take);
    });
  };

  const release = (slot: Slot) => {
    slot.fail = null;
    const next = waiting.shift();
    if (next) return next(slot);
    slot.worker.unref();
    idle.push(slot);
    slot.idleTimer = setTimeout(() => discard(slot), idleMs);
    slot.idleTimer.unref();
  };

  /** A slot for a waiter after one was discarded. */
  const replace = () => {
    const next = waiting.shift();
    if (next) next(spawn());
  };

  const run = async (job: Omit<ReadJob, 'id' | 'bounds'>): Promise<WorkbookGrids> => {
    const slot = await acquire();
    slot.worker.ref();
    try {
      await slot.ready;
    } catch (err) {
      discard(slot);
      replace();
      throw new Error(`the workbook reader did not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    const id = nextId++;
    return new Promise<WorkbookGrids>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void, healthy: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        slot.worker.off('message', onMessage);
        if (healthy) release(slot);
        else {
          discard(slot);
          replace();
        }
        fn();
      };
      const deadline = setTimeout(
        () => settle(() => reject(new BoundError(`reading it took longer than ${bounds.timeoutMs / 1000} s (the bound for one workbook)`)), false),
        bounds.timeoutMs,
      );
      slot.fail = (err) => settle(() => reject(err), false);
      const onMessage = (reply: ReadReply) => {
        if (typeof reply !== 'object' || reply.id !== id) return;
        if (reply.ok) settle(() => resolve(reply.grids), true);
        else settle(() => reject(Object.assign(reply.name === 'BoundError' ? new BoundError(reply.message) : new Error(reply.message))), true);
      };
      slot.worker.on('message', onMessage);
      const transfer = [job.bytes.buffer, ...(job.checkins ? [job.checkins.bytes.buffer] : [])].filter(
        (b, i, list): b is ArrayBuffer => b instanceof ArrayBuffer && list.indexOf(b) === i,
      );
      slot.worker.postMessage({ ...job, id, bounds } satisfies ReadJob, transfer);
    });
  };

  return {
    bounds,
    async read(file, checkinsFile) {
      const [bytes, checkins] = await Promise.all([readBounded(file, bounds), checkinsFile ? readBounded(checkinsFile, bounds) : null]);
      const name = displayName(file);
      const kind = name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
      return run({ kind, fileName: name, bytes, checkins: checkins && checkinsFile ? { fileName: displayName(checkinsFile), bytes: checkins } : null });
    },
    async close() {
      for (const slot of [...all]) {
        slot.fail?.(new Error('the workbook reader was closed'));
        discard(slot);
      }
    },
  };
}

/** The file's bytes, refused before reading when it is over the size bound. */
async function readBounded(file: string | Buffer, bounds: ReadBounds): Promise<Uint8Array> {
  const size = (await stat(file)).size;
  if (size > bounds.maxFileBytes) throw new BoundError(`the file is ${mb(size)}, more than ${mb(bounds.maxFileBytes)} (the bound for one workbook)`);
  const buf = await readFile(file);
  // A fresh ArrayBuffer of its own, so it can be handed to the worker without copying.
  return new Uint8Array(buf.buffer.byteLength === buf.byteLength ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** A file name for people (a name that is not UTF-8 shows U+FFFD where its bytes do not decode). */
export function displayName(file: string | Buffer): string {
  return typeof file === 'string' ? path.basename(file) : path.basename(new TextDecoder().decode(file));
}

let shared: WorkbookReader | null = null;

/** The process's reader with the default bounds. */
export function sharedWorkbookReader(): WorkbookReader {
  shared ??= createWorkbookReader();
  return shared;
}
