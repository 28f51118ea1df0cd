/**
 * Every page, from an empty database to the demo case: no console error, no request to any
 * other host, nothing wider than a phone, and a screenshot of each at desktop and phone width.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, PAGES, screenshot, settle, useBrowserPage, visit, watch } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('every page', () => {
  const ui = useBrowserPage();

  it('shows a new database how to start, and loads the demo case on request', async () => {
    const page = await ui.context.newPage();
    const w = await watch(page, ui.base);
    await visit(page, `${ui.base}/`);
    await expect(page.getByRole('heading', { name: 'No claims yet' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Log the first claim' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'empty-state');
    await page.getByRole('button', { name: 'Load the demo case' }).click();
    await page.locator('.claim-row').first().waitFor();
    expect(await page.locator('.claim-row').count()).toBe(9);
    const again = await page.request.post(`${ui.base}/api/demo`, { data: {} });
    expect(again.status()).toBe(409);
    expect(again.headers()['content-type']).toContain('application/problem+json');
    expect(w.errors.filter((e) => !/409/.test(e))).toEqual([]);
    await page.close();
  });

  it('loads each page with no console error and no request to another host, at desktop and phone width', async () => {
    const page = await ui.context.newPage();
    const w = await watch(page, ui.base);
    for (const [name, path] of PAGES) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, `${ui.base}${path}`);
      expect(await page.locator('h1').count(), name).toBe(1);
      await screenshot(page, `${name}-desktop`);
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      // Charts resize on a ResizeObserver tick after the viewport changes (late on a loaded machine): wait for the layout to settle at 390.
      await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, null, { timeout: 5_000 }).catch(() => undefined);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
      await screenshot(page, `${name}-phone`);
    }
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    const icon = await page.request.get(`${ui.base}/favicon.ico`);
    expect(icon.status()).toBe(200);
    await page.close();
    // Fourteen pages at two widths, each screenshotted: more than the default 30 s on a busy machine.
  }, 120_000);
});
