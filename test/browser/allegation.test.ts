/**
 * An allegation's page on the demo case: who said what in lanes (no probability axis), the
 * verdict of each stance once resolved, "first alleged on", and the as-of view hiding what
 * was not yet known, details text included. Screenshots at desktop and phone width.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { HAS_CHROMIUM, SCREENSHOTS, figureTable, screenshot, settle, useBrowserPage, visit } from './harness.js';

const LANES = 'Who said what, and when';

/** What the drawn charts say about themselves: each one's y-axis title and lane names. */
function drawnCharts(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart-box canvas')).map((c) => {
      const chart = (window as any).Chart.getChart(c);
      const y = chart.options.scales.y;
      return { yTitle: y.title?.display ? y.title.text : '', lanes: chart.scales.y.ticks.map((t: any) => [t.label].flat().join(' ')), marks: chart.data.datasets.reduce((n: number, d: any) => n + d.data.length, 0) };
    }),
  );
}

/** The whole page at desktop and phone width, and the lanes figure alone at each (to look at closely). */
async function shoot(page: Page, name: string) {
  for (const [width, suffix] of [[1280, 'desktop'], [390, 'phone']] as const) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await settle(page);
    await screenshot(page, `${name}-${suffix}`);
    await page.locator('figure.figure').first().screenshot({ path: join(SCREENSHOTS, `${name}-figure-${suffix}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!HAS_CHROMIUM)('an allegation’s page', () => {
  const ui = useBrowserPage({ demo: true });

  it('draws one lane per source and one for evidence, with no probability axis, and says when it was first alleged', async () => {
    await visit(ui.page, `${ui.base}/claims/nk-wagner-delivery`);
    const charts = await drawnCharts(ui.page);
    expect(charts).toHaveLength(1);
    expect(charts[0]!.yTitle).toBe('');
    // Sources in the order they first spoke (ties by name); long names wrapped, whole at this width.
    expect(charts[0]!.lanes).toEqual(['US National Security Council (White House)', 'North Korean government (KCNA statements)', 'UK Foreign Secretary', 'Wagner Group', 'Evidence']);
    expect(await ui.page.locator('.facts div', { hasText: 'First alleged on' }).locator('dd').textContent()).toBe('22 Dec 2022 by US National Security Council (White House)');
    // Opened the day it was logged (years after it was alleged): not a second, misleading date.
    expect(await ui.page.locator('.facts dt', { hasText: /^Opened$/ }).count()).toBe(0);
    const rows = await figureTable(ui.page, LANES);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['22 Dec 2022', 'Stance: asserts', 'US National Security Council (White House)'],
      ['23 Dec 2022', 'Stance: asserts', 'UK Foreign Secretary'],
      ['23 Dec 2022', 'Stance: denies', 'Wagner Group'],
      ['23 Dec 2022', 'Stance: denies', 'North Korean government (KCNA statements)'],
      ['20 Jan 2023', 'Evidence: supports', 'Evidence'],
    ]);
    expect(rows.every((r) => r[4] === 'Pending' || r[4] === '')).toBe(true);
    await shoot(ui.page, 'allegation-open');
  });

  it('shows whether each source was right once the claim is resolved', async () => {
    await visit(ui.page, `${ui.base}/claims/nk-shells-purchase`);
    const rows = await figureTable(ui.page, LANES);
    const verdicts = rows.filter((r) => r[1]!.startsWith('Stance')).map((r) => [r[2], r[1], r[4]]);
    expect(verdicts).toEqual([
      ['US intelligence officials', 'Stance: asserts', 'Right'],
      ['North Korean government (KCNA statements)', 'Stance: denies', 'Wrong'],
    ]);
    expect(rows.some((r) => r[1] === 'Resolution' && r[5] === 'Confirmed 13 Oct 2023')).toBe(true);
    const tags = await ui.page.evaluate(() => (window as any).Chart.getChart(document.querySelector('.chart-box canvas')).data.datasets.flatMap((d: any) => d.data.map((p: any) => p.tag)));
    expect(tags).toEqual(expect.arrayContaining(['✓ right', '✗ wrong']));
    await shoot(ui.page, 'allegation-resolved');
  });

  it('as of a past date, hides the stances, evidence and details text not yet known then', async () => {
    await visit(ui.page, `${ui.base}/claims/nk-wagner-delivery?asOf=2022-12-22`);
    const rows = await figureTable(ui.page, LANES);
    expect(rows.filter((r) => r[1]!.startsWith('Stance') || r[1]!.startsWith('Evidence')).map((r) => r[2])).toEqual(['US National Security Council (White House)']);
    const details = ui.page.locator('section', { has: ui.page.getByRole('heading', { name: 'Details' }) });
    expect(await details.count()).toBe(1);
    expect(await details.getByText('Wagner mutiny').isVisible()).toBe(false);
    expect(await details.textContent()).toMatch(/after 22 Dec 2022/);
    await details.getByText('Show the details written later').click();
    expect(await details.getByText('Wagner mutiny').isVisible()).toBe(true);
    // The wording itself was logged long after: it is kept, and marked with when it was written.
    expect(await ui.page.locator('.notice[role="status"] .later-text').textContent()).toMatch(/^The title, the statement and the resolution criteria were written on \d+ \w+ \d{4}, after 22 Dec 2022/);
    await shoot(ui.page, 'allegation-as-of');
    await visit(ui.page, `${ui.base}/claims/nk-wagner-delivery`);
    expect(await ui.page.getByText('Wagner mutiny').isVisible()).toBe(true);
  });

  it('keeps forecast lines, on a probability axis, for predictions', async () => {
    await visit(ui.page, `${ui.base}/claims/metaculus-nk-troops-2024`);
    const charts = await drawnCharts(ui.page);
    expect(charts.map((c) => c.yTitle)).toEqual(['Probability the claim is confirmed']);
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });

  it('labels a stated confidence and an Admiralty grade beside the mark, and draws the check-by date', async () => {
    const post = async (path: string, data: unknown) => {
      const res = await ui.page.request.post(`${ui.base}${path}`, { data });
      if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    };
    const claim = await post('/api/claims', { kind: 'allegation', title: `Graded allegation ${process.pid}`, statement: 'S', resolutionCriteria: 'C', checkBy: '2024-06-30' });
    await post(`/api/claims/${claim.id}/stances`, { sourceId: 'us-nsc', stance: 'asserts', date: '2023-03-02', confidence: 0.9 });
    await post(`/api/claims/${claim.id}/stances`, { sourceId: 'dprk', stance: 'denies', date: '2023-03-05', estimative: 'almost certainly' });
    await post(`/api/claims/${claim.id}/evidence`, { date: '2023-09', summary: 'Imagery', bearing: 'supports', grade: { reliability: 'B', credibility: 2 } });
    await post(`/api/claims/${claim.id}/evidence`, { date: '2023-11-20', summary: 'A denial repeated', bearing: 'contradicts' });
    await post(`/api/claims/${claim.id}/evidence`, { date: '2024-01-10', summary: 'Background', bearing: 'context', grade: { reliability: 'C', credibility: 3 } });
    await post(`/api/claims/${claim.id}/resolution`, { outcome: 'confirmed', knownOn: '2024-02-01' });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    const rows = await figureTable(ui.page, LANES);
    expect(rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['2 Mar 2023', 'Stance: asserts', '90% sure', 'Right'],
      ['5 Mar 2023', 'Stance: denies', '“almost certainly”', 'Wrong'],
      ['Sep 2023', 'Evidence: supports', 'B2', ''],
      ['20 Nov 2023', 'Evidence: contradicts', '—', ''],
      ['10 Jan 2024', 'Evidence: context', 'C3', ''],
      ['1 Feb 2024', 'Resolution', '', ''],
      ['30 Jun 2024', 'Check by', '', ''],
    ]);
    const tags = await ui.page.evaluate(() => (window as any).Chart.getChart(document.querySelector('.chart-box canvas')).data.datasets.flatMap((d: any) => d.data.map((p: any) => p.tag)));
    expect(tags).toEqual(['90% sure · ✓ right', '“almost certainly” · ✗ wrong', 'B2', '', 'C3']);
    await shoot(ui.page, 'allegation-graded');
  });

  it('lists claims newest first by their date in the world, and by recording when asked', async () => {
    for (const sort of ['newest', 'recorded']) {
      const api = await (await ui.page.request.get(`${ui.base}/api/claims?sort=${sort}&limit=200`)).json();
      await visit(ui.page, `${ui.base}/${sort === 'newest' ? '' : `?sort=${sort}`}`);
      expect(await ui.page.getByLabel('Sort').inputValue()).toBe(sort);
      expect(await ui.page.locator('.claim-row h2 a').allTextContents(), sort).toEqual(api.items.map((c: any) => c.title));
    }
    const row = ui.page.locator('.claim-row', { hasText: 'North Korea delivered rockets and missiles to Wagner' });
    expect(await row.locator('.claim-meta').textContent()).toContain('First alleged 22 Dec 2022');
    // The demo's allegations by when they were first alleged (they were all logged at once, in another order).
    const titles = await (async () => {
      await visit(ui.page, `${ui.base}/?kind=allegation&tag=north-korea`);
      return ui.page.locator('.claim-row h2 a').allTextContents();
    })();
    expect(titles).toEqual([
      'North Korean special forces sent to Russia',
      'Russia–North Korea arms talks are advancing',
      'North Korea delivered rockets and missiles to Wagner',
      'Shells routed covertly via the Middle East or North Africa',
      'North Korea has never exported arms to Russia',
      'Russia buys millions of North Korean shells and rockets',
    ]);
  });
});
