/**
 * The Overview's grouped Kaplan–Meier curves as small multiples, six sources at 390 and 1280
 * px: one panel per source, side by side or one under another but never on top of each other,
 * each with only its own source's band (read off the canvas), all on the same scales, said in
 * words; each panel its own numbers at risk; one PNG holds every panel; the table keeps every
 * interval.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, pct, pctRange } from '../../web/js/format.js';
import { HAS_CHROMIUM, SCREENSHOTS, postJson as post, screenshot, useBrowserPage, visit } from './harness.js';

const SOURCES = [
  ['mod-ru', 'Ministry of Defence of the Russian Federation'],
  ['mod-kr', 'Ministry of Defence of the Republic of Korea'],
  ['iaea', 'International Atomic Energy Agency'],
  ['osint', 'Open Source Intelligence Collective'],
  ['herald', 'The Korea Herald'],
  ['yonhap', 'Yonhap News Agency'],
] as const;
const CLAIMS = 30;
const KM = /^Allegations still without a verdict/;
const day = (start: string, plus: number) => new Date(Date.parse(start) + plus * 86_400_000).toISOString().slice(0, 10);

/** Each canvas of the Kaplan–Meier figure: its box on the page, its title and scales, its bands' groups and colours, its at-risk rows, and the canvas's colour inside its band. */
function panels(page: Page) {
  return page.evaluate(() => {
    const fig = Array.from(document.querySelectorAll('figure.figure')).find((f) => /^Allegations still without a verdict/.test(f.querySelector('.figure-title')?.textContent ?? ''))!;
    return Array.from(fig.querySelectorAll('.chart-box canvas')).map((canvas) => {
      const chart = (window as any).Chart.getChart(canvas);
      const r = canvas.getBoundingClientRect();
      const bands = chart.data.datasets.filter((d: any) => d.reckon?.kind === 'band');
      const curves = chart.data.datasets.filter((d: any) => d.reckon?.kind === 'curve');
      // Probe: the middle of the upper half of the band on the curve's longest step (a step line holds its left point's value until the next).
      const line = curves[0].data;
      const steps = line.slice(1).map((q: any, k: number) => ({ width: q.x - line[k].x, x: (line[k].x + q.x) / 2, y: (line[k].y + line[k].upper) / 2, gap: line[k].upper - line[k].y }));
      const { x, y } = steps.filter((s: any) => s.gap > 0.04).reduce((a: any, b: any) => (b.width > a.width ? b : a));
      const ratio = chart.currentDevicePixelRatio;
      const pixel = Array.from((canvas as HTMLCanvasElement).getContext('2d')!.getImageData(Math.round(chart.scales.x.getPixelForValue(x) * ratio), Math.round(chart.scales.y.getPixelForValue(y) * ratio), 1, 1).data);
      const risk = chart.config.plugins.find((p: any) => p.id === 'reckonAtRisk');
      return {
        box: { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY },
        title: chart.options.plugins?.title?.text as string | undefined,
        x: [chart.scales.x.min, chart.scales.x.max] as number[],
        y: [chart.scales.y.min, chart.scales.y.max] as number[],
        plotWidth: chart.chartArea.right - chart.chartArea.left,
        curves: curves.map((d: any) => d.reckon.group) as string[],
        groups: Array.from(new Set(bands.map((d: any) => d.reckon.group))) as string[],
        colors: bands.map((d: any) => d.backgroundColor) as string[],
        pixel: pixel as number[],
        atRisk: (risk?.layout ?? []).map((row: any) => row.numbers.length) as number[],
        canvas: { width: (canvas as HTMLCanvasElement).width, height: (canvas as HTMLCanvasElement).height },
      };
    });
  });
}

