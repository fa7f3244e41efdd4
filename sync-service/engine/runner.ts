// Runs syncs for a long-lived server: one at a time, on start, on a timer and on demand
// (POST /api/sync). The timer restarts after each sync ends, so slow syncs never pile up.
import type { ProgressListener } from './progress.ts';
import { errorMessage, type RunSyncOptions, runSync, type SyncEngine, type SyncResult } from './sync.ts';

export type StartResult = { started: true; syncId: number; done: Promise<SyncResult> } | { started: false; reason: string; busy: boolean };

export interface RunnerStatus {
  running: boolean;
  currentSyncId: number | null;
  lastSyncId: number | null;
  lastStatus: 'ok' | 'partial' | 'failed' | 'skipped' | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  nextSyncAt: string | null;
}

export interface SyncRunnerOptions {
  /** Minutes between syncs; 0 or undefined: no timer. */
  intervalMinutes?: number;
  onProgress?: ProgressListener;
  /** Where a scheduled sync's failure is reported (it has no caller to throw to). */
  onError?: (err: unknown) => void;
  onResult?: (result: SyncResult) => void;
}

export class SyncRunner {
  #current: { promise: Promise<SyncResult>; syncId: number | null } | null = null;
  #timer: NodeJS.Timeout | null = null;
  #nextAt: Date | null = null;
  #stopped = false;
  #status: Omit<RunnerStatus, 'running' | 'currentSyncId' | 'nextSyncAt'> = {
    lastSyncId: null,
    lastStatus: null,
    lastFinishedAt: null,
    lastError: null,
  };

  constructor(
    readonly engine: SyncEngine,
    readonly options: SyncRunnerOptions = {},
  ) {}

  status(): RunnerStatus {
    return {
      running: this.#current !== null,
      currentSyncId: this.#current?.syncId ?? null,
      nextSyncAt: this.#nextAt?.toISOString() ?? null,
      ...this.#status,
    };
  }

  /**
   * Starts a sync and resolves once it has an id (or could not start: one is already running
   * here or in another instance). `done` settles when it finishes.
   */
  start(opts: RunSyncOptions = {}): Promise<StartResult> {
    if (this.#current) {
      const id = this.#current.syncId;
      return Promise.resolve({ started: false, busy: true, reason: id === null ? 'a sync is already running' : `sync ${id} is already running` });
    }
    if (this.#stopped) return Promise.resolve({ started: false, busy: false, reason: 'the server is shutting down' });
    return new Promise<StartResult>((resolve, reject) => {
      const current: { promise: Promise<SyncResult>; syncId: number | null } = { promise: Promise.resolve(null as never), syncId: null };
      this.#current = current;
      const onProgress: ProgressListener = (e) => {
        if (e.type === 'begin') {
          current.syncId = e.syncId;
          resolve({ started: true, syncId: e.syncId, done: current.promise });
        }
        opts.onProgress?.(e);
        this.options.onProgress?.(e);
      };
      current.promise = runSync(this.engine, { ...opts, onProgress }).then(
        (result) => {
          this.#finish({ result });
          if (result.skipped) resolve({ started: false, busy: true, reason: result.reason });
          return result;
        },
        (err: unknown) => {
          this.#finish({ error: err });
          // Before `begin` nobody has the promise yet: the caller learns of the failure here.
          reject(err);
          throw err;
        },
      );
      // The caller may only ever look at the StartResult: a failure is already reported via onError.
      current.promise.catch(() => {});
    });
  }

  /** Runs a sync to its end (waiting for a running one first). */
  async runNow(opts: RunSyncOptions = {}): Promise<SyncResult> {
    if (this.#current) await this.#current.promise.catch(() => {});
    const r = await this.start(opts);
    if (!r.started) return { skipped: true, reason: r.reason };
    return r.done;
  }

  /** Syncs now and then every intervalMinutes until stop(). */
  schedule(): void {
    this.#stopped = false;
    void this.#tick();
  }

  async #tick(): Promise<void> {
    this.#nextAt = null;
    try {
      await this.runNow();
    } catch {
      // Reported through onError by #finish.
    }
    const minutes = this.options.intervalMinutes ?? 0;
    if (this.#stopped || minutes <= 0) return;
    this.#nextAt = new Date(Date.now() + minutes * 60_000);
    this.#timer = setTimeout(() => void this.#tick(), minutes * 60_000);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a running sync to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextAt = null;
    await this.#current?.promise.catch(() => {});
  }

  #finish(outcome: { result: SyncResult } | { error: unknown }): void {
    this.#current = null;
    const at = new Date().toISOString();
    if ('error' in outcome) {
      this.#status = { ...this.#status, lastStatus: 'failed', lastFinishedAt: at, lastError: errorMessage(outcome.error) };
      this.options.onError?.(outcome.error);
      return;
    }
    const { result } = outcome;
    if (result.skipped) this.#status = { ...this.#status, lastStatus: 'skipped', lastFinishedAt: at, lastError: null };
    else this.#status = { lastSyncId: result.syncId, lastStatus: result.status, lastFinishedAt: at, lastError: null };
    this.options.onResult?.(result);
  }
}
