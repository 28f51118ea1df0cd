/**
 * Issue 17 in the browser, against the real server: log a multiple-choice, a numeric and a date
 * question; forecast one percentage per option, or quartiles that the page turns into
 * Metaculus's 201-point CDF (with a live density preview); resolve with a value; and see the
 * charts (per-option history, density curves, fan) with their tables. Screenshots at 1280 and
 * 390 px wide go to test-artifacts/screenshots and /tmp/q17-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationOfQuantile } from '../../web/js/cdf/sliders.js';
import { HAS_CHROMIUM, figureTable, launch, postJson as post, screenshot, settle, startApp, visit, watch, type App, type Watch } from './harness.js';

let n = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++n}`;
const fieldError = (page: Page, pointer: string) => page.locator(`[data-pointer="${pointer}"] .field-error`).first().textContent();

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
  let app: App;
  let browser: Browser;
  let page: Page;
  let w: Watch;
  const claimOf = async (id: string) => (await page.request.get(`${app.url}/api/claims/${id}`)).json();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    w = await watch(page, app.url);
    // The demo case first: /api/demo loads only into an empty database.
    await post(page.request, `${app.url}/api/demo`, {});
  });
  afterAll(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  it('multiple choice: logs the options, refuses percentages that do not make 100 %, charts one line per option, resolves to an option', async () => {
    const title = `Which colour wins ${unique('vote')}?`;
    await newQuestion(page, app, title, 'Multiple choice');
    await page.getByLabel('Options, one a line').fill('Red\nGreen\nBlue');
    await shoot(page, 'new-claim-multiple-choice');
    await page.getByRole('button', { name: 'Log the claim' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await claimOf(id)).toMatchObject({ questionType: 'multiple-choice', options: ['Red', 'Green', 'Blue'] });

    await newForecaster(page);
    for (const [label, p] of [['Red (%)', '50'], ['Green (%)', '30'], ['Blue (%)', '30']] as const) await page.getByLabel(label).fill(p);
    expect(await page.getByText(/^Total: 110 %/).count()).toBe(1);
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.locator('.form-summary').waitFor();
    expect(await fieldError(page, '/probabilities')).not.toBe('');
    await page.getByLabel('Blue (%)').fill('20');
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.getByText('Forecast recorded.').waitFor();
    await settle(page);
    expect((await claimOf(id)).forecasts[0].probabilities).toEqual([0.5, 0.3, 0.2]);
    expect((await figureTable(page, /^Forecaster .*: each option over time/)).map((r) => r.slice(1))).toEqual([['50%', '30%', '20%']]);
    // One forecaster: the crowd (the renormalised median) is that forecast.
    expect((await figureTable(page, 'The crowd: each option over time')).map((r) => r.slice(1))).toEqual([['50%', '30%', '20%']]);

    await resolveWith(page, () => page.getByLabel('Green', { exact: true }).check());
    expect(await claimOf(id)).toMatchObject({ status: 'resolved', resolution: { outcome: 'resolved', value: 'Green' } });
    expect(await page.locator('.claim-head .badge', { hasText: 'Resolved' }).count()).toBe(1);
    expect(await page.getByText('Resolved: Green').count()).toBeGreaterThan(0);
    expect(await page.locator('.figure-title', { hasText: 'each option over time' }).count()).toBe(2);
  });

  it('numeric: quartiles become a CDF Metaculus would accept, with a live preview; an outside median is named; density and fan chart it', async () => {
    const title = `How many visitors ${unique('fair')}?`;
    await newQuestion(page, app, title, 'A number');
    await page.getByRole('spinbutton', { name: 'Lowest value of the range' }).fill('0');
    await page.getByRole('spinbutton', { name: 'Highest value of the range' }).fill('1000');
    await page.getByLabel('Above the highest value').check();
    await shoot(page, 'new-claim-numeric');
    await page.getByRole('button', { name: 'Log the claim' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await claimOf(id)).toMatchObject({ questionType: 'numeric', range: { min: 0, max: 1000, openLower: false, openUpper: true, scale: 'linear' } });

    await newForecaster(page);
    await page.getByLabel('Median (50 %)').fill('1200');
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.locator('.form-summary').waitFor();
    expect(await fieldError(page, '/quartiles/q2')).toMatch(/inside the range/);

    await page.getByLabel('Lower quartile (25 %)').fill('200');
    await page.getByLabel('Median (50 %)').fill('300');
    await page.getByLabel('Upper quartile (75 %)').fill('400');
    await page.getByText('The forecast’s lower quartile 200, median 300, upper quartile 400.').waitFor();
    const preview = await page.evaluate(() => (window as any).Chart.getChart(document.querySelector('.preview canvas'))?.data.datasets[0].data.length);
    expect(preview).toBe(200);
    await shoot(page, 'forecast-numeric');
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.getByText('Forecast recorded.').waitFor();
    await settle(page);
    const { cdf } = (await claimOf(id)).forecasts[0];
    expect(cdf).toHaveLength(201);
    expect(cdf[0]).toBe(0);
    expect(cdf[200]).toBeLessThanOrEqual(0.999);
    expect(locationOfQuantile(cdf, 0.5) * 1000).toBeCloseTo(300, 0);

    const fan = await figureTable(page, /^Forecaster .*: forecasts over time/);
    expect(fan[0]?.[3]).toBe('300');
    await resolveWith(page, () => page.getByLabel('The value').fill('320'));
    expect(await claimOf(id)).toMatchObject({ status: 'resolved', resolution: { value: 320 } });
    const lines = await page.evaluate(() => (window as any).Chart.getChart(document.querySelector('.chart-box canvas')).config.plugins.find((p: any) => p.id === 'reckonVerticalLines').lines.map((l: any) => l.label));
    expect(lines).toEqual(['Outcome: 320']);
  });

  it('date: date quartiles and a date resolution', async () => {
    const source = (await post(page.request, `${app.url}/api/sources`, { name: `Forecaster ${unique('d')}`, type: 'forecaster' })).id;
    const claim = await post(page.request, `${app.url}/api/claims`, {
      kind: 'prediction', title: `When does the ferry restart ${unique('ferry')}?`, statement: 'The first scheduled sailing.', resolutionCriteria: 'The operator’s timetable.',
      deadline: '2031-01-01', questionType: 'date', range: { min: '2025-01-01', max: '2026-01-01', openLower: false, openUpper: true },
    });
    await visit(page, `${app.url}/claims/${claim.id}`);
    await page.getByRole('combobox', { name: /^Forecaster/ }).selectOption(source);
    await page.getByLabel('Lower quartile (25 %)').fill('2025-04-01');
    await page.getByLabel('Median (50 %)').fill('2025-06-01');
    await page.getByLabel('Upper quartile (75 %)').fill('2025-08-01');
    await page.getByText(/median 1 Jun 2025/).waitFor();
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.getByText('Forecast recorded.').waitFor();
    await settle(page);
    expect((await claimOf(claim.id)).forecasts[0].cdf).toHaveLength(201);
    await resolveWith(page, () => page.getByLabel('The date it happened').fill('2025-07-04'));
    expect((await claimOf(claim.id)).resolution.value).toMatch(/^2025-07-04T00:00:00/);
    expect(w.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('the demo’s numeric and multiple-choice questions, at desktop and phone width', async () => {
    await visit(page, `${app.url}/claims/nk-troops-kursk-2024`);
    await shoot(page, 'claim-numeric');
    const density = await figureTable(page, 'Latest forecasts');
    expect(density).toHaveLength(200);
    await visit(page, `${app.url}/claims/nk-troops-acknowledged`);
    expect(await page.locator('.figure-title', { hasText: 'each option over time' }).allTextContents()).toEqual([
      'The crowd: each option over time', 'Analyst A (illustrative forecaster): each option over time', 'Analyst B (illustrative forecaster): each option over time',
    ]);
    await shoot(page, 'claim-multiple-choice');
  });
});
