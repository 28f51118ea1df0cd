/**
 * The Overview's cumulative-incidence chart with its 95 % bands (`/api/survival?
 * incidenceBands=true`, R survfit's Aalen–Johansen intervals): drawn as a light fill of each
 * line's colour, read off the canvas' pixels, and listed in the chart's own table. Screenshots
 * at desktop and phone width.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { INCIDENCE_ALPHA } from '../../web/js/charts/survival.js';
import { count, pct, pctRange } from '../../web/js/format.js';
import { HAS_CHROMIUM, SCREENSHOTS, figureTable, screenshot, settle, useBrowserPage, visit } from './harness.js';

const INCIDENCE = /^Confirmed or refuted, by days since first alleged/;

/** The incidence chart (the Overview's second canvas): its bands' edges and the colour of the canvas at (day, share). */
interface Drawn {
  bands: Array<{ label: string; fill: string | false; color: string; points: number[][] }>;
  lines: Array<{ label: string; color: string }>;
  pixels: number[][];
}
function incidenceChart(page: Page, probes: Array<[number, number]>): Promise<Drawn> {
  return page.evaluate((at) => {
    const canvas = document.querySelectorAll('.chart-box canvas')[1] as HTMLCanvasElement;
    const chart = (window as any).Chart.getChart(canvas);
    const ratio = chart.currentDevicePixelRatio;
    const ctx = canvas.getContext('2d')!;
    return {
      bands: chart.data.datasets.filter((d: any) => d.reckon?.kind === 'band').map((d: any) => ({ label: d.label, fill: d.fill, color: d.backgroundColor, points: d.data.map((p: any) => [p.x, p.y]) })),
      lines: chart.data.datasets.filter((d: any) => d.reckon?.kind === 'curve').map((d: any) => ({ label: d.label, color: d.borderColor })),
      pixels: at.map(([day, share]) => Array.from(ctx.getImageData(Math.round(chart.scales.x.getPixelForValue(day) * ratio), Math.round(chart.scales.y.getPixelForValue(share) * ratio), 1, 1).data)),
    };
  }, probes);
}

describe.skipIf(!HAS_CHROMIUM)('the Overview’s cumulative incidences with their 95% bands', () => {
  const ui = useBrowserPage({ demo: true });

  it('fills each verdict’s band in its line’s colour, as /api/survival?incidenceBands=true answers it, and lists it in the table', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?incidenceBands=true`)).json();
    const [all] = survival.groups;
    await visit(ui.page, `${ui.base}/overview`);
    // Day 0 first (nothing known yet: [0, 0]), then each point's interval.
    const edges = (field: string, side: 'Lower' | 'Upper') => [[0, 0], ...all.points.map((p: any) => [p.days, p[`${field}${side}`]])];
    // Probes: inside the confirmed band, away from its line and the grid, before and after the first confirmation.
    const first = all.points.find((p: any) => p.cumConfirmed > 0);
    const next = all.points[all.points.indexOf(first) + 1];
    const inside = (first.cumConfirmed + first.cumConfirmedUpper) / 2 + 0.05;
    const day = Math.round((first.days + next.days) / 2) + 3;
    const chart = await incidenceChart(ui.page, [[day, inside], [Math.max(1, first.days - 10), inside]]);
    expect(chart.lines.map((l) => l.label)).toEqual(['Confirmed', 'Refuted']);
    expect(chart.bands.map((b) => [b.label, b.fill])).toEqual([['Confirmed upper', '+1'], ['Confirmed lower', false], ['Refuted upper', '+1'], ['Refuted lower', false]]);
    expect(chart.bands.map((b) => b.points)).toEqual([edges('cumConfirmed', 'Upper'), edges('cumConfirmed', 'Lower'), edges('cumRefuted', 'Upper'), edges('cumRefuted', 'Lower')]);
    // Light fill, same colour: the line's rgb at a low alpha.
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ');
    expect(chart.bands[0]!.color).toBe(`rgba(${rgb(chart.lines[0]!.color)}, ${INCIDENCE_ALPHA})`);
    expect(chart.bands[2]!.color).toBe(`rgba(${rgb(chart.lines[1]!.color)}, ${INCIDENCE_ALPHA})`);
    // On the canvas: a light green inside the band, the plain white background where there is none yet.
    const [inBand, before] = chart.pixels;
    expect(before).toEqual([255, 255, 255, 255]);
    const [r, g, b] = inBand!;
    expect(g).toBeGreaterThan(r!);
    expect(g).toBeGreaterThan(b!);
    expect(Math.min(r!, g!, b!)).toBeGreaterThan(180);
    const rows = await figureTable(ui.page, INCIDENCE);
    expect(rows).toEqual(all.points.map((p: any) => ['All allegations', count(p.days), count(p.atRisk), count(p.confirmed), count(p.refuted), count(p.censored), `${pct(p.cumConfirmed)} (${pctRange([p.cumConfirmedLower, p.cumConfirmedUpper])})`, `${pct(p.cumRefuted)} (${pctRange([p.cumRefutedLower, p.cumRefutedUpper])})`]));
    expect(await ui.page.locator('figure', { hasText: INCIDENCE }).locator('.figure-note').textContent()).toMatch(/too few to read much into\. The shaded bands show how uncertain the curves are/);
    for (const [width, suffix] of [[1280, 'desktop'], [390, 'phone']] as const) {
      await ui.page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await settle(ui.page);
      await ui.page.locator('figure.figure', { has: ui.page.locator('.figure-title', { hasText: INCIDENCE }) }).screenshot({ path: join(SCREENSHOTS, `overview-incidence-bands-${suffix}.png`) });
      await screenshot(ui.page, `overview-incidence-bands-page-${suffix}`);
    }
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });

  it('draws one band per verdict and drawn group when grouped, each group in a panel of its own, and lists them all in the table', async () => {
    const byType = await (await fetch(`${ui.base}/api/survival?by=sourceType&incidenceBands=true`)).json();
    const big = byType.groups.filter((g: any) => g.entries >= 5);
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await visit(ui.page, `${ui.base}/overview?by=sourceType`);
    // Every canvas of the incidence figure: one per drawn group when there are several (small multiples), else one.
    const panels: Array<Array<{ group: string; color: string }>> = await ui.page.evaluate(() => {
      const fig = Array.from(document.querySelectorAll('figure.figure')).find((f) => /^Confirmed or refuted/.test(f.querySelector('.figure-title')?.textContent ?? ''))!;
      return Array.from(fig.querySelectorAll('.chart-box canvas')).map((c) => (window as any).Chart.getChart(c).data.datasets.filter((d: any) => d.reckon?.kind === 'band').map((d: any) => ({ group: d.reckon.group, color: d.backgroundColor as string })));
    });
    expect(panels).toHaveLength(big.length > 1 ? big.length : 1);
    expect(panels.flat()).toHaveLength(4 * big.length);
    // Each panel holds its own group's four band edges, in the verdicts' colours at the one alpha.
    for (const bands of panels) expect(new Set(bands.map((b) => b.group)).size).toBe(big.length > 1 ? 1 : big.length);
    expect(panels.flat().map((b) => Number(b.color.replace(/.*, |\)/g, '')))).toEqual(panels.flat().map(() => INCIDENCE_ALPHA));
    const rows = await figureTable(ui.page, INCIDENCE);
    expect(rows.map((r) => r[6])).toEqual(byType.groups.flatMap((g: any) => g.points.map((p: any) => `${pct(p.cumConfirmed)} (${pctRange([p.cumConfirmedLower, p.cumConfirmedUpper])})`)));
    expect(ui.watch.errors).toEqual([]);
  });
});
