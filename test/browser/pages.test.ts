/**
 * Every page, from an empty database to the demo case: no console error, no request to any
 * other host, nothing wider than a phone, and a screenshot of each at desktop and phone width.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, PAGES, launch, screenshot, settle, startApp, visit, watch, type App } from './harness.js';


describe.skipIf(!HAS_CHROMIUM)('every page', () => {
  let app: App;
  let browser: Browser;
  let strict: BrowserContext;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    strict = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  it('shows a new database how to start, and loads the demo case on request', async () => {
    const page = await strict.newPage();
    const w = await watch(page, app.url);
    await visit(page, `${app.url}/`);
    await expect(page.getByRole('heading', { name: 'No claims yet' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Log the first claim' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'empty-state');
    await page.getByRole('button', { name: 'Load the demo case' }).click();
    await page.locator('.claim-row').first().waitFor();
    expect(await page.locator('.claim-row').count()).toBe(9);
    const again = await page.request.post(`${app.url}/api/demo`, { data: {} });
    expect(again.status()).toBe(409);
    expect(again.headers()['content-type']).toContain('application/problem+json');
    expect(w.errors.filter((e) => !/409/.test(e))).toEqual([]);
    await page.close();
  });

  it('loads each page with no console error and no request to another host, at desktop and phone width', async () => {
    const page = await strict.newPage();
    const w = await watch(page, app.url);
    for (const [name, path] of PAGES) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, `${app.url}${path}`);
      expect(await page.locator('h1').count(), name).toBe(1);
      await screenshot(page, `${name}-desktop`);
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      await page.waitForTimeout(50);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
      await screenshot(page, `${name}-phone`);
    }
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    const icon = await page.request.get(`${app.url}/favicon.ico`);
    expect(icon.status()).toBe(200);
    await page.close();
    // Fourteen pages at two widths, each screenshotted: more than the default 30 s on a busy machine.
  }, 120_000);
});
