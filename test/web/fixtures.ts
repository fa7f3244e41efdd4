// Data for the alignment view's tests, screenshot and measurements: the example company synced by
// the real engine, a synthetic company of any size, and a company whose sheets hold markup.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from '../../shared/rollup.ts';
import type { CheckIn, KeyResult, Kind, Objective, ParsedTable, Period } from '../../shared/schemas.ts';
import { objectiveScore } from '../../shared/scoring.ts';
import type { Store } from '../../sync-service/db/store.ts';
import { buildAlignmentDocument } from '../../sync-service/engine/document.ts';
import { runSync } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { type RunningServer, serve } from '../../sync-service/http/serve.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { CHECKIN_HEADER, okrGrid, writeCsv } from '../fixtures/workbooks.ts';
import { rng } from '../../bench/synthetic.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));
/** "Today" in the example company (examples/README.md). */
export const EXAMPLES_AS_OF = new Date('2026-11-25T12:00:00Z');

/** Runs the real sync engine over a folder of team sheets. */
export async function syncFolder(store: Store, folder: string, now: Date): Promise<void> {
  const r = await runSync({ store, sources: [folderSource(folder)], company: {}, now: () => now });
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
}

export function appFor(store: Store, companyName?: string) {
  return createApp({ store, webRoutes, ...(companyName ? { companyName } : {}), log: () => {} });
}

export function serveApp(store: Store): Promise<RunningServer> {
  return serve(appFor(store), { host: '127.0.0.1', port: 0 });
}

// ---- a company whose sheets hold markup and formulas ------------------------------------------

export const XSS_TITLE = '<script>alert(1)</script>';
export const FORMULA_TITLE = '=HYPERLINK("x")';
export const XSS_TEAM = 'Hack<b>ers</b>';

