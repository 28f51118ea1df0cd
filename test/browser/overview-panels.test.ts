/**
 * The Overview's grouped curves as small multiples — the Kaplan–Meier curves (still without a
 * verdict) and the cumulative incidences (confirmed or refuted) — with six sources at 390 and
 * 1280 px: one panel per source, side by side or one under another but never on top of each
 * other, each with only its own source's bands (read off the canvas), all on the same scales,
 * said in words; each Kaplan–Meier panel its own numbers at risk; one PNG holds every panel; the
 * table keeps every interval.
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
const NAMES = [...SOURCES].sort((a, b) => a[0].localeCompare(b[0]));
const CLAIMS = 30;
const day = (start: string, plus: number) => new Date(Date.parse(start) + plus * 86_400_000).toISOString().slice(0, 10);

/** The two figures drawn as panels: the title they start with, the PNG's name, and what their key says is up. */
const FIGURES = {
  km: { title: 'Allegations still without a verdict', png: 'reckon-time-to-verdict-source.png', up: 'the share still without a verdict', shot: 'overview-km-panels' },
  incidence: { title: 'Confirmed or refuted, by days since first alleged', png: 'reckon-verdicts-by-day-source.png', up: 'the share with that verdict by then', shot: 'overview-panels' },
} as const;
type Kind = keyof typeof FIGURES;

/**
 * Each panel of a figure: its box on the page, its title and scales, its curves' and bands'
 * groups and its bands' colours, its at-risk rows, and the canvas's colour at a probe inside one
 * band — for Kaplan–Meier the middle of the upper half of the band on the curve's longest step
 * (a step line holds its left point's value until the next); for the incidences the same on the
 * confirmed band where the refuted band is not there too (the two verdicts' bands may overlap
 * within a panel).
 */
function panels(page: Page, kind: Kind) {
  return page.evaluate(({ kind, title }) => {
    const fig = Array.from(document.querySelectorAll('figure.figure')).find((f) => (f.querySelector('.figure-title')?.textContent ?? '').startsWith(title))!;
    return Array.from(fig.querySelectorAll('.chart-box canvas')).map((canvas) => {
      const chart = (window as any).Chart.getChart(canvas);
      const r = canvas.getBoundingClientRect();
      const bands = chart.data.datasets.filter((d: any) => d.reckon?.kind === 'band');
      const curves = chart.data.datasets.filter((d: any) => d.reckon?.kind === 'curve');
      const line = kind === 'km' ? curves[0].data : curves.find((d: any) => d.reckon.verdict === 'confirmed').data;
      const other = kind === 'km' ? null : curves.find((d: any) => d.reckon.verdict === 'refuted').data;
      const steps = line.slice(1).map((q: any, k: number) => ({ width: q.x - line[k].x, x: (line[k].x + q.x) / 2, y: (line[k].y + line[k].upper) / 2, gap: line[k].upper - line[k].y }));
      const clear = steps.filter((st: any) => {
        if (!other) return st.gap > 0.04;
        const o = other.filter((q: any) => q.x <= st.x).at(-1);
        return !o || st.y > o.upper + 0.01 || st.y < o.lower - 0.01;
      });
      const { x, y } = clear.reduce((a: any, b: any) => (b.width > a.width ? b : a));
      const ratio = chart.currentDevicePixelRatio;
      const pixel = Array.from((canvas as HTMLCanvasElement).getContext('2d')!.getImageData(Math.round(chart.scales.x.getPixelForValue(x) * ratio), Math.round(chart.scales.y.getPixelForValue(y) * ratio), 1, 1).data);
      const risk = chart.config.plugins.find((p: any) => p.id === 'reckonAtRisk');
      return {
        box: { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY },
        title: chart.options.plugins?.title?.text as string | undefined,
        x: [chart.scales.x.min, chart.scales.x.max] as number[],
        y: [chart.scales.y.min, chart.scales.y.max] as number[],
        plotWidth: chart.chartArea.right - chart.chartArea.left,
        curves: Array.from(new Set(curves.map((d: any) => d.reckon.group))) as string[],
        groups: Array.from(new Set(bands.map((d: any) => d.reckon.group))) as string[],
        colors: bands.map((d: any) => d.backgroundColor) as string[],
        pixel: pixel as number[],
        atRisk: (risk?.layout ?? []).map((row: any) => row.numbers.length) as number[],
        canvas: { width: (canvas as HTMLCanvasElement).width, height: (canvas as HTMLCanvasElement).height },
      };
    });
  }, { kind, title: FIGURES[kind].title });
}
type Panel = Awaited<ReturnType<typeof panels>>[number];

