// Takes the README's screenshot of the alignment view: the example company synced by the real
// engine, served on 127.0.0.1, captured full-page at 1440 px in the system Chromium.
//   npx tsx test/web/screenshot.ts                      → docs/alignment.png (as of 2026-11-25)
//   npx tsx test/web/screenshot.ts --width 390 --out docs/alignment-phone.png
//   npx tsx test/web/screenshot.ts --out /tmp/x.png --path /teams/Engineering
//   npx tsx test/web/screenshot.ts --synthetic 100 --out /tmp/big.png
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createStore, MEMORY, openDatabase } from '../../sync-service/db/index.ts';
import { parseAsOf } from '../../sync-service/cli/options.ts';
import { launchChromium } from '../browser.ts';
import { EXAMPLES_AS_OF, EXAMPLES_DIR, serveApp, storeSynthetic, syncFolder } from './fixtures.ts';

const DEFAULT_OUT = fileURLToPath(new URL('../../docs/alignment.png', import.meta.url));

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: DEFAULT_OUT },
      path: { type: 'string', default: '/' },
      synthetic: { type: 'string' },
      width: { type: 'string', default: '1440' },
      /** The day statuses are judged at (what `okr serve --as-of` pins). */
      'as-of': { type: 'string', default: EXAMPLES_AS_OF.toISOString().slice(0, 10) },
      'no-js': { type: 'boolean', default: false },
      /** x,y,width,height: only this part of the page (for looking closely). */
      clip: { type: 'string' },
      /** Open every <details> before taking the picture. */
      open: { type: 'boolean', default: false },
      /** Emulate print media (to check the print stylesheet). */
      print: { type: 'boolean', default: false },
    },
  });
  const db = await openDatabase({ dataDir: MEMORY });
  const store = createStore(db);
  if (values.synthetic) await storeSynthetic(store, { teams: Number(values.synthetic) });
  else await syncFolder(store, EXAMPLES_DIR, parseAsOf(values['as-of']!));
  const server = await serveApp(store);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: Number(values.width), height: 900 },
      deviceScaleFactor: 1,
      javaScriptEnabled: !values['no-js'],
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    if (values.print) await page.emulateMedia({ media: 'print' });
    await page.goto(`${server.url}${values.path}`, { waitUntil: 'load' });
    if (values.open)
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => {
          d.open = true;
        }),
      );
    const out = path.resolve(values.out!);
    mkdirSync(path.dirname(out), { recursive: true });
    const clip = values.clip?.split(',').map(Number);
    await page.screenshot(
      clip && clip.length === 4
        ? { path: out, fullPage: true, clip: { x: clip[0]!, y: clip[1]!, width: clip[2]!, height: clip[3]! } }
        : { path: out, fullPage: true },
    );
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`${out}: ${values.width}×${height}${problems.length ? `\n${problems.join('\n')}` : ''}`);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
}

await main();
