// How many Range-level calls each add-on action makes on an OKR tab of a given size. Every action
// must cost the same for 10 key results as for 1,000 (no per-row or per-cell Range loops); the
// tests assert it and the benchmark reports it. No vitest here: the benchmark imports it too.

import { checkOkrQuality, closingLoad, closingSave, insertTeamOkrs, listOwnersForReminders, repairFormulas, saveSettings, sidebarLoad, sidebarSave, startNextQuarter } from '../../apps-script/main.ts';
import type { KrChange } from '../../apps-script/sidebar/contract.ts';
import { buildOkrTemplate, CHECKIN_HEADERS, type TemplateObjective } from '../../shared/template.ts';
import type { Cell } from '../../shared/values.ts';
import { createAddonFake } from './harness-core.ts';

export const ACTIONS = ['insertTemplate', 'qualityCheck', 'sidebarLoad', 'sidebarSave', 'repairFormulas', 'saveSettings', 'closingLoad', 'closingSave', 'startNextQuarter', 'listOwners'] as const;
export type Action = (typeof ACTIONS)[number];
export type RangeCallCounts = Record<Action, number>;

export interface ActionMeasurement {
  rangeCalls: number;
  calls: number;
  byMethod: Record<string, number>;
  ms: number;
}

const TYPES = ['metric', 'milestone', 'binary', 'manual'] as const;

/** `krCount` key results, five per objective, every type, most checked in; every tenth metric lacks a Target (a problem to report). */
export function scaleObjectives(krCount: number): TemplateObjective[] {
  const objectives: TemplateObjective[] = [];
  for (let i = 0; i < krCount; i++) {
    if (i % 5 === 0)
      objectives.push({
        id: `S-${i / 5 + 1}`,
        title: 'Make our customers happier',
        kind: i % 10 === 0 ? 'aspirational' : 'committed',
        keyResults: [],
      });
    const type = TYPES[i % TYPES.length]!;
    const kr = {
      title: `Key result ${i + 1}`,
      type,
      // Seven owners by address and three by name (those need a People row).
      owner: i % 2 ? `owner${i % 7}@example.com` : `Owner ${i % 3}`,
    };
    const o = objectives[objectives.length - 1]!;
    if (type === 'metric')
      o.keyResults.push({
        ...kr,
        start: 10,
        target: i % 10 === 0 ? null : 110,
        current: 10 + (i % 100),
      });
    else if (type === 'milestone') o.keyResults.push({ ...kr, target: 4, current: i % 5 });
    else if (type === 'binary') o.keyResults.push({ ...kr, current: i % 3 === 0 ? 'yes' : 'no' });
    else o.keyResults.push({ ...kr, current: (i % 11) / 10, confidence: 0.6 });
  }
  return objectives;
}

export function scaleSheets(krCount: number): Record<string, Cell[][]> {
  const t = buildOkrTemplate({
    level: 'team',
    team: 'Scale',
    period: '2026 Q1',
    start: '2026-01-01',
    end: '2026-03-31',
    objectives: scaleObjectives(krCount),
    emptyRows: 0,
  });
  const checkins: Cell[][] = [[...CHECKIN_HEADERS]];
  for (let i = 0; i < krCount; i++) {
    const o = Math.floor(i / 5) + 1;
    checkins.push([
      `2026-01-${String((i % 28) + 1).padStart(2, '0')} 10:00`,
      'someone@example.com',
      `S-${o}`,
      `S-${o}-${(i % 5) + 1}`,
      '',
      String(i % 10),
      i % 2 ? 0.5 : 0.25,
      0.7,
      `update ${i}`,
    ]);
  }
  return {
    OKRs: t.values.map((r) => r.map((c) => c ?? '')),
    'Check-ins': checkins,
  };
}

