/**
 * The Overview's time-to-verdict charts laid out for reading, grouped by six long-named sources
 * (two sharing a long prefix) at 1280 and 390 px: grouped, the Kaplan–Meier curves are small
 * multiples (overview-panels.test.ts), each panel named in its title, which stays inside the
 * panel and above the plot, clear of its numbers at risk, cut with an ellipsis and whole in a
 * tooltip; on a phone the plot keeps a readable height; table captions wrap inside the screen;
 * the Kaplan–Meier table fits its figure on a wide screen. (The grouped incidences are small
 * multiples too: overview-panels.test.ts.)
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, SCREENSHOTS, postJson as post, screenshot, settle, useBrowserPage, visit } from './harness.js';

const SOURCES = [
  ['mod-ru', 'Ministry of Defence of the Russian Federation', 'government'],
  ['mod-kr', 'Ministry of Defence of the Republic of Korea', 'government'],
  ['iaea', 'International Atomic Energy Agency', 'international-body'],
  ['osint', 'Open Source Intelligence Collective', 'organisation'],
  ['herald', 'The Korea Herald', 'media'],
  ['yonhap', 'Yonhap News Agency', 'media'],
] as const;
const CLAIMS = 30;
/** Fourteen more sources with one stance each: twenty bars in the stances chart, each to be named. */
const CORRESPONDENTS = 14;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const day = (start: string, plus: number) => new Date(Date.parse(start) + plus * 86_400_000).toISOString().slice(0, 10);

/**
 * The Kaplan–Meier figure's canvases (one, or one panel per group; the page's first): plot area, chart size, the at-risk
 * rows drawn, legend entries shown, and a panel's title (its text and the box its drawn text takes, measured in its font).
 */
function charts(page: Page) {
  return page.evaluate(() => {
    const fig = Array.from(document.querySelectorAll('figure.figure')).find((f) => /^Allegations still without a verdict/.test(f.querySelector('.figure-title')?.textContent ?? ''))!;
    return Array.from(fig.querySelectorAll('.chart-box canvas')).map((canvas) => {
      const chart = (window as any).Chart.getChart(canvas);
      const risk = chart.config.plugins.find((p: any) => p.id === 'reckonAtRisk');
      const t = chart.titleBlock;
      const ctx = (canvas as HTMLCanvasElement).getContext('2d')!;
      ctx.save();
      ctx.font = (window as any).Chart.helpers.toFont(chart.options.plugins.title.font).string;
      const width = t?.options?.display ? ctx.measureText(t.options.text).width : 0;
      ctx.restore();
      return {
        title: t?.options?.display ? { text: t.options.text as string, box: { left: t.left as number, right: (t.left as number) + width, top: t.top as number, bottom: t.bottom as number } } : null,
        width: chart.width as number,
        area: { left: chart.chartArea.left, top: chart.chartArea.top, bottom: chart.chartArea.bottom },
        height: chart.height as number,
        xBottom: chart.scales.x.bottom as number,
        ticks: chart.scales.x.ticks.map((t: any) => chart.scales.x.getPixelForValue(t.value)).filter((px: number) => px >= chart.chartArea.left - 1 && px <= chart.chartArea.right + 1).length as number,
        rows: (risk?.layout ?? null) as Array<{ name: string; shown: string; box: { left: number; right: number; top: number; bottom: number }; numbers: Array<{ text: string; box: { left: number; right: number; top: number } }> }> | null,
        legend: (chart.options.plugins.legend.display === false ? [] : chart.legend.legendItems.map((i: any) => i.text)) as string[],
      };
    });
  });
}

/** Whether any pixel of the canvas in the CSS-pixel rectangle differs from the chart's background (white). */
function inked(page: Page, index: number, r: { left: number; right: number; top: number; bottom: number }) {
  return page.evaluate(
    ([i, rect]) => {
      const canvas = document.querySelectorAll('.chart-box canvas')[i] as HTMLCanvasElement;
      const ratio = (window as any).Chart.getChart(canvas).currentDevicePixelRatio;
      const [x, y] = [Math.floor(rect.left * ratio), Math.floor(rect.top * ratio)];
      const [w, h] = [Math.max(1, Math.floor((rect.right - rect.left) * ratio)), Math.max(1, Math.floor((rect.bottom - rect.top) * ratio))];
      const data = canvas.getContext('2d')!.getImageData(x, y, w, h).data;
      for (let k = 0; k < data.length; k += 4) if (data[k]! < 235 || data[k + 1]! < 235 || data[k + 2]! < 235) return true;
      return false;
    },
    [index, r] as const,
  );
}

