// What the sidebar-server suites share: a frozen clock, the Settings and template they start from,
// loading, and building a change.
import { afterEach, beforeEach, vi } from 'vitest';
import { insertTeamOkrs, sidebarLoad } from '../../apps-script/main.ts';
import { SETTINGS_PROPERTY } from '../../apps-script/settings.ts';
import type { KrChange, SidebarData, SidebarKeyResult } from '../../apps-script/sidebar/contract.ts';
import type { AppsScriptFake } from '../fakes/apps-script/index.ts';

export const NOW = new Date('2026-02-15T12:00:00Z');
export const SETTINGS = {
  team: 'Growth',
  period: '2026 Q1',
  start: '2026-01-01',
  end: '2026-03-31',
  mission: '',
  syncUrl: '',
};

export type Loaded = Extract<SidebarData, { ok: true }>;

export function load(): Loaded {
  const data = sidebarLoad();
  if (!data.ok) throw new Error(data.message);
  return data;
}

export const change = (k: SidebarKeyResult, edit: Partial<KrChange>): KrChange => ({
  krId: k.id,
  row: k.row,
  rowVersion: k.rowVersion,
  current: null,
  confidence: null,
  note: '',
  ...edit,
});

/** The add-on's own clock (new Date()) and the fake's (TODAY()) agree on NOW. */
export function freezeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Team template from the add-on with the Settings' period. */
export function setup(f: AppsScriptFake): void {
  f.properties.document.set(SETTINGS_PROPERTY, JSON.stringify(SETTINGS));
  insertTeamOkrs();
}