/** Writes a two-sheet company (CSV, through the real folder reader) with hostile text in it. */
export function writeHostileCompany(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-web-xss-'));
  const period = { period: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' };
  writeCsv(
    path.join(dir, 'company.csv'),
    okrGrid({ team: 'Evil <i>Corp</i>', mission: '<img src=x onerror=alert(2)> mission', level: 'company', ...period }, [
      {
        oid: 'C1',
        objective: XSS_TITLE,
        kr: 'NPS "quoted" & <b>bold</b>',
        krId: 'C1-1',
        type: 'metric',
        start: 0,
        target: 10,
        current: 5,
        owner: '<u>Boss</u>',
      },
    ]),
  );
  writeCsv(
    path.join(dir, 'hackers.csv'),
    okrGrid({ team: XSS_TEAM, ...period }, [
      {
        oid: 'H1',
        objective: FORMULA_TITLE,
        alignsTo: 'C1',
        kr: '<svg onload=alert(3)>',
        krId: 'H1-1',
        type: 'metric',
        start: 0,
        target: 4,
        current: 1,
        owner: "O'Brien",
      },
      { oid: 'H2', objective: 'Orphan </text><script>alert(4)</script>', kr: 'Ship it', krId: 'H2-1', type: 'binary', current: 'no' },
    ]),
  );
  writeCsv(path.join(dir, 'hackers.checkins.csv'), [
    [...CHECKIN_HEADER],
    ['2026-11-20 10:00', '<b>Mallory</b>', 'H1', 'H1-1', '0', '1', '0.25', '50%', '</td><script>alert(5)</script>'],
  ]);
  return dir;
}

// ---- a synthetic company of any size ------------------------------------------------------------

export interface SyntheticOptions {
  teams: number;
  companyObjectives?: number;
  objectivesPerTeam?: number;
  krsPerObjective?: number;
  period?: Period;
  asOf?: Date;
}


/** Team names without digits (digits in titles trip the metric-title hint). */
function teamName(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
}

const WORDS = ['Grow', 'Delight', 'Ship', 'Scale', 'Simplify', 'Win', 'Earn', 'Build', 'Cut', 'Launch'];
const THINGS = [
  'self-serve revenue',
  'enterprise trust',
  'onboarding',
  'partner channel',
  'data platform',
  'support quality',
  'hiring pipeline',
  'cloud costs',
  'mobile experience',
  'brand reach',
];

function kr(id: string, objectiveId: string, score: number, i: number): KeyResult {
  const target = 100;
  const current = Math.round(score * target);
  return {
    id,
    objectiveId,
    title: `Move metric ${'ABCDEFGH'[i % 8]} from 0 to ${target}`,
    type: 'metric',
    typeRaw: 'metric',
    start: 0,
    target,
    current,
    currentRaw: String(current),
    weight: 1,
    confidence: 0.7,
    owner: 'Pat Lee',
    notes: '',
    row: 0,
    sheetScore: null,
    score: current / target,
    progress: current / target,
    state: 'scored',
  };
}

/**
 * A company of `teams` teams: a company sheet with a few objectives and every team's objectives
 * aligned to one (sometimes two) of them, some to another team's objective, a few to nothing;
 * weekly check-ins. Rolled up with the shared roll-up and stored as one complete sync.
 */
export function syntheticCompany(opts: SyntheticOptions) {
  const rand = rng(opts.teams * 7919);
  const period = opts.period ?? { label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' };
  const asOf = opts.asOf ?? EXAMPLES_AS_OF;
  const nCo = opts.companyObjectives ?? 5;
  const perTeam = opts.objectivesPerTeam ?? 3;
  const perObj = opts.krsPerObjective ?? 3;
  const tables: ParsedTable[] = [];
  const checkins: CheckIn[] = [];
  const meta = { period: period.label, start: period.start, end: period.end };

  const objective = (team: string, id: string, title: string, alignsTo: string[], kind: Kind, row: number): Objective => {
    const base = 0.15 + rand() * 0.8;
    const krs = Array.from({ length: perObj }, (_, i) => kr(`${id}-${i + 1}`, id, Math.min(1, Math.max(0, base + (rand() - 0.5) * 0.3)), i));
    for (const k of krs) {
      for (let w = 0; w < 8; w++) {
        const t = new Date(Date.parse(`${period.start}T09:00:00Z`) + (w * 7 + 4) * 86_400_000);
        if (t > asOf || rand() < 0.15) continue;
        checkins.push({
          team,
          timestamp: t.toISOString(),
          person: 'Pat Lee',
          objectiveId: id,
          krId: k.id,
          before: '',
          after: '',
          score: ((k.score ?? 0) * (w + 1)) / 8,
          confidence: 0.7,
          note: '',
          row: 0,
        });
      }
    }
    return {
      id,
      title,
      team,
      tab: 'OKRs',
      row,
      alignsTo,
      kind,
      weight: 1,
      owner: 'Pat Lee',
      notes: '',
      keyResults: krs,
      score: objectiveScore(krs),
      checkedIn: true,
    };
  };

  const companyObjectives = Array.from({ length: nCo }, (_, i) =>
    objective(
      'Company',
      `CO-${i + 1}`,
      `${WORDS[i % WORDS.length]} ${THINGS[i % THINGS.length]} for every customer`,
      [],
      i === nCo - 1 ? 'committed' : 'aspirational',
      9 + i,
    ),
  );
  tables.push({
    team: 'Company',
    tab: 'OKRs',
    meta: { ...meta, mission: 'Make every team’s work count', level: 'company' },
    isCompany: true,
    headerRow: 8,
    objectives: companyObjectives,
    problems: [],
  });

  for (let t = 0; t < opts.teams; t++) {
    const team = `Team ${teamName(t)}`;
    const objectives: Objective[] = [];
    for (let o = 0; o < perTeam; o++) {
      const id = `T${t + 1}-${o + 1}`;
      const roll = rand();
      const co = `CO-${1 + Math.floor(rand() * nCo)}`;
      let alignsTo: string[];
      if (roll < 0.04)
        alignsTo = []; // orphan
      else if (roll < 0.12)
        alignsTo = [co, `CO-${1 + ((Number(co.slice(3)) + 1) % nCo)}`]; // two parents
      else if (roll < 0.22 && t > 0)
        alignsTo = [`T${t}-1`]; // under another team's objective
      else alignsTo = [co];
      objectives.push(objective(team, id, `${WORDS[(t + o) % WORDS.length]} ${THINGS[(t * 3 + o) % THINGS.length]} together`, alignsTo, 'aspirational', 9 + o));
    }
    tables.push({ team, tab: 'OKRs', meta, isCompany: false, headerRow: 8, objectives, problems: [] });
  }

  const alignment = rollup(tables, { asOf, period });
  const document = buildAlignmentDocument(alignment, { company: { name: 'Synthetic Inc' } });
  return { document, checkins, period, asOf };
}

/** Stores a synthetic company as one complete sync. */
export async function storeSynthetic(store: Store, opts: SyntheticOptions): Promise<ReturnType<typeof syntheticCompany>> {
  const company = syntheticCompany(opts);
  const syncId = await store.beginSync([{ id: 'synthetic', kind: 'synthetic' }]);
  await store.completeSync(syncId, {
    alignment: company.document as unknown as Record<string, unknown>,
    objectives: company.document.objectives.map((o) => ({ ...o, ownScore: o.score })),
    checkins: company.checkins,
    period: company.period.label ?? null,
  });
  return company;
}
