// The alignment view's geometry, measured in real Chromium: every dashed "also aligned" link leaves
// its card on the side facing the other parent, ends on that parent, and never passes behind a
// card; at 390 px the diagram is stacked columns of readable text; the Problems table, the legend
// and the team chart's legend overlap nothing at 390 px or at 1440 px; grade and status are two
// vocabularies.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { RunningServer } from '../../sync-service/http/serve.ts';
import { launchChromium } from '../browser.ts';
import { EXAMPLES_AS_OF, EXAMPLES_DIR, serveApp, syncFolder } from './fixtures.ts';

const pglite = storageTargets().find((t) => t.name === 'pglite')!;
let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  const store = createStore(await pglite.fresh());
  await syncFolder(store, EXAMPLES_DIR, EXAMPLES_AS_OF);
  server = await serveApp(store);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pglite.teardown();
});

async function open(width: number, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Pairs of boxes (page coordinates) among these elements that overlap by more than a pixel. */
async function overlaps(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const boxes = [...document.querySelectorAll(sel)]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1 && !boxes[i]!.el.contains(boxes[j]!.el) && !boxes[j]!.el.contains(boxes[i]!.el)) {
          out.push(`${boxes[i]!.el.textContent?.trim().slice(0, 30)} × ${boxes[j]!.el.textContent?.trim().slice(0, 30)}`);
        }
      }
    return out;
  }, selector);
}

describe('dashed also-aligned links at 1440 px', () => {
  it('each leaves its card facing the other parent, ends on that parent, and passes behind no card', async () => {
    const page = await open(1440, '/');
    const links = await page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>('svg#diagram')!;
      const box = (key: string) => {
        const a = [...svg.querySelectorAll<SVGAElement>('a')].find((x) => x.getAttribute('href') === `/objectives/${encodeURIComponent(key)}`)!;
        const r = a.querySelector('rect')!.getBBox();
        const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(a.getAttribute('transform') ?? '')!;
        return { x: Number(m[1]) + r.x, y: Number(m[2]) + r.y, w: r.width, h: r.height, key };
      };
      const cards = [...svg.querySelectorAll<SVGAElement>('a[href^="/objectives/"]')].map((a) =>
        box(decodeURIComponent(a.getAttribute('href')!.slice('/objectives/'.length))),
      );
      return [...svg.querySelectorAll<SVGPathElement>('path.edge-extra')].map((p) => {
        const len = p.getTotalLength();
        const samples: { x: number; y: number }[] = [];
        for (let s = 0; s <= len; s += 2) {
          const pt = p.getPointAtLength(s);
          samples.push({ x: pt.x, y: pt.y });
        }
        const a = p.getPointAtLength(0);
        const b = p.getPointAtLength(len);
        return { from: box(p.dataset.from!), to: box(p.dataset.to!), start: { x: a.x, y: a.y }, end: { x: b.x, y: b.y }, samples, cards };
      });
    });
    expect(links.length).toBe(2); // PROD-1 also CO-3, PROD-4 also CO-4 in the example company
    const on = (v: number, lo: number, hi: number) => v >= lo - 0.6 && v <= hi + 0.6;
    for (const l of links) {
      const { from, to } = l;
      const what = `${from.key} → ${to.key}`;
      const parentRight = to.x > from.x + from.w;
      // Leaves the child on the side facing the parent…
      expect(l.start.x, `${what}: leaves the facing side`).toBeCloseTo(parentRight ? from.x + from.w : from.x, 0);
      expect(on(l.start.y, from.y, from.y + from.h), `${what}: leaves from the card`).toBe(true);
      // …and ends on the parent's facing side.
      expect(l.end.x, `${what}: ends on the facing side`).toBeCloseTo(parentRight ? to.x : to.x + to.w, 0);
      expect(on(l.end.y, to.y, to.y + to.h), `${what}: ends on the parent`).toBe(true);
      // Never inside another card (its own two cards only at the ends).
      for (const s of l.samples) {
        for (const c of l.cards) {
          const inside = s.x > c.x + 1 && s.x < c.x + c.w - 1 && s.y > c.y + 1 && s.y < c.y + c.h - 1;
          expect(inside, `${what} passes behind ${c.key} at ${s.x.toFixed(0)},${s.y.toFixed(0)}`).toBe(false);
        }
      }
    }
    // Two links never share a line: their samples in a shared gutter are apart.
    const [a, b] = links;
    const shared = a!.samples.filter((p) => b!.samples.some((q) => Math.abs(p.x - q.x) < 1 && Math.abs(p.y - q.y) < 1));
    expect(shared.length).toBe(0);
    await page.context().close();
  });
});

