/**
 * Issue 15 §3, the calibration page: a small-sample notice under about 30 scored forecasts,
 * each Murphy term explained in a line, one number of decimals for every score, the dashed
 * diagonal drawn dashed in the legend, and a point at 0 % clear of the counts beneath it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, postJson as post, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('the calibration page', () => {
  const ui = useBrowserPage({ timeout: 8000 });

  beforeAll(async () => {
    const r = ui.page.request;
    await post(r, `${ui.base}/api/sources`, { id: 'cal', name: 'Cal Ibrate', type: 'forecaster' });
    // Three forecasts: two low ones refuted (a bin observed at 0 %), one high confirmed.
    for (const [i, p, outcome] of [[0, 0.05, 'refuted'], [1, 0.08, 'refuted'], [2, 0.85, 'confirmed']] as const) {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'prediction', title: `Will gauge ${i} read high?`, statement: `Gauge ${i} reads high.`, resolutionCriteria: 'The gauge log says so.', deadline: '2024-06-30', openedAt: '2024-01-01T00:00:00Z' });
      await post(r, `${ui.base}/api/claims/${c.id}/forecasts`, { sourceId: 'cal', probability: p, madeAt: '2024-02-01T00:00:00Z' });
      await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome, knownOn: '2024-05-15' });
    }
  });

  it('says the sample is small, explains each Murphy term, and gives every score the same decimals', async () => {
    await visit(ui.page, `${ui.base}/calibration`);
    await expect(ui.page.locator('.small-sample').textContent()).resolves.toMatch(/^Only 3 scored forecasts: too few to judge calibration/);
    const terms = await ui.page.locator('.murphy dl.terms dt').allTextContents();
    expect(terms).toEqual(expect.arrayContaining(['Reliability', 'Resolution', 'Uncertainty']));
    for (const dd of await ui.page.locator('.murphy dl.terms dd').allTextContents()) expect(dd.length).toBeGreaterThan(30);
    const values = await ui.page.locator('.stat').evaluateAll((els) => els.filter((e) => !/Forecasts scored/.test(e.textContent ?? '')).map((e) => e.querySelector('dd')?.textContent ?? ''));
    expect(values.length).toBeGreaterThanOrEqual(6);
    for (const v of values) expect(v).toMatch(/^-?\d+\.\d{4}$/);
    const line = (await ui.page.locator('.murphy p').first().textContent()) ?? '';
    for (const n of line.match(/-?\d+\.\d+/g) ?? []) expect(n).toMatch(/\.\d{4}$/);
  });

  it('a filter the API refuses is named once, in a sentence, beside a plain lead', async () => {
    await visit(ui.page, `${ui.base}/calibration?bins=1`);
    const box = ui.page.locator('.notice.error');
    await expect(box.locator('p').textContent()).resolves.toBe('These filters were not accepted; change them and apply again:');
    await expect(box.locator('li').allTextContents()).resolves.toEqual(['bins must be at least 2 (it is 1).']);
    ui.watch.errors = ui.watch.errors.filter((e) => !/400/.test(e)); // the refusal's 400 was expected
  });

  it('draws the dashed diagonal dashed in the legend, and keeps a point at 0 % clear of the counts', async () => {
    await visit(ui.page, `${ui.base}/calibration`);
    const got = await ui.page.evaluate(() => {
      const chart = (window as any).Chart.getChart(document.querySelector('.chart-box canvas'));
      const item = chart.legend.legendItems.find((i: { text: string }) => i.text === 'Perfect calibration');
      // The swatch's middle row: a dashed line has both inked and empty pixels along it.
      let inked = 0;
      let empty = 0;
      if (item.pointStyle instanceof HTMLCanvasElement) {
        const c = item.pointStyle as HTMLCanvasElement;
        const row = c.getContext('2d')!.getImageData(0, Math.floor(c.height / 2), c.width, 1).data;
        for (let i = 3; i < row.length; i += 4) (row[i]! > 0 ? inked++ : empty++);
      }
      const meta = chart.getDatasetMeta(0);
      const zero = meta.data.find((_: unknown, k: number) => chart.data.datasets[0].data[k].y === 0);
      return { isImage: item.pointStyle instanceof HTMLCanvasElement, inked, empty, pointBottom: zero.y + zero.options.radius, countTop: chart.scales.count.top };
    });
    expect(got.isImage).toBe(true);
    expect(got.inked).toBeGreaterThan(0);
    expect(got.empty).toBeGreaterThan(0);
    expect(got.pointBottom).toBeLessThanOrEqual(got.countTop);
    await ui.page.screenshot({ path: '/tmp/ux15-calibration-1280.png', fullPage: true });
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await visit(ui.page, `${ui.base}/calibration`);
    await ui.page.screenshot({ path: '/tmp/ux15-calibration-390.png', fullPage: true });
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    expect(ui.watch.errors).toEqual([]);
  });
});
