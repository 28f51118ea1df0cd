/**
 * The Overview's grouped cumulative incidences as small multiples, six sources at 390 and 1280
 * px: one panel per source, side by side or one under another but never on top of each other,
 * each with only its own source's bands (in the verdicts' colours, read off the canvas), all on
 * the same scales, said in words; one PNG holds every panel; the table keeps every interval.
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
const INCIDENCE = /^Confirmed or refuted, by days since first alleged/;
const day = (start: string, plus: number) => new Date(Date.parse(start) + plus * 86_400_000).toISOString().slice(0, 10);

/** Each panel of the incidence figure: its box on the page, its scales, its bands' groups and colours, and the colour of the canvas at (day, share) probes. */
function panels(page: Page) {
  return page.evaluate(() => {
    const fig = Array.from(document.querySelectorAll('figure.figure')).find((f) => /^Confirmed or refuted/.test(f.querySelector('.figure-title')?.textContent ?? ''))!;
    return Array.from(fig.querySelectorAll('.chart-box canvas')).map((canvas) => {
      const chart = (window as any).Chart.getChart(canvas);
      const r = canvas.getBoundingClientRect();
      const bands = chart.data.datasets.filter((d: any) => d.reckon?.kind === 'band');
      const confirmed = chart.data.datasets.find((d: any) => d.reckon?.kind === 'curve' && d.reckon.verdict === 'confirmed');
      // Probe: the middle of the confirmed band on the longest step of its line (a step line holds its left point's value
      // until the next) where the refuted band is not there too (the two verdicts' bands may overlap within a panel).
      const refuted = chart.data.datasets.find((d: any) => d.reckon?.kind === 'curve' && d.reckon.verdict === 'refuted');
      const steps = confirmed.data.slice(1).map((q: any, k: number) => ({ left: confirmed.data[k], right: q, x: (confirmed.data[k].x + q.x) / 2, y: (confirmed.data[k].y + confirmed.data[k].upper) / 2 }));
      const clear = steps.filter((st: any) => {
        const r = refuted.data.filter((q: any) => q.x <= st.x).at(-1);
        return !r || st.y > r.upper + 0.01 || st.y < r.lower - 0.01;
      });
      const { x, y } = clear.reduce((a: any, b: any) => (b.right.x - b.left.x > a.right.x - a.left.x ? b : a));
      const ratio = chart.currentDevicePixelRatio;
      const pixel = Array.from((canvas as HTMLCanvasElement).getContext('2d')!.getImageData(Math.round(chart.scales.x.getPixelForValue(x) * ratio), Math.round(chart.scales.y.getPixelForValue(y) * ratio), 1, 1).data);
      return {
        box: { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY },
        title: chart.options.plugins.title.text as string,
        x: [chart.scales.x.min, chart.scales.x.max] as number[],
        y: [chart.scales.y.min, chart.scales.y.max] as number[],
        plotWidth: chart.chartArea.right - chart.chartArea.left,
        groups: Array.from(new Set(bands.map((d: any) => d.reckon.group))) as string[],
        colors: bands.map((d: any) => d.backgroundColor) as string[],
        pixel: pixel as number[],
        canvas: { width: (canvas as HTMLCanvasElement).width, height: (canvas as HTMLCanvasElement).height },
      };
    });
  });
}

const overlap = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.skipIf(!HAS_CHROMIUM)('the Overview’s grouped incidences as small multiples', () => {
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

  it('on a phone, gives each source a panel of its own, none over another, each with only its own bands, on the same scales', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?by=source&incidenceBands=true`)).json();
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await visit(ui.page, `${ui.base}/overview?by=source`);
    const drawn = await panels(ui.page);
    expect(drawn).toHaveLength(SOURCES.length);
    const names = [...SOURCES].sort((a, b) => a[0].localeCompare(b[0]));
    expect(drawn.map((p) => p.groups)).toEqual(names.map(([, name]) => [name]));
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
      // Four band edges (two per verdict), in the verdicts' colours; inside the confirmed band the canvas is that colour
      // at the band's alpha over white, no other band mixed in (laid over one another, six groups' bands read as grey).
      expect(a.colors).toHaveLength(4);
      const [rgb, alpha] = [a.colors[0]!.match(/\d+/g)!.slice(0, 3).map(Number), Number(/, ([\d.]+)\)$/.exec(a.colors[0]!)![1])];
      const blend = rgb.map((c) => Math.round(255 - alpha * (255 - c)));
      for (const [k, c] of blend.entries()) expect(Math.abs(a.pixel[k]! - c), `${a.groups[0]}: ${a.pixel} vs ${blend}`).toBeLessThanOrEqual(3);
      expect(blend[1]).toBeGreaterThan(Math.max(blend[0]!, blend[2]!));
    }
    // The same scales in every panel, and the page says which.
    expect(new Set(drawn.map((p) => JSON.stringify([p.x, p.y, Math.round(p.plotWidth)]))).size).toBe(1);
    const [x, y] = [drawn[0]!.x, drawn[0]!.y];
    const key = await ui.page.locator('figure', { hasText: INCIDENCE }).locator('.panel-key').textContent();
    expect(key).toContain(`Every panel has the same scales: across, days since the source first asserted it, 0–${count(x[1]!)}; up, the share with that verdict by then, 0–${pct(y[1]!, 0)}.`);
    const top = Math.max(...survival.groups.flatMap((g: any) => g.points.map((p: any) => p.cumConfirmedUpper)));
    expect(y[1]).toBeGreaterThanOrEqual(top);
    await ui.page.locator('figure', { hasText: INCIDENCE }).screenshot({ path: join(SCREENSHOTS, 'overview-panels-phone.png') });
    expect(ui.watch.errors).toEqual([]);
  });

  it('on a wide screen, sets the panels side by side in rows, and downloads them as one PNG', async () => {
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await visit(ui.page, `${ui.base}/overview?by=source`);
    const drawn = await panels(ui.page);
    const rows = new Set(drawn.map((p) => Math.round(p.box.top))).size;
    expect(rows).toBeLessThan(drawn.length);
    for (const [i, a] of drawn.entries()) for (const b of drawn.slice(i + 1)) expect(overlap(a.box, b.box)).toBe(false);
    const cols = Math.ceil(drawn.length / rows);
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.locator('figure', { hasText: INCIDENCE }).getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('reckon-verdicts-by-day-source.png');
    const png = readFileSync((await download.path())!);
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20) > rows * drawn[0]!.canvas.height]).toEqual([cols * drawn[0]!.canvas.width, true]);
    await screenshot(ui.page, 'overview-panels-1280');
    expect(ui.watch.errors).toEqual([]);
  });

  it('keeps every group’s intervals in the table', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?by=source&incidenceBands=true`)).json();
    const fig = ui.page.locator('figure', { hasText: INCIDENCE });
    await fig.getByRole('button', { name: 'Show data as table' }).click();
    const all = fig.getByRole('button', { name: /^Show all [\d,]+ rows$/ });
    if (await all.count()) await all.click();
    const rows = await fig.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
    expect(rows.map((r) => r[6])).toEqual(survival.groups.flatMap((g: any) => g.points.map((p: any) => `${pct(p.cumConfirmed)} (${pctRange([p.cumConfirmedLower, p.cumConfirmedUpper])})`)));
  });
});
