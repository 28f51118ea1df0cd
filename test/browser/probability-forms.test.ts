/**
 * Issue 15 §3, probabilities in the unit typed: the percent fields take `70`, `70%` and odds, and
 * refuse beside the field in percent ("between 1 % and 99 % (you typed 100 %)"), quoting the
 * instance's rules, before anything is sent; the API's own messages are sentences naming the field.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launch, postJson, startApp, visit, watch, type App, type Watch } from './harness.js';

const FRACTION_TALK = /0\.01|0\.99|Too big|expected number|did not validate/;

describe.skipIf(!HAS_CHROMIUM)('probabilities in the unit typed', () => {
  let app: App;
  let browser: Browser;
  let page: Page;
  let w: Watch;
  let claimId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8000);
    w = await watch(page, app.url);
    await postJson(page.request, `${app.url}/api/sources`, { id: 'pia', name: 'Pia Percent', type: 'forecaster' });
    claimId = (await postJson(page.request, `${app.url}/api/claims`, { kind: 'prediction', title: 'Will it rain in percent?', statement: 'It rains.', resolutionCriteria: 'Confirmed if it rains.', deadline: '2031-01-01' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  async function forecasts(): Promise<number[]> {
    const claim = await (await page.request.get(`${app.url}/api/claims/${claimId}`)).json();
    return claim.forecasts.map((f: { probability: number }) => f.probability);
  }

  async function submitForecast(typed: string) {
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Record the forecast' }) });
    await form.locator('select[name="sourceId"]').selectOption('pia');
    await form.getByLabel('Probability it will be confirmed (%)').fill(typed);
    await form.getByRole('button', { name: 'Record the forecast' }).click();
    return form;
  }

  it('the forecast form refuses 100 and 0.7 in percent, beside the field, sending nothing', async () => {
    await visit(page, `${app.url}/claims/${claimId}`);
    const form = await submitForecast('100');
    const error = form.locator('[data-pointer="/probability"] .field-error');
    await expect.poll(() => error.textContent()).toBe('Probability must be between 1 % and 99 % (you typed 100 %). Reckon never records certainty: a forecast is a chance, so stay inside the bounds.');
    expect(await form.getByLabel('Probability it will be confirmed (%)').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.form-summary').textContent()).not.toMatch(FRACTION_TALK);
    expect(await form.locator('[data-pointer="/probability"] .hint').textContent()).toContain('Between 1 % and 99 %');

    await submitForecast('0.7');
    await expect.poll(() => error.textContent()).toBe('Probability must be between 1 % and 99 % (you typed 0.7 %). Did you mean 70 %?');
    await page.screenshot({ path: '/tmp/ux15-forecast-error-1280.png', fullPage: false, clip: { x: 0, y: Math.max(0, (await form.boundingBox())!.y - 40), width: 1280, height: 600 } });
    await page.setViewportSize({ width: 390, height: 844 });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/ux15-forecast-error-390.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await forecasts()).toEqual([]);
  });

  it('70% and 70 are both 70 %', async () => {
    await visit(page, `${app.url}/claims/${claimId}`);
    await submitForecast('70%');
    await expect.poll(forecasts).toEqual([0.7]);
    await visit(page, `${app.url}/claims/${claimId}`);
    await submitForecast('65');
    await expect.poll(forecasts).toEqual([0.7, 0.65]);
  });

  it('the new-claim form checks the first forecast in percent before logging the claim, and shows the API’s sentences beside each field', async () => {
    const before = (await (await page.request.get(`${app.url}/api/claims?limit=200`)).json()).items.length;
    await visit(page, `${app.url}/claims/new`);
    await page.getByLabel('Statement').fill('It happens.');
    await page.getByLabel('Resolution criteria').fill('Confirmed if it happens.');
    await page.getByLabel('Deadline').fill('2030-01-01');
    await page.getByLabel('A forecast').check();
    await page.locator('form select[name="sourceId"]').selectOption('pia');
    await page.getByLabel('Probability it will be confirmed (%)').fill('very likely');
    await page.locator('form button[type="submit"]').click();
    const pError = page.locator('[data-pointer="/first/probability"] .field-error');
    await expect.poll(() => pError.textContent()).toBe('Probability must be a number such as 70 or 70% (you typed “very likely”).');
    // The title is empty too: once the probability is right, the API's sentence lands beside the title.
    await page.getByLabel('Probability it will be confirmed (%)').fill('40%');
    await page.locator('form button[type="submit"]').click();
    const tError = page.locator('[data-pointer="/title"] .field-error');
    await expect.poll(() => tError.textContent()).toBe('title must not be empty.');
    const summary = await page.locator('.form-summary').textContent();
    expect(summary).toBe('Not saved. Fix the marked field and try again.');
    expect(summary).not.toMatch(FRACTION_TALK);
    await page.screenshot({ path: '/tmp/ux15-new-claim-error-1280.png', fullPage: true });
    expect((await (await page.request.get(`${app.url}/api/claims?limit=200`)).json()).items.length).toBe(before);
    expect(w.errors.filter((e) => !/400/.test(e))).toEqual([]);
    w.errors.length = 0; // the refusal's 400 was expected
  });

  it('quick log: an out-of-bounds probability is said in the unit the line used', async () => {
    await visit(page, `${app.url}/`);
    await page.locator('#quick-log').fill('Will it snow by 2030-06-30? 100%');
    await page.keyboard.press('Enter');
    const draft = page.locator('.quick-draft');
    await draft.waitFor();
    const error = draft.locator('[data-pointer="/forecast/probability"] .field-error');
    await expect.poll(() => error.textContent()).toMatch(/^Probability must be between 1 % and 99 % \(you typed 100 %\)\./);
    // Typed again in the draft as odds: 3:1 is 75 %.
    await draft.getByLabel('Your forecast (%)').fill('3:1');
    await draft.locator('select[name="sourceId"]').selectOption('pia');
    await draft.getByRole('button', { name: 'Log it' }).click();
    await page.waitForURL(/\/claims\/(?!new)/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const claim = await (await page.request.get(`${app.url}/api/claims/${id}`)).json();
    expect(claim.forecasts.map((f: { probability: number }) => f.probability)).toEqual([0.75]);
    expect(w.errors).toEqual([]);
  });
});
