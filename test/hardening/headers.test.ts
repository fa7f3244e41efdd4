// Security headers on every kind of response (pages, JSON, errors), a Content-Security-Policy that
// forbids inline script, and pages that satisfy it: no inline script without the nonce, no event
// handler attributes, no javascript: URLs, nothing loaded from another origin — including pages
// showing a team whose sheet is full of markup and script, which must come out escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { emptyStore, HOSTILE, syncedStore } from './support.ts';

const pglite = storageTargets()[0]!;
let store: Store;
let empty: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await syncedStore(pglite);
  empty = emptyStore();
  app = createApp({ store, token: 'headers-test-token', webRoutes, log: () => {} });
});
afterAll(() => pglite.teardown());

/** The CSP as directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

function expectSecurityHeaders(res: Response, what: string) {
  const h = res.headers;
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('x-frame-options'), what).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(h.get('referrer-policy'), what).toBeTruthy();
  expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(h.get('x-powered-by'), what).toBeNull();
  const policy = csp(res);
  expect(policy.get('default-src'), what).toEqual(["'self'"]);
  expect(policy.get('object-src'), what).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(policy.get('base-uri'), what).toEqual(["'self'"]);
  const script = policy.get('script-src') ?? policy.get('default-src')!;
  // No way around the policy for scripts: no inline, no eval, no wildcard or other origin.
  for (const s of script) expect(s === "'self'" || /^'nonce-[A-Za-z0-9+/=]+'$/.test(s), `${what}: script-src ${s}`).toBe(true);
}

// ---- a small HTML tag reader: enough for server-rendered pages ---------------------------------------

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      i = html.indexOf('-->', lt) + 3;
      if (i < 3) break;
      continue;
    }
    const m = /^<([a-zA-Z][\w:-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const tag: Tag = { name: m[1]!.toLowerCase(), attrs: new Map() };
    let j = lt + m[0].length;
    const attr = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?|\s*\/?>/y;
    for (;;) {
      attr.lastIndex = j;
      const a = attr.exec(html);
      if (!a) throw new Error(`unreadable tag at ${lt}: ${html.slice(lt, lt + 120)}`);
      j = attr.lastIndex;
      if (a[0].trim().endsWith('>') && !a[1]) break;
      tag.attrs.set(a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    out.push(tag);
    // Raw text elements: skip to their end tag.
    if (tag.name === 'script' || tag.name === 'style') {
      const end = html.toLowerCase().indexOf(`</${tag.name}`, j);
      if (tag.name === 'script' && html.slice(j, end).trim() !== '') tag.attrs.set('#inline', html.slice(j, end));
      i = end < 0 ? html.length : end;
    } else i = j;
  }
  return out;
}

const decode = (s: string) =>
  s.replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/** The page satisfies its CSP and runs nothing it did not mean to. */
function expectPageSatisfiesCsp(res: Response, html: string, what: string) {
  const policy = csp(res);
  const nonce = (policy.get('script-src') ?? []).map((s) => /^'nonce-(.+)'$/.exec(s)?.[1]).find(Boolean);
  const sameOrigin = (url: string) => url.startsWith('/') && !url.startsWith('//');
  const problems: string[] = [];
  for (const t of tags(html)) {
    for (const [name, value] of t.attrs) {
      if (/^on/.test(name)) problems.push(`<${t.name} ${name}=…> event handler (no 'unsafe-inline' or 'unsafe-hashes')`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && /^\s*javascript:/i.test(value))
        problems.push(`<${t.name} ${name}="${value}">`);
    }
    const src = t.attrs.get('src');
    if (t.name === 'script') {
      if (src === undefined && t.attrs.get('nonce') !== nonce) problems.push(`inline <script> without the nonce`);
      if (src !== undefined && !sameOrigin(src)) problems.push(`<script src="${src}"> from another origin`);
    }
    if (t.name === 'link' && /stylesheet|preload|icon|manifest/.test(t.attrs.get('rel') ?? '') && !sameOrigin(t.attrs.get('href') ?? '')) {
      problems.push(`<link href="${t.attrs.get('href')}"> from another origin`);
    }
    if (['img', 'image', 'audio', 'video', 'source'].includes(t.name) && src !== undefined && !sameOrigin(src) && !src.startsWith('data:'))
      problems.push(`<${t.name} src="${src}">`);
    if (['iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(t.name)) problems.push(`<${t.name}> (blocked by the policy)`);
    if (t.name === 'form' && t.attrs.has('action') && !sameOrigin(t.attrs.get('action')!) && t.attrs.get('action') !== '')
      problems.push(`<form action="${t.attrs.get('action')}">`);
    if (t.name === 'meta' && /refresh/i.test(t.attrs.get('http-equiv') ?? '') && /url\s*=\s*(?!\/)/i.test(t.attrs.get('content') ?? ''))
      problems.push('meta refresh to another origin');
  }
  expect(problems, what).toEqual([]);
}

describe('security headers on every kind of response', () => {
  const urls: [string, string, RequestInit?][] = [
    ['the home page', '/'],
    ['the alignment JSON', '/api/alignment'],
    ['the teams JSON', '/api/teams'],
    ['the health check', '/healthz'],
    ['a 400', '/api/syncs?limit=x'],
    ['an API 404', '/api/nope'],
    ['a page 404', '/no/such/page'],
    ['a 401', '/api/sync', { method: 'POST' }],
    ['a 413', '/api/sync', { method: 'POST', headers: { 'Content-Length': String(1 << 20) }, body: 'x'.repeat(1 << 20) }],
  ];
  for (const [what, url, init] of urls) {
    it(what, async () => {
      const res = await app.request(url, init);
      expectSecurityHeaders(res, `${what} (${res.status})`);
    });
  }

  it('a 503 before the first sync, and a 500', async () => {
    const waiting = createApp({ store: empty, webRoutes, log: () => {} });
    for (const url of ['/', '/api/alignment']) expectSecurityHeaders(await waiting.request(url), `${url} before any sync`);
    const broken = createApp({ store: new Proxy(store, { get: () => () => Promise.reject(new Error('down')) }), webRoutes, log: () => {} });
    const res = await broken.request('/api/alignment');
    expect(res.status).toBe(500);
    expectSecurityHeaders(res, 'a 500');
  });

  it('a fresh nonce for every page', async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => (csp(await app.request('/')).get('script-src') ?? []).find((s) => s.startsWith("'nonce-"))));
    expect(new Set(nonces).size).toBe(3);
  });
});

