/**
 * What an analyst does every day, through the UI against the real server: log a prediction,
 * forecast on it, resolve it, and see the chart, the status and the calibration follow.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createToken } from '../../src/db/tokens.js';
import { count, pct, pctRange } from '../../web/js/format.js';
import { HAS_CHROMIUM, fieldError, figureTable, postJson as post, screenshot, settle, startApp, unique, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('daily use', () => {
  const ui = useBrowserPage();

  it('logs a prediction, forecasts twice, charts both, resolves it, and the calibration follows', async () => {
    const title = `Will the ${unique('bridge')} open by 2030?`;
    await visit(ui.page, `${ui.base}/calibration`);
    const scoredBefore = await ui.page.locator('.stat', { hasText: 'Forecasts scored' }).locator('dd').first().textContent();

    await visit(ui.page, `${ui.base}/claims/new`);
    await ui.page.getByLabel('Title').fill(title);
    await ui.page.getByLabel('Statement').fill('The bridge opens to traffic before 1 January 2030.');
    await ui.page.getByLabel('Resolution criteria').fill('Confirmed if the operator announces the opening before 2030-01-01; refuted otherwise.');
    await ui.page.getByLabel('Tags (optional)').fill('infrastructure, test');
    await ui.page.getByLabel('Deadline').fill('2030-01-01');
    await ui.page.getByLabel('A forecast').check();
    await ui.page.getByRole('combobox', { name: /^Source/ }).selectOption({ label: '+ New source…' });
    await ui.page.getByLabel('New source name').fill('Alice Analyst');
    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('30');
    await ui.page.getByRole('button', { name: 'Log the claim' }).click();
    await ui.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await settle(ui.page);

    // A refused forecast keeps what was typed and names the field.
    await ui.page.getByRole('combobox', { name: /^Forecaster/ }).selectOption({ label: 'Alice Analyst' });
    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('150');
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.locator('.form-summary').waitFor();
    expect(await fieldError(ui.page, '/probability')).toMatch(/1|less|small|big/i);
    expect(await ui.page.getByLabel('Probability it will be confirmed (%)').inputValue()).toBe('150');

    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('70');
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.getByText('Forecast recorded.').waitFor();
    await settle(ui.page);

    const rows = await figureTable(ui.page, 'over time');
    const forecasts = rows.filter((r) => r[1]?.startsWith('Forecast'));
    expect(forecasts.map((r) => [r[2], r[3]])).toEqual([
      ['Alice Analyst', '30%'],
      ['Alice Analyst', '70%'],
    ]);
    const drawn = await ui.page.evaluate(() => {
      const chart = (window as any).Chart.getChart(document.querySelector('.chart-box canvas'));
      const line = chart.data.datasets.find((d: any) => d.reckon?.kind === 'forecast');
      return { stepped: line.stepped, points: line.data.filter((p: any) => !p.extension).map((p: any) => p.y) };
    });
    expect(drawn).toEqual({ stepped: true, points: [0.3, 0.7] });
    await screenshot(ui.page, 'flow-claim-forecasts');
    const [download] = await Promise.all([ui.page.waitForEvent('download'), ui.page.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reckon-.*-timeline\.png$/);

    await ui.page.getByText('Resolve', { exact: true }).click();
    await ui.page.getByLabel('Resolution note').fill('Opened on schedule.');
    await ui.page.getByRole('button', { name: 'Resolve the claim' }).click();
    // The deadline (2030) has not come: resolving before it asks for confirmation.
    const confirm = ui.page.getByRole('alertdialog');
    expect(await confirm.textContent()).toMatch(/before the deadline \(1 Jan 2030\)/);
    await confirm.getByRole('button', { name: 'Resolve anyway' }).click();
    await ui.page.getByText('Claim resolved.').waitFor();
    await settle(ui.page);
    expect(await ui.page.locator('.claim-head .badge', { hasText: 'Confirmed' }).count()).toBe(1);
    expect((await figureTable(ui.page, 'over time')).some((r) => r[1] === 'Resolution' && r[3]?.startsWith('Confirmed'))).toBe(true);
    await screenshot(ui.page, 'flow-claim-resolved');

    await visit(ui.page, `${ui.base}/calibration`);
    const scoredAfter = await ui.page.locator('.stat', { hasText: 'Forecasts scored' }).locator('dd').first().textContent();
    expect(Number(scoredAfter)).toBe(Number(scoredBefore) + 1);
    await screenshot(ui.page, 'flow-calibration');
    expect(ui.watch.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('records a stance and evidence, edits with a reason, retracts, resolves and reopens', async () => {
    const source = (await post(ui.page.request, `${ui.base}/api/sources`, { name: `Forecaster ${unique('f')}`, type: 'forecaster' })).id;
    const claim = await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Edited claim ${unique('edit')}`, statement: 'Before.', resolutionCriteria: 'C', deadline: '2031-01-01' });
    await post(ui.page.request, `${ui.base}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: 0.4 });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);

    await ui.page.getByText('Record a stance', { exact: true }).click();
    const stance = ui.page.locator('details', { hasText: 'Record a stance' });
    await stance.getByRole('combobox', { name: /^Source/ }).selectOption({ label: '+ New source…' });
    await stance.getByLabel('New source name').fill(`Ministry ${unique('m')}`);
    await stance.getByLabel('denies it').check();
    await stance.getByLabel('Quote or paraphrase (optional)').fill('There is no such plan.');
    await stance.getByRole('button', { name: 'Record the stance' }).click();
    await ui.page.getByText('Stance recorded.').waitFor();
    await settle(ui.page);

    await ui.page.getByText('Add evidence', { exact: true }).click();
    const evidence = ui.page.locator('details', { hasText: 'Add evidence' });
    await evidence.getByLabel('contradicts').check();
    await evidence.getByLabel('Summary').fill('Satellite images show no work.');
    await evidence.getByLabel('Source reliability (optional)').selectOption('B');
    await evidence.getByLabel('Information credibility (optional)').selectOption('2');
    await evidence.getByRole('button', { name: 'Add the evidence' }).click();
    await ui.page.getByText('Evidence added.').waitFor();
    await settle(ui.page);
    const events = (await figureTable(ui.page, 'Who said what')).map((r) => [r[1], r[3]]);
    expect(events).toEqual(expect.arrayContaining([['Stance: denies', '—'], ['Evidence: contradicts', 'B2']]));

    await ui.page.getByText('Edit the claim', { exact: true }).click();
    const edit = ui.page.locator('details', { hasText: 'Edit the claim' });
    await edit.getByLabel('Statement').fill('After.');
    await edit.getByLabel('Reason for the change').fill('Sharper wording.');
    await edit.getByRole('button', { name: 'Save the edit' }).click();
    await ui.page.getByText('Claim edited.').waitFor();
    await settle(ui.page);
    expect(await ui.page.locator('.claim-head').textContent()).toContain('Edited after forecasts');
    const revision = ui.page.locator('.history li', { hasText: 'Edited (revision 2)' });
    expect(await revision.locator('del').textContent()).toBe('Before.');
    expect(await revision.locator('ins').textContent()).toBe('After.');
    expect(await revision.textContent()).toContain('Sharper wording.');

    await ui.page.locator('.history li.ev-forecast').getByRole('button', { name: /Retract/ }).click();
    const dialog = ui.page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Entered twice.');
    await dialog.getByRole('button', { name: 'Retract', exact: true }).click();
    await ui.page.getByText('The forecast was retracted.').waitFor();
    await settle(ui.page);
    expect(await ui.page.locator('.history li.ev-forecast.retracted').count()).toBe(1);
    expect(await ui.page.locator('.history li.ev-retraction').textContent()).toContain('Entered twice.');

    await ui.page.getByText('Resolve', { exact: true }).click();
    await ui.page.getByLabel('Refuted').check();
    await ui.page.getByRole('button', { name: 'Resolve the claim' }).click();
    await ui.page.getByRole('alertdialog').getByRole('button', { name: 'Resolve anyway' }).click();
    await ui.page.getByText('Claim resolved.').waitFor();
    await settle(ui.page);
    await ui.page.getByText('Reopen', { exact: true }).click();
    await ui.page.getByLabel('Why reopen it?').fill('Resolved too early.');
    await ui.page.getByRole('button', { name: 'Reopen the claim' }).click();
    await ui.page.getByText('Claim reopened.').waitFor();
    await settle(ui.page);
    expect(await ui.page.locator('.claim-head .badge', { hasText: 'Open' }).count()).toBe(1);
    expect(await ui.page.locator('.history li.ev-reopen').textContent()).toContain('Resolved too early.');
    await screenshot(ui.page, 'flow-claim-history');
  });

  it('keeps filters in the URL, and back and forward work', async () => {
    await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'allegation', title: `An allegation ${unique('nav')}`, statement: 'S', resolutionCriteria: 'C' });
    await visit(ui.page, `${ui.base}/`);
    const all = await ui.page.locator('.claim-row').count();
    await ui.page.getByLabel('Kind').focus();
    await ui.page.getByLabel('Kind').selectOption('allegation');
    await ui.page.waitForURL(/\?kind=allegation$/);
    await settle(ui.page);
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('claims-kind');
    expect(await ui.page.locator('.claim-row .badge', { hasText: 'Prediction' }).count()).toBe(0);
    await ui.page.locator('.claim-row h2 a').first().click();
    await ui.page.waitForURL(/\/claims\/[^/?]+$/);
    await settle(ui.page);
    await ui.page.goBack();
    await ui.page.waitForURL(/\?kind=allegation$/);
    await settle(ui.page);
    expect(await ui.page.getByLabel('Kind').inputValue()).toBe('allegation');
    await ui.page.goBack();
    await ui.page.waitForURL(`${ui.base}/`);
    await settle(ui.page);
    expect(await ui.page.locator('.claim-row').count()).toBe(all);
    await ui.page.goForward();
    await ui.page.waitForURL(/\?kind=allegation$/);
  });

  it('shows the API’s message beside each field it names, and keeps what was typed', async () => {
    await visit(ui.page, `${ui.base}/claims/new`);
    await ui.page.getByLabel('Title').fill('Half a claim');
    await ui.page.getByRole('button', { name: 'Log the claim' }).click();
    await ui.page.locator('.form-summary').waitFor();
    const api = await ui.page.request.post(`${ui.base}/api/claims`, { data: { kind: 'prediction', title: 'Half a claim', statement: '', resolutionCriteria: '' } });
    const problem = await api.json();
    expect(api.status()).toBe(400);
    for (const e of problem.errors as Array<{ pointer: string; message: string }>) expect(await fieldError(ui.page, e.pointer)).toContain(e.message);
    expect(await ui.page.getByLabel('Statement').getAttribute('aria-invalid')).toBe('true');
    expect(await ui.page.getByLabel('Title').inputValue()).toBe('Half a claim');
    await screenshot(ui.page, 'flow-refused-form');
  });

  it('renders a title written as HTML as text', async () => {
    ui.watch.errors.length = 0;
    const title = `<img src=x onerror=alert(1)> ${unique('xss')}`;
    const claim = await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'allegation', title, statement: '<script>alert(2)</script>', resolutionCriteria: '<b>bold?</b>' });
    await visit(ui.page, `${ui.base}/`);
    expect(await ui.page.locator('.claim-row h2 a', { hasText: 'onerror' }).first().textContent()).toBe(title);
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    expect(await ui.page.locator('h1').textContent()).toBe(title);
    expect(await ui.page.locator('.statement').textContent()).toBe('<script>alert(2)</script>');
    expect(await ui.page.locator('main img, main script, main b').count()).toBe(0);
    expect(ui.watch.errors).toEqual([]);
  });

  it('shows the calibration table exactly as /api/calibration answers for the same filters', async () => {
    const source = (await post(ui.page.request, `${ui.base}/api/sources`, { name: `Calibrator ${unique('c')}`, type: 'forecaster' })).id;
    const probabilities = [0.12, 0.34, 0.55, 0.61, 0.78, 0.93];
    for (const [i, p] of probabilities.entries()) {
      const claim = await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Calibration case ${i} ${unique('cal')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2031-01-01', tags: ['cal-test'] });
      await post(ui.page.request, `${ui.base}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: p });
      await post(ui.page.request, `${ui.base}/api/claims/${claim.id}/resolution`, { outcome: i % 2 ? 'confirmed' : 'refuted', knownOn: new Date(Date.now() + 1000).toISOString() });
    }
    for (const query of [`source=${source}&bins=5`, `tag=cal-test&bins=4&binning=quantile`, 'rule=time-weighted&backfilled=exclude']) {
      await visit(ui.page, `${ui.base}/calibration?${query}`);
      const api = await (await ui.page.request.get(`${ui.base}/api/calibration?${query}`)).json();
      const expected = api.bins.map((b: any) => [`${pct(b.lower).slice(0, -1)}–${pct(b.upper)}`, count(b.count), pct(b.meanForecast), pct(b.observedFrequency), pctRange(b.interval)]);
      expect(await figureTable(ui.page, 'Calibration'), query).toEqual(expected);
      expect(await ui.page.locator('.stat', { hasText: 'Forecasts scored' }).locator('dd').first().textContent()).toBe(count(api.count));
    }
    await screenshot(ui.page, 'flow-calibration-filtered');
  });

  it('asks for an API token when the server wants one, and retries with it', async () => {
    const locked = await startApp();
    try {
      await post(ui.page.request, `${locked.url}/api/sources`, { id: 'tester', name: 'Tester', type: 'forecaster' });
      const { token } = await createToken(locked.db.client, { name: 'web-test', sourceId: 'tester', scope: 'admin' });
      const p = await ui.browser.newPage();
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
