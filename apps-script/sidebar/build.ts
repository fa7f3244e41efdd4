// Builds the sidebar into ONE self-contained HTML file (HtmlService serves a single file; the
// sidebar must load nothing from the network): the bundled script and the CSS are inlined.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** `</script` (or `</style`) inside inlined code would end the element early. */
export function escapeInline(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export async function bundleSidebarScript(): Promise<string> {
  const result = await build({
    absWorkingDir: here,
    entryPoints: ['main.tsx'],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    // HtmlService runs modern Chrome, but users' browsers vary: stay conservative.
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx/dom',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no sidebar bundle');
  return out.text;
}

export async function sidebarCss(): Promise<string> {
  const css = await readFile(`${here}styles.css`, 'utf8');
  return (await transform(css, { loader: 'css', minify: true })).code;
}

export async function buildSidebarHtml(): Promise<string> {
  const [js, css] = await Promise.all([bundleSidebarScript(), sidebarCss()]);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><base target="_top">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<title>Score key results</title>',
    `<style>${escapeInline(css.trim(), 'style')}</style>`,
    '</head><body><div id="app"></div>',
    `<script>${escapeInline(js.trim(), 'script')}</script>`,
    '</body></html>',
  ].join('');
}
