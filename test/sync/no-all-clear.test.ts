// No false all-clear: a missing or empty source is an error naming the path, and a sync that rolled
// up no team is never "ok" — on `okr sync`, `okr rollup`, `okr serve` (log, page, API) alike.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCommand } from '../../sync-service/cli/commands/init.ts';
import { startService } from '../../sync-service/cli/commands/serve.ts';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { runCli } from '../../sync-service/cli/program.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { writeZoo } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

async function cli(args: string[], cwd = tempDir()) {
  const m = memoryIO({ cwd });
  const code = await runCli(args, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

describe('okr sync and okr rollup on a missing or empty source', () => {
  it('okr sync --source /nonexistent --out x.xlsx fails, names the path, writes nothing', async () => {
    const cwd = tempDir();
    const missing = path.join(cwd, 'nonexistent');
    const r = await cli(['sync', '--source', missing, '--out', 'x.xlsx'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Could not list ${missing}: no such folder`);
    expect(r.stdout).not.toContain(' ok');
    expect(existsSync(path.join(cwd, 'x.xlsx'))).toBe(false);
  });

  it('a folder with no workbooks fails too, naming it', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'README.md'), '# not a workbook\n');
    const sync = await cli(['sync', '--source', '.'], cwd);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(`No team sheets found in ${cwd}`);
    const rollup = await cli(['rollup', cwd]);
    expect(rollup.code).toBe(2);
    expect(rollup.stderr).toContain(`No team sheets found in ${cwd}`);
  });

  it('a sync whose every sheet is unreadable rolls up no team and is not "ok"', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'sales.xlsx'), 'this is not a zip file');
    const target = storageTargets()[0]!;
    try {
      const store = createStore(await target.fresh());
      const r = await runSync({ store, sources: [folderSource(dir)], company: {} });
      if (r.skipped) throw new Error('skipped');
      expect(r.counts.teams).toBe(0);
      expect(r.status).toBe('partial');
      expect(r.document.problems.find((p) => p.code === 'source-unreadable')?.message).toContain('Could not read sales.xlsx');
    } finally {
      await target.teardown();
    }
  });

  it('a source that cannot be listed while another has teams: partial, with an error naming it', async () => {
    const zoo = await writeZoo(tempDir());
    const gone = path.join(tempDir(), 'gone');
    const target = storageTargets()[0]!;
    try {
      const store = createStore(await target.fresh());
      const r = await runSync({ store, sources: [folderSource(zoo), folderSource(gone)], company: {} });
      if (r.skipped) throw new Error('skipped');
      expect(r.counts.teams).toBe(4);
      expect(r.status).toBe('partial');
      expect(r.document.problems).toContainEqual(
        expect.objectContaining({ severity: 'error', code: 'source-unlisted', message: `Could not list ${gone}: no such folder` }),
      );
    } finally {
      await target.teardown();
    }
  });
});

describe('okr sync while okr serve runs on the same embedded database', () => {
  it('is refused with what to do instead (POST /api/sync), and the service keeps serving', async () => {
    const cwd = tempDir();
    const zoo = await writeZoo(tempDir());
    const { io } = memoryIO({ cwd });
    const running = await startService({ source: zoo, port: 0 }, io);
    try {
      const r = await cli(['sync', '--source', zoo], cwd);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The database folder ${path.join(cwd, '.okr/db')} is in use`);
      expect(r.stderr).toContain('POST /api/sync');
      expect((await fetch(`${running.url}/api/syncs`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('okr init, then okr serve with the folder not there yet', () => {
  it('logs the failed sync naming the folder; the page and the API say so, with no all-clear', async () => {
    const cwd = tempDir();
    const { io, stderr } = memoryIO({ cwd });
    expect(initCommand({}, io)).toBe(0);
    const folder = path.join(cwd, 'okrs');
    const running = await startService({ port: 0 }, io);
    try {
      for (let i = 0; i < 200 && !stderr().includes('sync failed'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr()).toContain(`sync failed: Could not list ${folder}: no such folder`);
      expect(stderr()).not.toMatch(/sync #\d+ ok/);
      const page = await fetch(`${running.url}/`);
      expect(page.status).toBe(503);
      const html = await page.text();
      expect(html).toContain(`Could not list ${folder}: no such folder`);
      expect(html).not.toContain('✓');
      const syncs = (await (await fetch(`${running.url}/api/syncs`)).json()) as { syncs: { status: string; error: string }[] };
      expect(syncs.syncs[0]).toMatchObject({ status: 'failed', error: `Could not list ${folder}: no such folder` });
    } finally {
      await running.close();
    }
  });
});
