/**
 * The Overview's time-to-verdict charts laid out for reading, grouped by six long-named sources
 * (two sharing a long prefix) at 1280 and 390 px: each name under the Kaplan–Meier chart stays
 * clear of its numbers at risk, cut with an ellipsis and whole in a tooltip; on a phone the
 * legend stays compact and the plot keeps a readable height; table captions wrap inside the
 * screen; the Kaplan–Meier table fits its figure on a wide screen. (The grouped incidences are
 * small multiples: overview-panels.test.ts.)
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

/** The Kaplan–Meier chart's layout (the page's first canvas): plot area, chart size, the at-risk rows drawn, legend entries. */
function charts(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart-box canvas'))
      .slice(0, 1)
      .map((canvas) => {
        const chart = (window as any).Chart.getChart(canvas);
        const risk = chart.config.plugins.find((p: any) => p.id === 'reckonAtRisk');
        return {
          area: { left: chart.chartArea.left, top: chart.chartArea.top, bottom: chart.chartArea.bottom },
          height: chart.height as number,
          xBottom: chart.scales.x.bottom as number,
          ticks: chart.scales.x.ticks.map((t: any) => chart.scales.x.getPixelForValue(t.value)).filter((px: number) => px >= chart.chartArea.left - 1 && px <= chart.chartArea.right + 1).length as number,
          rows: (risk?.layout ?? null) as Array<{ name: string; shown: string; box: { left: number; right: number; top: number; bottom: number }; numbers: Array<{ text: string; box: { left: number; right: number } }> }> | null,
          legend: chart.legend.legendItems.map((i: any) => i.text) as string[],
        };
      }),
  );
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

  it('keeps every name under the charts clear of its numbers at risk, cut with an ellipsis and whole in a tooltip', async () => {
    for (const [by, viewport] of [['source', DESKTOP], ['source', PHONE], ['sourceType', PHONE]] as const) {
      await open(ui.page, `${ui.base}/overview?by=${by}`, viewport);
      const drawn = await charts(ui.page);
      for (const [i, chart] of drawn.entries()) {
        const where = `${by}, ${viewport.width} px, chart ${i + 1}`;
        // A clear strip between the names (right-aligned) and the numbers (from the plot's left edge), on every row.
        expect(await inked(ui.page, i, { left: chart.area.left - 6, right: chart.area.left - 1, top: chart.xBottom + 24, bottom: chart.height - 2 }), where).toBe(false);
        expect(chart.rows, where).not.toBeNull();
        for (const row of chart.rows!) {
          expect(row.box.left, `${where}: ${row.name}`).toBeGreaterThanOrEqual(0);
          expect(row.box.right + 4, `${where}: ${row.name}`).toBeLessThanOrEqual(row.numbers[0]!.box.left);
          expect(await inked(ui.page, i, row.box), `${where}: ${row.name} drawn`).toBe(true);
          if (row.shown !== row.name) expect(row.shown, where).toContain('…');
          // A number under every tick, none left out for want of room.
          expect(row.numbers.map((n) => n.text), `${where}: ${row.name}`).toHaveLength(chart.ticks);
        }
        // Cut names still tell the groups apart.
        expect(new Set(chart.rows!.map((r) => r.shown)).size, where).toBe(chart.rows!.length);
      }
      await screenshot(ui.page, `overview-layout-${by}-${viewport.width}`);
      if (viewport === PHONE && by === 'source') {
        const rows = drawn[0]!.rows!;
        const cut = rows.filter((r) => r.shown !== r.name);
        expect(cut.map((r) => r.name)).toContain('Ministry of Defence of the Russian Federation');
        // The two ministries share their first 28 characters: cut in the middle, they keep their ends.
        const ministries = rows.filter((r) => r.name.startsWith('Ministry')).map((r) => r.shown);
        expect(ministries[0]).not.toBe(ministries[1]);
        const canvas = ui.page.locator('.chart-box canvas').first();
        await canvas.scrollIntoViewIfNeeded();
        const box = (await canvas.boundingBox())!;
        const target = cut[0]!;
        await ui.page.mouse.move(box.x + (target.box.left + target.box.right) / 2, box.y + (target.box.top + target.box.bottom) / 2);
        await expect.poll(() => canvas.getAttribute('title')).toBe(target.name);
        await ui.page.mouse.move(box.x + box.width / 2, box.y + 10);
        await expect.poll(() => canvas.getAttribute('title')).toBe(null);
      }
    }
    expect(ui.watch.errors).toEqual([]);
  });

  it('on a phone, keeps the legend compact and the plot at least 220 px tall', async () => {
    await open(ui.page, `${ui.base}/overview?by=source`, PHONE);
    const [still] = await charts(ui.page);
    expect(still!.area.bottom - still!.area.top).toBeGreaterThanOrEqual(219.5);
    // One entry per group, in key order.
    expect(still!.legend).toEqual([...SOURCES].sort((a, b) => a[0].localeCompare(b[0])).map(([, name]) => name));
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
