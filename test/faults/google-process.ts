// The fake Google server in a process of its own, driven over IPC: for the quota run, so the
// quota is enforced on its own event loop (as Google's is on its own machines) and the client's
// pacing is measured without the server's work competing for the same loop.
//   child:  node --import tsx test/faults/google-process.ts
//   parent: see startGoogleProcess() below.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeCounts, type QuotaConfig, startFakeGoogle } from '../fakes/google-server.ts';
import { CHECKIN_HEADER } from '../fixtures/workbooks.ts';
import { companyGrid, teamGrid } from './support.ts';

type Command = { cmd: 'seed'; folderId: string; sheets: number } | { cmd: 'setQuota'; quota: QuotaConfig | null } | { cmd: 'resetCounts' } | { cmd: 'counts' };

export interface GoogleProcess {
  url: string;
  /** A company sheet and `sheets - 1` team sheets, each with the template's two tabs. */
  seed(folderId: string, sheets: number): Promise<void>;
  setQuota(quota: QuotaConfig | null): Promise<void>;
  resetCounts(): Promise<void>;
  counts(): Promise<FakeCounts>;
  close(): Promise<void>;
}

const HERE = fileURLToPath(import.meta.url);

export async function startGoogleProcess(options: { latencyMs?: { min: number; max: number } } = {}): Promise<GoogleProcess> {
  const child: ChildProcess = fork(HERE, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    cwd: path.resolve('.'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, (v: unknown) => void>();
  const ready = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake Google process exited (${code})`)));
    child.on('message', (m: { id?: number; url?: string; result?: unknown }) => {
      if (m.url) resolve(m.url);
      else if (m.id !== undefined) {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      }
    });
  });
  const call = (c: Command) =>
    new Promise<unknown>((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      child.send({ id, ...c });
    });
  const url = await ready;
  return {
    url,
    seed: async (folderId, sheets) => void (await call({ cmd: 'seed', folderId, sheets })),
    setQuota: async (quota) => void (await call({ cmd: 'setQuota', quota })),
    resetCounts: async () => void (await call({ cmd: 'resetCounts' })),
    counts: async () => (await call({ cmd: 'counts' })) as FakeCounts,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// ---- the child --------------------------------------------------------------------------------

if (process.argv[1] === HERE && process.send) {
  const google = await startFakeGoogle({ ...(JSON.parse(process.argv[2] ?? '{}') as object), keepLog: false });
  process.on('message', (m: Command & { id: number }) => {
    let result: unknown = null;
    if (m.cmd === 'seed') {
      const checkins = [[...CHECKIN_HEADER]];
      google.addSpreadsheet({ title: 'Company OKRs', folderId: m.folderId, tabs: { OKRs: companyGrid(), 'Check-ins': checkins } });
      for (let i = 1; i < m.sheets; i++) {
        google.addSpreadsheet({
          title: `Team ${i}`,
          folderId: m.folderId,
          tabs: { OKRs: teamGrid(`T${String(i).padStart(4, '0')}`, i % 11), 'Check-ins': checkins },
        });
      }
    } else if (m.cmd === 'setQuota') google.setQuota(m.quota);
    else if (m.cmd === 'resetCounts') google.resetCounts();
    else if (m.cmd === 'counts') result = google.counts();
    process.send?.({ id: m.id, result });
  });
  process.on('SIGTERM', () => void google.close().then(() => process.exit(0)));
  process.on('disconnect', () => void google.close().then(() => process.exit(0)));
  process.send({ url: google.url });
}
