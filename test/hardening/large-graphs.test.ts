// Large alignment graphs, generated here: a chain of 10,000 links, rings of 5,000 and 10,000
// objectives, and a table whose hints outnumber what a spread into push() can take. Each must roll
// up, build the document, print, write the company sheet and render without overflowing the stack,
// and cycle problems stay bounded in size (linear in the ring, not quadratic).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOkrTable } from '../../shared/contract.ts';
import { rollup } from '../../shared/rollup.ts';
import type { KeyResult, ParsedTable } from '../../shared/schemas.ts';
import { gridSource } from '../../bench/grid-source.ts';
import type { SyntheticSheet } from '../../bench/synthetic.ts';
import { formatTree } from '../../sync-service/cli/format.ts';
import { buildCompanyWorkbook } from '../../sync-service/company-sheet/build.ts';
import { type Database, MEMORY, openDatabase } from '../../sync-service/db/database.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { buildAlignmentDocument, MAX_TREE_DEPTH, walkTree } from '../../sync-service/engine/document.ts';
import { runSync } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';

const AS_OF = new Date('2026-02-15T12:00:00Z');
const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Start', 'Target', 'Current'];

/** A sheet in the template layout whose objectives align as `links` says (id → parent ids). */
function sheet(team: string, links: readonly [string, string][], meta: string[][] = []): SyntheticSheet {
  const okr = [['Team:', team], ['Period:', '2026-Q1'], ['Start:', '2026-01-01'], ['End:', '2026-03-31'], ...meta, [], HEADER];
  for (const [id, to] of links) okr.push([id, `Objective ${id}`, to, `Key result of ${id}`, 'metric', '0', '10', '5']);
  return { title: team, team, okr, checkins: null };
}

const company = sheet('Company', [['CO-1', '']], [['Mission:', 'Everything aligned']]);
/** CH-1 → CO-1, CH-2 → CH-1, … : a chain `length` links deep under the company. */
const chain = (length: number) => sheet('Chain', Array.from({ length }, (_, i): [string, string] => [`CH-${i + 1}`, i === 0 ? 'CO-1' : `CH-${i}`]));
/** RG-1 → RG-2 → … → RG-n → RG-1. */
const ring = (size: number, prefix = 'RG') => sheet(`Ring ${size}`, Array.from({ length: size }, (_, i): [string, string] => [`${prefix}-${i + 1}`, `${prefix}-${((i + 1) % size) + 1}`]));

const parse = (s: SyntheticSheet) => parseOkrTable(s.okr, { team: s.team, tab: 'OKRs' });

describe('a chain of 10,000 links', () => {
  const tables = [parse(company), parse(chain(10_000))];
  const alignment = rollup(tables, { asOf: AS_OF });
  const doc = buildAlignmentDocument(alignment, { company: {} });

  it('rolls up: the deepest objective reaches the company', () => {
    expect(alignment.objectives.find((o) => o.key === 'CH-10000')).toMatchObject({ reachesCompany: true, inCycle: false });
    expect(alignment.coverage.aligned).toBe(10_000);
  });

  it('builds the document tree, cut MAX_TREE_DEPTH levels down and marked there, and it goes through JSON', () => {
    let deepest = 0;
    let nodes = 0;
    let cut = 0;
    for (const { node, depth } of walkTree(doc.tree)) {
      nodes++;
      deepest = Math.max(deepest, depth);
      if (node.deeper) cut++;
    }
    expect(deepest).toBe(MAX_TREE_DEPTH);
    expect(nodes).toBe(MAX_TREE_DEPTH + 1);
    expect(cut).toBe(1);
    expect(JSON.parse(JSON.stringify(doc)).objectives).toHaveLength(10_001);
  });

  it('prints with okr rollup and writes the company sheet', () => {
    expect(formatTree(doc)).toContain('more aligned beneath, too deep to show');
    const alignmentTab = buildCompanyWorkbook(doc, {}, AS_OF).sheets.find((s) => s.name === 'Alignment')!;
    expect(alignmentTab.rows.length).toBeGreaterThan(MAX_TREE_DEPTH);
  });
});

