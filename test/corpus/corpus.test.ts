// The bad-input corpus (generate.ts) read the way the service reads it: the folder source and the
// sync engine on PGlite, `okr rollup --json` and `okr validate`. Table-driven: for every case the
// expected problems are reported with team, tab, row and column, the team has no other errors,
// nothing throws, and the good objectives still roll up with their scores.
import { type Dirent, linkSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../shared/problems.ts';
import type { Problem } from '../../shared/schemas.ts';
import { rollupCommand } from '../../sync-service/cli/commands/rollup.ts';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { runCli } from '../../sync-service/cli/program.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { AlignmentDocument } from '../../sync-service/engine/document.ts';
import { runSync, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { COMPANY, CORPUS, CORPUS_AS_OF, type CorpusCase, type ExpectedProblem } from './generate.ts';

const pglite = storageTargets()[0]!;
let dir: string;
let sync: SyncSummary;
let stored: AlignmentDocument;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'okr-corpus-'));
  await COMPANY.write(dir);
  for (const c of CORPUS) await c.write(dir);
  const store = createStore(await pglite.fresh());
  const r = await runSync({ store, sources: [folderSource(dir)], company: {}, now: () => CORPUS_AS_OF });
  if (r.skipped) throw new Error(r.reason);
  sync = r;
  stored = (await store.latestAlignment<AlignmentDocument>())!.alignment;
}, 300_000);
const dirs: string[] = [];
afterAll(async () => {
  await pglite.teardown();
  for (const d of [dir, ...dirs]) if (d) rmSync(d, { recursive: true, force: true });
});

const teamProblems = (problems: readonly Problem[], c: CorpusCase) => problems.filter((p) => p.team === c.team);

function matches(p: Problem, e: ExpectedProblem, c: CorpusCase): boolean {
  return (
    p.code === e.code &&
    p.severity === e.severity &&
    p.tab === (e.tab ?? c.tab) &&
    (e.row === undefined || p.row === e.row) &&
    (e.column === undefined || p.column === e.column) &&
    (e.value === undefined || p.value === e.value)
  );
}

const key = (p: Pick<Problem, 'code' | 'row' | 'column'>) => `${p.code}@${p.row ?? '-'}/${p.column ?? '-'}`;

describe('the corpus through the folder source and the sync engine', () => {
  it('syncs every file: nothing throws, every team is accounted for', () => {
    expect(sync.status).toBe('partial'); // the unreadable files are missing teams
    const missing = sync.staleTeams.map((s) => s.name).sort();
    expect(missing).toEqual(['broken-link.xlsx', 'oversize.csv', 'unclosed-quote.csv', 'zero-bytes.xlsx']);
    const teams = new Set([...sync.document.teams.map((t) => t.team), ...sync.staleTeams.map((s) => s.team)]);
    for (const c of CORPUS) expect(teams, c.name).toContain(c.team);
    // What the API serves is what the engine computed.
    expect(stored.problems).toEqual(sync.document.problems);
  });

  describe.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it('reports the expected problems with team, tab, row and column, and no other errors', () => {
      const mine = teamProblems(sync.document.problems, c);
      for (const e of c.problems) {
        const found = mine.filter((p) => matches(p, e, c));
        expect(found, `${c.file}: expected ${JSON.stringify(e)} in\n${mine.map(formatProblem).join('\n')}`).toHaveLength(1);
        // Located: the tab always, and row and column whenever the problem is about a cell.
        expect(found[0]!.tab).toBe(e.tab ?? c.tab);
      }
      const errors = mine
        .filter((p) => p.severity === 'error')
        .map(key)
        .sort();
      const expectedErrors = c.problems
        .filter((e) => e.severity === 'error')
        .map(key)
        .sort();
      expect(errors, `${c.file}: errors\n${mine.map(formatProblem).join('\n')}`).toEqual(expectedErrors);
    });

    it('rolls up its good objectives with their scores', () => {
      for (const g of c.good) {
        const o = sync.document.objectives.find((x) => x.key === g.key);
        expect(o, `${c.file}: objective ${g.key}`).toBeDefined();
        expect(o!.score, `${c.file}: ${g.key}`).toBeCloseTo(g.score, 10);
      }
      c.check?.(sync.document, teamProblems(sync.document.problems, c));
    });
  });

  it('scores stay in [0, 1] and each roll-up lies between its parts', () => {
    const byKey = new Map(sync.document.objectives.map((o) => [o.key, o]));
    // Collected, then asserted once: the 50,000-row sheet alone has that many key results.
    const outOfRange: string[] = [];
    const outsideParts: string[] = [];
    for (const o of sync.document.objectives) {
      for (const kr of o.keyResults) if (kr.score !== null && !(kr.score >= 0 && kr.score <= 1)) outOfRange.push(`${o.key}/${kr.id}: ${kr.score}`);
      for (const s of [o.score, o.rolledScore]) if (s !== null && !(s >= 0 && s <= 1)) outOfRange.push(`${o.key}: ${s}`);
      const parts = [o.score, ...o.children.map((k) => byKey.get(k)!.rolledScore)].filter((s): s is number => s !== null);
      if (o.rolledScore !== null && (o.rolledScore < Math.min(...parts) - 1e-12 || o.rolledScore > Math.max(...parts) + 1e-12)) {
        outsideParts.push(`${o.key}: ${o.rolledScore} not within [${Math.min(...parts)}, ${Math.max(...parts)}]`);
      }
    }
    expect(outOfRange).toEqual([]);
    expect(outsideParts).toEqual([]);
    const c1 = byKey.get('C1')!;
    for (const k of [
      'DC1',
      'MB1',
      'MB2',
      'WTOK',
      'ZR1',
      'NW1',
      'CYOK',
      'UD1',
      'KB1',
      'LA1',
      'BO1',
      'BH1',
      'CR1',
      'SC1',
      'ع-1',
      'HC1',
      'HV1',
      'FH1',
      'FH2',
      'FC1',
      'RG1',
      'U16',
      'NB1',
      'ES1',
      'FAR1',
      'DV1',
      'HM1',
      'PA1',
      'LR1',
      'EX1',
      'EX2',
      'IMP1',
      'LN1',
      'CF1',
    ]) {
      expect(c1.children, k).toContain(k);
    }
  });
});

