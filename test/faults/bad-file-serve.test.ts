// `okr serve` while a bad workbook is read: the reading happens in a bounded worker, so the server
// keeps answering /healthz within a second the whole time, the other teams roll up, the bad teams
// are named with the reason, and SIGTERM still ends the process promptly.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterSheetData, extraRows, inlineCell, patchedXlsx } from '../corpus/hostile.ts';
import { okrGrid } from '../fixtures/workbooks.ts';
import { killAll, runToEnd, spawnOkr, writeConfig, writeTeamFolder } from './process.ts';

const dirs: string[] = [];
afterAll(async () => {
  await killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const team = (name: string, oid: string) =>
  okrGrid({ team: name }, [{ oid, objective: `${name} goal`, alignsTo: 'C1', kr: 'k', type: 'metric', start: 0, target: 10, current: 5 }]);
/** Columns right of the OKR table: read (and left alone by the contract), so reading is what costs. */
const COLUMNS = ['Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'AA', 'AB'];

/** GET /healthz on a fresh connection (a reused keep-alive socket may be closed under a request). */
function healthz(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/healthz`, { agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
  });
}

describe('okr serve reading bad workbooks', () => {
  it('answers /healthz within 1 s throughout, names the bad teams, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-bad-serve-'));
    dirs.push(dir);
    const okrs = path.join(dir, 'okrs');
    mkdirSync(okrs);
    writeTeamFolder(okrs, 3, 2);
    // Slow to read (96,000 cells: seconds of ExcelJS), then ones that used to take minutes and gigabytes.
    writeFileSync(
      path.join(okrs, 'dense.xlsx'),
      await patchedXlsx('OKRs', team('Dense', 'DN1'), {
        sheet: extraRows(10, 8_000, (r) => COLUMNS.map((c) => inlineCell(`${c}${r}`, `cell ${c}${r}`)).join('')),
      }),
    );
    writeFileSync(
      path.join(okrs, 'validation.xlsx'),
      await patchedXlsx('OKRs', team('Validation', 'DV1'), {
        sheet: afterSheetData('<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>'),
      }),
    );
    writeFileSync(
      path.join(okrs, 'merge.xlsx'),
      await patchedXlsx('OKRs', team('Merge', 'MG1'), { sheet: afterSheetData('<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>') }),
    );
    writeFileSync(path.join(okrs, 'nul.csv'), `Team:,Nul\n\nObjective ID,Objective,Aligns To,Key Result,Type,Current\nNL1,Bad\u0000byte,C1,k,manual,0.5\n`);
    writeConfig(dir, { dataDir: '.okr/db' });

    const server = spawnOkr(['serve', '--config', 'okr.config.json'], { cwd: dir });
    const url = (await server.waitForLine(/^http:\/\/127\.0\.0\.1:\d+$/, 60_000)).trim();
    const synced = server.waitForLine(/^sync #1 /, 120_000);
    let done = false;
    void synced.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    const times: number[] = [];
    while (!done) {
      const t = performance.now();
      const status = await healthz(url).catch((err: unknown) => {
        throw new Error(`/healthz failed: ${String(err)}\n${server.stderr.slice(-20).join('\n')}`);
      });
      expect(status).toBe(200);
      times.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await synced;
    expect(times.length, 'polled while the sync ran').toBeGreaterThan(5);
    expect(Math.max(...times), `slowest /healthz of ${times.length}`).toBeLessThan(1000);

    const teams = (await (await fetch(`${url}/api/teams`)).json()) as { teams: { team: string }[] };
    expect(teams.teams.map((t) => t.team)).toEqual(expect.arrayContaining(['Team 0', 'Team 1', 'Team 2', 'Dense', 'Validation', 'Merge', 'Nul']));
    const problems = (await (await fetch(`${url}/api/problems?team=Nul`)).json()) as { problems: { code: string; message: string }[] };
    expect(problems.problems.find((p) => p.code === 'unstorable-text')?.message).toMatch(/^nul\.csv: 1 cell\(s\) held characters the database cannot store/);
    expect(((await (await fetch(`${url}/healthz`)).json()) as { status: string }).status).toBe('ok');

    server.kill('SIGTERM');
    expect((await runToEnd(server, 15_000)).code).toBe(0);
  }, 240_000);
});
