// The `okr` command line: command functions with captured output, and the real binary spawned.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupCommand } from '../../sync-service/cli/commands/rollup.ts';
import { startService } from '../../sync-service/cli/commands/serve.ts';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { runCli } from '../../sync-service/cli/program.ts';
import { openDatabase } from '../../sync-service/db/database.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { parseWorkbook } from '../../sync-service/sources/parse.ts';
import { readWorkbookFile } from '../../sync-service/sources/workbook.ts';
import ExcelJS from 'exceljs';
import { CHECKIN_HEADERS } from '../../shared/template.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { writeZoo, ZOO_AS_OF } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

const BIN = path.resolve('bin/okr.js');
let zoo: string;

beforeAll(async () => {
  zoo = await writeZoo(tempDir());
});

async function cli(args: string[], cwd = tempDir()) {
  const m = memoryIO({ cwd });
  const code = await runCli(args, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

describe('okr rollup', () => {
  it('prints the indented tree with scores, grades, statuses and problems; exit 0 despite problems', async () => {
    const r = await cli(['rollup', zoo]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Company — 2026-Q1, 2026-01-01 to 2026-03-31 — as of \d{4}-\d{2}-\d{2}$/);
    expect(lines).toContain('Mission: Make planning joyful');
    expect(lines.find((l) => l.startsWith('C1  '))).toMatch(/^C1 {2}Delight our customers {2}\[Company\] {2}0\.50 → 0\.63 {2}(red|yellow|green) {2}\S/);
    expect(lines).toContain('    - C1-1  NPS  0.50  (metric: 30 → 50, now 40)');
    expect(lines.find((l) => l.startsWith('  SU1  '))).toContain('[Support]  0.75');
    expect(lines.find((l) => l.includes('S1-1  New logos'))).toMatch(/^ {6}- S1-1 {2}New logos {2}0\.50 {2}\(metric, weight 2: \S+ → \S+, now \S+\)$/);
    expect(lines).toContain('Not aligned to a company objective:');
    expect(lines.find((l) => l.startsWith('  S2  '))).toBeDefined();
    expect(lines).toContain('  error   Sales / OKRs / row 8 / Type: unknown type "metrc" (expected metric, milestone, binary, manual)');
    expect(lines.some((l) => l.includes('cycle: SU2 → SU3 → SU2'))).toBe(true);
  });

  it('--json prints the same JSON as GET /api/alignment', async () => {
    const r = await cli(['rollup', zoo, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ lastSync: null, roots: ['C1', 'C2'] });
    // At the same moment, the printed document is the served one, but for lastSync.
    const m = memoryIO();
    expect(await rollupCommand(zoo, { json: true, asOf: ZOO_AS_OF }, m.io)).toBe(0);
    const printed = JSON.parse(m.stdout()) as Record<string, unknown>;
    const pglite = storageTargets()[0]!;
    try {
      const store = createStore(await pglite.fresh());
      await runSync({ store, sources: [folderSource(zoo)], company: {}, now: () => ZOO_AS_OF });
      const served = (await (await createApp({ store }).request('/api/alignment')).json()) as typeof printed;
      expect(served.lastSync).toMatchObject({ id: 1 });
      expect({ ...printed, lastSync: null }).toEqual({ ...served, lastSync: null });
    } finally {
      await pglite.teardown();
    }
  });

  it('refuses something that is not a folder (exit 2)', async () => {
    const r = await cli(['rollup', path.join(zoo, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });
});

describe('okr --version and --as-of', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('okr rollup --as-of pins the day the statuses are judged', async () => {
    const a = await cli(['rollup', zoo, '--as-of', '2026-02-15']);
    const b = await cli(['rollup', zoo, '--as-of', '2026-03-30']);
    expect(a.stdout.split('\n')[0]).toBe('Company — 2026-Q1, 2026-01-01 to 2026-03-31 — as of 2026-02-15');
    expect(b.stdout.split('\n')[0]).toMatch(/as of 2026-03-30$/);
    const json = JSON.parse((await cli(['rollup', zoo, '--json', '--as-of', '2026-02-15'])).stdout) as { asOf: string };
    expect(json.asOf).toBe('2026-02-15T00:00:00.000Z');
    // Late in the period the same scores are further behind.
    expect(a.stdout).not.toBe(b.stdout);
  });

  it('a bad --as-of is refused, naming the value', async () => {
    for (const bad of ['2026-02-30', '15/02/2026', 'tomorrow']) {
      const r = await cli(['rollup', zoo, '--as-of', bad]);
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr, bad).toContain(`expected a date like 2026-11-20, got "${bad}"`);
    }
  });

  it('okr sync --as-of stores the roll-up as of that day', async () => {
    const cwd = tempDir();
    expect((await cli(['sync', '--source', zoo, '--as-of', '2026-02-15'], cwd)).code).toBe(0);
    const db = await openDatabase({ dataDir: path.join(cwd, '.okr/db') });
    try {
      const latest = await createStore(db).latestAlignment<{ asOf: string }>();
      expect(latest?.alignment.asOf).toBe('2026-02-15T00:00:00.000Z');
    } finally {
      await db.close();
    }
  });
});

describe('okr validate', () => {
  it('one line per problem; exit 1 when a file has an error', async () => {
    const r = await cli(['validate', path.join(zoo, 'sales.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toContain('error   Sales / OKRs / row 8 / Type: unknown type "metrc" (expected metric, milestone, binary, manual)');
    // Every line starts with its severity, as `okr rollup` prints them.
    for (const line of r.stdout.trim().split('\n')) expect(line).toMatch(/^(error {3}|warning |ok {6})\S/);
    expect(r.stderr).toMatch(/1 file\(s\) checked: [1-9]\d* error\(s\)/);
  });

  it('exit 0 with only warnings, or none; each file on its own', async () => {
    const warnings = await cli(['validate', path.join(zoo, 'support.csv'), path.join(zoo, 'company.xlsx')]);
    expect(warnings.code).toBe(0);
    expect(warnings.stdout).toContain('warning Support / support.csv / row 5 / Target: Key result SU1-2 has Start = Target (5)');
    expect(warnings.stdout).toContain('warning Company / Check-ins / row 5 / Timestamp:');
    // Cycles and unknown parents need the other sheets: not a single file's problem.
    expect(warnings.stdout).not.toContain('cycle');
    const clean = await cli(['validate', path.resolve('examples/company.xlsx')]);
    expect(clean).toMatchObject({ code: 0, stdout: `ok      ${path.resolve('examples/company.xlsx')}\n` });
    const mixed = await cli(['validate', path.join(zoo, 'company.xlsx'), path.join(zoo, 'sales.xlsx')]);
    expect(mixed.code).toBe(1);
  });

  it('an unreadable file is an error', async () => {
    const r = await cli(['validate', path.join(zoo, 'missing.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error {3}\S+missing\.xlsx: cannot read/);
  });

  it('okr validate examples/*: a folder and non-workbooks are skipped and said so, never reported as damaged', async () => {
    const { readdirSync } = await import('node:fs');
    const names = readdirSync(path.resolve('examples')).map((n) => `examples/${n}`);
    expect(names).toContain('examples/README.md');
    const r = await cli(['validate', ...names], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped examples/README.md: not an .xlsx or .csv workbook\n');
    expect(r.stdout).toContain('skipped examples/src: a folder, not a workbook\n');
    expect(r.stdout).not.toMatch(/EISDIR|cannot read|^error/m);
    for (const line of r.stdout.trim().split('\n')) expect(line).toMatch(/^(error {3}|warning |ok {6}|skipped )\S/);
    expect(r.stderr).toMatch(/^\d+ file\(s\) checked, \d+ skipped: 0 error\(s\), \d+ warning\(s\)\n$/);
  });
});

describe('okr template', () => {
  it('writes the team and company templates as .xlsx files the folder source reads with zero problems', async () => {
    const dir = tempDir();
    for (const level of ['team', 'company'] as const) {
      const r = await cli(['template', '--out', `${level}.xlsx`, '--level', level, '--rows', '40'], dir);
      expect(r, level).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`the ${level} OKR template`);
      const grids = await readWorkbookFile(path.join(dir, `${level}.xlsx`));
      expect(grids.okr[0]?.tab).toBe('OKRs');
      expect(grids.checkins?.grid[0]).toEqual([...CHECKIN_HEADERS]);
      const t = parseWorkbook(grids, level).table;
      expect(t.problems).toEqual([]);
      expect(t.isCompany).toBe(level === 'company');
      expect(t.objectives.map((o) => o.id)).toEqual(level === 'team' ? ['TEAM-1', 'TEAM-2'] : ['CO-1', 'CO-2']);
      // Formulas on every prepared row: 40 ready rows below the examples, none an ARRAYFORMULA.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, `${level}.xlsx`));
      const ws = wb.getWorksheet('OKRs')!;
      const formulas: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => c.formula && formulas.push(c.formula)));
      expect(formulas.length).toBe(3 * (t.objectives.flatMap((o) => o.keyResults).length + 40));
      expect(formulas.some((f) => f.includes('ARRAYFORMULA'))).toBe(false);
    }
    expect(await cli(['template', '--out', 'team.xlsx'], dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
    expect((await cli(['template', '--out', 'team.xlsx', '--force'], dir)).code).toBe(0);
    expect(await cli(['template', '--out', 'team.csv'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('.xlsx') });
    expect((await cli(['template', '--out', 'x.xlsx', '--level', 'galaxy'], dir)).code).not.toBe(0);
  });
});

describe('okr sync', () => {
  it('syncs once with plain progress lines, prints a summary, and skips unchanged files next time', async () => {
    const cwd = tempDir();
    const first = await cli(['sync', '--source', zoo], cwd);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Sync #1 ok in \d+ ms\n/);
    expect(first.stdout).toContain('  teams      4\n  read       4\n  unchanged  0 (skipped)\n  stale      0\n');
    expect(first.stdout).toContain('  requests   0');
    expect(first.stderr).toContain('Syncing 4 team sheet(s)');
    expect(first.stderr).toMatch(/\[4\/4\] \S+: read/);
    expect(existsSync(path.join(cwd, '.okr/db'))).toBe(true);
    const second = await cli(['sync', '--source', zoo], cwd);
    expect(second.stdout).toContain('Sync #2 ok');
    expect(second.stdout).toContain('  read       0\n  unchanged  4 (skipped)\n');
  });

  it('--out writes the company workbook when the xlsx writer exists', async () => {
    const cwd = tempDir();
    const writerExists = existsSync(path.resolve('sync-service/company-sheet/xlsx.ts'));
    const r = await cli(['sync', '--source', zoo, '--out', 'company-rollup.xlsx'], cwd);
    if (writerExists) {
      expect(r.code).toBe(0);
      expect(existsSync(path.join(cwd, 'company-rollup.xlsx'))).toBe(true);
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('xlsx company-sheet writer');
    }
  });

  it('a bad config names the field (exit 2)', async () => {
    const cwd = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(cwd, 'okr.config.json'), JSON.stringify({ sources: { google: { folderId: 7 } } }));
    const r = await cli(['sync'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('okr.config.json: sources.google.folderId: expected string, got number\n');
  });
});

describe('okr serve', () => {
  it('in process: serves on a random port and syncs on start', async () => {
    const cwd = tempDir();
    const { io } = memoryIO({ cwd, env: { OKR_TOKEN: 'a-test-token-123' } });
    const running = await startService({ source: zoo, port: 0 }, io);
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      let status = 0;
      for (let i = 0; i < 200 && status !== 200; i++) {
        status = (await fetch(`${running.url}/api/alignment`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
      const sync = await fetch(`${running.url}/api/sync`, { method: 'POST', headers: { Authorization: 'Bearer a-test-token-123' } });
      expect([202, 409]).toContain(sync.status);
    } finally {
      await running.close();
    }
  });

  /** Status of GET / from the spawned binary below (its working directory is outside the repo). */
  let pageStatus = 0;

  it('the real binary prints the URL, answers 200, and shuts down cleanly on SIGTERM', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [BIN, 'serve', '--source', zoo, '--port', '0', '--as-of', '2026-02-15'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OKR_TOKEN: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += String(d);
          const m = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`exited before printing a URL: ${stderr}`)));
      });
      let status = 0;
      for (let i = 0; i < 400 && status !== 200; i++) {
        status = (await fetch(`${url}/api/alignment`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
      expect(((await (await fetch(`${url}/api/alignment`)).json()) as { asOf: string }).asOf).toBe('2026-02-15T00:00:00.000Z');
      expect(stderr).toMatch(
        /okr serve: listening on http:\/\/127\.0\.0\.1:\d+ — start-up took \d+\.\d s \(\d+\.\d s loading the code, \d+\.\d s opening the database and the server\)/,
      );
      const post = await fetch(`${url}/api/sync`, { method: 'POST' });
      expect(post.status).toBe(403); // no OKR_TOKEN: write routes are off
      pageStatus = (await fetch(`${url}/`)).status;
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: finishing the running sync and shutting down');
    expect(existsSync(path.join(cwd, '.okr/db.lock'))).toBe(false);
  });

  // The view's .tsx pages need the repo's tsconfig (jsxImportSource: hono/jsx); tsx only finds it
  // from the working directory unless bin/okr.js registers it explicitly.
  it('the real binary serves the alignment view from a working directory outside the repo', () => {
    expect(pageStatus).toBe(200);
  });
});
