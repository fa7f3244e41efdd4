// Typed calls to the add-on's server functions. Names and signatures come from the server module
// itself, so a renamed or re-typed function breaks the sidebar's typecheck, not the manager's
// sidebar. Each call is one google.script.run round trip wrapped in a Promise.
import type * as Server from '../main.ts';

/** The server functions the sidebar calls. */
export type SidebarServer = Pick<typeof Server, 'sidebarLoad' | 'sidebarSave' | 'insertTeamOkrs' | 'closingLoad' | 'closingSave' | 'startNextQuarter'>;

type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export type SidebarClient = Promised<SidebarServer>;

// Listed once, checked against the server's type: a missing or misspelled name does not compile.
const NAMES: Record<keyof SidebarServer, true> = { sidebarLoad: true, sidebarSave: true, insertTeamOkrs: true, closingLoad: true, closingSave: true, startNextQuarter: true };

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

function scriptRun(): ScriptRun {
  const g = (globalThis as { google?: { script?: { run?: ScriptRun } } }).google;
  const run = g?.script?.run;
  if (!run) throw new Error('google.script.run is not available: open the sidebar from the OKR Sheets menu.');
  return run;
}

/** Apps Script hands the failure handler an Error (or, rarely, a string). */
function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (e && typeof e === 'object' && 'message' in e) return new Error(String((e as { message: unknown }).message));
  return new Error(String(e));
}

function call(name: keyof SidebarServer, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      const runner = scriptRun().withSuccessHandler(resolve).withFailureHandler((e) => reject(toError(e)));
      (runner[name] as (...a: unknown[]) => void)(...args);
    } catch (e) {
      reject(toError(e));
    }
  });
}

export const server: SidebarClient = Object.fromEntries(
  Object.keys(NAMES).map((name) => [name, (...args: unknown[]) => call(name as keyof SidebarServer, args)]),
) as unknown as SidebarClient;
