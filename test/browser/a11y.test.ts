/**
 * axe-core on every page, in the light and the dark colour scheme: no critical or serious
 * violation. Figures' tables and the record forms are opened so their markup is checked too.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, PAGES, axeViolations, screenshot, settle, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('accessibility', () => {
  const ui = useBrowserPage({ demo: true });

  it('has no critical or serious violation on any page, light or dark', async () => {
    // axe is injected as a script tag, which the app's CSP (rightly) forbids: bypass the CSP for this pass only.
    const context = await ui.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const found: string[] = [];
    for (const [name, path] of PAGES) {
      await page.emulateMedia({ colorScheme: 'light' });
      await visit(page, `${ui.base}${path}`);
      const show = page.getByRole('button', { name: 'Show data as table' });
      while ((await show.count()) > 0) await show.first().click();
      for (const d of await page.locator('details').all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
      found.push(...(await axeViolations(page)).map((v) => `${name} (light): ${v}`));
      // The charts redraw with the dark palette when the scheme changes; no reload needed.
      await page.emulateMedia({ colorScheme: 'dark' });
      await settle(page);
      found.push(...(await axeViolations(page)).map((v) => `${name} (dark): ${v}`));
      await screenshot(page, `${name}-dark`);
    }
    expect(found).toEqual([]);
    await context.close();
  }, 60_000);
});