/** Runs each action once on a fresh fake holding `krCount` key results; returns its cost. */
export function measureActions(krCount: number): Record<Action, ActionMeasurement> {
  const fake = createAddonFake({
    sheets: scaleSheets(krCount),
    now: () => new Date('2026-02-15T12:00:00Z'),
  });
  const uninstall = fake.install();
  try {
    fake.setActiveSheet('OKRs');
    const measure = (fn: () => unknown): ActionMeasurement => {
      const started = performance.now();
      const m = fake.counters.measure(fn);
      return {
        rangeCalls: m.rangeCalls,
        calls: m.calls,
        byMethod: m.byMethod,
        ms: performance.now() - started,
      };
    };
    const qualityCheck = measure(() => checkOkrQuality());
    let loaded: ReturnType<typeof sidebarLoad> | undefined;
    const load = measure(() => (loaded = sidebarLoad()));
    if (!loaded?.ok) throw new Error('sidebarLoad found no OKR table');
    // The first and the last key result: the write spans the whole table.
    const krs = loaded.objectives.flatMap((o) => o.keyResults);
    const pick = [krs.find((k) => k.type === 'metric' && k.target !== null)!, krs.filter((k) => k.type === 'manual').pop()!];
    const changes: KrChange[] = pick.map((k) => ({
      krId: k.id,
      row: k.row,
      rowVersion: k.rowVersion,
      // Values no cell holds yet, so every edited cell is written at both sizes.
      current: k.type === 'manual' ? 0.87 : 98.5,
      confidence: 0.83,
      note: `saved ${k.id}`,
    }));
    const save = measure(() => {
      const r = sidebarSave({
        sheetName: loaded!.ok ? loaded!.sheetName : '',
        changes,
      });
      if (!r.ok) throw new Error(`sidebarSave failed: ${r.reason}`);
    });
    const repair = measure(() => repairFormulas());
    const settings = measure(() => {
      const r = saveSettings({
        team: 'Scale team',
        period: '2026 Q1',
        start: '2026-01-01',
        end: '2026-03-31',
        mission: '',
        syncUrl: '',
      });
      if (!r.ok) throw new Error('saveSettings failed');
    });
    let closing: ReturnType<typeof closingLoad> | undefined;
    const closeLoad = measure(() => (closing = closingLoad()));
    if (!closing?.ok) throw new Error('closingLoad found no OKR table');
    // The first and the last objective, graded for the first time: the closing columns are added too.
    const graded = [closing.objectives[0]!, closing.objectives[closing.objectives.length - 1]!];
    const closeSave = measure(() => {
      const r = closingSave({
        sheetName: closing!.ok ? closing!.sheetName : '',
        grades: graded.map((o, i) => ({ objectiveId: o.id, row: o.row, rowVersion: o.rowVersion, finalScore: 0.5 + i / 10, learning: `learned ${o.id}`, carryOn: i === 0 })),
      });
      if (!r.ok || r.addedColumns.length !== 3) throw new Error(`closingSave failed: ${JSON.stringify(r)}`);
    });
    const next = measure(() => {
      const r = startNextQuarter({ sheetName: 'OKRs', objectiveIds: graded.map((o) => o.id) });
      if (!r.ok) throw new Error(`startNextQuarter failed: ${r.message}`);
    });
    // Every OKR tab read (the new quarter's too) and the People tab created with its owners.
    const owners = measure(() => {
      const r = listOwnersForReminders();
      if (!r.ok || r.added.length === 0) throw new Error(`listOwnersForReminders failed: ${r.message}`);
    });
    const insert = measure(() => insertTeamOkrs());
    return {
      closingLoad: closeLoad,
      closingSave: closeSave,
      startNextQuarter: next,
      insertTemplate: insert,
      listOwners: owners,
      qualityCheck,
      sidebarLoad: load,
      sidebarSave: save,
      repairFormulas: repair,
      saveSettings: settings,
    };
  } finally {
    uninstall();
  }
}

export function measureRangeCalls(krCount: number): RangeCallCounts {
  const m = measureActions(krCount);
  return Object.fromEntries(ACTIONS.map((a) => [a, m[a].rangeCalls])) as RangeCallCounts;
}
