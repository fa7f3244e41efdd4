// The sidebar's build: one self-contained HTML file that loads nothing from the network.
import { describe, expect, it } from 'vitest';
import { buildSidebarHtml, escapeInline } from '../../apps-script/sidebar/build.ts';

describe('buildSidebarHtml', () => {
  it('inlines one script and one stylesheet, and references nothing outside the file', async () => {
    const html = await buildSidebarHtml();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain('<div id="app"></div>');
    // No src=/href= at all (so none to http(s)), no @import or url() to fetch, no external script or link.
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    // The script element ends exactly once: nothing inside it closes it early.
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    // Small: a budget, so growth is a decision.
    expect(html.length).toBeLessThan(80 * 1024);
  });

  it('escapes a closing tag inside inlined code', () => {
    expect(escapeInline('const s = "</script><img>"; // </SCRIPT', 'script')).toBe('const s = "<\\/script><img>"; // <\\/SCRIPT');
    expect(escapeInline('a::after{content:"</style>"}', 'style')).toBe('a::after{content:"<\\/style>"}');
  });
});
