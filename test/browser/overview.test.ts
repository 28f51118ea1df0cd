/**
 * The Overview on the demo case: the time-to-verdict curves drawn from /api/survival (with
 * their band, numbers at risk and table), grouped three ways, small samples said in words,
 * base rates as /api/base-rates answers, a source's record over time. Screenshots of each
 * figure at desktop and phone width.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { priorForType } from '../../web/js/charts/base-rates.js';
import { count, pct, pctRange } from '../../web/js/format.js';
import { HAS_CHROMIUM, SCREENSHOTS, figureTable, screenshot, settle, useBrowserPage, visit } from './harness.js';

const STILL = /^Allegations still without a verdict/;

/** Each drawn chart's title-less summary: curve labels and their points, and the at-risk rows at the ticks. */
function curves(page: Page, index = 0) {
  return page.evaluate((i) => {
    const chart = (window as any).Chart.getChart(document.querySelectorAll('.chart-box canvas')[i]);
    const risk = chart.config.plugins.find((p: any) => p.id === 'reckonAtRisk');
    return {
      curves: chart.data.datasets.filter((d: any) => d.reckon?.kind === 'curve').map((d: any) => ({ label: d.label, points: d.data.map((p: any) => [p.x, p.y]) })),
      bands: chart.data.datasets.filter((d: any) => d.reckon?.kind === 'band').length,
      atRisk: risk ? risk.rows.map((r: any) => chart.scales.x.ticks.map((t: any) => r.atRisk(t.value))) : null,
      ticks: chart.scales.x.ticks.map((t: any) => t.value),
    };
  }, index);
}

