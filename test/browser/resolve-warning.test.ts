/**
 * Resolving with the warning (issue 13 item 2, issue 15 §3): the resolve form asks for
 * confirmation, before anything is recorded, when the known-on date would leave forecasts out
 * (a date-only date is the start of that day, UTC) or when the deadline has not come; "Go back"
 * records nothing; "Resolve anyway" resolves, and the history says which forecast did not count.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, axeViolations, launch, screenshot, settle, startApp, visit, watch, type App, type Watch, postJson as post } from './harness.js';

let n = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++n}`;

describe.skipIf(!HAS_CHROMIUM)('resolving with a warning', () => {
  let app: App;
  let browser: Browser;
  let page: Page;
  let w: Watch;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    // CSP bypassed only so that axe-core can be injected (as in a11y.test.ts).
    page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })).newPage();
    w = await watch(page, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  /** A prediction whose deadline has passed, with forecasts of one source on 1 May and 1 June 2024 (10:00 UTC). */
  async function setup() {
    const source = (await post(page.request, `${app.url}/api/sources`, { name: `Forecaster ${unique('f')}`, type: 'forecaster' })).id;
    const claim = await post(page.request, `${app.url}/api/claims`, { kind: 'prediction', title: `Closed question ${unique('q')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2024-07-01' });
    await post(page.request, `${app.url}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: 0.2, madeAt: '2024-05-01T00:00:00Z' });
    await post(page.request, `${app.url}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: 0.8, madeAt: '2024-06-01T10:00:00Z' });
    return claim.id as string;
  }

  const events = async () => (await (await page.request.get(`${app.url}/api/verify`)).json()).events as number;
  const status = async (id: string) => (await (await page.request.get(`${app.url}/api/claims/${id}`)).json()).status as string;

  it('asks before leaving forecasts out or resolving before the deadline; Go back records nothing; Resolve anyway resolves', async () => {
    const id = await setup();
    await visit(page, `${app.url}/claims/${id}`);
    // Forecasting closed at the deadline: the form is not offered.
    expect(await page.locator('.action-panels').textContent()).toContain('Forecasting closed at the deadline (1 Jul 2024).');

    await page.getByText('Resolve', { exact: true }).click();
    await page.getByLabel('Refuted').check();
    await page.getByLabel('Known on').fill('2024-06-01');
    const before = await events();
    await page.getByRole('button', { name: 'Resolve the claim' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Resolve anyway?' });
    await confirm.waitFor();
    const text = await confirm.textContent();
    expect(text).toContain('1 forecast was made on or after 1 Jun 2024, 00:00 UTC and will not count.');
    expect(text).toContain('The known-on date is before the deadline (1 Jul 2024)');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Resolve anyway');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'resolve-warning-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'resolve-warning-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await events()).toBe(before);

    await confirm.getByRole('button', { name: 'Go back' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('knownOn');
    expect(await status(id)).toBe('open');
    expect(await events()).toBe(before);

    await page.getByRole('button', { name: 'Resolve the claim' }).click();
    await confirm.getByRole('button', { name: 'Resolve anyway' }).click();
    await page.getByText('Claim resolved.').waitFor();
    await settle(page);
    expect(await status(id)).toBe('refuted');
    const late = page.locator('.history li.ev-forecast', { hasText: '80%' });
    expect(await late.textContent()).toContain('Not counted: made on or after the date the outcome became known');
    expect(await page.locator('.history li.ev-forecast', { hasText: '20%' }).locator('.not-counted').count()).toBe(0);
    await screenshot(page, 'resolve-warning-resolved');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });

  it('resolves at once when nothing is left out and the deadline has passed', async () => {
    const id = await setup();
    await visit(page, `${app.url}/claims/${id}`);
    await page.getByText('Resolve', { exact: true }).click();
    await page.getByLabel('Known on').fill('2024-07-02');
    await page.getByRole('button', { name: 'Resolve the claim' }).click();
    await page.getByText('Claim resolved.').waitFor();
    expect(await status(id)).toBe('confirmed');
    expect(w.errors).toEqual([]);
  });
});
