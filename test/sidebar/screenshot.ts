// Takes docs/sidebar.png: the sidebar at its real 300 px width, in Chromium, on the Product
// team's example workbook (examples/product.xlsx) loaded into the fake Apps Script, with a
// check-in being typed (live preview) and the key result's history open.
//
//   npx tsx test/sidebar/screenshot.ts [out.png]
//
// The clock is set to the examples' "today" (2026-11-25) so the picture does not drift.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppsScriptFake } from '../fakes/apps-script/index.ts';
import { exampleWorkbookSheets, launchChromium, openSidebar, serveSidebar } from './harness.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(process.argv[2] ?? `${root}/docs/sidebar.png`);
const TODAY = Date.parse('2026-11-25T15:30:00Z');

// The server functions read `new Date()`: shift the clock (it keeps running) to the examples' day.
const RealDate = Date;
const offset = TODAY - RealDate.now();
class ExampleDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [string | number | Date]));
  }
  static override now(): number {
    return RealDate.now() + offset;
  }
  // Dates made before the switch (and by the fake) still count as Dates.
  static override [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof RealDate;
  }
}

const fake = createAppsScriptFake({
  user: 'noah.williams@northwind.example',
  spreadsheetName: 'Product OKRs Q4 2026',
  sheets: await exampleWorkbookSheets(`${root}/examples/product.xlsx`),
});
fake.install();
fake.setActiveSheet('OKRs');
globalThis.Date = ExampleDate as DateConstructor;

const [browser, site] = await Promise.all([launchChromium(), serveSidebar()]);
try {
  const s = await openSidebar(browser, site.url, { width: 300, height: 980, deviceScaleFactor: 2 });
  const { page } = s;
  const kr = page.locator('li.kr').first();
  await kr.waitFor();
  await kr.getByRole('button', { name: 'Check in' }).click();
  await kr.getByLabel('Current value').fill('96');
  await kr.getByLabel('Confidence').fill('80');
  await kr.getByLabel('Note').fill('Two more design partners live on AI Assist');
  await kr.getByRole('button', { name: /^History/ }).click();
  await kr.locator('svg.chart').waitFor();
  // The screenshot shows what a person sees, without the hover highlight of the last click.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  if (s.consoleErrors.length || s.blocked.length) throw new Error(`page errors ${s.consoleErrors} / requests ${s.blocked}`);
  await s.close();
  process.stdout.write(`wrote ${out}\n`); // (console is the fake's while it is installed)
} finally {
  globalThis.Date = RealDate;
  fake.uninstall();
  await browser.close();
  await site.close();
}
