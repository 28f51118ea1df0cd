/**
 * The claim page's scores table for questions that are not yes/no (issue 17): besides baseline,
 * peer and coverage, the measures of each source's last forecast that the scores API serves —
 * log score, Brier score and RPS (ordered options only) for multiple choice, log score and CRPS
 * for numeric and date questions — each with its legend line, and none where a measure does not
 * apply (RPS of unordered options, anything of the kind on a yes/no claim). Values are checked
 * against GET /api/claims/{id}/scores. Screenshots at 1280 and 390 px wide go to
 * test-artifacts/screenshots and /tmp/qscores-*.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { slidersForQuartiles } from '../../web/js/cdf/fit.js';
import { toLocation } from '../../web/js/cdf/scale.js';
import { HAS_CHROMIUM, postJson as post, screenshot, settle, useBrowserPage, visit } from './harness.js';

type Scores = { sources: Array<Record<string, number | string | null>> };

const MINUS = '−';
/** The page's formats, written out independently: three decimals, and four significant digits for CRPS. */
const three = (v: number) => (v < 0 ? MINUS : '') + Math.abs(v).toFixed(3);
const fourSignificant = (v: number) => new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 }).format(v);

async function scoresTable(page: Page): Promise<{ head: string[]; rows: string[][]; legend: string[]; measures: string[] }> {
  const section = page.locator('section.claim-scores');
  const head = await section.locator('thead th').allTextContents();
  const rows = await section.locator('tbody tr').evaluateAll((rs) => rs.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
  const legend = await section.locator('.score-legend li').allTextContents();
  const measures = await section.locator('.score-legend li[data-measure]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-measure') ?? ''));
  return { head, rows, legend, measures };
}