const overlap = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.skipIf(!HAS_CHROMIUM)('the Overview’s grouped Kaplan–Meier curves as small multiples', () => {
  const ui = useBrowserPage({ timeout: 20_000 });

  beforeAll(async () => {
    const r = ui.page.request;
    for (const [id, name] of SOURCES) await post(r, `${ui.base}/api/sources`, { id, name, type: 'government' });
    for (let i = 0; i < CLAIMS; i += 1) {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'allegation', title: `Were shells from depot ${i} shipped?`, statement: `Shells from depot ${i} were shipped.`, resolutionCriteria: 'Two independent reports.' });
      for (const [j, [id]] of SOURCES.entries()) if ((i + j) % 7 !== 0) await post(r, `${ui.base}/api/claims/${c.id}/stances`, { sourceId: id, stance: 'asserts', date: day('2023-01-01', i + 9 * j) });
      if (i % 3 !== 2) await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome: i % 5 < 3 ? 'confirmed' : 'refuted', knownOn: day('2023-03-01', 11 * i) });
    }
  }, 120_000);

  it('on a phone, gives each source a panel of its own, none over another, each with only its own band, on the same scales', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?by=source&incidenceBands=true`)).json();
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await visit(ui.page, `${ui.base}/overview?by=source`);
    const drawn = await panels(ui.page);
    expect(drawn).toHaveLength(SOURCES.length);
    const names = [...SOURCES].sort((a, b) => a[0].localeCompare(b[0]));
    expect(drawn.map((p) => p.groups)).toEqual(names.map(([, name]) => [name]));
    expect(drawn.map((p) => p.curves)).toEqual(names.map(([, name]) => [name]));
    // Each panel's title names its source (whole, or cut with an ellipsis to the panel's width) and how many assertions it rests on.
    for (const [i, [id, name]] of names.entries()) {
      const [shown, n] = /^(.*) \(([\d,]+)\)$/.exec(drawn[i]!.title ?? '')!.slice(1);
      expect(n).toBe(count(survival.groups.find((g: any) => g.key === id).entries));
      if (shown !== name) expect(shown).toContain('…');
    }
    expect(drawn.filter((p) => p.title!.includes('…')).length).toBeLessThan(drawn.length);
    for (const [i, a] of drawn.entries()) {
      expect(a.box.left).toBeGreaterThanOrEqual(0);
      expect(a.box.right).toBeLessThanOrEqual(390);
      for (const b of drawn.slice(i + 1)) expect(overlap(a.box, b.box), `${a.groups[0]} and ${b.groups[0]}`).toBe(false);
      // Two band edges, one band; inside it the canvas is its colour at its alpha over white, no other band mixed in
      // (laid over one another, six groups' bands read as grey).
      expect(a.colors).toHaveLength(2);
      const [rgb, alpha] = [a.colors[0]!.match(/\d+/g)!.slice(0, 3).map(Number), Number(/, ([\d.]+)\)$/.exec(a.colors[0]!)![1])];
      const blend = rgb.map((c) => Math.round(255 - alpha * (255 - c)));
      for (const [k, c] of blend.entries()) expect(Math.abs(a.pixel[k]! - c), `${a.groups[0]}: ${a.pixel} vs ${blend}`).toBeLessThanOrEqual(3);
      // Its own row of numbers at risk.
      expect(a.atRisk).toHaveLength(1);
      expect(a.atRisk[0]).toBeGreaterThan(1);
    }
    // The same scales in every panel, and the page says which.
    expect(new Set(drawn.map((p) => JSON.stringify([p.x, p.y, Math.round(p.plotWidth)]))).size).toBe(1);
    const [x, y] = [drawn[0]!.x, drawn[0]!.y];
    expect(y).toEqual([0, 1]);
    expect(x[1]).toBeGreaterThanOrEqual(Math.max(...survival.groups.flatMap((g: any) => g.points.map((p: any) => p.days))));
    const key = await ui.page.locator('figure', { hasText: KM }).locator('.panel-key').textContent();
    expect(key).toContain(`Every panel has the same scales: across, days since the source first asserted it, 0–${count(x[1]!)}; up, the share still without a verdict, 0–${pct(y[1]!, 0)}.`);
    await ui.page.locator('figure', { hasText: KM }).screenshot({ path: join(SCREENSHOTS, 'overview-km-panels-phone.png') });
    expect(ui.watch.errors).toEqual([]);
  });

  it('on a wide screen, sets the panels side by side in rows, and downloads them as one PNG under the key', async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await visit(ui.page, `${ui.base}/overview?by=source`);
    const drawn = await panels(ui.page);
    expect(drawn).toHaveLength(SOURCES.length);
    const rows = new Set(drawn.map((p) => Math.round(p.box.top))).size;
    expect(rows).toBeLessThan(drawn.length);
    for (const [i, a] of drawn.entries()) for (const b of drawn.slice(i + 1)) expect(overlap(a.box, b.box)).toBe(false);
    const cols = Math.ceil(drawn.length / rows);
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.locator('figure', { hasText: KM }).getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('reckon-time-to-verdict-source.png');
    const png = readFileSync((await download.path())!);
    // IHDR: width and height, big-endian, at bytes 16 and 20; the key's line above the panels.
    expect([png.readUInt32BE(16), png.readUInt32BE(20) > rows * drawn[0]!.canvas.height]).toEqual([cols * drawn[0]!.canvas.width, true]);
    await screenshot(ui.page, 'overview-km-panels-1280');
    expect(ui.watch.errors).toEqual([]);
  });

  it('keeps every group’s intervals in the table', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?by=source`)).json();
    const fig = ui.page.locator('figure', { hasText: KM });
    await fig.getByRole('button', { name: 'Show data as table' }).click();
    const all = fig.getByRole('button', { name: /^Show all [\d,]+ rows$/ });
    if (await all.count()) await all.click();
    const rows = await fig.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
    expect(rows).toHaveLength(survival.groups.reduce((n: number, g: any) => n + g.points.length, 0));
    const intervals = survival.groups.flatMap((g: any) => g.points.map((p: any) => pctRange([p.lower, p.upper])));
    for (const [k, row] of rows.entries()) expect(row.join(' | ')).toContain(intervals[k]);
  });
});
