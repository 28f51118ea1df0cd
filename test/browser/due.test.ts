/**
 * Never lose track of what is due: the Needs resolution page lists open claims past their
 * deadline or check-by date, oldest first, the nav badge counts them, and one click resolves.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launch, screenshot, settle, startApp, visit, watch, type App, type Watch, postJson as post } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('Needs resolution', () => {
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

  it('lists overdue open claims oldest first, badges the nav with their count, and resolves one in a click', async () => {
    const base = { statement: 'S', resolutionCriteria: 'C' };
    const late = await post(page.request, `${app.url}/api/claims`, { ...base, kind: 'prediction', title: 'Overdue prediction (2021)', deadline: '2021-03-01' });
    const older = await post(page.request, `${app.url}/api/claims`, { ...base, kind: 'allegation', title: 'Overdue allegation (2020)', checkBy: '2020-05-01' });
    await post(page.request, `${app.url}/api/claims`, { ...base, kind: 'prediction', title: 'Not due yet', deadline: '2099-01-01' });
    const done = await post(page.request, `${app.url}/api/claims`, { ...base, kind: 'prediction', title: 'Overdue but resolved', deadline: '2019-01-01' });
    await post(page.request, `${app.url}/api/claims/${done.id}/resolution`, { outcome: 'refuted', knownOn: new Date().toISOString() });

    await visit(page, `${app.url}/`);
    const badge = page.locator('#due-badge');
    await expect.poll(() => badge.textContent()).toBe('2 overdue');
    expect(await badge.isVisible()).toBe(true);

    await page.getByRole('link', { name: /Needs resolution/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Needs resolution' }).waitFor();
    await settle(page);
    const titles = await page.locator('.due-list .claim-row h2').allTextContents();
    expect(titles).toEqual([older.title, late.title]);
    expect(await page.locator('.due-list').textContent()).toMatch(/Check by 1 May 2020.*\d+ days overdue/);
    await screenshot(page, 'due-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'due-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard: tab to the first row's "Confirmed" and press Enter.
    await page.getByRole('button', { name: `Confirmed: ${older.title}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`“${older.title}” resolved: confirmed.`).waitFor();
    await settle(page);
    expect(await page.locator('.due-list .claim-row h2').allTextContents()).toEqual([late.title]);
    await expect.poll(() => badge.textContent()).toBe('1 overdue');
    const claim = await (await page.request.get(`${app.url}/api/claims/${older.id}`)).json();
    expect(claim.status).toBe('confirmed');

    await page.getByRole('button', { name: `Refuted: ${late.title}` }).click();
    await page.getByText('Nothing is overdue').waitFor();
    await expect.poll(() => badge.isVisible()).toBe(false);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
});
