// Turning the figures into the JSON line (flat numbers per section) and a readable table.

import { ACTIONS } from '../test/addon/range-calls.ts';
import type { AddonFigures } from './addon.ts';
import { BUNDLE_TARGET_KB } from './addon.ts';
import { HOME_TARGET, HTTP_FLOOR_SHARE, type HttpFigures } from './http.ts';
import { IDLE_RSS_TARGET_MB, type MemoryFigures } from './memory.ts';
import type { ReadFigures } from './read.ts';
import { ROLLUP_TARGET, type RollupFigures } from './rollup.ts';
import { MAX_BATCH_BYTES } from '../sync-service/company-sheet/google-requests.ts';
import type { SyncFigures } from './sync.ts';

export interface Figures {
  rollup?: RollupFigures;
  sync?: SyncFigures;
  addon?: AddonFigures;
  http?: HttpFigures;
  memory?: MemoryFigures;
  read?: ReadFigures;
}

export interface Target {
  section: string;
  what: string;
  met: boolean;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const r3 = (n: number) => Math.round(n * 1000) / 1000;
const kb = (bytes: number) => r1(bytes / 1024);

export function targets(f: Figures, quick: boolean): Target[] {
  const out: Target[] = [];
  if (f.rollup && !quick) {
    const m = f.rollup.main;
    out.push({
      section: 'rollup',
      what: `${m.teams} teams parsed + rolled up in ≤ ${ROLLUP_TARGET.floorRatio} × the floor (${r1(m.floorMs)} ms)`,
      met: m.ms <= ROLLUP_TARGET.floorRatio * m.floorMs,
    });
    out.push({
      section: 'rollup',
      what: `growth ${f.rollup.growth.fromTeams} → ${f.rollup.growth.toTeams} teams: CPU × ≤ ${ROLLUP_TARGET.growthCpu}`,
      met: f.rollup.growth.cpuRatio <= ROLLUP_TARGET.growthCpu,
    });
    out.push({
      section: 'rollup',
      what: `peak RSS − RSS with the grids built ≤ ${ROLLUP_TARGET.workingMb} MB`,
      met: m.peakRssMb - m.gridsRssMb <= ROLLUP_TARGET.workingMb,
    });
  }
  if (f.sync) {
    const s = f.sync;
    const steady = s.companyWriter ? `k + 2 = ${s.expectedSteady}` : `k + 1 = ${s.expectedSteady} (no company writer)`;
    out.push({ section: 'sync', what: `steady sync (${s.changed} changed) makes ${steady} requests`, met: s.steady.requests === s.expectedSteady });
    out.push({ section: 'sync', what: 'sync with nothing changed makes 1 request', met: s.unchanged.requests === s.expectedUnchanged });
    const largest = Math.max(...s.companySheetSizes.map((c) => c.largestBytes));
    out.push({ section: 'sync', what: `largest company-sheet request ≤ 2 MB (${s.companySheetSizes.map((c) => int(c.teams)).join(' and ')} teams)`, met: largest <= MAX_BATCH_BYTES });
  }
  if (f.addon) {
    const a = f.addon;
    const flat = ACTIONS.filter((x) => a.byAction[x][10] !== a.byAction[x][1000]);
    out.push({
      section: 'addon',
      what: 'Range calls equal at 10 and 1,000 key results (save check-in + quality check)',
      met: a.rangeCalls[10] === a.rangeCalls[1000],
    });
    out.push({
      section: 'addon',
      what: `every action's Range calls flat in sheet size${flat.length ? ` (not: ${flat.join(', ')})` : ''}`,
      met: flat.length === 0,
    });
    out.push({ section: 'addon', what: `Code.js < ${BUNDLE_TARGET_KB} KB`, met: a.bundleBytes < BUNDLE_TARGET_KB * 1024 });
  }
  if (f.http) {
    const h = f.http;
    out.push({ section: 'http', what: `GET /api/alignment ≥ ${HTTP_FLOOR_SHARE} × the floor (bare node:http, same bytes)`, met: h.plain.rps >= HTTP_FLOOR_SHARE * h.floor.rps });
    if (!quick) {
      const home = h.home;
      out.push({
        section: 'http',
        what: `GET / at 30,000 objectives ≤ ${HOME_TARGET.ms} ms and ≤ ${HOME_TARGET.kb} KB`,
        met: home !== null && home.status === 200 && home.ms <= HOME_TARGET.ms && home.bytes <= HOME_TARGET.kb * 1024,
      });
    }
  }
  if (f.memory) out.push({ section: 'memory', what: `okr serve idle after its first sync ≤ ${IDLE_RSS_TARGET_MB} MB RSS`, met: f.memory.idleRssMb <= IDLE_RSS_TARGET_MB });
  return out;
}

/** The JSON object: one flat object of numbers per section, plus targets and run facts. */
export function toJson(f: Figures, meta: Record<string, number | string | boolean>, errors: Record<string, string>, quick: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.read) {
    const read: Record<string, number> = {
      worst_file_peak_rss_mb: r1(f.read.worst.peakRssMb),
      worst_file_ms: r1(f.read.worst.ms),
      slowest_file_ms: r1(f.read.slowest.ms),
      baseline_rss_mb: r1(f.read.baselineRssMb),
    };
    for (const r of f.read.runs) {
      const k = r.name.replace(/-/g, '_');
      read[`${k}_ms`] = r1(r.ms);
      read[`${k}_peak_rss_mb`] = r1(r.peakRssMb);
    }
    out.read = read;
  }
  if (f.rollup) {
    const m = f.rollup.main;
    const rollup: Record<string, number> = {
      teams: m.teams,
      krs: m.krs,
      ms: r1(m.ms),
      floor_ms: r1(m.floorMs),
      floor_cpu_ms: r1(m.floorCpuMs),
      floor_ratio: r3(m.ms / m.floorMs),
      floor_ratio_cpu: r3(m.cpuMs / m.floorCpuMs),
      peak_rss_mb: r1(m.peakRssMb),
      working_rss_mb: r1(m.peakRssMb - m.gridsRssMb),
      cpu_ms: r1(m.cpuMs),
      objectives: m.objectives,
      problems: m.problems,
      parse_ms: r1(m.parseMs),
      rollup_ms: r1(m.rollupMs),
      warm_ms: r1(m.warmMs[0] ?? m.ms),
      grids_rss_mb: r1(m.gridsRssMb),
      grids_heap_mb: r1(m.gridsHeapMb),
      baseline_rss_mb: r1(f.rollup.baselineRssMb),
      growth_ratio: r3(f.rollup.growth.msRatio),
      growth_ratio_cpu: r3(f.rollup.growth.cpuRatio),
      growth_teams_ratio: f.rollup.growth.teamRatio,
    };
    for (const run of f.rollup.runs) {
      rollup[`ms_${run.teams}`] = r1(run.ms);
      rollup[`peak_rss_mb_${run.teams}`] = r1(run.peakRssMb);
      rollup[`cpu_ms_${run.teams}`] = r1(run.cpuMs);
      rollup[`floor_ms_${run.teams}`] = r1(run.floorMs);
    }
    out.rollup = rollup;
  }
  if (f.sync) {
    const s = f.sync;
    out.sync = {
      teams: s.teams,
      changed: s.changed,
      latency_ms: s.latencyMs,
      requests_first: s.first.requests,
      requests_steady: s.steady.requests,
      requests_unchanged: s.unchanged.requests,
      ms_first: r1(s.first.ms),
      ms_steady: r1(s.steady.ms),
      ms_unchanged: r1(s.unchanged.ms),
      sheets: s.sheets,
      expected_steady: s.expectedSteady,
      company_writer: s.companyWriter ? 1 : 0,
      company_write_requests_first: s.first.companyWrites,
      company_write_requests_steady: s.steady.companyWrites,
      company_write_requests_unchanged: s.unchanged.companyWrites,
      company_write_kb_steady: kb(s.steady.companyWriteBytes),
      company_write_ms_steady: r1(s.steady.companyWriteMs),
      ms_steady_read: r1(s.steady.phases.read),
      ms_steady_rollup_and_write: r1(s.steady.phases.rollup),
      ms_steady_store: r1(s.steady.phases.store),
      ms_first_read: r1(s.first.phases.read),
      ms_first_store: r1(s.first.phases.store),
      quota_floor_first_s: r1(s.quotaFloorFirstS),
      ...Object.fromEntries(
        s.companySheetSizes.flatMap((c) => [
          [`company_requests_${c.teams}_teams`, c.requests],
          [`company_request_max_kb_${c.teams}_teams`, kb(c.largestBytes)],
          [`company_write_total_kb_${c.teams}_teams`, kb(c.totalBytes)],
        ]),
      ),
    };
  }
  if (f.addon) {
    const a = f.addon;
    const addon: Record<string, number> = {
      range_calls_10: a.rangeCalls[10],
      range_calls_1000: a.rangeCalls[1000],
      bundle_kb: kb(a.bundleBytes),
    };
    if (a.sidebarBytes !== null) addon.sidebar_html_kb = kb(a.sidebarBytes);
    for (const action of ACTIONS) {
      addon[`range_calls_${action}_10`] = a.byAction[action][10];
      addon[`range_calls_${action}_1000`] = a.byAction[action][1000];
    }
    out.addon = addon;
  }
  if (f.http) {
    const h = f.http;
    out.http = {
      alignment_rps: r1(h.plain.rps),
      floor_rps: r1(h.floor.rps),
      floor_share: r3(h.plain.rps / h.floor.rps),
      alignment_rps_not_modified: r1(h.notModified.rps),
      alignment_rps_gzip: r1(h.gzip.rps),
      not_modified_share: r3(h.notModified.share304),
      p50_ms: h.plain.latencyP50Ms,
      p99_ms: h.plain.latencyP99Ms,
      p99_ms_gzip: h.gzip.latencyP99Ms,
      body_kb: kb(h.bodyBytes),
      gzip_kb: kb(h.gzipBytes),
      connections: h.connections,
      duration_s: h.durationS,
      errors: h.plain.errors + h.notModified.errors + h.gzip.errors,
      server_max_rss_mb: r1(h.serverMaxRssMb),
      ...(h.home
        ? {
            [`home_ms_${quick ? '3k' : '30k'}`]: r1(h.home.ms),
            home_objectives: h.home.objectives,
            home_cpu_ms: r1(h.home.cpuMs),
            home_warm_ms: r1(h.home.warmMs),
            home_kb: kb(h.home.bytes),
            home_status: h.home.status,
            home_sync_ms: r1(h.home.syncMs),
          }
        : {}),
      ...(h.web
        ? { web_rps_gzip: r1(h.web.run.rps), web_html_kb: kb(h.web.bytes), web_html_gzip_kb: kb(h.web.gzipBytes), web_p99_ms: h.web.run.latencyP99Ms }
        : {}),
    };
  }
  if (f.memory) {
    out.memory = { idle_rss_mb: r1(f.memory.idleRssMb), peak_rss_mb: r1(f.memory.peakRssMb), first_sync_ms: r1(f.memory.firstSyncMs) };
  }
  out.targets = Object.fromEntries(targets(f, quick).map((t) => [`${t.section}: ${t.what}`, t.met]));
  out.meta = meta;
  if (Object.keys(errors).length) out.errors = errors;
  return out;
}

