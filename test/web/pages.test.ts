// The alignment view's pages through app.request(): the example company synced by the real engine,
// a company whose sheets hold markup, a 100-team synthetic company, and no sync at all.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../sync-service/db/store.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { CSS_URL, JS_URL } from '../../sync-service/web/assets.ts';
import { COLLAPSE_ABOVE } from '../../sync-service/web/diagram-layout.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { okrGrid, writeCsv, writeXlsx } from '../fixtures/workbooks.ts';
import { appFor, EXAMPLES_AS_OF, EXAMPLES_DIR, FORMULA_TITLE, storeSynthetic, syncFolder, writeHostileCompany, XSS_TEAM, XSS_TITLE } from './fixtures.ts';

const pglite = storageTargets().find((t) => t.name === 'pglite')!;
afterAll(() => pglite.teardown());

async function freshStore(): Promise<Store> {
  return createStore(await pglite.fresh());
}

async function get(app: ReturnType<typeof appFor>, path: string) {
  const res = await app.request(path);
  return { res, html: await res.text() };
}

/** Attributes that would run script: inline handlers and javascript: URLs. */
const INLINE_HANDLER = /<[^>]*\son[a-z]+\s*=/i;
const JS_URL_ATTR = /(href|src|action)\s*=\s*["']?\s*javascript:/i;

function expectSafeHtml(html: string) {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(INLINE_HANDLER);
  expect(html).not.toMatch(JS_URL_ATTR);
  // Every <script> loads a file from this origin: no inline script at all.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  for (const [, attrs, body] of scripts) {
    expect(attrs).toMatch(/\ssrc="\/assets\//);
    expect(body).toBe('');
  }
}

/** The overview diagram's SVG (it nests <svg> viewports, so up to the one that closes its wrapper). */
function diagramOf(html: string): string {
  const start = html.indexOf('<svg class="diagram" id="diagram"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</svg></div>', start));
}

function internalLinks(html: string): string[] {
  const hrefs = [...html.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(hrefs)].filter((h) => !h.startsWith('/api') && h !== '/healthz');
}