const overlap = (a: Panel['box'], b: Panel['box']) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The figure's panels are laid out side by side or one under another, inside the page's width, never one over another. */
function expectApart(drawn: Panel[], width: number) {
  for (const [i, a] of drawn.entries()) {
    expect(a.box.left).toBeGreaterThanOrEqual(0);
    expect(a.box.right).toBeLessThanOrEqual(width);
    for (const b of drawn.slice(i + 1)) expect(overlap(a.box, b.box), `${a.groups[0]} and ${b.groups[0]}`).toBe(false);
  }
}

/** One panel per source, in order, each with only its own curves and bands, titled with its name (whole, or cut with an ellipsis to the panel's width) and how many assertions it rests on. */
function expectOnePanelPerSource(drawn: Panel[], survival: any) {
  expect(drawn).toHaveLength(SOURCES.length);
  expect(drawn.map((p) => p.groups)).toEqual(NAMES.map(([, name]) => [name]));
  expect(drawn.map((p) => p.curves)).toEqual(NAMES.map(([, name]) => [name]));
  for (const [i, [id, name]] of NAMES.entries()) {
    const [shown, n] = /^(.*) \(([\d,]+)\)$/.exec(drawn[i]!.title ?? '')!.slice(1);
    expect(n).toBe(count(survival.groups.find((g: any) => g.key === id).entries));
    if (shown !== name) expect(shown).toContain('…');
  }
  expect(drawn.filter((p) => p.title!.includes('…')).length).toBeLessThan(drawn.length);
}

/** Inside the probed band the canvas is its colour at its alpha over white, no other band mixed in (laid over one another, six groups' bands read as grey). */
function expectOwnBandColour(a: Panel): number[] {
  const [rgb, alpha] = [a.colors[0]!.match(/\d+/g)!.slice(0, 3).map(Number), Number(/, ([\d.]+)\)$/.exec(a.colors[0]!)![1])];
  const blend = rgb.map((c) => Math.round(255 - alpha * (255 - c)));
  for (const [k, c] of blend.entries()) expect(Math.abs(a.pixel[k]! - c), `${a.groups[0]}: ${a.pixel} vs ${blend}`).toBeLessThanOrEqual(3);
  return blend;
}

/** The same scales in every panel, and the key above them says which; the scales of the first panel. */
async function expectSameScales(page: Page, kind: Kind, drawn: Panel[]) {
  expect(new Set(drawn.map((p) => JSON.stringify([p.x, p.y, Math.round(p.plotWidth)]))).size).toBe(1);
  const [x, y] = [drawn[0]!.x, drawn[0]!.y];
  const key = await page.locator('figure', { hasText: FIGURES[kind].title }).locator('.panel-key').textContent();
  expect(key).toContain(`Every panel has the same scales: across, days since the source first asserted it, 0–${count(x[1]!)}; up, ${FIGURES[kind].up}, 0–${pct(y[1]!, 0)}.`);
  return { x, y };
}

/** At 1280 px: panels in rows, and one PNG holding them all under the key. */
async function expectRowsAndOnePng(page: Page, kind: Kind) {
  const drawn = await panels(page, kind);
  expect(drawn).toHaveLength(SOURCES.length);
  const rows = new Set(drawn.map((p) => Math.round(p.box.top))).size;
  expect(rows).toBeLessThan(drawn.length);
  expectApart(drawn, 1280);
  const cols = Math.ceil(drawn.length / rows);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('figure', { hasText: FIGURES[kind].title }).getByRole('button', { name: 'Download PNG' }).click()]);
  expect(download.suggestedFilename()).toBe(FIGURES[kind].png);
  const png = readFileSync((await download.path())!);
  // IHDR: width and height, big-endian, at bytes 16 and 20; the key's line above the panels.
  expect([png.readUInt32BE(16), png.readUInt32BE(20) > rows * drawn[0]!.canvas.height]).toEqual([cols * drawn[0]!.canvas.width, true]);
}

/** Every row of a figure's table, the full table shown. */
async function tableRows(page: Page, kind: Kind) {
  const fig = page.locator('figure', { hasText: FIGURES[kind].title });
  await fig.getByRole('button', { name: 'Show data as table' }).click();
  const all = fig.getByRole('button', { name: /^Show all [\d,]+ rows$/ });
  if (await all.count()) await all.click();
  return fig.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
}

