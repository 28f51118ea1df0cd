/**
 * Quick log on the claims page, keyboard only: a line, Enter for the filled draft, Enter to log
 * the prediction with its forecast; the forecaster is remembered; a line without a date says so
 * beside the deadline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, screenshot, settle, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('quick log', () => {
  const ui = useBrowserPage();

  beforeAll(async () => {
    const res = await ui.page.request.post(`${ui.base}/api/sources`, { data: { id: 'alice', name: 'Alice Analyst', type: 'forecaster' } });
    expect(res.status()).toBe(201);
  });

  async function draftFrom(line: string) {
    await visit(ui.page, `${ui.base}/`);
    await ui.page.locator('#quick-log').focus();
    await ui.page.keyboard.type(line);
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.quick-draft').waitFor();
  }

  it('reads the line into a filled draft and Enter logs the prediction with the forecast', async () => {
    await draftFrom('Will the ceasefire hold until 2027-06-30? 70%');
    const draft = ui.page.locator('.quick-draft');
    expect(await draft.getByLabel('Title (and statement)').inputValue()).toBe('Will the ceasefire hold until 2027-06-30?');
    expect(await draft.getByLabel('Deadline').inputValue()).toBe('2027-06-30');
    expect(await draft.getByLabel('Your forecast (%)').inputValue()).toBe('70');
    expect(await draft.getByLabel(/Resolution criteria/).inputValue()).toContain('2027-06-30');
    expect(await draft.getByLabel('Tags').inputValue()).toBe('review-criteria');
    await screenshot(ui.page, 'quick-log-1280');
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(ui.page, 'quick-log-390');
    await ui.page.setViewportSize({ width: 1280, height: 900 });

    // Choose the forecaster from the keyboard, then Enter in a field submits the draft.
    await draft.getByLabel('Forecast as').focus();
    await draft.getByLabel('Forecast as').selectOption('alice');
    await draft.getByLabel('Deadline').focus();
    await ui.page.keyboard.press('Enter');
    await ui.page.getByRole('heading', { level: 1, name: 'Will the ceasefire hold until 2027-06-30?' }).waitFor();
    await settle(ui.page);
    await ui.page.getByText('Logged, with your forecast.').waitFor();
    const id = decodeURIComponent(new URL(ui.page.url()).pathname.split('/').pop()!);
    const claim = await (await ui.page.request.get(`${ui.base}/api/claims/${id}`)).json();
    expect(claim).toMatchObject({ kind: 'prediction', deadline: '2027-06-30', tags: ['review-criteria'] });
    expect(claim.forecasts.map((f: any) => [f.sourceId, f.probability])).toEqual([['alice', 0.7]]);

    // The second time the forecaster is remembered: line, Enter, Enter.
    await draftFrom('Will the bridge open by end of June 2030? 7:3');
    expect(await ui.page.evaluate(() => document.activeElement?.textContent)).toBe('Log it');
    await ui.page.keyboard.press('Enter');
    await ui.page.getByRole('heading', { level: 1, name: 'Will the bridge open by end of June 2030?' }).waitFor();
    const id2 = decodeURIComponent(new URL(ui.page.url()).pathname.split('/').pop()!);
    const second = await (await ui.page.request.get(`${ui.base}/api/claims/${id2}`)).json();
    expect(second.deadline).toBe('2030-06-30');
    expect(second.forecasts.map((f: any) => [f.sourceId, f.probability])).toEqual([['alice', 0.7]]);
    expect(ui.watch.errors).toEqual([]);
  });

  it('names what the line left out beside the field, and Escape closes the draft', async () => {
    await draftFrom('Will it happen? 70%');
    const draft = ui.page.locator('.quick-draft');
    expect(await draft.locator('[data-pointer="/claim/deadline"] .field-error').textContent()).toMatch(/No date found/);
    expect(await draft.getByLabel('Deadline').getAttribute('aria-invalid')).toBe('true');
    await ui.page.keyboard.press('Escape');
    expect(await ui.page.locator('.quick-draft').count()).toBe(0);

    // A probability the ledger's bounds refuse: shown beside the field, and no claim is left behind.
    const before = (await (await ui.page.request.get(`${ui.base}/api/events`)).json()).items.length;
    await draftFrom('Will the dam hold by 2031? 0.5%');
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.quick-draft .form-summary').waitFor();
    expect(await ui.page.locator('.quick-draft [data-pointer="/forecast/probability"] .field-error').textContent()).toMatch(/between/);
    expect((await (await ui.page.request.get(`${ui.base}/api/events`)).json()).items.length).toBe(before);
    await ui.page.keyboard.press('Escape');
    expect(await ui.page.locator('.quick-draft').count()).toBe(0);
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('quick-log');
    // The refused write's 422 is logged by the browser as a failed load; nothing else may be.
    expect(ui.watch.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