// ---------- the table ----------

type Row = [string, string, string?];

function table(title: string, setup: string[], rows: Row[]): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}${c ? `  ${c}` : ''}`.trimEnd());
  return [title, ...setup.map((l) => `  (${l})`), ...lines].join('\n');
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : int(n)} ms`;
const kbText = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (t: Target | undefined) => (t ? (t.met ? '✓ target met' : '✗ target missed') : '');

export function formatTable(f: Figures, quick: boolean, errors: Record<string, string>): string {
  const parts: string[] = [];
  const ts = targets(f, quick);
  const target = (section: string, i: number) => ts.filter((x) => x.section === section)[i];
  if (f.rollup) {
    const { main: m, runs, growth, baselineRssMb } = f.rollup;
    const rows: Row[] = [
      [
        'parse + score + roll-up',
        ms(m.ms),
        quick
          ? `target ≤ ${ROLLUP_TARGET.floorRatio} × floor is for 10,000 teams (not judged with --quick)`
          : `target ≤ ${ROLLUP_TARGET.floorRatio} × floor (× ${(m.ms / m.floorMs).toFixed(2)})  ${verdict(target('rollup', 0))}`,
      ],
      [
        '  the floor: every cell trimmed, Number() on numeric columns',
        ms(m.floorMs),
        `(same process, same grids; CPU ${ms(m.floorCpuMs)}: the run's CPU is × ${(m.cpuMs / m.floorCpuMs).toFixed(2)})`,
      ],
      ['  parseOkrTable on every sheet', ms(m.parseMs)],
      ['  rollup()', ms(m.rollupMs)],
      ['  CPU time of the run', ms(m.cpuMs), '(all threads, GC helpers included; steadier than wall time on a busy machine)'],
      ['  the same again, JIT warm', m.warmMs[0] !== undefined ? ms(m.warmMs[0]) : '–'],
      ['peak RSS, grids included', `${m.peakRssMb.toFixed(0)} MB`],
      [
        '  beyond the grids (working memory)',
        `${(m.peakRssMb - m.gridsRssMb).toFixed(0)} MB`,
        quick ? '' : `target ≤ ${ROLLUP_TARGET.workingMb} MB  ${verdict(target('rollup', 2))}`,
      ],
      ['  idle node', `${baselineRssMb.toFixed(0)} MB`],
      ['  with the grids built', `${m.gridsRssMb.toFixed(0)} MB`, `(the grids themselves: ${m.gridsHeapMb.toFixed(0)} MB of heap)`],
      ...runs.map((r): Row => [`${int(r.teams)} teams`, ms(r.ms), `parse ${ms(r.parseMs)} + roll-up ${ms(r.rollupMs)}; peak ${r.peakRssMb.toFixed(0)} MB`]),
      [
        `growth ${int(growth.fromTeams)} → ${int(growth.toTeams)} teams`,
        `× ${growth.msRatio.toFixed(1)}`,
        `CPU × ${growth.cpuRatio.toFixed(1)} (linear: × ${growth.teamRatio.toFixed(0)})${quick ? '' : `; target ≤ ${ROLLUP_TARGET.growthCpu}  ${verdict(target('rollup', 1))}`}`,
      ],
      ['problems found', int(m.problems)],
    ];
    parts.push(
      table(
        'ROLL-UP',
        [
          `${int(m.teams)} team sheets + company sheet, ${int(m.krs)} key results, ${int(m.objectives)} objectives, ${int(m.cells)} cells as strings; one child process per size`,
        ],
        rows,
      ),
    );
  }
  if (f.sync) {
    const s = f.sync;
    const ops = (r: typeof s.first) =>
      Object.entries(r.byOp)
        .map(([op, n]) => `${op} ${n}`)
        .join(', ');
    const phases = (r: typeof s.first) => `read ${ms(r.phases.read)}, roll-up + company sheet ${ms(r.phases.rollup)}, store ${ms(r.phases.store)}`;
    const rows: Row[] = [
      ['first sync', ms(s.first.ms), `${s.first.requests} requests: ${ops(s.first)}`],
      ['', '', phases(s.first)],
      [`steady sync, ${s.changed} changed`, ms(s.steady.ms), `${s.steady.requests} requests: ${ops(s.steady)}`],
      ['', '', phases(s.steady)],
      ['', '', `target ${s.expectedSteady} requests (k + ${s.companyWriter ? '2' : '1'})  ${verdict(target('sync', 0))}`],
      ['  company sheet write', kbText(s.steady.companyWriteBytes), `${s.steady.companyWrites} request, writer ${ms(s.steady.companyWriteMs)}`],
      ['nothing changed', ms(s.unchanged.ms), `${s.unchanged.requests} request: ${ops(s.unchanged)}`],
      ['', '', `target 1 request  ${verdict(target('sync', 1))}`],
      ['first sync at the Sheets quota', `≥ ${s.quotaFloorFirstS.toFixed(0)} s`, '(the production limiter paces reads to 60/min/user; not paced here)'],
      ...s.companySheetSizes.map((c): Row => [
        `company sheet of ${int(c.teams)} teams`,
        kbText(c.largestBytes),
        `largest of ${c.requests} batchUpdates (${kbText(c.totalBytes)} in all)`,
      ]),
      ['', '', `target ≤ 2 MB per request  ${verdict(target('sync', 2))}`],
    ];
    const setup = [
      `${s.teams} team sheets + company sheet on the fake Sheets/Drive server, ${s.latencyMs} ms per request; real Google source and sync engine (${s.engineConcurrency} reads at once), PGlite in memory`,
      s.companyWriter ? 'company sheet: the Google writer, to a spreadsheet on the same fake' : `company sheet writer MISSING: ${s.companyWriterNote ?? ''}`,
    ];
    parts.push(table('SYNC', setup, rows));
  }
  if (f.addon) {
    const a = f.addon;
    const rows: Row[] = [
      ['save check-in + quality check', `${a.rangeCalls[10]} / ${a.rangeCalls[1000]}`, `equal  ${verdict(target('addon', 0))}`],
      ...ACTIONS.map((x): Row => [`  ${x}`, `${a.byAction[x][10]} / ${a.byAction[x][1000]}`, `(${ms(a.fakeMs1000[x])} in the fake at 1,000)`]),
      ['Code.js', kbText(a.bundleBytes), `target < ${BUNDLE_TARGET_KB} KB  ${verdict(target('addon', 2))}  [${a.bundleFrom}]`],
      ['Sidebar.html', a.sidebarBytes === null ? 'not built' : kbText(a.sidebarBytes)],
    ];
    parts.push(table('ADD-ON', ['Range calls per action on sheets of 10 / 1,000 key results; sizes of what clasp pushes'], rows));
  }
  if (f.http) {
    const h = f.http;
    const run = (r: typeof h.plain) =>
      `p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, ${kbText(r.bytesPerResponse)}/response${r.errors ? `, ${r.errors} errors` : ''}`;
    const rows: Row[] = [
      ['GET /api/alignment', `${int(h.plain.rps)} req/s`, run(h.plain)],
      [
        '  the floor: bare node:http, same bytes',
        `${int(h.floor.rps)} req/s`,
        `alignment at × ${(h.plain.rps / h.floor.rps).toFixed(2)}; target ≥ ${HTTP_FLOOR_SHARE}  ${verdict(target('http', 0))}`,
      ],
      ['  with If-None-Match', `${int(h.notModified.rps)} req/s`, `${(h.notModified.share304 * 100).toFixed(1)}% answered 304; ${run(h.notModified)}`],
      ['  with Accept-Encoding: gzip', `${int(h.gzip.rps)} req/s`, `${kbText(h.bodyBytes)} → ${kbText(h.gzipBytes)}; ${run(h.gzip)}`],
      h.web
        ? ['GET / (alignment view), gzip', `${int(h.web.run.rps)} req/s`, `${kbText(h.web.bytes)} → ${kbText(h.web.gzipBytes)}; ${run(h.web.run)}`]
        : ['GET / (alignment view)', 'not measured', h.webNote ?? ''],
      ['server peak RSS', `${h.serverMaxRssMb.toFixed(0)} MB`, '(PGlite in memory included)'],
      h.home
        ? [
            `GET / at ${int(h.home.objectives)} objectives`,
            ms(h.home.ms),
            `${h.home.status}, ${kbText(h.home.bytes)}, CPU ${ms(h.home.cpuMs)}, again ${ms(h.home.warmMs)}${quick ? '' : `; target ≤ ${HOME_TARGET.ms} ms, ≤ ${HOME_TARGET.kb} KB  ${verdict(target('http', 1))}`}`,
          ]
        : ['GET / for a large company', 'not measured', h.homeNote ?? ''],
    ];
    const setup = [
      `examples/ synced into PGlite (${h.teams} sheets, ${h.objectives} objectives); server in a child process; autocannon, ${h.connections} connections × ${h.durationS} s per run`,
    ];
    parts.push(table('HTTP', setup, rows));
  }
  if (f.memory) {
    const m = f.memory;
    parts.push(
      table('MEMORY', ['okr serve --source examples, new PGlite database, idle after its first sync'], [
        ['idle RSS', `${m.idleRssMb.toFixed(0)} MB`, `target ≤ ${IDLE_RSS_TARGET_MB} MB  ${verdict(target('memory', 0))}`],
        ['  peak RSS until then', `${m.peakRssMb.toFixed(0)} MB`],
        ['  start to first sync done', ms(m.firstSyncMs)],
      ]),
    );
  }
  if (f.read) {
    const { runs, worst, slowest, baselineRssMb } = f.read;
    const rows: Row[] = [
      [`worst file (peak memory): ${worst.name}`, `${worst.peakRssMb.toFixed(0)} MB`, `${ms(worst.ms)}; ${worst.outcome}`],
      [`slowest file: ${slowest.name}`, ms(slowest.ms), `${slowest.peakRssMb.toFixed(0)} MB peak`],
      ...runs.map((r): Row => [`  ${r.name}`, ms(r.ms), `${r.peakRssMb.toFixed(0)} MB peak; ${r.outcome}`]),
      ['  idle node', `${baselineRssMb.toFixed(0)} MB`],
    ];
    parts.push(table('READING HOSTILE WORKBOOKS', ['each file read once through the bounded reader (its worker started beforehand), one child process per file; dense: 40,000 rows × 12 cells (5,000 with --quick)'], rows));
  }
  for (const [section, message] of Object.entries(errors)) parts.push(`${section.toUpperCase()}: FAILED — ${message}`);
  const met = ts.filter((t) => t.met).length;
  const missed = ts.filter((t) => !t.met);
  if (ts.length)
    parts.push(`TARGETS: ${met} of ${ts.length} met${missed.length ? `; missed: ${missed.map((t) => `${t.section}: ${t.what}`).join('; ')}` : ''}`);
  return parts.join('\n\n');
}