describe('the page checker itself', () => {
  // So that a page passing it means something.
  const res = new Response('', { headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'nonce-abc123'" } });
  const bad = [
    '<script>alert(1)</script>',
    '<script nonce="wrong">alert(1)</script>',
    '<script src="https://cdn.example.com/x.js"></script>',
    '<div title="x" onclick="go()">x</div>',
    '<a href=" javascript:alert(1)">x</a>',
    '<img src="//evil.example/x.png">',
    '<link rel="stylesheet" href="https://fonts.example.com/a.css">',
    '<iframe src="/x"></iframe>',
  ];
  for (const html of bad) it(`flags ${html}`, () => expect(() => expectPageSatisfiesCsp(res, `<p>${html}</p>`, 'sample')).toThrow());
  it('passes what is fine', () => {
    expectPageSatisfiesCsp(
      res,
      '<script nonce="abc123">ok()</script><script src="/assets/a.js"></script><p title="&quot; onclick=&quot;x" style="width:3%">a onclick=b</p><img src="data:image/png;base64,AA"><!-- <script>x</script> -->',
      'sample',
    );
  });
});

describe('pages satisfy the policy, and hostile sheet text comes out escaped', () => {
  const pages = () => {
    return [
      '/',
      '/teams',
      `/teams/${encodeURIComponent(HOSTILE.team)}`,
      '/teams/Sales',
      '/objectives/X1',
      '/objectives/C1',
      '/problems',
      `/problems?team=${encodeURIComponent(HOSTILE.team)}`,
      '/problems?severity=bogus',
      `/teams/${encodeURIComponent('<script>alert(1)</script>')}`,
      `/no-such-page/${encodeURIComponent('"><script>alert(1)</script>')}`,
    ];
  };

  it('every page', async () => {
    const seen: string[] = [];
    for (const url of pages()) {
      const res = await app.request(url);
      expect([200, 400, 404], url).toContain(res.status);
      const html = await res.text();
      expect(res.headers.get('content-type'), url).toMatch(/^text\/html/);
      expectSecurityHeaders(res, url);
      expectPageSatisfiesCsp(res, html, url);
      // Raw, the hostile text would be markup; escaped, it is shown as text.
      for (const raw of [HOSTILE.objective, HOSTILE.keyResult, HOSTILE.owner, '<script>alert(1)</script>', '<i>C9</i>', '<u>metric</u>']) {
        expect(html.includes(raw), `${url} contains ${raw} unescaped`).toBe(false);
      }
      seen.push(html);
    }
    // The hostile team's pages do show its text (escaped), so the check above had something to bite on.
    expect(decode(seen[2]!)).toContain(HOSTILE.objective); // the hostile team's page
    expect(decode(seen[4]!)).toContain(HOSTILE.keyResult); // its objective's page
  });

  it('the page before the first sync too', async () => {
    const waiting = createApp({ store: empty, webRoutes, log: () => {} });
    const res = await waiting.request('/');
    expect([200, 503]).toContain(res.status);
    expectPageSatisfiesCsp(res, await res.text(), '/ before any sync');
  });

  it('JSON carrying the hostile text is served as JSON, never sniffed as HTML', async () => {
    const res = await app.request('/api/objectives/X1');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as { objective: { title: string } };
    expect(body.objective.title).toBe(HOSTILE.objective);
  });
});
