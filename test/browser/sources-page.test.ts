/**
 * Issue 15 §3, the sources page: the default ranking fits the data (Brier when no stance is
 * scored, the stance record once one is), sources with nothing scored are listed apart with
 * why, small counts are marked, the Brier axis and its title agree, long names wrap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, postJson as post, useBrowserPage, visit } from './harness.js';

const LONG = 'The Extraordinarily Long-Named Institute for Forecasting Regional Infrastructure Outcomes';

describe.skipIf(!HAS_CHROMIUM)('the sources page', () => {
  const ui = useBrowserPage({ timeout: 8000 });

  beforeAll(async () => {
    const r = ui.page.request;
    await post(r, `${ui.base}/api/sources`, { id: 'long', name: LONG, type: 'organisation' });
    await post(r, `${ui.base}/api/sources`, { id: 'once', name: 'Olive Once', type: 'forecaster' });
    await post(r, `${ui.base}/api/sources`, { id: 'idle', name: 'Ivan Idle', type: 'person' });
    // Five resolved predictions for the long-named source (ranked), one for Olive (too few), none for Ivan.
    for (let i = 0; i < 5; i++) {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'prediction', title: `Will bridge ${i} open?`, statement: `Bridge ${i} opens.`, resolutionCriteria: 'It opens to traffic.', deadline: '2024-06-30', openedAt: '2024-01-01T00:00:00Z' });
      await post(r, `${ui.base}/api/claims/${c.id}/forecasts`, { sourceId: 'long', probability: 0.8, madeAt: '2024-02-01T00:00:00Z' });
      if (i === 0) await post(r, `${ui.base}/api/claims/${c.id}/forecasts`, { sourceId: 'once', probability: 0.7, madeAt: '2024-02-01T00:00:00Z' });
      await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome: 'confirmed', knownOn: '2024-05-15' });
    }
  });

  const chart = () =>
    ui.page.evaluate(() => {
      const c = (window as any).Chart.getChart(document.querySelector('.chart-box canvas'));
      return { max: c.scales.x.max as number, title: c.options.scales.x.title.text as string, labels: c.scales.y.ticks.map((t: { label: string | string[] }) => t.label) as Array<string | string[]> };
    });

  it('with forecasts but no scored stance, ranks by Brier by default; the axis and its title agree; names wrap whole', async () => {
    await visit(ui.page, `${ui.base}/sources`);
    expect(await ui.page.locator('#sources-sort').inputValue()).toBe('brier');
    await expect(ui.page.locator('.small-sample').textContent()).resolves.toContain('no stance has been scored yet');
    const { max, title, labels } = await chart();
    // Every Brier here is 0.04 (0.8 on confirmed) or 0.09: the axis ends near them, and its title does not promise 0.25.
    expect(max).toBeLessThan(0.25);
    expect(title).not.toMatch(/0\.25/);
    expect(title).toContain(`ends at ${max.toFixed(2)}`);
    const longLabel = labels.find((l) => Array.isArray(l) && l.join(' ').startsWith('The Extraordinarily')) as string[];
    expect(longLabel.join(' ')).toBe(LONG);
    expect(longLabel.length).toBeGreaterThan(1);
    await ui.page.screenshot({ path: '/tmp/ux15-sources-brier-1280.png', fullPage: true });
  });

  it('marks too-few counts without a rank and lists the unscored apart, with why', async () => {
    await visit(ui.page, `${ui.base}/sources?sort=brier`);
    const rows = await ui.page.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => (td.textContent ?? '').trim())));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['1', LONG, '5'],
      ['—', 'Olive Once', 'n = 1, too few to rank'],
    ]);
    const unranked = ui.page.locator('.unranked tbody tr');
    await expect(unranked.allTextContents()).resolves.toEqual(['Ivan IdleNothing recorded yet.']);
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await visit(ui.page, `${ui.base}/sources?sort=brier`);
    await ui.page.screenshot({ path: '/tmp/ux15-sources-brier-390.png', fullPage: true });
    await ui.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('one scored stance does not displace a Brier ranking; five make the stance record the default', async () => {
    const r = ui.page.request;
    const stance = async (i: number) => {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'allegation', title: `Did ferry ${i} sink?`, statement: `Ferry ${i} sank.`, resolutionCriteria: 'Two outlets report it.' });
      await post(r, `${ui.base}/api/claims/${c.id}/stances`, { sourceId: 'idle', stance: 'asserts', date: '2024-03-01' });
      await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome: 'confirmed', knownOn: '2024-05-15' });
    };
    await stance(0);
    await visit(ui.page, `${ui.base}/sources`);
    expect(await ui.page.locator('#sources-sort').inputValue()).toBe('brier');
    await expect(ui.page.locator('.small-sample').textContent()).resolves.toContain('no source has 5 scored stances yet');
    for (let i = 1; i < 5; i++) await stance(i);
    await visit(ui.page, `${ui.base}/sources`);
    expect(await ui.page.locator('#sources-sort').inputValue()).toBe('accuracy');
    await expect(ui.page.locator('.unranked').textContent()).resolves.toContain('scored by Brier score instead (5 scored forecasts)');
    await ui.page.screenshot({ path: '/tmp/ux15-sources-accuracy-1280.png', fullPage: true });
    expect(ui.watch.errors).toEqual([]);
  });
});
