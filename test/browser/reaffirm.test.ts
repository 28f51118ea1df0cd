/**
 * "The question changed since your forecast": a claim edited after forecasts shows each
 * forecaster whose standing forecast answered the old wording the word diff and a one-click
 * reaffirm (a new forecast, same probability, with a note); forecasts made after the edit do not.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, screenshot, sendJson, settle, useBrowserPage, visit } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('reaffirm after the question changed', () => {
  const ui = useBrowserPage();

  it('shows the diff to the forecaster whose forecast predates the edit, and reaffirms in one click', async () => {
    const r = ui.page.request;
    await sendJson(r, 'post', `${ui.base}/api/sources`, { id: 'alice', name: 'Alice Analyst', type: 'forecaster' });
    await sendJson(r, 'post', `${ui.base}/api/sources`, { id: 'bob', name: 'Bob Bettor', type: 'forecaster' });
    const claim = await sendJson(r, 'post', `${ui.base}/api/claims`, { kind: 'prediction', title: 'Will the ceasefire hold?', statement: 'The ceasefire holds until 30 June 2027.', resolutionCriteria: 'Yes if no major offensive is reported by two outlets.', deadline: '2031-01-01' });
    const url = `${ui.base}/api/claims/${claim.id}`;
    await sendJson(r, 'post', `${url}/forecasts`, { sourceId: 'alice', probability: 0.7 });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    expect(await ui.page.locator('.question-changed').count()).toBe(0);

    await sendJson(r, 'patch', url, { statement: 'The ceasefire holds until 31 December 2027.', resolutionCriteria: 'Yes if no major offensive is reported by three outlets.', reason: 'Longer horizon' });
    await sendJson(r, 'post', `${url}/forecasts`, { sourceId: 'bob', probability: 0.4 });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    const notice = ui.page.locator('.question-changed');
    await notice.waitFor();
    expect(await notice.locator('h3').allTextContents()).toEqual(['Alice Analyst: the question changed since your forecast']);
    expect(await notice.locator('del').allTextContents()).toEqual(['30 June', 'two']);
    expect(await notice.locator('ins').allTextContents()).toEqual(['31 December', 'three']);
    await screenshot(ui.page, 'reaffirm-1280');
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(ui.page, 'reaffirm-390');
    await ui.page.setViewportSize({ width: 1280, height: 900 });

    await notice.getByRole('button', { name: 'Reaffirm 70%' }).focus();
    await ui.page.keyboard.press('Enter');
    await ui.page.getByText('Alice Analyst’s forecast of 70% reaffirmed.').waitFor();
    await settle(ui.page);
    expect(await ui.page.locator('.question-changed').count()).toBe(0);
    const after = await (await r.get(url)).json();
    const alice = after.forecasts.filter((f: any) => f.sourceId === 'alice');
    expect(alice.map((f: any) => f.probability)).toEqual([0.7, 0.7]);
    expect(alice[1].note).toBe('Reaffirmed after the question changed (revision 1 → 2).');
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });
});
