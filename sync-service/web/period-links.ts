// A past period's pages keep to that period: every link to another page of the view carries its
// `period=` (done once on the rendered page, so no link helper has to know about periods, and it
// works without JavaScript). Links to the API, assets, other sites and in-page anchors are left alone.

/** Page paths of the view (routes.ts). */
const PAGE = /^\/(?:$|teams(?:\/|$)|team(?:\?|$)|objectives\/|problems(?:\?|$)|periods(?:\?|$))/;

/** `href` attributes as hono/jsx renders them: double-quoted, `&` escaped as `&amp;`. */
export function carryPeriod(html: string, label: string): string {
  const param = `period=${encodeURIComponent(label)}`;
  return html.replace(/href="(\/[^"#]*)(#[^"]*)?"/g, (whole, path: string, hash: string | undefined) => {
    if (!PAGE.test(path) || /[?&]period=/.test(path)) return whole;
    const sep = path.includes('?') ? '&amp;' : '?';
    return `href="${path}${sep}${param}${hash ?? ''}"`;
  });
}
