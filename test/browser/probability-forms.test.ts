/**
 * Issue 15 §3, probabilities in the unit typed: the percent fields take `70`, `70%` and odds, and
 * refuse beside the field in percent ("between 1 % and 99 % (you typed 100 %)"), quoting the
 * instance's rules, before anything is sent; the API's own messages are sentences naming the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, postJson, useBrowserPage, visit } from './harness.js';

const FRACTION_TALK = /0\.01|0\.99|Too big|expected number|did not validate/;

describe.skipIf(!HAS_CHROMIUM)('probabilities in the unit typed', () => {
  const ui = useBrowserPage({ timeout: 8000 });
  let claimId: string;

  beforeAll(async () => {
    await postJson(ui.page.request, `${ui.base}/api/sources`, { id: 'pia', name: 'Pia Percent', type: 'forecaster' });
    claimId = (await postJson(ui.page.request, `${ui.base}/api/claims`, { kind: 'prediction', title: 'Will it rain in percent?', statement: 'It rains.', resolutionCriteria: 'Confirmed if it rains.', deadline: '2031-01-01' })).id;
  });

  async function forecasts(): Promise<number[]> {
    const claim = await (await ui.page.request.get(`${ui.base}/api/claims/${claimId}`)).json();
    return claim.forecasts.map((f: { probability: number }) => f.probability);
  }

  async function submitForecast(typed: string) {
    const form = ui.page.locator('form', { has: ui.page.getByRole('button', { name: 'Record the forecast' }) });
    await form.locator('select[name="sourceId"]').selectOption('pia');
    await form.getByLabel('Probability it will be confirmed (%)').fill(typed);
    await form.getByRole('button', { name: 'Record the forecast' }).click();
    return form;
  }

  it('the forecast form refuses 100 and 0.7 in percent, beside the field, sending nothing', async () => {
    await visit(ui.page, `${ui.base}/claims/${claimId}`);
    const form = await submitForecast('100');
    const error = form.locator('[data-pointer="/probability"] .field-error');
    await expect.poll(() => error.textContent()).toBe('Probability must be between 1 % and 99 % (you typed 100 %). Reckon never records certainty: a forecast is a chance, so stay inside the bounds.');
    expect(await form.getByLabel('Probability it will be confirmed (%)').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.form-summary').textContent()).not.toMatch(FRACTION_TALK);
    expect(await form.locator('[data-pointer="/probability"] .hint').textContent()).toContain('Between 1 % and 99 %');

    await submitForecast('0.7');
    await expect.poll(() => error.textContent()).toBe('Probability must be between 1 % and 99 % (you typed 0.7 %). Did you mean 70 %?');
    await ui.page.screenshot({ path: '/tmp/ux15-forecast-error-1280.png', fullPage: false, clip: { x: 0, y: Math.max(0, (await form.boundingBox())!.y - 40), width: 1280, height: 600 } });
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await form.scrollIntoViewIfNeeded();
    await ui.page.screenshot({ path: '/tmp/ux15-forecast-error-390.png' });
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    expect(await forecasts()).toEqual([]);
  });

  it('70% and 70 are both 70 %', async () => {
    await visit(ui.page, `${ui.base}/claims/${claimId}`);
    await submitForecast('70%');
    await expect.poll(forecasts).toEqual([0.7]);
    await visit(ui.page, `${ui.base}/claims/${claimId}`);
    await submitForecast('65');
    await expect.poll(forecasts).toEqual([0.7, 0.65]);
  });

  it('the new-claim form checks the first forecast in percent before logging the claim, and shows the API’s sentences beside each field', async () => {
    const before = (await (await ui.page.request.get(`${ui.base}/api/claims?limit=200`)).json()).items.length;
    await visit(ui.page, `${ui.base}/claims/new`);
    await ui.page.getByLabel('Statement').fill('It happens.');
    await ui.page.getByLabel('Resolution criteria').fill('Confirmed if it happens.');
    await ui.page.getByLabel('Deadline').fill('2030-01-01');
    await ui.page.getByLabel('A forecast').check();
    await ui.page.locator('form select[name="sourceId"]').selectOption('pia');
    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('very likely');
    await ui.page.locator('form button[type="submit"]').click();
    const pError = ui.page.locator('[data-pointer="/first/probability"] .field-error');
    await expect.poll(() => pError.textContent()).toBe('Probability must be a number such as 70 or 70% (you typed “very likely”).');
    // The title is empty too: once the probability is right, the API's sentence lands beside the title.
    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('40%');
    await ui.page.locator('form button[type="submit"]').click();
    const tError = ui.page.locator('[data-pointer="/title"] .field-error');
    await expect.poll(() => tError.textContent()).toBe('title must not be empty.');
    const summary = await ui.page.locator('.form-summary').textContent();
    expect(summary).toBe('Not saved. Fix the marked field and try again.');
    expect(summary).not.toMatch(FRACTION_TALK);
    await ui.page.screenshot({ path: '/tmp/ux15-new-claim-error-1280.png', fullPage: true });
    expect((await (await ui.page.request.get(`${ui.base}/api/claims?limit=200`)).json()).items.length).toBe(before);
    expect(ui.watch.errors.filter((e) => !/400/.test(e))).toEqual([]);
    ui.watch.errors.length = 0; // the refusal's 400 was expected
  });

  it('quick log: an out-of-bounds probability is said in the unit the line used', async () => {
    await visit(ui.page, `${ui.base}/`);
    await ui.page.locator('#quick-log').fill('Will it snow by 2030-06-30? 100%');
    await ui.page.keyboard.press('Enter');
    const draft = ui.page.locator('.quick-draft');
    await draft.waitFor();
    const error = draft.locator('[data-pointer="/forecast/probability"] .field-error');
    await expect.poll(() => error.textContent()).toMatch(/^Probability must be between 1 % and 99 % \(you typed 100 %\)\./);
    // Typed again in the draft as odds: 3:1 is 75 %.
    await draft.getByLabel('Your forecast (%)').fill('3:1');
    await draft.locator('select[name="sourceId"]').selectOption('pia');
    await draft.getByRole('button', { name: 'Log it' }).click();
    await ui.page.waitForURL(/\/claims\/(?!new)/);
    const id = decodeURIComponent(new URL(ui.page.url()).pathname.split('/').pop()!);
    const claim = await (await ui.page.request.get(`${ui.base}/api/claims/${id}`)).json();
    expect(claim.forecasts.map((f: { probability: number }) => f.probability)).toEqual([0.75]);
    expect(ui.watch.errors).toEqual([]);
  });
});
