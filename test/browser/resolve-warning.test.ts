/**
 * Resolving with the warning (issue 13 item 2, issue 15 §3): the resolve form asks for
 * confirmation, before anything is recorded, when the known-on date would leave forecasts out
 * (a date-only date is the start of that day, UTC) or when the deadline has not come; "Go back"
 * records nothing; "Resolve anyway" resolves, and the history says which forecast did not count.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, axeViolations, postJson as post, screenshot, settle, unique, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('resolving with a warning', () => {
  // CSP bypassed only so that axe-core can be injected (as in a11y.test.ts).
  const ui = useBrowserPage({ bypassCSP: true });

  /** A prediction whose deadline has passed, with forecasts of one source on 1 May and 1 June 2024 (10:00 UTC). */
  async function setup() {
    const source = (await post(ui.page.request, `${ui.base}/api/sources`, { name: `Forecaster ${unique('f')}`, type: 'forecaster' })).id;
    const claim = await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Closed question ${unique('q')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2024-07-01' });
    await post(ui.page.request, `${ui.base}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: 0.2, madeAt: '2024-05-01T00:00:00Z' });
    await post(ui.page.request, `${ui.base}/api/claims/${claim.id}/forecasts`, { sourceId: source, probability: 0.8, madeAt: '2024-06-01T10:00:00Z' });
    return claim.id as string;
  }

  const events = async () => (await (await ui.page.request.get(`${ui.base}/api/verify`)).json()).events as number;
  const status = async (id: string) => (await (await ui.page.request.get(`${ui.base}/api/claims/${id}`)).json()).status as string;

  it('asks before leaving forecasts out or resolving before the deadline; Go back records nothing; Resolve anyway resolves', async () => {
    const id = await setup();
    await visit(ui.page, `${ui.base}/claims/${id}`);
    // Forecasting closed at the deadline: the form is not offered.
    expect(await ui.page.locator('.action-panels').textContent()).toContain('Forecasting closed at the deadline (1 Jul 2024).');

    await ui.page.getByText('Resolve', { exact: true }).click();
    await ui.page.getByLabel('Refuted').check();
    await ui.page.getByLabel('Known on').fill('2024-06-01');
    const before = await events();
    await ui.page.getByRole('button', { name: 'Resolve the claim' }).click();
    const confirm = ui.page.getByRole('alertdialog', { name: 'Resolve anyway?' });
    await confirm.waitFor();
    const text = await confirm.textContent();
    expect(text).toContain('1 forecast was made on or after 1 Jun 2024, 00:00 UTC and will not count.');
    expect(text).toContain('The known-on date is before the deadline (1 Jul 2024)');
    expect(await ui.page.evaluate(() => document.activeElement?.textContent)).toBe('Resolve anyway');
    expect(await axeViolations(ui.page)).toEqual([]);
    await screenshot(ui.page, 'resolve-warning-1280');
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(ui.page, 'resolve-warning-390');
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    expect(await events()).toBe(before);

    await confirm.getByRole('button', { name: 'Go back' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await ui.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('knownOn');
    expect(await status(id)).toBe('open');
    expect(await events()).toBe(before);

    await ui.page.getByRole('button', { name: 'Resolve the claim' }).click();
    await confirm.getByRole('button', { name: 'Resolve anyway' }).click();
    await ui.page.getByText('Claim resolved.').waitFor();
    await settle(ui.page);
    expect(await status(id)).toBe('refuted');
    const late = ui.page.locator('.history li.ev-forecast', { hasText: '80%' });
    expect(await late.textContent()).toContain('Not counted: made on or after the date the outcome became known');
    expect(await ui.page.locator('.history li.ev-forecast', { hasText: '20%' }).locator('.not-counted').count()).toBe(0);
    await screenshot(ui.page, 'resolve-warning-resolved');
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });

  it('resolves at once when nothing is left out and the deadline has passed', async () => {
    const id = await setup();
    await visit(ui.page, `${ui.base}/claims/${id}`);
    await ui.page.getByText('Resolve', { exact: true }).click();
    await ui.page.getByLabel('Known on').fill('2024-07-02');
    await ui.page.getByRole('button', { name: 'Resolve the claim' }).click();
    await ui.page.getByText('Claim resolved.').waitFor();
    expect(await status(id)).toBe('confirmed');
    expect(ui.watch.errors).toEqual([]);
  });
});
