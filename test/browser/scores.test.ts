/**
 * Issue 16 in the browser: the claim page draws the crowd line beside each forecaster's steps
 * (and lists it in the chart's table), shows the scores table once resolved, and the
 * leaderboard page ranks the sources; screenshots at desktop and phone width.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, figureTable, postJson as post, screenshot, settle, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('crowd line, scores and leaderboard', () => {
  const ui = useBrowserPage();
  let claimId: string;

  beforeAll(async () => {
    const r = ui.page.request;
    for (const [id, name] of [['ada', 'Ada Analyst'], ['ben', 'Ben Bayes'], ['cy', 'Cy Superforecaster']]) await post(r, `${ui.base}/api/sources`, { id, name, type: 'forecaster' });
    await post(r, `${ui.base}/api/sources`, { id: 'platform', name: 'A platform’s community', type: 'forecasting-platform' });
    const claim = await post(r, `${ui.base}/api/claims`, { kind: 'prediction', title: 'Will the ferry line reopen by June 2024?', statement: 'The ferry line reopens.', resolutionCriteria: 'Timetabled sailings resume.', deadline: '2024-06-30', openedAt: '2024-01-01T00:00:00Z', tags: ['ferries'] });
    claimId = claim.id;
    const f = (sourceId: string, probability: number, madeAt: string) => post(r, `${ui.base}/api/claims/${claimId}/forecasts`, { sourceId, probability, madeAt });
    await f('ada', 0.3, '2024-01-05T00:00:00Z');
    await f('ben', 0.6, '2024-02-01T00:00:00Z');
    await f('platform', 0.9, '2024-02-10T00:00:00Z');
    await f('cy', 0.8, '2024-03-01T00:00:00Z');
    await f('ada', 0.7, '2024-04-01T00:00:00Z');
    await post(r, `${ui.base}/api/claims/${claimId}/resolution`, { outcome: 'confirmed', knownOn: '2024-05-15' });
  });

  it('draws the crowd line on the claim chart, with its points in the table, and shows the scores table', async () => {
    await visit(ui.page, `${ui.base}/claims/${claimId}`);
    const labels = await ui.page.evaluate(() => {
      const canvas = document.querySelector('.chart-box canvas');
      return (window as any).Chart.getChart(canvas).data.datasets.map((d: { label: string }) => d.label);
    });
    expect(labels).toContain('Crowd (recency-weighted median)');
    const rows = await figureTable(ui.page, 'Forecasts over time');
    const crowd = rows.filter((r) => r[1] === 'Crowd forecast').map((r) => r[3]);
    // Ada alone 30 %; Ada and Ben: median 45 %; with Cy: weighted median 60 %; Ada's update: 70 %. The platform is not in it.
    expect(crowd).toEqual(['30%', '45%', '60%', '70%']);
    const scores = ui.page.locator('section.claim-scores');
    await expect(scores.locator('tbody tr').count()).resolves.toBe(5);
    await expect(scores.locator('tbody tr').last().textContent()).resolves.toContain('Crowd');
    await expect(scores.textContent()).resolves.toMatch(/Peer.*0 for a lone forecaster/);
    await screenshot(ui.page, 'claim-crowd-scores-desktop');
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await settle(ui.page);
    // Charts resize on a ResizeObserver tick after the viewport changes: wait for the layout to settle at 390.
    await ui.page.waitForFunction(() => document.documentElement.scrollWidth <= 390, null, { timeout: 10_000 }).catch(() => undefined);
    expect(await ui.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(ui.page, 'claim-crowd-scores-phone');
    await ui.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('ranks the sources on the leaderboard page, peer by default, and switches to baseline', async () => {
    await visit(ui.page, `${ui.base}/leaderboard`);
    const api = await (await ui.page.request.get(`${ui.base}/api/leaderboard`)).json();
    const shown = await ui.page.locator('main tbody tr').evaluateAll((rs) => rs.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
    expect(shown.map((r) => r[0])).toEqual(api.items.map((i: { rank: number }) => String(i.rank)));
    expect(shown.map((r) => r[1])).toEqual(api.items.map((i: { sourceId: string }) => ({ ada: 'Ada Analyst', ben: 'Ben Bayes', cy: 'Cy Superforecaster', platform: 'A platform’s community' })[i.sourceId]));
    await expect(ui.page.getByText(/Small samples/).isVisible()).resolves.toBe(true);
    await screenshot(ui.page, 'leaderboard-desktop');
    await ui.page.selectOption('#lb-score', 'baseline');
    await ui.page.waitForURL(/score=baseline/);
    await settle(ui.page);
    await expect(ui.page.locator('caption').first().textContent()).resolves.toBe('Sources by baseline score');
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await settle(ui.page);
    expect(await ui.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(ui.page, 'leaderboard-phone');
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });
});
