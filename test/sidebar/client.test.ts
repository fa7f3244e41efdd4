// The typed client: one google.script.run call per server call, as a Promise.
import { afterEach, describe, expect, it } from 'vitest';
import { server } from '../../apps-script/sidebar/client.ts';

type Handler = (v: unknown) => void;
const g = globalThis as { google?: unknown };

/** A google.script.run double that answers each call with `answer(name, args)`. */
function installRun(answer: (name: string, args: unknown[]) => { ok: unknown } | { fail: unknown }) {
  const calls: { name: string; args: unknown[] }[] = [];
  const runner = (ok?: Handler, fail?: Handler): unknown =>
    new Proxy(
      {},
      {
        get(_t, name: string) {
          if (name === 'withSuccessHandler') return (fn: Handler) => runner(fn, fail);
          if (name === 'withFailureHandler') return (fn: Handler) => runner(ok, fn);
          return (...args: unknown[]) => {
            calls.push({ name, args });
            const a = answer(name, args);
            setTimeout(() => ('ok' in a ? ok?.(a.ok) : fail?.(a.fail)), 0);
          };
        },
      },
    );
  g.google = { script: { run: runner() } };
  return calls;
}

afterEach(() => {
  delete g.google;
});

describe('sidebar client', () => {
  it('calls the named server function once with its arguments and resolves with its result', async () => {
    const calls = installRun((name) => ({ ok: { from: name } }));
    const req = { sheetName: 'OKRs', changes: [] };
    await expect(server.sidebarSave(req)).resolves.toEqual({ from: 'sidebarSave' });
    await expect(server.sidebarLoad()).resolves.toEqual({ from: 'sidebarLoad' });
    expect(calls).toEqual([
      { name: 'sidebarSave', args: [req] },
      { name: 'sidebarLoad', args: [] },
    ]);
  });

  it('rejects with an Error when the server throws', async () => {
    installRun(() => ({ fail: { name: 'ScriptError', message: 'Exception: You do not have permission' } }));
    await expect(server.insertTeamOkrs()).rejects.toThrow('Exception: You do not have permission');
  });

  it('rejects (does not throw) outside Apps Script', async () => {
    await expect(server.sidebarLoad()).rejects.toThrow(/google\.script\.run is not available/);
  });

  it('exposes exactly the server functions the sidebar uses', () => {
    expect(Object.keys(server).sort()).toEqual(['closingLoad', 'closingSave', 'insertTeamOkrs', 'sidebarLoad', 'sidebarSave', 'startNextQuarter']);
  });
});