describe('the corpus through `okr rollup --json` and `okr validate`', () => {
  it('okr rollup --json: the same objectives, scores and problems as the engine', async () => {
    // Every file but the 50,000-row sheet (the engine read it already; a second pass would only cost
    // time), linked into a folder of their own.
    const others = mkdtempSync(path.join(tmpdir(), 'okr-corpus-rollup-'));
    dirs.push(others);
    // Names as bytes (one is not UTF-8); links are linked as links, folders (link targets) left out.
    for (const d of readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }) as unknown as Dirent<Buffer>[]) {
      const f = d.name as unknown as Buffer;
      if (d.isDirectory() || f.toString() === 'big.csv') continue;
      linkSync(Buffer.concat([Buffer.from(`${dir}/`), f]), Buffer.concat([Buffer.from(`${others}/`), f]));
    }
    const { io, stdout, stderr } = memoryIO();
    expect(await rollupCommand(others, { json: true, asOf: CORPUS_AS_OF }, io)).toBe(0);
    expect(stderr()).toBe('');
    const doc = JSON.parse(stdout()) as AlignmentDocument & { lastSync: null };
    expect(doc.lastSync).toBeNull();
    // C1 is the only objective the Big team's objectives roll up into.
    const comparable = (d: AlignmentDocument) =>
      d.objectives.filter((o) => o.team !== 'Big').map((o) => [o.key, o.score, o.key === 'C1' ? 'C1' : o.rolledScore]);
    expect(comparable(doc)).toEqual(comparable(sync.document));
    const norm = (ps: readonly Problem[]) =>
      ps
        .filter((p) => p.team !== 'Big')
        .map((p) => `${p.team}|${p.tab}|${p.row ?? ''}|${p.column ?? ''}|${p.code}`)
        .sort();
    expect(norm(doc.problems)).toEqual(norm(sync.document.problems));
  }, 60_000);

  // The 50,000-row sheet is left out here: the engine and `okr rollup` above read it already, and
  // a third parse would only cost time.
  // (A name that is not UTF-8 cannot be typed on a command line as a string: the folder source reads it.)
  describe.each(CORPUS.filter((c) => c.file !== 'big.csv' && !c.rawName).map((c) => [c.file, c] as const))('okr validate %s', (file, c) => {
    it('prints every problem of the file with its location, and exits 1 when it has errors', async () => {
      const { io, stdout, stderr } = memoryIO({ cwd: dir });
      const code = await runCli(['validate', file], io);
      const out = stdout();
      const unreadable = c.problems.some((e) => e.code === 'source-unreadable');
      if (unreadable) {
        expect(out).toMatch(new RegExp(`^error +${file.replace('.', '\\.')}: cannot read: `, 'm'));
      } else {
        for (const e of c.problems.filter((x) => !x.rollupOnly)) {
          const p = teamProblems(sync.document.problems, c).find((x) => matches(x, e, c))!;
          expect(out, `${file}: ${JSON.stringify(e)}`).toContain(formatProblem(p));
        }
      }
      const hasErrors = unreadable || c.problems.some((e) => e.severity === 'error' && !e.rollupOnly);
      expect(code, out).toBe(hasErrors ? 1 : 0);
      expect(stderr()).toMatch(/^1 file\(s\) checked: \d+ error\(s\), \d+ warning\(s\)\n$/);
    }, 30_000);
  });
});
