/**
 * What an analyst does every day, through the UI against the real server: log a prediction,
 * forecast on it, resolve it, and see the chart, the status and the calibration follow.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/db/tokens.js';
import { count, pct, pctRange } from '../../web/js/format.js';
import { HAS_CHROMIUM, figureTable, launch, screenshot, settle, startApp, visit, watch, type App, type Watch, postJson as post } from './harness.js';

let n = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++n}`;

/** The text of the error shown beside the field a JSON Pointer names. */
const fieldError = (page: Page, pointer: string) => page.locator(`[data-pointer="${pointer}"] .field-error`).first().textContent();

describe.skipIf(!HAS_CHROMIUM)('daily use', () => {
  let app: App;
  let browser: Browser;
  let page: Page;
  let w: Watch;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    w = await watch(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  it('logs a prediction, forecasts twice, charts both, resolves it, and the calibration follows', async () => {
    const title = `Will the ${unique('bridge')} open by 2030?`;
    await visit(page, `${app.url}/calibration`);
    const scoredBefore = await page.locator('.stat', { hasText: 'Forecasts scored' }).locator('dd').first().textContent();

    await visit(page, `${app.url}/claims/new`);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Statement').fill('The bridge opens to traffic before 1 January 2030.');
    await page.getByLabel('Resolution criteria').fill('Confirmed if the operator announces the opening before 2030-01-01; refuted otherwise.');
    await page.getByLabel('Tags (optional)').fill('infrastructure, test');
    await page.getByLabel('Deadline').fill('2030-01-01');
    await page.getByLabel('A forecast').check();
    await page.getByRole('combobox', { name: /^Source/ }).selectOption({ label: '+ New source…' });
    await page.getByLabel('New source name').fill('Alice Analyst');
    await page.getByLabel('Probability it will be confirmed (%)').fill('30');
    await page.getByRole('button', { name: 'Log the claim' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await settle(page);

    // A refused forecast keeps what was typed and names the field.
    await page.getByRole('combobox', { name: /^Forecaster/ }).selectOption({ label: 'Alice Analyst' });
    await page.getByLabel('Probability it will be confirmed (%)').fill('150');
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.locator('.form-summary').waitFor();
    expect(await fieldError(page, '/probability')).toMatch(/1|less|small|big/i);
    expect(await page.getByLabel('Probability it will be confirmed (%)').inputValue()).toBe('150');

    await page.getByLabel('Probability it will be confirmed (%)').fill('70');
    await page.getByRole('button', { name: 'Record the forecast' }).click();
    await page.getByText('Forecast recorded.').waitFor();
    await settle(page);

    const rows = await figureTable(page, 'over time');
    const forecasts = rows.filter((r) => r[1]?.startsWith('Forecast'));
    expect(forecasts.map((r) => [r[2], r[3]])).toEqual([
      ['Alice Analyst', '30%'],
      ['Alice Analyst', '70%'],
    ]);
    const drawn = await page.evaluate(() => {
      const chart = (window as any).Chart.getChart(document.querySelector('.chart-box canvas'));
      const line = chart.data.datasets.find((d: any) => d.reckon?.kind === 'forecast');
      return { stepped: line.stepped, points: line.data.filter((p: any) => !p.extension).map((p: any) => p.y) };
    });
    expect(drawn).toEqual({ stepped: true, points: [0.3, 0.7] });
    await screenshot(page, 'flow-claim-forecasts');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reckon-.*-timeline\.png$/);

    await page.getByText('Resolve', { exact: true }).click();
    await page.getByLabel('Resolution note').fill('Opened on schedule.');
    await page.getByRole('button', { name: 'Resolve the claim' }).click();
    // The deadline (2030) has not come: resolving before it asks for confirmation.
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toMatch(/before the deadline \(1 Jan 2030\)/);
    await confirm.getByRole('button', { name: 'Resolve anyway' }).click();
    await page.getByText('Claim resolved.').waitFor();
    await settle(page);
    expect(await page.locator('.claim-head .badge', { hasText: 'Confirmed' }).count()).toBe(1);
    expect((await figureTable(page, 'over time')).some((r) => r[1] === 'Resolution' && r[3]?.startsWith('Confirmed'))).toBe(true);
    await screenshot(page, 'flow-claim-resolved');

    await visit(page, `${app.url}/calibration`);
    const scoredAfter = await page.locator('.stat', { hasText: 'Forecasts scored' }).locator('dd').first().textContent();
    expect(Number(scoredAfter)).toBe(Number(scoredBefore) + 1);
    await screenshot(page, 'flow-calibration');
    expect(w.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('records a stance and evidence, edits with a reason, retracts, resolves and reopens', async () => {
    const source = (await post(page.request, `${app.url}/api/sources`, { name: `Forecaster ${unique('f')}`, type: 'forecaster' })).id;
    const claim = await post(page.request, `${app.url}/api/claims`, { kind: 'prediction', title: `Edited claim ${unique('edit')}`, statement: 'Before.', resolutionCriteria: 'C', deadline: '2031-01-01' });
    await post(page.request, `${app.url}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: 0.4 });
    await visit(page, `${app.url}/claims/${claim.id}`);

    await page.getByText('Record a stance', { exact: true }).click();
    const stance = page.locator('details', { hasText: 'Record a stance' });
    await stance.getByRole('combobox', { name: /^Source/ }).selectOption({ label: '+ New source…' });
    await stance.getByLabel('New source name').fill(`Ministry ${unique('m')}`);
    await stance.getByLabel('denies it').check();
    await stance.getByLabel('Quote or paraphrase (optional)').fill('There is no such plan.');
    await stance.getByRole('button', { name: 'Record the stance' }).click();
    await page.getByText('Stance recorded.').waitFor();
    await settle(page);

    await page.getByText('Add evidence', { exact: true }).click();
    const evidence = page.locator('details', { hasText: 'Add evidence' });
    await evidence.getByLabel('contradicts').check();
    await evidence.getByLabel('Summary').fill('Satellite images show no work.');
    await evidence.getByLabel('Source reliability (optional)').selectOption('B');
    await evidence.getByLabel('Information credibility (optional)').selectOption('2');
    await evidence.getByRole('button', { name: 'Add the evidence' }).click();
    await page.getByText('Evidence added.').waitFor();
    await settle(page);
    const events = (await figureTable(page, 'Who said what')).map((r) => [r[1], r[3]]);
    expect(events).toEqual(expect.arrayContaining([['Stance: denies', '—'], ['Evidence: contradicts', 'B2']]));

    await page.getByText('Edit the claim', { exact: true }).click();
    const edit = page.locator('details', { hasText: 'Edit the claim' });
    await edit.getByLabel('Statement').fill('After.');
    await edit.getByLabel('Reason for the change').fill('Sharper wording.');
    await edit.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('Claim edited.').waitFor();
    await settle(page);
    expect(await page.locator('.claim-head').textContent()).toContain('Edited after forecasts');
    const revision = page.locator('.history li', { hasText: 'Edited (revision 2)' });
    expect(await revision.locator('del').textContent()).toBe('Before.');
    expect(await revision.locator('ins').textContent()).toBe('After.');
    expect(await revision.textContent()).toContain('Sharper wording.');

    await page.locator('.history li.ev-forecast').getByRole('button', { name: /Retract/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Entered twice.');
    await dialog.getByRole('button', { name: 'Retract', exact: true }).click();
    await page.getByText('The forecast was retracted.').waitFor();
    await settle(page);
    expect(await page.locator('.history li.ev-forecast.retracted').count()).toBe(1);
    expect(await page.locator('.history li.ev-retraction').textContent()).toContain('Entered twice.');

    await page.getByText('Resolve', { exact: true }).click();
    await page.getByLabel('Refuted').check();
    await page.getByRole('button', { name: 'Resolve the claim' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Resolve anyway' }).click();
    await page.getByText('Claim resolved.').waitFor();
    await settle(page);
    await page.getByText('Reopen', { exact: true }).click();
    await page.getByLabel('Why reopen it?').fill('Resolved too early.');
    await page.getByRole('button', { name: 'Reopen the claim' }).click();
    await page.getByText('Claim reopened.').waitFor();
    await settle(page);
    expect(await page.locator('.claim-head .badge', { hasText: 'Open' }).count()).toBe(1);
    expect(await page.locator('.history li.ev-reopen').textContent()).toContain('Resolved too early.');
    await screenshot(page, 'flow-claim-history');
  });

  it('keeps filters in the URL, and back and forward work', async () => {
    await post(page.request, `${app.url}/api/claims`, { kind: 'allegation', title: `An allegation ${unique('nav')}`, statement: 'S', resolutionCriteria: 'C' });
    await visit(page, `${app.url}/`);
    const all = await page.locator('.claim-row').count();
    await page.getByLabel('Kind').focus();
    await page.getByLabel('Kind').selectOption('allegation');
    await page.waitForURL(/\?kind=allegation$/);
    await settle(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('claims-kind');
    expect(await page.locator('.claim-row .badge', { hasText: 'Prediction' }).count()).toBe(0);
    await page.locator('.claim-row h2 a').first().click();
    await page.waitForURL(/\/claims\/[^/?]+$/);
    await settle(page);
    await page.goBack();
    await page.waitForURL(/\?kind=allegation$/);
    await settle(page);
    expect(await page.getByLabel('Kind').inputValue()).toBe('allegation');
    await page.goBack();
    await page.waitForURL(`${app.url}/`);
    await settle(page);
    expect(await page.locator('.claim-row').count()).toBe(all);
    await page.goForward();
    await page.waitForURL(/\?kind=allegation$/);
  });

  it('shows the API’s message beside each field it names, and keeps what was typed', async () => {
    await visit(page, `${app.url}/claims/new`);
    await page.getByLabel('Title').fill('Half a claim');
    await page.getByRole('button', { name: 'Log the claim' }).click();
    await page.locator('.form-summary').waitFor();
    const api = await page.request.post(`${app.url}/api/claims`, { data: { kind: 'prediction', title: 'Half a claim', statement: '', resolutionCriteria: '' } });
    const problem = await api.json();
    expect(api.status()).toBe(400);
    for (const e of problem.errors as Array<{ pointer: string; message: string }>) expect(await fieldError(page, e.pointer)).toContain(e.message);
    expect(await page.getByLabel('Statement').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Title').inputValue()).toBe('Half a claim');
    await screenshot(page, 'flow-refused-form');
  });

  it('renders a title written as HTML as text', async () => {
    w.errors.length = 0;
    const title = `<img src=x onerror=alert(1)> ${unique('xss')}`;
    const claim = await post(page.request, `${app.url}/api/claims`, { kind: 'allegation', title, statement: '<script>alert(2)</script>', resolutionCriteria: '<b>bold?</b>' });
    await visit(page, `${app.url}/`);
    expect(await page.locator('.claim-row h2 a', { hasText: 'onerror' }).first().textContent()).toBe(title);
    await visit(page, `${app.url}/claims/${claim.id}`);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('.statement').textContent()).toBe('<script>alert(2)</script>');
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    expect(w.errors).toEqual([]);
  });

  it('shows the calibration table exactly as /api/calibration answers for the same filters', async () => {
    const source = (await post(page.request, `${app.url}/api/sources`, { name: `Calibrator ${unique('c')}`, type: 'forecaster' })).id;
    const probabilities = [0.12, 0.34, 0.55, 0.61, 0.78, 0.93];
    for (const [i, p] of probabilities.entries()) {
      const claim = await post(page.request, `${app.url}/api/claims`, { kind: 'prediction', title: `Calibration case ${i} ${unique('cal')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2031-01-01', tags: ['cal-test'] });
      await post(page.request, `${app.url}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: p });
      await post(page.request, `${app.url}/api/claims/${claim.id}/resolution`, { outcome: i % 2 ? 'confirmed' : 'refuted', knownOn: new Date(Date.now() + 1000).toISOString() });
    }
    for (const query of [`source=${source}&bins=5`, `tag=cal-test&bins=4&binning=quantile`, 'rule=time-weighted&backfilled=exclude']) {
      await visit(page, `${app.url}/calibration?${query}`);
      const api = await (await page.request.get(`${app.url}/api/calibration?${query}`)).json();
      const expected = api.bins.map((b: any) => [`${pct(b.lower).slice(0, -1)}–${pct(b.upper)}`, count(b.count), pct(b.meanForecast), pct(b.observedFrequency), pctRange(b.interval)]);
      expect(await figureTable(page, 'Calibration'), query).toEqual(expected);
      expect(await page.locator('.stat', { hasText: 'Forecasts scored' }).locator('dd').first().textContent()).toBe(count(api.count));
    }
    await screenshot(page, 'flow-calibration-filtered');
  });

  it('asks for an API token when the server wants one, and retries with it', async () => {
    const locked = await startApp();
    try {
      await post(page.request, `${locked.url}/api/sources`, { id: 'tester', name: 'Tester', type: 'forecaster' });
      const { token } = await createToken(locked.db.client, { name: 'web-test', sourceId: 'tester', scope: 'admin' });
      const p = await browser.newPage();
      await visit(p, `${locked.url}/claims/new?kind=allegation`);
      await p.getByLabel('Title').fill('Needs a token');
      await p.getByLabel('Statement').fill('S');
      await p.getByLabel('Resolution criteria').fill('C');
      await p.getByRole('button', { name: 'Log the claim' }).click();
      const dialog = p.getByRole('dialog', { name: 'An API token is needed' });
      await dialog.waitFor();
      await dialog.getByLabel('API token').fill(token);
      await dialog.getByRole('button', { name: 'Use this token' }).click();
      await p.getByRole('heading', { level: 1, name: 'Needs a token' }).waitFor();
      expect(await p.evaluate(() => sessionStorage.getItem('reckon.apiToken'))).toBe(token);
      await p.close();
    } finally {
      await locked.cleanup();
    }
  });
});
