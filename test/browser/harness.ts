/**
 * The real server on a temp database, and Debian's Chromium driven by playwright-core.
 * Every page is watched for console errors and for requests to any other host.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { readEnv } from '../../src/env.js';
import { startServer, type Running } from '../../src/server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.log(`Browser tests skipped: no Chromium at ${CHROMIUM} (install it with \`apt-get install chromium\`).`);

export const SCREENSHOTS = resolve('test-artifacts/screenshots');
const AXE = resolve('node_modules/axe-core/axe.min.js');

/** Every page of the UI, on the demo case. */
export const PAGES = [
  ['claims', '/'],
  ['claims-filtered', '/?kind=allegation&status=open&sort=deadline'],
  ['log-claim', '/claims/new'],
  ['claim-prediction', '/claims/metaculus-nk-troops-2024'],
  ['claim-allegation', '/claims/nk-wagner-delivery'],
  ['claim-numeric', '/claims/nk-troops-kursk-2024'],
  ['claim-multiple-choice', '/claims/nk-troops-acknowledged'],
  ['claim-as-of', '/claims/nk-wagner-delivery?asOf=2022-12-22'],
  ['calibration', '/calibration'],
  ['sources', '/sources'],
  ['source', '/sources/dprk'],
  ['source-forecaster', '/sources/metaculus'],
  ['overview', '/overview'],
  ['needs-resolution', '/due'],
  ['leaderboard', '/leaderboard'],
] as const;

/** Routes that may answer 404 without it being an error (a ledger with no checkpoint yet). */
const MAY_404 = /\/api\/checkpoint$/;

export interface App extends Running {
  cleanup(): Promise<void>;
}

export async function startApp(): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'reckon-web-'));
  const running = await startServer(readEnv({ ...process.env, RECKON_DATABASE_URL: `file:${join(dir, 'reckon.db')}`, HOST: '127.0.0.1' }), { port: 0 });
  return {
    ...running,
    async cleanup() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

export interface Watch {
  errors: string[];
  foreign: string[];
  requests: number;
}

/** Record console errors, page errors and requests to other hosts (which are also blocked). */
export async function watch(page: Page, base: string): Promise<Watch> {
  const w: Watch = { errors: [], foreign: [], requests: 0 };
  const origin = new URL(base).origin;
  const local = (url: string) => url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (MAY_404.test(where) && /404/.test(m.text())) return;
    w.errors.push(`${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('dialog', (d) => {
    w.errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    w.requests += 1;
    if (!local(r.url())) w.foreign.push(r.url());
  });
  await page.route((url) => !local(url.href), (route) => route.abort());
  return w;
}

/** Go to a page and wait until it has rendered (no "Loading…" left, charts drawn). */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settle(page);
}

export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return main && !main.hasAttribute('aria-busy') && !main.querySelector('.loading');
  });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.chart-box canvas')).every((c) => (window as any).Chart?.getChart(c)));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's critical and serious violations on the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return (results.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>)
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The rows of the table shown under a figure, as text. */
export async function figureTable(page: Page, title: string | RegExp): Promise<string[][]> {
  const fig = page.locator('figure.figure', { has: page.locator('.figure-title', { hasText: title }) });
  const toggle = fig.getByRole('button', { name: 'Show data as table' });
  if (await toggle.isVisible()) await toggle.click();
  return fig.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));
}

/**
 * POST JSON through the page's request context and return the parsed answer; a non-2xx answer
 * throws with its body. A 503 (the database busy, or the heavy-read limit) is retried a few
 * times, as a client honouring Retry-After would.
 */
export async function postJson(request: APIRequestContext, url: string, data: unknown): Promise<any> {
  let res = await request.post(url, { data });
  for (let i = 0; i < 10 && res.status() === 503; i++) {
    await new Promise((r) => setTimeout(r, 300));
    res = await request.post(url, { data });
  }
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return res.json();
}
