/**
 * Issue 17 in the browser, against the real server: log a multiple-choice, a numeric and a date
 * question; forecast one percentage per option, or quartiles that the page turns into
 * Metaculus's 201-point CDF (with a live density preview); resolve with a value; and see the
 * charts (per-option history, density curves, fan) with their tables. Screenshots at 1280 and
 * 390 px wide go to test-artifacts/screenshots and /tmp/q17-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { locationOfQuantile } from '../../web/js/cdf/sliders.js';
import { HAS_CHROMIUM, fieldError, figureTable, postJson as post, screenshot, settle, unique, useBrowserPage, visit, type App } from './harness.js';

/** Both widths, in the artifacts and in /tmp for the report. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await page.waitForTimeout(150);
    await screenshot(page, `q17-${name}-${width}`);
    await page.screenshot({ path: `/tmp/q17-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function newQuestion(page: Page, app: App, title: string, type: string): Promise<void> {
  await visit(page, `${app.url}/claims/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Statement').fill(`${title} (statement)`);
  await page.getByLabel('Resolution criteria').fill('As reported by the organiser.');
  await page.getByLabel('Deadline').fill('2031-01-01');
  await page.getByLabel(type, { exact: true }).check();
}

async function newForecaster(page: Page): Promise<void> {
  const panel = page.locator('details', { hasText: 'Add a forecast' });
  await panel.getByRole('combobox', { name: /^Forecaster/ }).selectOption({ label: '+ New source…' });
  await panel.getByLabel('New source name').fill(`Forecaster ${unique('f')}`);
}

async function resolveWith(page: Page, fill: () => Promise<void>): Promise<void> {
  await page.getByText('Resolve', { exact: true }).click();
  await fill();
  await page.getByRole('button', { name: 'Resolve the claim' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Resolve anyway' }).click();
  await page.getByText('Claim resolved.').waitFor();
  await settle(page);
}

describe.skipIf(!HAS_CHROMIUM)('questions that are not yes/no', () => {
  // The demo case first: /api/demo loads only into an empty database.
  const ui = useBrowserPage({ demo: true });
  const claimOf = async (id: string) => (await ui.page.request.get(`${ui.base}/api/claims/${id}`)).json();

  it('multiple choice: logs the options, refuses percentages that do not make 100 %, charts one line per option, resolves to an option', async () => {
    const title = `Which colour wins ${unique('vote')}?`;
    await newQuestion(ui.page, ui.app, title, 'Multiple choice');
    await ui.page.getByLabel('Options, one a line').fill('Red\nGreen\nBlue');
    await shoot(ui.page, 'new-claim-multiple-choice');
    await ui.page.getByRole('button', { name: 'Log the claim' }).click();
    await ui.page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = decodeURIComponent(new URL(ui.page.url()).pathname.split('/').pop()!);
    expect(await claimOf(id)).toMatchObject({ questionType: 'multiple-choice', options: ['Red', 'Green', 'Blue'] });

    await newForecaster(ui.page);
    for (const [label, p] of [['Red (%)', '50'], ['Green (%)', '30'], ['Blue (%)', '30']] as const) await ui.page.getByLabel(label).fill(p);
    expect(await ui.page.getByText(/^Total: 110 %/).count()).toBe(1);
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.locator('.form-summary').waitFor();
    expect(await fieldError(ui.page, '/probabilities')).not.toBe('');
    await ui.page.getByLabel('Blue (%)').fill('20');
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.getByText('Forecast recorded.').waitFor();
    await settle(ui.page);
    expect((await claimOf(id)).forecasts[0].probabilities).toEqual([0.5, 0.3, 0.2]);
    expect((await figureTable(ui.page, /^Forecaster .*: each option over time/)).map((r) => r.slice(1))).toEqual([['50%', '30%', '20%']]);
    // One forecaster: the crowd (the renormalised median) is that forecast.
    expect((await figureTable(ui.page, 'The crowd: each option over time')).map((r) => r.slice(1))).toEqual([['50%', '30%', '20%']]);

    await resolveWith(ui.page, () => ui.page.getByLabel('Green', { exact: true }).check());
    expect(await claimOf(id)).toMatchObject({ status: 'resolved', resolution: { outcome: 'resolved', value: 'Green' } });
    expect(await ui.page.locator('.claim-head .badge', { hasText: 'Resolved' }).count()).toBe(1);
    expect(await ui.page.getByText('Resolved: Green').count()).toBeGreaterThan(0);
    expect(await ui.page.locator('.figure-title', { hasText: 'each option over time' }).count()).toBe(2);
  });

  it('numeric: quartiles become a CDF Metaculus would accept, with a live preview; an outside median is named; density and fan chart it', async () => {
    const title = `How many visitors ${unique('fair')}?`;
    await newQuestion(ui.page, ui.app, title, 'A number');
    await ui.page.getByRole('spinbutton', { name: 'Lowest value of the range' }).fill('0');
    await ui.page.getByRole('spinbutton', { name: 'Highest value of the range' }).fill('1000');
    await ui.page.getByLabel('Above the highest value').check();
    await shoot(ui.page, 'new-claim-numeric');
    await ui.page.getByRole('button', { name: 'Log the claim' }).click();
    await ui.page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = decodeURIComponent(new URL(ui.page.url()).pathname.split('/').pop()!);
    expect(await claimOf(id)).toMatchObject({ questionType: 'numeric', range: { min: 0, max: 1000, openLower: false, openUpper: true, scale: 'linear' } });

    await newForecaster(ui.page);
    await ui.page.getByLabel('Median (50 %)').fill('1200');
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.locator('.form-summary').waitFor();
    expect(await fieldError(ui.page, '/quartiles/q2')).toMatch(/inside the range/);

    await ui.page.getByLabel('Lower quartile (25 %)').fill('200');
    await ui.page.getByLabel('Median (50 %)').fill('300');
    await ui.page.getByLabel('Upper quartile (75 %)').fill('400');
    await ui.page.getByText('The forecast’s lower quartile 200, median 300, upper quartile 400.').waitFor();
    const preview = await ui.page.evaluate(() => (window as any).Chart.getChart(document.querySelector('.preview canvas'))?.data.datasets[0].data.length);
    expect(preview).toBe(200);
    await shoot(ui.page, 'forecast-numeric');
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.getByText('Forecast recorded.').waitFor();
    await settle(ui.page);
    const { cdf } = (await claimOf(id)).forecasts[0];
    expect(cdf).toHaveLength(201);
    expect(cdf[0]).toBe(0);
    expect(cdf[200]).toBeLessThanOrEqual(0.999);
    expect(locationOfQuantile(cdf, 0.5) * 1000).toBeCloseTo(300, 0);

    const fan = await figureTable(ui.page, /^Forecaster .*: forecasts over time/);
    expect(fan[0]?.[3]).toBe('300');
    await resolveWith(ui.page, () => ui.page.getByLabel('The value').fill('320'));
    expect(await claimOf(id)).toMatchObject({ status: 'resolved', resolution: { value: 320 } });
    const lines = await ui.page.evaluate(() => (window as any).Chart.getChart(document.querySelector('.chart-box canvas')).config.plugins.find((p: any) => p.id === 'reckonVerticalLines').lines.map((l: any) => l.label));
    expect(lines).toEqual(['Outcome: 320']);
  });

  it('date: date quartiles and a date resolution', async () => {
    const source = (await post(ui.page.request, `${ui.base}/api/sources`, { name: `Forecaster ${unique('d')}`, type: 'forecaster' })).id;
    const claim = await post(ui.page.request, `${ui.base}/api/claims`, {
      kind: 'prediction', title: `When does the ferry restart ${unique('ferry')}?`, statement: 'The first scheduled sailing.', resolutionCriteria: 'The operator’s timetable.',
      deadline: '2031-01-01', questionType: 'date', range: { min: '2025-01-01', max: '2026-01-01', openLower: false, openUpper: true },
    });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    await ui.page.getByRole('combobox', { name: /^Forecaster/ }).selectOption(source);
    await ui.page.getByLabel('Lower quartile (25 %)').fill('2025-04-01');
    await ui.page.getByLabel('Median (50 %)').fill('2025-06-01');
    await ui.page.getByLabel('Upper quartile (75 %)').fill('2025-08-01');
    await ui.page.getByText(/median 1 Jun 2025/).waitFor();
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.getByText('Forecast recorded.').waitFor();
    await settle(ui.page);
    expect((await claimOf(claim.id)).forecasts[0].cdf).toHaveLength(201);
    await resolveWith(ui.page, () => ui.page.getByLabel('The date it happened').fill('2025-07-04'));
    expect((await claimOf(claim.id)).resolution.value).toMatch(/^2025-07-04T00:00:00/);
    expect(ui.watch.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('the demo’s numeric and multiple-choice questions, at desktop and phone width', async () => {
    await visit(ui.page, `${ui.base}/claims/nk-troops-kursk-2024`);
    await shoot(ui.page, 'claim-numeric');
    const density = await figureTable(ui.page, 'Latest forecasts');
    expect(density).toHaveLength(200);
    await visit(ui.page, `${ui.base}/claims/nk-troops-acknowledged`);
    expect(await ui.page.locator('.figure-title', { hasText: 'each option over time' }).allTextContents()).toEqual([
      'The crowd: each option over time', 'Analyst A (illustrative forecaster): each option over time', 'Analyst B (illustrative forecaster): each option over time',
    ]);
    await shoot(ui.page, 'claim-multiple-choice');
  });
});
