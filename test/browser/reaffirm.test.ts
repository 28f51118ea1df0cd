/**
 * "The question changed since your forecast": a claim edited after forecasts shows each
 * forecaster whose standing forecast answered the old wording the word diff and a one-click
 * reaffirm (a new forecast, same probability, with a note); forecasts made after the edit do not.
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launch, screenshot, settle, startApp, visit, watch, type App, type Watch } from './harness.js';

async function send(request: APIRequestContext, method: 'post' | 'patch', url: string, data: unknown) {
  const res = await request[method](url, { data });
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return res.json();
}

describe.skipIf(!HAS_CHROMIUM)('reaffirm after the question changed', () => {
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

  it('shows the diff to the forecaster whose forecast predates the edit, and reaffirms in one click', async () => {
    const r = page.request;
    await send(r, 'post', `${app.url}/api/sources`, { id: 'alice', name: 'Alice Analyst', type: 'forecaster' });
    await send(r, 'post', `${app.url}/api/sources`, { id: 'bob', name: 'Bob Bettor', type: 'forecaster' });
    const claim = await send(r, 'post', `${app.url}/api/claims`, { kind: 'prediction', title: 'Will the ceasefire hold?', statement: 'The ceasefire holds until 30 June 2027.', resolutionCriteria: 'Yes if no major offensive is reported by two outlets.', deadline: '2031-01-01' });
    const url = `${app.url}/api/claims/${claim.id}`;
    await send(r, 'post', `${url}/forecasts`, { sourceId: 'alice', probability: 0.7 });
    await visit(page, `${app.url}/claims/${claim.id}`);
    expect(await page.locator('.question-changed').count()).toBe(0);

    await send(r, 'patch', url, { statement: 'The ceasefire holds until 31 December 2027.', resolutionCriteria: 'Yes if no major offensive is reported by three outlets.', reason: 'Longer horizon' });
    await send(r, 'post', `${url}/forecasts`, { sourceId: 'bob', probability: 0.4 });
    await visit(page, `${app.url}/claims/${claim.id}`);
    const notice = page.locator('.question-changed');
    await notice.waitFor();
    expect(await notice.locator('h3').allTextContents()).toEqual(['Alice Analyst: the question changed since your forecast']);
    expect(await notice.locator('del').allTextContents()).toEqual(['30 June', 'two']);
    expect(await notice.locator('ins').allTextContents()).toEqual(['31 December', 'three']);
    await screenshot(page, 'reaffirm-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'reaffirm-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await notice.getByRole('button', { name: 'Reaffirm 70%' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Alice Analyst’s forecast of 70% reaffirmed.').waitFor();
    await settle(page);
    expect(await page.locator('.question-changed').count()).toBe(0);
    const after = await (await r.get(url)).json();
    const alice = after.forecasts.filter((f: any) => f.sourceId === 'alice');
    expect(alice.map((f: any) => f.probability)).toEqual([0.7, 0.7]);
    expect(alice[1].note).toBe('Reaffirmed after the question changed (revision 1 → 2).');
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
});