async function open(page: Page, url: string, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await visit(page, url);
  // The charts' boxes grow to keep the plot's height after the first layout: wait until they settle.
  let before = '';
  for (let i = 0; i < 20; i += 1) {
    await page.waitForTimeout(100);
    const now = JSON.stringify(await charts(page));
    if (now === before) break;
    before = now;
  }
}

describe.skipIf(!HAS_CHROMIUM)('the Overview’s time-to-verdict layout', () => {
  const ui = useBrowserPage({ timeout: 15_000 });

  beforeAll(async () => {
    const r = ui.page.request;
    for (const [id, name, type] of SOURCES) await post(r, `${ui.base}/api/sources`, { id, name, type });
    // Each source asserts most allegations (26 of 30), a source later than the one before; two in three
    // allegations are resolved, over a year, confirmed more often than refuted.
    for (let i = 0; i < CLAIMS; i += 1) {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'allegation', title: `Were shells from depot ${i} shipped?`, statement: `Shells from depot ${i} were shipped.`, resolutionCriteria: 'Two independent reports.' });
      for (const [j, [id]] of SOURCES.entries()) if ((i + j) % 7 !== 0) await post(r, `${ui.base}/api/claims/${c.id}/stances`, { sourceId: id, stance: 'asserts', date: day('2023-01-01', i + 9 * j) });
      if (i < CORRESPONDENTS) {
        await post(r, `${ui.base}/api/sources`, { id: `corr-${i}`, name: `Regional correspondent ${i + 1}`, type: 'person' });
        await post(r, `${ui.base}/api/claims/${c.id}/stances`, { sourceId: `corr-${i}`, stance: 'asserts', date: day('2023-01-01', i) });
      }
      if (i % 3 !== 2) await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome: i % 5 < 3 ? 'confirmed' : 'refuted', knownOn: day('2023-03-01', 11 * i) });
    }
  }, 120_000);

  it('keeps every name on the Kaplan–Meier panels clear of its numbers at risk, cut with an ellipsis and whole in a tooltip', async () => {
    for (const [by, viewport] of [['source', DESKTOP], ['source', PHONE], ['sourceType', PHONE]] as const) {
      await open(ui.page, `${ui.base}/overview?by=${by}`, viewport);
      const drawn = await charts(ui.page);
      expect(drawn.length, `${by}, ${viewport.width} px`).toBeGreaterThan(1);
      for (const [i, chart] of drawn.entries()) {
        const where = `${by}, ${viewport.width} px, panel ${i + 1}`;
        // Grouped, a panel names its group in its title: inside the panel, above the plot, so above the numbers at risk
        // under the axis; the row of numbers is not named (no name beside the numbers to run into them).
        const title = chart.title!;
        expect(title, where).not.toBeNull();
        expect(title.box.left, `${where}: ${title.text}`).toBeGreaterThanOrEqual(0);
        expect(title.box.right, `${where}: ${title.text}`).toBeLessThanOrEqual(chart.width);
        expect(title.box.bottom, `${where}: ${title.text}`).toBeLessThanOrEqual(chart.area.top);
        expect(await inked(ui.page, i, title.box), `${where}: ${title.text} drawn`).toBe(true);
        expect(chart.rows, where).toHaveLength(1);
        for (const row of chart.rows!) {
          expect(row.box, `${where}: ${row.name}`).toBeNull();
          expect(title.text.startsWith(row.name) || title.text.includes('…'), `${where}: ${title.text} names ${row.name}`).toBe(true);
          for (const n of row.numbers) expect(n.box.top, `${where}: ${n.text}`).toBeGreaterThan(Math.max(title.box.bottom, chart.xBottom));
          // A number under every tick, none left out for want of room.
          expect(row.numbers.map((n) => n.text), `${where}: ${row.name}`).toHaveLength(chart.ticks);
        }
      }
      // Cut names still tell the groups apart.
      expect(new Set(drawn.map((c) => c.title!.text)).size, `${by}, ${viewport.width} px`).toBe(drawn.length);
      await screenshot(ui.page, `overview-layout-${by}-${viewport.width}`);
      if (viewport === PHONE && by === 'source') {
        const names = drawn.map((c) => c.rows![0]!.name);
        const cut = drawn.map((c, i) => ({ i, name: names[i]!, title: c.title! })).filter((c) => !c.title.text.startsWith(`${c.name} (`));
        expect(cut.map((c) => c.name)).toContain('Ministry of Defence of the Russian Federation');
        for (const c of cut) expect(c.title.text).toContain('…');
        // The two ministries share their first 28 characters: cut, they still read apart.
        const ministries = drawn.filter((c, i) => names[i]!.startsWith('Ministry')).map((c) => c.title!.text.replace(/ \(.*$/, ''));
        expect(ministries[0]).not.toBe(ministries[1]);
        const target = cut[0]!;
        const canvas = ui.page.locator('figure.figure').first().locator('.chart-box canvas').nth(target.i);
        await canvas.scrollIntoViewIfNeeded();
        const box = (await canvas.boundingBox())!;
        await ui.page.mouse.move(box.x + (target.title.box.left + target.title.box.right) / 2, box.y + (target.title.box.top + target.title.box.bottom) / 2);
        await expect.poll(() => canvas.getAttribute('title')).toBe(target.name);
        await ui.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await expect.poll(() => canvas.getAttribute('title')).toBe(null);
      }
    }
    expect(ui.watch.errors).toEqual([]);
  });

  it('on a phone, gives each Kaplan–Meier panel no legend (one key above them) and a plot at least 40% of its width tall', async () => {
    await open(ui.page, `${ui.base}/overview?by=source`, PHONE);
    const drawn = await charts(ui.page);
    for (const panel of drawn) {
      expect(panel.area.bottom - panel.area.top).toBeGreaterThanOrEqual(0.4 * panel.width);
      expect(panel.legend).toEqual([]);
    }
    const key = await ui.page.locator('figure.figure').first().locator('.panel-key').textContent();
    expect(key).toContain('Still without a verdict');
    const figures = ui.page.locator('figure.figure');
    for (const i of [0, 1]) await figures.nth(i).screenshot({ path: join(SCREENSHOTS, `overview-layout-figure-${i + 1}-phone.png`) });
  });

  it('names every bar of the stances-per-source chart on a phone, each in a row of its own', async () => {
    await open(ui.page, `${ui.base}/overview?by=source`, PHONE);
    const bars = await ui.page.evaluate(() => {
      const fig = Array.from(document.querySelectorAll('figure.figure')).find((f) => /stances today/.test(f.textContent ?? ''))!;
      const chart = (window as any).Chart.getChart(fig.querySelector('canvas'));
      const y = chart.scales.y;
      return { sources: chart.data.labels.length as number, ticks: y.ticks.map((t: any) => y.getLabelForValue(t.value)) as string[], height: y.height as number };
    });
    expect(bars.sources).toBe(SOURCES.length + CORRESPONDENTS);
    expect(bars.ticks).toHaveLength(bars.sources);
    expect(bars.height / bars.sources).toBeGreaterThanOrEqual(18);
    await ui.page.locator('figure.figure', { hasText: 'stances today' }).screenshot({ path: join(SCREENSHOTS, 'overview-layout-stances-phone.png') });
  });

  it('wraps every table caption inside the screen on a phone, also with the table scrolled sideways', async () => {
    await open(ui.page, `${ui.base}/overview?by=source`, PHONE);
    const toggles = ui.page.getByRole('button', { name: 'Show data as table' });
    while ((await toggles.count()) > 0) await toggles.first().click();
    const wraps = ui.page.locator('.figure-table .table-wrap');
    expect(await wraps.count()).toBeGreaterThanOrEqual(4);
    for (const wrap of await wraps.all()) {
      for (const end of [0, 1e6]) {
        await wrap.evaluate((w, left) => (w.scrollLeft = left), end);
        const [caption, box] = await Promise.all([wrap.locator('caption').boundingBox(), wrap.boundingBox()]);
        const text = await wrap.locator('caption').textContent();
        expect(caption!.x, text!).toBeGreaterThanOrEqual(box!.x - 0.5);
        expect(caption!.x + caption!.width, text!).toBeLessThanOrEqual(Math.min(box!.x + box!.width, PHONE.width) + 0.5);
      }
    }
    await wraps.first().evaluate((w) => (w.scrollLeft = 1e6));
    await ui.page.locator('.figure-table').first().screenshot({ path: join(SCREENSHOTS, 'overview-layout-table-phone.png') });
  });

  it('fits the time-to-verdict tables in their figure on a wide screen', async () => {
    await open(ui.page, `${ui.base}/overview?by=source`, DESKTOP);
    const figures = ui.page.locator('figure.figure');
    for (const i of [0, 1]) {
      await figures.nth(i).getByRole('button', { name: 'Show data as table' }).click();
      const wrap = figures.nth(i).locator('.table-wrap');
      const [scroll, client] = await wrap.evaluate((w) => [w.scrollWidth, w.clientWidth]);
      expect(scroll, await wrap.locator('caption').textContent() ?? '').toBeLessThanOrEqual(client);
    }
    await settle(ui.page);
    await screenshot(ui.page, 'overview-layout-tables-1280');
  });
});