describe.skipIf(!HAS_CHROMIUM)('the Overview’s grouped curves as small multiples', () => {
  const ui = useBrowserPage({ timeout: 20_000 });
  let survival: any;

  beforeAll(async () => {
    const r = ui.page.request;
    for (const [id, name] of SOURCES) await post(r, `${ui.base}/api/sources`, { id, name, type: 'government' });
    for (let i = 0; i < CLAIMS; i += 1) {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'allegation', title: `Were shells from depot ${i} shipped?`, statement: `Shells from depot ${i} were shipped.`, resolutionCriteria: 'Two independent reports.' });
      for (const [j, [id]] of SOURCES.entries()) if ((i + j) % 7 !== 0) await post(r, `${ui.base}/api/claims/${c.id}/stances`, { sourceId: id, stance: 'asserts', date: day('2023-01-01', i + 9 * j) });
      if (i % 3 !== 2) await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome: i % 5 < 3 ? 'confirmed' : 'refuted', knownOn: day('2023-03-01', 11 * i) });
    }
    survival = await (await fetch(`${ui.base}/api/survival?by=source&incidenceBands=true`)).json();
  }, 120_000);

  describe('Kaplan–Meier (still without a verdict)', () => {
    it('on a phone, gives each source a panel of its own, none over another, each with only its own band, on the same scales', async () => {
      await ui.page.setViewportSize({ width: 390, height: 844 });
      await visit(ui.page, `${ui.base}/overview?by=source`);
      const drawn = await panels(ui.page, 'km');
      expectOnePanelPerSource(drawn, survival);
      expectApart(drawn, 390);
      for (const a of drawn) {
        // Two band edges, one band, and its own row of numbers at risk.
        expect(a.colors).toHaveLength(2);
        expectOwnBandColour(a);
        expect(a.atRisk).toHaveLength(1);
        expect(a.atRisk[0]).toBeGreaterThan(1);
      }
      const { x, y } = await expectSameScales(ui.page, 'km', drawn);
      expect(y).toEqual([0, 1]);
      expect(x[1]).toBeGreaterThanOrEqual(Math.max(...survival.groups.flatMap((g: any) => g.points.map((p: any) => p.days))));
      await ui.page.locator('figure', { hasText: FIGURES.km.title }).screenshot({ path: join(SCREENSHOTS, 'overview-km-panels-phone.png') });
      expect(ui.watch.errors).toEqual([]);
    });

    it('on a wide screen, sets the panels side by side in rows, and downloads them as one PNG under the key', async () => {
      await ui.page.setViewportSize({ width: 1280, height: 900 });
      await visit(ui.page, `${ui.base}/overview?by=source`);
      await expectRowsAndOnePng(ui.page, 'km');
      await screenshot(ui.page, 'overview-km-panels-1280');
      expect(ui.watch.errors).toEqual([]);
    });

    it('keeps every group’s intervals in the table', async () => {
      const rows = await tableRows(ui.page, 'km');
      expect(rows).toHaveLength(survival.groups.reduce((n: number, g: any) => n + g.points.length, 0));
      const intervals = survival.groups.flatMap((g: any) => g.points.map((p: any) => pctRange([p.lower, p.upper])));
      for (const [k, row] of rows.entries()) expect(row.join(' | ')).toContain(intervals[k]);
    });
  });

  describe('cumulative incidences (confirmed or refuted)', () => {
    it('on a phone, gives each source a panel of its own, none over another, each with only its own bands, on the same scales', async () => {
      await ui.page.setViewportSize({ width: 390, height: 844 });
      await visit(ui.page, `${ui.base}/overview?by=source`);
      const drawn = await panels(ui.page, 'incidence');
      expectOnePanelPerSource(drawn, survival);
      expectApart(drawn, 390);
      for (const a of drawn) {
        // Four band edges (two per verdict), in the verdicts' colours: the probed one green.
        expect(a.colors).toHaveLength(4);
        const blend = expectOwnBandColour(a);
        expect(blend[1]).toBeGreaterThan(Math.max(blend[0]!, blend[2]!));
      }
      const { y } = await expectSameScales(ui.page, 'incidence', drawn);
      expect(y[1]).toBeGreaterThanOrEqual(Math.max(...survival.groups.flatMap((g: any) => g.points.map((p: any) => p.cumConfirmedUpper))));
      await ui.page.locator('figure', { hasText: FIGURES.incidence.title }).screenshot({ path: join(SCREENSHOTS, 'overview-panels-phone.png') });
      expect(ui.watch.errors).toEqual([]);
    });

    it('on a wide screen, sets the panels side by side in rows, and downloads them as one PNG', async () => {
      await ui.page.setViewportSize({ width: 1280, height: 900 });
      await visit(ui.page, `${ui.base}/overview?by=source`);
      await expectRowsAndOnePng(ui.page, 'incidence');
      await screenshot(ui.page, 'overview-panels-1280');
      expect(ui.watch.errors).toEqual([]);
    });

    it('keeps every group’s intervals in the table', async () => {
      const rows = await tableRows(ui.page, 'incidence');
      expect(rows.map((r) => r[6])).toEqual(survival.groups.flatMap((g: any) => g.points.map((p: any) => `${pct(p.cumConfirmed)} (${pctRange([p.cumConfirmedLower, p.cumConfirmedUpper])})`)));
    });
  });
});