describe('rings', () => {
  it.each([5_000, 10_000])('a ring of %i objectives: each member gets a cycle problem of bounded size', (size) => {
    const alignment = rollup([parse(company), parse(ring(size))], { asOf: AS_OF });
    const cycles = alignment.problems.filter((p) => p.code === 'cycle');
    expect(cycles).toHaveLength(size);
    for (const p of cycles) {
      expect(p.message.startsWith(`cycle: ${p.objectiveId} → `)).toBe(true);
      expect(p.message).toContain(` → ${p.objectiveId} (`);
      // Bounded: the first objectives of the loop and its length, not all of them.
      expect(p.message.length).toBeLessThan(400);
    }
    expect(cycles.find((p) => p.objectiveId === 'RG-1')!.message).toMatch(
      new RegExp(`^cycle: RG-1 → .* → … → RG-1 \\(a loop of ${size} links, in a knot of ${size} objectives\\)`),
    );
    expect(alignment.objectives.filter((o) => o.inCycle)).toHaveLength(size);
    expect(alignment.objectives.every((o) => o.parents.length === 0 || o.isCompany || !o.inCycle)).toBe(true);
  });

  it('a small ring still names every member in each problem', () => {
    const alignment = rollup([parse(ring(5))], { asOf: AS_OF });
    const msg = alignment.problems.find((p) => p.code === 'cycle' && p.objectiveId === 'RG-3')!.message;
    expect(msg).toContain('cycle: RG-3 → RG-4 → RG-5 → RG-1 → RG-2 → RG-3 (');
  });
});

describe('more problems than a spread can pass', () => {
  it('300,000 key results without a target: every hint is kept', () => {
    const krs: KeyResult[] = Array.from({ length: 300_000 }, (_, i) => ({
      id: `BIG-1-${i + 1}`,
      objectiveId: 'BIG-1',
      title: `Key result ${i + 1}`,
      type: 'metric',
      typeRaw: 'metric',
      start: 0,
      target: null,
      current: null,
      currentRaw: '',
      weight: 1,
      confidence: null,
      owner: '',
      notes: '',
      row: i + 7,
      sheetScore: null,
      score: null,
      progress: null,
      state: 'no-target',
    }));
    const table: ParsedTable = {
      team: 'Big',
      tab: 'OKRs',
      meta: {},
      isCompany: false,
      headerRow: 6,
      objectives: [{ id: 'BIG-1', title: 'Huge', team: 'Big', tab: 'OKRs', row: 7, alignsTo: [], kind: 'aspirational', weight: 1, owner: '', notes: '', keyResults: krs, score: null, checkedIn: false }],
      problems: krs.map((kr) => ({ severity: 'warning' as const, code: 'missing-value', team: 'Big', tab: 'OKRs', row: kr.row, message: 'made up' })),
    };
    const alignment = rollup([table], { asOf: AS_OF });
    expect(alignment.problems.filter((p) => p.code === 'not-measurable')).toHaveLength(300_000);
    expect(alignment.problems.filter((p) => p.code === 'missing-value')).toHaveLength(300_000);
  });
});

describe('through a sync, the API and the pages', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: MEMORY });
    const store = createStore(db);
    const r = await runSync({ store, sources: [gridSource([company, chain(2_500), ring(5_000, 'RN')])], company: {}, now: () => AS_OF });
    if (r.skipped) throw new Error(r.reason);
    app = createApp({ store, log: () => {}, webRoutes });
  }, 240_000);
  afterAll(async () => {
    await db?.close();
  });

  it('a 2,500-link chain and a 5,000-objective ring are stored and served', async () => {
    const api = await app.request('/api/alignment');
    expect(api.status).toBe(200);
    const body = (await api.json()) as { objectives: { key: string; inCycle: boolean }[] };
    expect(body.objectives.filter((o) => o.inCycle)).toHaveLength(5_000);
    for (const path of ['/', '/objectives/CH-2500', '/objectives/RN-1', '/problems?code=cycle']) {
      expect((await app.request(path)).status, path).toBe(200);
    }
  }, 120_000);
});