/** Both widths; the page must not scroll sideways at 390 (a wide table scrolls inside its own box). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.locator('section.claim-scores').scrollIntoViewIfNeeded();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await page.waitForFunction((w) => document.documentElement.scrollWidth <= w, width, { timeout: 10_000 }).catch(() => undefined);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await screenshot(page, `qscores-${name}-${width}`);
    await page.screenshot({ path: `/tmp/qscores-${name}-${width}.png`, fullPage: true });
    await page.locator('section.claim-scores').screenshot({ path: `/tmp/qscores-${name}-${width}-table.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!HAS_CHROMIUM)('claim page scores for multiple-choice, numeric and date questions', () => {
  const ui = useBrowserPage({ demo: true });
  let unordered: string;
  let dated: string;
  const scoresOf = async (id: string): Promise<Scores> => (await ui.page.request.get(`${ui.base}/api/claims/${id}/scores`)).json();
  const nameOf = async (id: string): Promise<string> => (await (await ui.page.request.get(`${ui.base}/api/sources/${id}`)).json()).name;

  /** The rows the table must show: name, baseline, peer and coverage are the page's older columns; the measures follow. */
  async function expectedRows(id: string, measures: Array<[string, (v: number) => string]>): Promise<string[][]> {
    const scores = await scoresOf(id);
    return Promise.all(scores.sources.map(async (s) => [await nameOf(String(s.sourceId)), ...measures.map(([key, format]) => format(s[key] as number))]));
  }
  const pick = (rows: string[][], columns: number[]) => rows.map((r) => columns.map((c) => r[c] ?? ''));

  beforeAll(async () => {
    const r = ui.page.request;
    for (const [id, name] of [['qs-ada', 'Ada Analyst'], ['qs-ben', 'Ben Bayes']]) await post(r, `${ui.base}/api/sources`, { id, name, type: 'forecaster' });
    const base = { kind: 'prediction', statement: 'As stated.', resolutionCriteria: 'As reported by the organiser.', deadline: '2025-12-31', openedAt: '2025-01-01T00:00:00Z' };

    const vote = await post(r, `${ui.base}/api/claims`, { ...base, title: 'Which colour wins the vote?', questionType: 'multiple-choice', options: ['Red', 'Green', 'Blue'] });
    unordered = vote.id;
    await post(r, `${ui.base}/api/claims/${unordered}/forecasts`, { sourceId: 'qs-ada', probabilities: [0.5, 0.3, 0.2], madeAt: '2025-02-01T00:00:00Z' });
    await post(r, `${ui.base}/api/claims/${unordered}/forecasts`, { sourceId: 'qs-ben', probabilities: [0.1, 0.7, 0.2], madeAt: '2025-03-01T00:00:00Z' });
    await post(r, `${ui.base}/api/claims/${unordered}/resolution`, { value: 'Green', knownOn: '2025-06-01' });

    const range = { min: '2025-01-01T00:00:00Z', max: '2026-01-01T00:00:00Z', openLower: false, openUpper: true };
    const ferry = await post(r, `${ui.base}/api/claims`, { ...base, title: 'When does the ferry restart?', questionType: 'date', range });
    dated = ferry.id;
    const cdf = (q1: string, q2: string, q3: string) => slidersForQuartiles({ lower25: toLocation(q1, range), median: toLocation(q2, range), upper75: toLocation(q3, range) }, range).cdf;
    await post(r, `${ui.base}/api/claims/${dated}/forecasts`, { sourceId: 'qs-ada', cdf: cdf('2025-04-01', '2025-06-01', '2025-08-01'), madeAt: '2025-02-01T00:00:00Z' });
    await post(r, `${ui.base}/api/claims/${dated}/forecasts`, { sourceId: 'qs-ben', cdf: cdf('2025-08-01', '2025-09-15', '2025-11-01'), madeAt: '2025-03-01T00:00:00Z' });
    await post(r, `${ui.base}/api/claims/${dated}/resolution`, { value: '2025-07-04', knownOn: '2025-07-05' });
  });

  it('ordered multiple choice (the demo): log score, Brier score and RPS of each last forecast, each explained', async () => {
    const id = 'nk-troops-acknowledged';
    await visit(ui.page, `${ui.base}/claims/${id}`);
    const t = await scoresTable(ui.page);
    expect(t.head).toEqual(['Source', 'Baseline', 'Peer', 'Coverage', 'Log score', 'Brier score', 'RPS']);
    const want = await expectedRows(id, [['logScore', three], ['brier', three], ['rps', three]]);
    expect(want.length).toBeGreaterThan(0);
    expect(pick(t.rows.slice(0, want.length), [0, 4, 5, 6])).toEqual(want);
    // The crowd has no last forecast of its own.
    expect(t.rows.at(-1)?.slice(4)).toEqual(['—', '—', '—']);
    expect(t.measures).toEqual(['logScore', 'brier', 'rps']);
    expect(await ui.page.locator('section.claim-scores > p').first().textContent()).toMatch(/log score, Brier score and RPS score each source’s last forecast/);
    expect(t.legend.find((l) => l.startsWith('Log score'))).toMatch(/higher is better/);
    expect(t.legend.find((l) => l.startsWith('Brier score'))).toMatch(/lower is better/);
    expect(t.legend.find((l) => l.startsWith('RPS'))).toMatch(/ranked probability score.*lower is better/);
    expect(t.legend.find((l) => l.startsWith('Baseline'))).toMatch(/same probability on every option.*higher is better/);
    await shoot(ui.page, 'multiple-choice');
  });

  it('unordered multiple choice: no RPS column and no RPS line, the API’s rps being null', async () => {
    expect((await scoresOf(unordered)).sources.map((s) => s.rps)).toEqual([null, null]);
    await visit(ui.page, `${ui.base}/claims/${unordered}`);
    const t = await scoresTable(ui.page);
    expect(t.head).toEqual(['Source', 'Baseline', 'Peer', 'Coverage', 'Log score', 'Brier score']);
    expect(pick(t.rows.slice(0, 2), [0, 4, 5])).toEqual(await expectedRows(unordered, [['logScore', three], ['brier', three]]));
    // Ben gave the outcome 70 %: ln 0.7 and (0.1² + 0.3² + 0.2²) worked by hand.
    expect(t.rows[1]?.slice(4)).toEqual(['−0.357', '0.140']);
    expect(t.measures).toEqual(['logScore', 'brier']);
  });

  it('numeric (the demo, log scale): log score and CRPS in the question’s units', async () => {
    const id = 'nk-troops-kursk-2024';
    await visit(ui.page, `${ui.base}/claims/${id}`);
    const t = await scoresTable(ui.page);
    expect(t.head).toEqual(['Source', 'Baseline', 'Peer', 'Coverage', 'Log score', 'CRPS']);
    const want = await expectedRows(id, [['logScore', three], ['crps', fourSignificant]]);
    expect(pick(t.rows.slice(0, want.length), [0, 4, 5])).toEqual(want);
    expect(t.measures).toEqual(['logScore', 'crps']);
    expect(t.legend.find((l) => l.startsWith('CRPS'))).toMatch(/continuous ranked probability score.*the question’s units.*lower is better/);
    expect(t.legend.find((l) => l.startsWith('Baseline'))).toMatch(/flat forecast over the range/);
    expect(t.rows.at(-1)?.[0]).toBe('Crowd (recency-weighted average)');
    await shoot(ui.page, 'numeric');
  });

  it('date: CRPS in days', async () => {
    await visit(ui.page, `${ui.base}/claims/${dated}`);
    const t = await scoresTable(ui.page);
    expect(t.head).toEqual(['Source', 'Baseline', 'Peer', 'Coverage', 'Log score', 'CRPS (days)']);
    expect(pick(t.rows.slice(0, 2), [0, 4, 5])).toEqual(await expectedRows(dated, [['logScore', three], ['crps', fourSignificant]]));
    expect(t.legend.find((l) => l.startsWith('CRPS'))).toMatch(/in days/);
    await shoot(ui.page, 'date');
  });

  it('yes/no (the demo): baseline, peer and coverage only, no measure lines', async () => {
    await visit(ui.page, `${ui.base}/claims/metaculus-nk-troops-2024`);
    const t = await scoresTable(ui.page);
    expect(t.head).toEqual(['Source', 'Baseline', 'Peer', 'Coverage']);
    expect(t.measures).toEqual([]);
    expect(t.legend.find((l) => l.startsWith('Baseline'))).toMatch(/coin flip/);
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });
});