describe('the example company', () => {
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    const store = await freshStore();
    await syncFolder(store, EXAMPLES_DIR, EXAMPLES_AS_OF);
    app = appFor(store);
  });

  it('GET / shows the header, the diagram with every company objective, health, trends and teams', async () => {
    const { res, html } = await get(app, '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("object-src 'none'");
    expectSafeHtml(html);
    expect(html).toContain('<title>Alignment · Northwind Analytics</title>');
    expect(html).toMatch(/<main id="main">/);
    expect(html).toContain('<h1>Northwind Analytics</h1>');
    expect(html).toContain('Give every operations team answers it can trust, in seconds.');
    expect(html).toContain('Q4 2026 · 1 Oct 2026 – 31 Dec 2026');
    expect(html).toMatch(/\d+% of the period elapsed/);
    expect(html).toContain('0.57'); // overall (examples/README.md)
    expect(html).toContain('96%'); // coverage 25 of 26
    // The diagram: an SVG with a title, the four company objectives and a team objective card.
    const diagram = diagramOf(html);
    expect(diagram).toContain('<title id="diagram-title">Alignment of Northwind Analytics</title>');
    for (const id of ['CO-1', 'CO-2', 'CO-3', 'CO-4', 'ENG-5', 'SALES-1']) expect(diagram).toContain(`href="/objectives/${id}"`);
    expect(diagram).toContain('Make every customer successful');
    // PROD-1 aligns to CO-1 and CO-3: placed under CO-1, a dashed link to CO-3, named on the card.
    expect(diagram).toContain('class="edge-extra"');
    expect(diagram).toMatch(/PROD-1[^<]*<tspan class="t-also"> · also CO-3<\/tspan>/);
    // Small company: not collapsed.
    expect(html).not.toContain('class="co-details" id="co-CO-1"');
    // Health, trends, teams.
    expect(html).toContain('Alignment health');
    expect(html).toContain('ENG-6'); // the one unaligned objective
    expect(html).toMatch(/no check-in in the last 14 days/);
    expect(html).toContain('<code>metric-title</code>');
    expect((html.match(/<svg viewBox="0 0 620 [\d.]+" width="620" height="[\d.]+" role="img"/g) ?? []).length).toBe(4);
    expect(html).toContain('href="/teams/Customer%20Success"');
    // JS-only controls are hidden until the script shows them.
    expect(html).toMatch(/<div class="toolbar" data-js-only="[^"]*" hidden="">/);
  });

  it('every link on the home page leads somewhere', async () => {
    const { html } = await get(app, '/');
    const links = internalLinks(html).filter((h) => !h.startsWith('#'));
    expect(links.length).toBeGreaterThan(30);
    for (const href of links) {
      const res = await app.request(href);
      expect(res.status, href).toBe(200);
      await res.arrayBuffer();
    }
  });

  it('GET /teams/:team shows the team’s objectives, key results, trend, check-ins and problems', async () => {
    const { res, html } = await get(app, '/teams/Engineering');
    expect(res.status).toBe(200);
    expectSafeHtml(html);
    expect(html).toContain('<h1>Engineering</h1>');
    expect(html).toContain('Cut our cloud bill without slowing anyone down');
    expect(html).toContain('Check-ins');
    expect(html).toContain('too-many-objectives');
    expect(html).toMatch(/<svg viewBox="[^"]+" width="1260"[^>]*role="img"/);
    // Names match without regard to case; spaces arrive encoded.
    expect((await app.request('/teams/engineering')).status).toBe(200);
    expect((await app.request('/teams/Customer%20Success')).status).toBe(200);
  });

  it('GET /objectives/:key shows parents, children, key results, history and check-ins', async () => {
    const { res, html } = await get(app, '/objectives/PROD-1');
    expect(res.status).toBe(200);
    expectSafeHtml(html);
    expect(html).toContain('Make AI Assist something customers can');
    for (const k of ['CO-1', 'CO-3', 'ENG-3']) expect(html).toContain(`href="/objectives/${k}"`);
    expect(html).toContain('Beta accounts using AI Assist weekly from 0 to 120');
    expect(html).toContain('0 → 120');
    expect(html).toContain('<title id="objective-chart-t">PROD-1 score over time</title>');
    expect(html).toContain('Noah Williams');
    // By sheet id as well as key.
    expect((await app.request('/objectives/CO-2')).status).toBe(200);
  });

  it('shows numbers as people typed them: currency, percentages, check-ins (shared/number-format.ts)', async () => {
    const eng = (await get(app, '/objectives/ENG-5')).html;
    expect(eng).toContain('$182,000 → $150,000');
    expect(eng).toContain('$171,000');
    expect(eng).not.toMatch(/>171000</);
    const prod = (await get(app, '/objectives/PROD-1')).html;
    expect(prod).toContain('61% → 80%');
    expect(prod).toContain('>72%<');
    // Check-ins of a rate read as percentages too, never 0.61 → 0.64.
    expect(prod).toMatch(/\d+% → \d+%/);
    expect(prod).not.toMatch(/>0\.\d+ → 0\.\d+</);
  });

  it('GET /problems lists and filters problems; a bad filter gets a 400 page naming the field', async () => {
    const all = await get(app, '/problems');
    expect(all.res.status).toBe(200);
    expect((all.html.match(/<span class="sev sev-warning">warning<\/span>/g) ?? []).length).toBe(4);
    const eng = await get(app, '/problems?team=Engineering&severity=');
    expect((eng.html.match(/<span class="sev sev-warning">warning<\/span>/g) ?? []).length).toBe(2);
    const errors = await get(app, '/problems?severity=error');
    expect(errors.html).toContain('No problems.');
    const byCode = await get(app, '/problems?code=no-range');
    expect((byCode.html.match(/<span class="sev /g) ?? []).length).toBe(1);

    const bad = await get(app, '/problems?severity=fatal');
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('<code>severity</code>');
    expectSafeHtml(bad.html);
    const unknown = await get(app, '/problems?colour=red');
    expect(unknown.res.status).toBe(400);
    expect(unknown.html).toContain('<code>colour</code>');
    const badCode = await get(app, '/problems?code=%3Cb%3E');
    expect(badCode.res.status).toBe(400);
    expect(badCode.html).not.toContain('<b>');
  });

  it('unknown teams, objectives and pages get a 404 page; unknown API routes keep JSON', async () => {
    for (const path of ['/teams/Nobody', '/objectives/NOPE-1', '/nothing/here']) {
      const { res, html } = await get(app, path);
      expect(res.status, path).toBe(404);
      expect(html).toContain('<h1>Not found</h1>');
      expectSafeHtml(html);
    }
    const api = await app.request('/api/nothing');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { message: expect.any(String) } });
  });

  it('serves the stylesheet and script from this origin, cached for good', async () => {
    const css = await app.request(CSS_URL);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    const js = await app.request(JS_URL);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('diagram-filter');
  });

  it('compresses pages', async () => {
    const res = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('text from the sheets', () => {
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    const store = await freshStore();
    await syncFolder(store, writeHostileCompany(), EXAMPLES_AS_OF);
    app = appFor(store);
  });

  it('is escaped everywhere, SVG text included', async () => {
    const pages = ['/', '/teams', `/teams/${encodeURIComponent(XSS_TEAM)}`, '/objectives/C1', '/objectives/H1', '/objectives/H2', '/problems'];
    for (const path of pages) {
      const { res, html } = await get(app, path);
      expect(res.status, path).toBe(200);
      expectSafeHtml(html);
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('<svg onload');
      expect(html, path).not.toContain('<b>ers</b>');
      expect(html, path).not.toContain('</text><script>');
    }
    const home = (await get(app, '/')).html;
    expect(home).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(home).toContain('=HYPERLINK(&quot;x&quot;)');
    // In the diagram's SVG <text> too.
    const diagram = diagramOf(home);
    expect(diagram).toMatch(/<text class="t-top"[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/text>/);
    expect(diagram).toMatch(/<text class="t-title"[^>]*>=HYPERLINK\(&quot;x&quot;\)<\/text>/);
    const team = (await get(app, `/teams/${encodeURIComponent(XSS_TEAM)}`)).html;
    expect(team).toContain('&lt;/td&gt;&lt;script&gt;alert(5)&lt;/script&gt;');
    expect(team).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
    expect(XSS_TITLE).toBe('<script>alert(1)</script>');
    expect(FORMULA_TITLE).toBe('=HYPERLINK("x")');
  });
});

describe('a 100-team company', () => {
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    const store = await freshStore();
    await storeSynthetic(store, { teams: 100 });
    app = appFor(store);
  });

  it('collapses the diagram into one summary per company objective, expandable without JavaScript', async () => {
    const { res, html } = await get(app, '/');
    expect(res.status).toBe(200);
    expectSafeHtml(html);
    const diagram = diagramOf(html);
    expect((diagram.match(/class="card card-summary"/g) ?? []).length).toBe(5);
    expect(diagram).not.toContain('class="t-title"' + '>Team'); // no team objective cards in the overview
    // Each company objective's objectives are in a closed <details> below.
    const groups = html.match(/<details class="co-details" id="co-CO-\d">/g) ?? [];
    expect(groups).toHaveLength(5);
    expect(html).toContain('Expand all');
    const objectiveCards = (html.match(/href="\/objectives\/T\d+-\d"/g) ?? []).length;
    expect(objectiveCards).toBeGreaterThan(COLLAPSE_ABOVE);
    // Many teams: tiles instead of a 100-row table.
    expect(html).toContain('class="tiles"');
  });

  it('stays a reasonable size', async () => {
    const { html } = await get(app, '/');
    const bytes = Buffer.byteLength(html);
    const gz = gzipSync(html).length;
    expect(bytes).toBeLessThan(600_000);
    expect(gz).toBeLessThan(60_000);
  });
});

describe('keys and names with slashes and duplicate ids', () => {
  it('link to pages that resolve', async () => {
    const store = await freshStore();
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-web-dup-'));
    writeCsv(
      path.join(dir, 'company.csv'),
      okrGrid({ team: 'Co', level: 'company' }, [{ oid: 'C1', objective: 'Company goal', kr: 'K', krId: 'C1-1', type: 'manual', current: 0.5 }]),
    );
    writeCsv(
      path.join(dir, 'a.csv'),
      okrGrid({ team: 'R/D' }, [{ oid: 'X1', objective: 'Research thing', alignsTo: 'C1', kr: 'K', krId: 'X1-1', type: 'manual', current: 0.4 }]),
    );
    writeCsv(
      path.join(dir, 'b.csv'),
      okrGrid({ team: 'Ops' }, [{ oid: 'X1', objective: 'Operations thing', alignsTo: 'C1', kr: 'K', krId: 'X1-1', type: 'manual', current: 0.6 }]),
    );
    await syncFolder(store, dir, EXAMPLES_AS_OF);
    const app = appFor(store);
    const { html } = await get(app, '/');
    const objectiveLinks = internalLinks(html).filter((h) => h.startsWith('/objectives/'));
    // Teams roll up in name order: Ops keeps the id, R/D's copy is keyed `R/D/X1`.
    expect(objectiveLinks).toEqual(expect.arrayContaining(['/objectives/X1', '/objectives/R%2FD%2FX1']));
    expect((await get(app, '/objectives/R%2FD%2FX1')).html).toContain('<h1>Research thing</h1>');
    const byId = (await get(app, '/objectives/X1')).html;
    expect(byId).toContain('<h1>Operations thing</h1>');
    expect(internalLinks(html)).toContain('/teams/R%2FD');
    const team = await get(app, '/teams/R%2FD');
    expect(team.res.status).toBe(200);
    expect(team.html).toContain('<h1>R/D</h1>');
  });
});

describe('team names a URL path mangles', () => {
  it('a new line (from a file name), `.` and `..` link to pages that resolve', async () => {
    const store = await freshStore();
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-web-names-'));
    writeCsv(
      path.join(dir, 'company.csv'),
      okrGrid({ team: 'Co', level: 'company' }, [{ oid: 'C1', objective: 'Company goal', kr: 'K', krId: 'C1-1', type: 'manual', current: 0.5 }]),
    );
    // No Team: line, so the file's name is the team's.
    writeCsv(path.join(dir, 'two\nlines.csv'), okrGrid({}, [{ oid: 'N1', objective: 'Named by its file', alignsTo: 'C1', kr: 'K', type: 'manual', current: 0.4 }]));
    writeCsv(path.join(dir, 'dot.csv'), okrGrid({ team: '.' }, [{ oid: 'D1', objective: 'Dot team', alignsTo: 'C1', kr: 'K', type: 'manual', current: 0.4 }]));
    writeCsv(path.join(dir, 'dots.csv'), okrGrid({ team: '..' }, [{ oid: 'D2', objective: 'Dots team', alignsTo: 'C1', kr: 'K', type: 'manual', current: 0.4 }]));
    await syncFolder(store, dir, EXAMPLES_AS_OF);
    const app = appFor(store);
    const links = internalLinks((await get(app, '/teams')).html);
    for (const [team, objective] of [
      ['two\nlines', 'Named by its file'],
      ['.', 'Dot team'],
      ['..', 'Dots team'],
    ] as const) {
      const href = links.find((h) => decodeURIComponent(h.replace(/^\/team\?name=|^\/teams\//, '')) === team);
      expect(href, `a link to team ${JSON.stringify(team)} in ${links.join(' ')}`).toBeDefined();
      // What a browser would request: dot segments are removed from paths, so they must not be in one.
      const requested = new URL(href!, 'http://127.0.0.1').href.replace('http://127.0.0.1', '');
      const page = await get(app, requested);
      expect(page.res.status, `${team}: ${requested}`).toBe(200);
      expect(page.html).toContain(objective);
    }
  });
});

describe('a team whose sheet cannot be read', () => {
  it('is flagged on the home page with the reason, and its cards are marked stale', async () => {
    const store = await freshStore();
    const dir = writeHostileCompany();
    const ops = path.join(dir, 'ops.xlsx');
    await writeXlsx(ops, [
      {
        name: 'OKRs',
        grid: okrGrid({ team: 'Ops' }, [
          { oid: 'OPS-1', objective: 'Keep the lights on', alignsTo: 'C1', kr: 'Uptime', krId: 'OPS-1-1', type: 'manual', current: 0.5 },
        ]),
      },
    ]);
    await syncFolder(store, dir, EXAMPLES_AS_OF);
    writeFileSync(ops, 'this is not a zip file');
    await syncFolder(store, dir, EXAMPLES_AS_OF);
    const app = appFor(store);
    const { res, html } = await get(app, '/');
    expect(res.status).toBe(200);
    expect(html).toContain('1 team sheet could not be read in the last sync');
    expect(html).toMatch(/<strong>Ops<\/strong> \(ops\.xlsx\): not a readable \.xlsx workbook/);
    expect(html).toContain('Showing its last good version from sync #1.');
    const card = diagramOf(html).match(/<a href="\/objectives\/OPS-1"[\s\S]*?<\/a>/)?.[0] ?? '';
    expect(card).toContain('card-stale');
    expect(card).toContain('<tspan class="t-stale">stale · </tspan>');
    const team = await get(app, '/teams/Ops');
    expect(team.html).toContain('This team&#39;s sheet could not be read in the last sync:');
  });
});

describe('an empty company and a failing database', () => {
  it('a sync that found no sheets fails naming the folder, and the pages say so (no all-clear)', async () => {
    const store = await freshStore();
    const empty = mkdtempSync(path.join(tmpdir(), 'okr-web-empty-'));
    await expect(syncFolder(store, empty, EXAMPLES_AS_OF)).rejects.toThrow(`No team sheets found in ${empty}`);
    const app = appFor(store, 'Empty Co');
    for (const p of ['/', '/teams', '/problems']) {
      const { res, html } = await get(app, p);
      expect(res.status, p).toBe(503);
      expectSafeHtml(html);
      expect(html, p).toContain(`No team sheets found in ${empty}`);
      expect(html, p).not.toContain('✓');
    }
  });

  it('a sync whose only sheet cannot be read shows no green ticks', async () => {
    const store = await freshStore();
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-web-unreadable-'));
    writeFileSync(path.join(dir, 'sales.xlsx'), 'not a zip');
    await syncFolder(store, dir, EXAMPLES_AS_OF);
    const { res, html } = await get(appFor(store, 'Empty Co'), '/');
    expect(res.status).toBe(200);
    expect(html).not.toContain('✓');
    expect(html).toContain('No team objectives were rolled up');
    expect(html).toContain('Could not read sales.xlsx');
  });

  it('answers a 500 page, with no details, when the store fails', async () => {
    const store = await freshStore();
    await syncFolder(store, EXAMPLES_DIR, EXAMPLES_AS_OF);
    const lines: string[] = [];
    const broken = Object.create(store) as Store;
    broken.checkins = () => Promise.reject(new Error('connection reset: secret detail'));
    const app = createApp({ store: broken, webRoutes, log: (l) => lines.push(l) });
    const { res, html } = await get(app, '/');
    expect(res.status).toBe(500);
    expect(html).toContain('Something went wrong');
    expect(html).not.toContain('secret detail');
    expect(lines.join('\n')).toContain('secret detail');
  });
});

describe('before the first sync', () => {
  it('answers a self-refreshing "first sync running" page', async () => {
    const app = appFor(await freshStore(), 'Acme');
    for (const path of ['/', '/teams/Any', '/problems']) {
      const { res, html } = await get(app, path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(html).toContain('<meta http-equiv="refresh" content="5"/>');
      expect(html).toContain('The first sync is running');
      expect(html).toContain('Acme');
      expectSafeHtml(html);
    }
  });
});
