/**
 * The Overview's time-to-verdict tables on data with more days than anyone reads in a table
 * (70 allegations, a verdict on most days it came): each opens on a short view, the curves
 * read every so many days (a bounded number of rows, what they are said in words), with a
 * button that shows every row as /api/survival answers it and a CSV download of all of them.
 * Grouped, the short view names each group once, above its rows. Screenshots at 1280 and 390 px.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LONG_TABLE } from '../../web/js/charts/survival-table.js';
import { count, pct, pctRange } from '../../web/js/format.js';
import { HAS_CHROMIUM, SCREENSHOTS, postJson as post, useBrowserPage, visit } from './harness.js';

const CLAIMS = 70;
const STILL = /^Allegations still without a verdict/;
const INCIDENCE = /^Confirmed or refuted, by days since first alleged/;
const day = (start: string, plus: number) => new Date(Date.parse(start) + plus * 86_400_000).toISOString().slice(0, 10);

const figureOf = (page: Page, title: RegExp) => page.locator('figure.figure', { has: page.locator('.figure-title', { hasText: title }) });

/** Open a figure's table and read its body rows as text (section heading rows included, as one cell). */
async function openTable(page: Page, title: RegExp): Promise<string[][]> {
  const fig = figureOf(page, title);
  await fig.getByRole('button', { name: 'Show data as table' }).click();
  return bodyRows(page, title);
}

function bodyRows(page: Page, title: RegExp): Promise<string[][]> {
  return figureOf(page, title)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
}

/** The API point on or before day t (the curve's value there), or null before the first. */
const pointAt = (points: any[], t: number) => points.filter((p) => p.days <= t).at(-1) ?? null;

