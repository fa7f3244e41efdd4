// The stylesheet and script, served from this origin under content-hashed names so they can be
// cached for good and still change with each release. Same origin keeps the CSP strict:
// script-src 'self' with no inline script at all (no nonce to thread through).
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { CLIENT_JS } from './client.ts';
import { FONT_FILES } from './fonts.ts';
import { CSS } from './styles.ts';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

export const CSS_URL = `/assets/okr.${hash(CSS)}.css`;
export const JS_URL = `/assets/okr.${hash(CLIENT_JS)}.js`;

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 26 26"><circle cx="13" cy="13" r="12" fill="#13224a"/><circle cx="13" cy="13" r="7.5" fill="none" stroke="#fff" stroke-width="2"/><circle cx="13" cy="13" r="3" fill="#f9ab00"/></svg>`;
export const ICON_URL = `/assets/okr.${hash(ICON)}.svg`;

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function assetRoutes() {
  const app = new Hono();
  for (const font of FONT_FILES) {
    app.get(font.url, (c) => c.body(font.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'font/woff2', 'Cache-Control': IMMUTABLE }));
  }
  return (
    app
      .get(CSS_URL, (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': IMMUTABLE }))
      .get(JS_URL, (c) => c.body(CLIENT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': IMMUTABLE }))
      .get(ICON_URL, (c) => c.body(ICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': IMMUTABLE }))
      // Browsers ask for /favicon.ico whatever the page says; answer rather than log a 404.
      .get('/favicon.ico', (c) => c.redirect(ICON_URL, 301))
  );
}