async function shootFigures(page: Page, name: string) {
  for (const [width, suffix] of [[1280, 'desktop'], [390, 'phone']] as const) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await settle(page);
    await screenshot(page, `${name}-${suffix}`);
    const figures = page.locator('figure.figure');
    for (let i = 0; i < (await figures.count()); i += 1) await figures.nth(i).screenshot({ path: join(SCREENSHOTS, `${name}-figure-${i + 1}-${suffix}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!HAS_CHROMIUM)('the Overview', () => {
  const ui = useBrowserPage({ demo: true });
  const api = async (path: string) => (await fetch(`${ui.base}${path}`)).json();

  it('draws the demo case’s time to verdict as /api/survival answers it, from 100% on day 0, with its band and numbers at risk', async () => {
    const survival = await api('/api/survival');
    const [all] = survival.groups;
    expect(all.entries).toBeGreaterThanOrEqual(5);
    await visit(ui.page, `${ui.base}/overview`);
    const drawn = await curves(ui.page);
    expect(drawn.curves).toHaveLength(1);
    const expected = [[0, 1], ...all.points.map((p: any) => [p.days, p.unresolved])];
    expect(drawn.curves[0]!.points).toEqual(all.points[0].days === 0 ? expected.slice(1) : expected);
    expect(drawn.bands).toBe(2);
    const atRiskAt = (t: number) => all.points.find((p: any) => p.days >= t)?.atRisk ?? 0;
    expect(drawn.atRisk).toEqual([drawn.ticks.map(atRiskAt)]);
    expect(drawn.atRisk![0]![0]).toBe(all.entries);
    const rows = await figureTable(ui.page, STILL);
    expect(rows.map((r) => [r[1], r[2], r[6], r[7]])).toEqual(all.points.map((p: any) => [count(p.days), count(p.atRisk), pct(p.unresolved), p.lower === null ? '—' : pctRange([p.lower, p.upper])]));
    // The sample is small, and the page says so in words.
    expect(await ui.page.locator('.sample-words li').first().textContent()).toMatch(new RegExp(`^${all.entries} allegations, too few to read much into\\.`));
    expect(await ui.page.locator('figure', { hasText: 'Allegations still without a verdict' }).locator('.figure-note').textContent()).toMatch(/too few to read much into/);
    const incidence = await curves(ui.page, 1);
    expect(incidence.curves.map((c: { label: string }) => c.label)).toEqual(['Confirmed', 'Refuted']);
    expect(incidence.curves[0]!.points.at(-1)![1]).toBeCloseTo(all.points.at(-1).cumConfirmed, 10);
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.locator('figure', { hasText: 'Allegations still without a verdict' }).getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('reckon-time-to-verdict-none.png');
    await shootFigures(ui.page, 'overview-curves');
  });

  it('groups the curves by type of source and by source, drawing only groups big enough and naming the rest', async () => {
    await visit(ui.page, `${ui.base}/overview`);
    await ui.page.getByLabel('Group curves and base rates by').selectOption('sourceType');
    await ui.page.waitForURL(/by=sourceType/);
    await settle(ui.page);
    const byType = await api('/api/survival?by=sourceType');
    const big = byType.groups.filter((g: any) => g.entries >= 5);
    expect(big.length).toBeGreaterThan(0);
    expect((await curves(ui.page)).curves.map((c: { label: string }) => c.label)).toEqual(big.map((g: any) => ({ government: 'Government', 'international-body': 'International body' })[g.key as string] ?? g.key));
    await shootFigures(ui.page, 'overview-by-type');
    await visit(ui.page, `${ui.base}/overview?by=source`);
    const bySource = await api('/api/survival?by=source');
    const words = await ui.page.locator('.sample-words li').allTextContents();
    expect(words).toHaveLength(bySource.groups.length);
    const tiny = bySource.groups.filter((g: any) => g.entries < 5).length;
    expect(words.filter((t) => /too few to read anything into \(not drawn\)/.test(t))).toHaveLength(tiny);
    expect(words.some((t) => t.startsWith('US National Security Council (White House): '))).toBe(true);
    // In the demo no one source asserts 5 allegations: no curve, and the page says why.
    expect(bySource.groups.every((g: any) => g.entries < 5)).toBe(true);
    expect(await ui.page.getByText('Every group has fewer than 5 assertions: too few to draw a curve.').isVisible()).toBe(true);
    await shootFigures(ui.page, 'overview-by-source');
  });

  it('shows base rates as /api/base-rates answers, and a source’s record over time', async () => {
    await visit(ui.page, `${ui.base}/overview`);
    const rates = await api('/api/base-rates?by=sourceType');
    const rows = await figureTable(ui.page, /How often allegations were confirmed/);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5]])).toEqual(
      rates.groups.map((g: any) => [{ government: 'Government', 'international-body': 'International body', organisation: 'Organisation' }[g.key as string] ?? g.key, count(g.asserted.confirmed), count(g.asserted.refuted), count(g.asserted.pending), pct(g.confirmationRate, 0), pctRange(g.interval, 0)]),
    );
    expect(await ui.page.locator('figure', { hasText: 'How often allegations were confirmed' }).locator('.figure-note').textContent()).toMatch(/Too few resolved allegations to read much into: Government/);
    await ui.page.getByLabel('Source over time').selectOption('us-nsc');
    await ui.page.waitForURL(/source=us-nsc/);
    await settle(ui.page);
    const overview = await api('/api/overview');
    const nsc = overview.bySource.find((s: any) => s.sourceId === 'us-nsc');
    const table = await figureTable(ui.page, /US National Security Council \(White House\): right, wrong and pending over time/);
    expect(table.at(-1)).toEqual([nsc.periods.at(-1).period, count(nsc.right), count(nsc.wrong), count(nsc.pending), count(nsc.periods.at(-1).right), count(nsc.periods.at(-1).wrong)]);
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });

  it('replays every figure as it stood on a past day', async () => {
    const survival = await api('/api/survival?asOf=2023-12-31');
    const today = await api('/api/survival');
    expect(survival.groups[0].entries).toBeLessThan(today.groups[0].entries);
    await visit(ui.page, `${ui.base}/overview`);
    await ui.page.getByLabel('As it stood on').fill('2023-12-31');
    await ui.page.getByLabel('As it stood on').dispatchEvent('change');
    await ui.page.waitForURL(/asOf=2023-12-31/);
    await settle(ui.page);
    expect(await ui.page.getByRole('status').textContent()).toMatch(/^As it stood at the end of 31 Dec 2023/);
    const rows = await figureTable(ui.page, STILL);
    expect(rows.map((r) => [r[1], r[2], r[6]])).toEqual(survival.groups[0].points.map((p: any) => [count(p.days), count(p.atRisk), pct(p.unresolved)]));
    const rates = await api('/api/base-rates?by=sourceType&asOf=2023-12-31');
    expect((await figureTable(ui.page, /How often allegations were confirmed/)).map((r) => r[1])).toEqual(rates.groups.map((g: any) => count(g.asserted.confirmed)));
  });

  it('shows the base rate of the chosen source’s type as a prior beside the new-allegation form', async () => {
    const rates = await api('/api/base-rates?by=sourceType');
    await visit(ui.page, `${ui.base}/claims/new?kind=allegation`);
    const prior = ui.page.getByRole('complementary', { name: 'Base rate' });
    expect(await prior.isVisible()).toBe(false);
    await ui.page.getByLabel('A stance of a source').check();
    await ui.page.getByRole('combobox', { name: /^Source/ }).selectOption({ label: 'US National Security Council (White House)' });
    await prior.waitFor();
    const expected = priorForType(rates, 'government');
    expect(expected).toMatch(/^Allegations from governments were confirmed \d+ of \d+ times: \d+% \(95% interval \d+–\d+%\)/);
    expect(await prior.textContent()).toBe(`Base rate${expected}`);
    await ui.page.getByRole('combobox', { name: /^Source/ }).selectOption({ label: '+ New source…' });
    await ui.page.getByLabel('Type').selectOption('media');
    await ui.page.waitForFunction(() => /media outlets/.test(document.querySelector('aside.prior')?.textContent ?? ''));
    expect(await prior.textContent()).toBe(`Base rate${priorForType(rates, 'media')}`);
    await ui.page.getByRole('combobox', { name: /^Source/ }).selectOption({ label: 'US National Security Council (White House)' });
    await ui.page.waitForFunction(() => /governments/.test(document.querySelector('aside.prior')?.textContent ?? ''));
    await ui.page.getByLabel('Prediction — about the future; gets probabilities').check();
    expect(await prior.isVisible()).toBe(false);
    await ui.page.getByLabel('Allegation — about a fact; sources assert or deny it').check();
    await prior.waitFor();
    await shootFigures(ui.page, 'form-prior');
    expect(ui.watch.errors).toEqual([]);
  });
});