describe.skipIf(!HAS_CHROMIUM)('the Overview’s long time-to-verdict tables', () => {
  const ui = useBrowserPage({ timeout: 20_000 });

  beforeAll(async () => {
    const r = ui.page.request;
    for (const id of ['wire', 'ministry']) await post(r, `${ui.base}/api/sources`, { id, name: id === 'wire' ? 'Wire service' : 'Ministry, press office', type: id === 'wire' ? 'media' : 'government' });
    // Both sources assert every allegation on the same day; verdicts come on 60 different days, ten stay open.
    for (let i = 0; i < CLAIMS; i += 1) {
      const c = await post(r, `${ui.base}/api/claims`, { kind: 'allegation', title: `Did convoy ${i} cross the border?`, statement: `Convoy ${i} crossed the border.`, resolutionCriteria: 'Two independent reports.' });
      for (const sourceId of ['wire', 'ministry']) await post(r, `${ui.base}/api/claims/${c.id}/stances`, { sourceId, stance: 'asserts', date: '2023-01-01' });
      if (i < 60) await post(r, `${ui.base}/api/claims/${c.id}/resolution`, { outcome: i % 3 === 0 ? 'refuted' : 'confirmed', knownOn: day('2023-01-01', 5 * i + 2) });
    }
  }, 180_000);

  it('opens the Kaplan–Meier table on the curve read every so many days, says so, and shows every row on demand', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival`)).json();
    const [all] = survival.groups;
    expect(all.points.length).toBeGreaterThan(LONG_TABLE);
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await visit(ui.page, `${ui.base}/overview`);
    const rows = await openTable(ui.page, STILL);
    const fig = figureOf(ui.page, STILL);
    // Bounded, and what is shown said in words: the step, how many rows of how many.
    expect(rows.length).toBeLessThanOrEqual(LONG_TABLE);
    const words = (await fig.locator('.table-note').textContent())!;
    const step = Number(/^Every ([\d,]+) days from day 0: /.exec(words)?.[1]?.replace(',', ''));
    expect(step).toBeGreaterThan(0);
    expect(words).toContain(`${count(rows.length)} of the ${count(all.points.length)} rows`);
    expect(await fig.locator('caption').textContent()).toBe(`Time to verdict, every ${count(step)} days`);
    // Each row is the curve at day k·step: its share and band on or before that day, the number still counted then.
    const last = all.points.at(-1).days;
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: Math.floor(last / step) + 1 }, (_, k) => count(k * step)));
    for (const [k, row] of rows.entries()) {
      const p = pointAt(all.points, k * step);
      const atRisk = all.points.find((q: any) => q.days >= k * step).atRisk;
      expect([row[1], row[5], row[6]], `day ${k * step}`).toEqual([count(atRisk), pct(p?.unresolved ?? 1), p ? pctRange([p.lower, p.upper]) : pctRange([1, 1])]);
    }
    // Confirmed since the row before: the rows add up to every confirmation.
    expect(rows.reduce((n, r) => n + Number(r[2]), 0)).toBe(all.confirmed);
    expect(await fig.locator('thead th[scope="col"]').count()).toBe(9);
    expect(await fig.locator('tbody th[scope="row"]').count()).toBe(rows.length);
    await fig.screenshot({ path: join(SCREENSHOTS, 'overview-long-table-short-phone.png') });

    const showAll = fig.getByRole('button', { name: `Show all ${count(all.points.length)} rows` });
    expect(await showAll.getAttribute('aria-expanded')).toBe('false');
    await showAll.click();
    const full = await bodyRows(ui.page, STILL);
    expect(full.map((r) => [r[1], r[2], r[6], r[7]])).toEqual(all.points.map((p: any) => [count(p.days), count(p.atRisk), pct(p.unresolved), p.lower === null ? '—' : pctRange([p.lower, p.upper])]));
    const back = fig.getByRole('button', { name: `Show the ${count(rows.length)} rows only` });
    expect(await back.getAttribute('aria-expanded')).toBe('true');
    await back.click();
    expect(await bodyRows(ui.page, STILL)).toEqual(rows);
    expect(ui.watch.errors).toEqual([]);
  });

  it('downloads every row of the data as CSV, with the API’s field names and unrounded numbers', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?incidenceBands=true`)).json();
    const [all] = survival.groups;
    await ui.page.setViewportSize({ width: 1280, height: 900 });
    await visit(ui.page, `${ui.base}/overview`);
    await openTable(ui.page, INCIDENCE);
    const [download] = await Promise.all([ui.page.waitForEvent('download'), figureOf(ui.page, INCIDENCE).getByRole('button', { name: `Download CSV (${count(all.points.length)} rows)` }).click()]);
    expect(download.suggestedFilename()).toBe('reckon-verdicts-by-day-none.csv');
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    const fields = ['days', 'atRisk', 'confirmed', 'refuted', 'censored', 'unresolved', 'lower', 'upper', 'cumConfirmed', 'cumRefuted', 'cumConfirmedStdErr', 'cumConfirmedLower', 'cumConfirmedUpper', 'cumRefutedStdErr', 'cumRefutedLower', 'cumRefutedUpper'];
    expect(lines[0]).toBe(['group', 'key', ...fields].join(','));
    expect(lines.slice(1, -1)).toEqual(all.points.map((p: any) => ['All allegations', '', ...fields.map((f) => (p[f] === null ? '' : String(p[f])))].join(',')));
    await figureOf(ui.page, INCIDENCE).screenshot({ path: join(SCREENSHOTS, 'overview-long-table-incidence-desktop.png') });
    expect(ui.watch.errors).toEqual([]);
  });

  it('grouped, names each group once above its rows in the short view, on a phone', async () => {
    const survival = await (await fetch(`${ui.base}/api/survival?by=source&incidenceBands=true`)).json();
    await ui.page.setViewportSize({ width: 390, height: 844 });
    await visit(ui.page, `${ui.base}/overview?by=source`);
    const rows = await openTable(ui.page, INCIDENCE);
    const fig = figureOf(ui.page, INCIDENCE);
    const headings = await fig.locator('tbody th[scope="rowgroup"]').allTextContents();
    expect(headings).toEqual(['Ministry, press office', 'Wire service']);
    expect(rows.length - headings.length).toBeLessThanOrEqual(LONG_TABLE);
    const step = Number(rows[2]![0]!.replace(',', ''));
    // The ministry's rows: the incidences with their bands at each day k·step.
    const ministry = survival.groups.find((g: any) => g.key === 'ministry');
    for (const row of rows.slice(1, rows.indexOf(rows.find((r) => r[0] === 'Wire service')!))) {
      const p = pointAt(ministry.points, Number(row[0]!.replace(',', '')));
      expect(row[5]).toBe(p ? `${pct(p.cumConfirmed)} (${pctRange([p.cumConfirmedLower, p.cumConfirmedUpper])})` : `${pct(0)} (${pctRange([0, 0])})`);
    }
    expect(step).toBeGreaterThan(0);
    const total = survival.groups.reduce((n: number, g: any) => n + g.points.length, 0);
    await fig.getByRole('button', { name: `Show all ${count(total)} rows` }).click();
    expect(await bodyRows(ui.page, INCIDENCE)).toHaveLength(total);
    expect(ui.watch.errors).toEqual([]);
  });
});
