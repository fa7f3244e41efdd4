// The view's font, served from this origin (CSP font-src 'self'): Arimo, metric-compatible with
// Arial, from the @fontsource/arimo package. The diagrams are laid out on the server with Arial's
// advance widths (text.ts); shipping the font makes those measurements true on every machine,
// including one with only DejaVu fonts, where "Arial" would otherwise fall back to a wider face.
// Only the 400 and 700 faces are served: any weight above 500 (the diagram's 600/650) then matches
// 700, whose widths are the ones measured as "bold".
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FAMILY = 'Arimo';

export interface FontFile {
  url: string;
  body: Uint8Array;
}

const WEIGHTS = [400, 700] as const;

function load(): { css: string; files: FontFile[]; preload: string[] } {
  const require = createRequire(import.meta.url);
  const files: FontFile[] = [];
  const preload: string[] = [];
  const faces: string[] = [];
  for (const weight of WEIGHTS) {
    const cssPath = require.resolve(`@fontsource/arimo/${weight}.css`);
    const source = readFileSync(cssPath, 'utf8');
    // Each @font-face names one subset's woff2 (and a woff fallback every current browser skips).
    for (const face of source.matchAll(/@font-face\s*{([^}]*)}/g)) {
      const body = face[1]!;
      const file = /url\(\.\/files\/([\w-]+\.woff2)\)/.exec(body)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
      if (!file || !range) continue;
      const bytes = readFileSync(join(dirname(cssPath), 'files', file));
      const url = `/assets/fonts/${file.replace(/\.woff2$/, '')}.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.woff2`;
      files.push({ url, body: bytes });
      if (file.includes('-latin-4') || file.includes('-latin-7')) preload.push(url);
      // font-display: block — a fallback face would overflow the measured card text while loading.
      faces.push(
        `@font-face { font-family: '${FONT_FAMILY}'; font-style: normal; font-weight: ${weight}; font-display: block; src: url(${url}) format('woff2'); unicode-range: ${range.trim()}; }`,
      );
    }
  }
  if (preload.length !== WEIGHTS.length) throw new Error('@fontsource/arimo: the latin faces were not found');
  return { css: faces.join('\n'), files, preload };
}

const loaded = load();

/** The @font-face rules, pointing at the served files. */
export const FONT_FACE_CSS = loaded.css;
/** Every served font file under its content-hashed URL. */
export const FONT_FILES: readonly FontFile[] = loaded.files;
/** The latin faces, worth a <link rel="preload"> so the first paint already has them. */
export const FONT_PRELOAD: readonly string[] = loaded.preload;