describe('at 390 px (a phone)', () => {
  it('the diagram is stacked columns of readable cards, not a shrunken drawing', async () => {
    const page = await open(390, '/');
    expect(await page.locator('svg#diagram').isVisible()).toBe(false);
    const stack = page.locator('#alignment .diagram-stack').first();
    expect(await stack.isVisible()).toBe(true);
    const items = stack.locator('.stack-item a');
    expect(await items.count()).toBe(29); // 4 company objectives and the 25 team objectives placed beneath them
    const sizes = await stack.locator('.stack-title').evaluateAll((els) => els.map((e) => Number.parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
    // Nothing wider than the screen; no card overlaps another.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await overlaps(page, '#alignment .diagram-stack .stack-item a')).toEqual([]);
    // The "also" note stays, and the cards link to the objectives.
    expect(await stack.locator('.stack-also').first().textContent()).toContain('also CO-3');
    expect(await items.first().getAttribute('href')).toBe('/objectives/CO-1');
    await page.context().close();
  });

  for (const width of [390, 1440]) {
    it(`the Problems table, the diagram legend and the team chart's legend overlap nothing at ${width} px`, async () => {
      const problems = await open(width, '/problems');
      expect(await overlaps(problems, 'table.stack-table td')).toEqual([]);
      const cells = await problems.locator('table.stack-table tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
      // Every cell is wide enough to read: no column squeezed to a sliver.
      expect(Math.min(...cells.slice(-1))).toBeGreaterThan(width < 500 ? 250 : 400);
      expect(await problems.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await problems.context().close();

      const home = await open(width, '/');
      expect(await overlaps(home, '#alignment .legend > span > *, #alignment .legend > span:not(.legend-group)')).toEqual([]);
      await home.context().close();

      const team = await open(width, '/teams/Engineering');
      const legend = team.locator('.chart-legend li');
      expect(await legend.count()).toBeGreaterThanOrEqual(6);
      expect(await overlaps(team, '.chart-legend li')).toEqual([]);
      // The legend sits below the drawing (it cannot run into the axis labels), readable.
      const [chartBottom, legendTop] = await team.evaluate(() => [
        document.querySelector('.chart-box > svg')!.getBoundingClientRect().bottom,
        document.querySelector('.chart-legend')!.getBoundingClientRect().top,
      ]);
      expect(legendTop).toBeGreaterThanOrEqual(chartBottom - 0.5);
      const size = await legend.first().evaluate((li) => Number.parseFloat(getComputedStyle(li).fontSize));
      expect(size).toBeGreaterThanOrEqual(12);
      await team.context().close();
    });
  }
});

describe('one traffic-light vocabulary', () => {
  it('grades are named by colour with their range, statuses by their words, apart', async () => {
    const page = await open(1440, '/');
    const grade = await page.locator('#alignment [data-legend="grade"]').textContent();
    const status = await page.locator('#alignment [data-legend="status"]').textContent();
    expect(grade).toContain('Green 0.7 and up');
    expect(grade).toContain('Yellow 0.4 to 0.7');
    expect(grade).toContain('Red below 0.4');
    for (const word of ['On track', 'At risk', 'Off track']) {
      expect(status).toContain(word);
      expect(grade).not.toContain(word);
    }
    // "On target" / "Progress" / "Off target" are gone: they read like statuses.
    expect(await page.locator('body').textContent()).not.toMatch(/On target|Off target/);
    await page.context().close();
  });
});
