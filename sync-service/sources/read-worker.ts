// The worker that reads workbooks (started by read-pool.ts through read-worker.mjs): parsing a
// hostile file here can exhaust this thread's heap or time, never the server's.
import { parentPort } from 'node:worker_threads';
import { clipGrid, type ReadBounds } from './bounds.ts';
import { csvGrid } from './csv.ts';
import type { WorkbookGrids } from './grids.ts';

export interface ReadJob {
  id: number;
  kind: 'xlsx' | 'csv';
  fileName: string;
  bytes: Uint8Array;
  /** A csv team's `<name>.checkins.csv`. */
  checkins?: { fileName: string; bytes: Uint8Array } | null;
  bounds: ReadBounds;
}

export type ReadReply = { id: number; ok: true; grids: WorkbookGrids } | { id: number; ok: false; name: string; message: string };

const blank = (v: string) => v.trim() === '';

export async function readJob(job: ReadJob): Promise<WorkbookGrids> {
  if (job.kind === 'xlsx') {
    // ExcelJS is large: a worker that only ever reads .csv files never loads it.
    const { readXlsx } = await import('./xlsx.ts');
    return readXlsx(job.bytes, job.bounds, job.fileName);
  }
  const okr = clipGrid(csvGrid(job.bytes), job.fileName, job.bounds, blank);
  const checkins = job.checkins ? clipGrid(csvGrid(job.checkins.bytes), job.checkins.fileName, job.bounds, blank) : null;
  return {
    okr: [{ tab: job.fileName, grid: okr.grid, text: true }],
    checkins: checkins && job.checkins ? { tab: job.checkins.fileName, grid: checkins.grid, text: true } : null,
    people: null,
    notes: [...okr.notes, ...(checkins?.notes ?? [])],
  };
}

const port = parentPort;
if (port) {
  port.on('message', async (job: ReadJob) => {
    let reply: ReadReply;
    try {
      reply = { id: job.id, ok: true, grids: await readJob(job) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { id: job.id, ok: false, name: e.name, message: e.message };
    }
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
