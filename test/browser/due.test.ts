/**
 * Never lose track of what is due: the Needs resolution page lists open claims past their
 * deadline or check-by date, oldest first, the nav badge counts them, and one click resolves.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, postJson as post, screenshot, settle, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('Needs resolution', () => {
  const ui = useBrowserPage();

  it('lists overdue open claims oldest first, badges the nav with their count, and resolves one in a click', async () => {
    const base = { statement: 'S', resolutionCriteria: 'C' };
    const late = await post(ui.page.request, `${ui.base}/api/claims`, { ...base, kind: 'prediction', title: 'Overdue prediction (2021)', deadline: '2021-03-01' });
    const older = await post(ui.page.request, `${ui.base}/api/claims`, { ...base, kind: 'allegation', title: 'Overdue allegation (2020)', checkBy: '2020-05-01' });
    await post(ui.page.request, `${ui.base}/api/claims`, { ...base, kind: 'prediction', title: 'Not due yet', deadline: '2099-01-01' });
    const done = await post(ui.page.request, `${ui.base}/api/claims`, { ...base, kind: 'prediction', title: 'Overdue but resolved', deadline: '2019-01-01' });
    await post(ui.page.request, `${ui.base}/api/claims/${done.id}/resolution`, { outcome: 'refuted', knownOn: new Date().toISOString() });

    await visit(ui.page, `${ui.base}/`);
    const badge = ui.page.locator('#due-badge');
    await expect.poll(() => badge.textContent()).toBe('2 overdue');
    expect(await badge.isVisible()).toBe(true);

    await ui.page.getByRole('link', { name: /Needs resolution/ }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Needs resolution' }).waitFor();
    await settle(ui.page);
    const titles = await ui.page.locator('.due-list .claim-row h2').allTextContents();
    expect(titles).toEqual([older.title, late.title]);
    expect(await ui.page.locator('.due-list').textContent()).toMatch(/Check by 1 May 2020.*\d+ days overdue/);
    await screenshot(ui.page, 'due-1280');
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(ui.page, 'due-390');
    await ui.page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard: tab to the first row's "Confirmed" and press Enter.
    await ui.page.getByRole('button', { name: `Confirmed: ${older.title}` }).focus();
    await ui.page.keyboard.press('Enter');
    await ui.page.getByText(`“${older.title}” resolved: confirmed.`).waitFor();
    await settle(ui.page);
    expect(await ui.page.locator('.due-list .claim-row h2').allTextContents()).toEqual([late.title]);
    await expect.poll(() => badge.textContent()).toBe('1 overdue');
    const claim = await (await ui.page.request.get(`${ui.base}/api/claims/${older.id}`)).json();
    expect(claim.status).toBe('confirmed');

    await ui.page.getByRole('button', { name: `Refuted: ${late.title}` }).click();
    await ui.page.getByText('Nothing is overdue').waitFor();
    await expect.poll(() => badge.isVisible()).toBe(false);
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });
});
