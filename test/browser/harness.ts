/**
 * The real server on a temp database, and Debian's Chromium driven by playwright-core.
 * Every page is watched for console errors and for requests to any other host.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/db/client.js';
import type { Ledger } from '../../src/ledger/ledger.js';
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
 * POST (or PATCH) JSON through a request context and return the parsed answer; a non-2xx answer
 * throws with its body. A 503 (the database busy, or the heavy-read limit) is retried, after
 * its Retry-After, as a client should (see retryBusy).
 */
export async function sendJson(request: APIRequestContext, method: 'post' | 'patch', url: string, data: unknown): Promise<any> {
  const res = await retryBusy(() => request[method](url, { data }));
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return res.json();
}

export function postJson(request: APIRequestContext, url: string, data: unknown): Promise<any> {
  return sendJson(request, 'post', url, data);
}

/**
 * Send again while the answer is 503, up to 10 times, each after the answer's Retry-After
 * (seconds; 300 ms when it gives none). A busy answer writes nothing, so sending again is safe;
 * on a loaded machine the database can stay busy for a few seconds after the demo case loads.
 */
async function retryBusy(send: () => Promise<APIResponse>): Promise<APIResponse> {
  let res = await send();
  for (let i = 0; i < 10 && res.status() === 503; i++) {
    const after = Number(res.headers()['retry-after']);
    await new Promise((r) => setTimeout(r, after > 0 ? after * 1000 : 300));
    res = await send();
  }
  return res;
}

let made = 0;
/** A name no other test in this run has taken (the app's database is per file, but names read better apart). */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++made}`;

/** The text of the error shown beside the field a JSON Pointer names. */
export const fieldError = (page: Page, pointer: string) => page.locator(`[data-pointer="${pointer}"] .field-error`).first().textContent();

/** What useBrowserPage opens for a test file; read it only inside hooks and tests. */
export interface BrowserPage {
  app: App;
  /** The app's address, e.g. `http://127.0.0.1:43127`. */
  base: string;
  db: Database;
  ledger: Ledger;
  browser: Browser;
  /** A 1280 × 900 page, watched (see watch). */
  page: Page;
  /** The page's context: open more pages that share its storage with `context.newPage()`. */
  context: BrowserContext;
  /** What watch records on page: console errors, page errors, dialogs, requests to other hosts. */
  watch: Watch;
}

export interface BrowserPageOptions {
  /** Load the demo case first (POST /api/demo must answer 201). */
  demo?: boolean;
  /** Open the page in a context that bypasses the app's CSP, so that axe-core can be injected. */
  bypassCSP?: boolean;
  /** The page's default time limit for actions and waits, in ms (playwright's default: 30 s). */
  timeout?: number;
}

/**
 * Register the beforeAll and afterAll hooks of a browser test file: the real app on a fresh temp
 * database on a free port, Debian's Chromium, one watched page. The object returned is filled in
 * by the beforeAll hook (reading it earlier throws); later beforeAll hooks of the file run after
 * it, so they can write the file's data through it. Call it inside `describe.skipIf(!HAS_CHROMIUM)`.
 */
export function useBrowserPage(options: BrowserPageOptions = {}): BrowserPage {
  let opened: BrowserPage | undefined;
  let app: App | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [started, launched] = await Promise.all([startApp(), launch()]);
    [app, browser] = [started, launched];
    const context = await launched.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: options.bypassCSP ?? false });
    if (options.demo) {
      const res = await retryBusy(() => context.request.post(`${started.url}/api/demo`, { data: {} }));
      expect(res.status(), await res.text()).toBe(201);
    }
    const page = await context.newPage();
    if (options.timeout) page.setDefaultTimeout(options.timeout);
    const w = await watch(page, started.url);
    opened = { app: started, base: started.url, db: started.db, ledger: started.ledger, browser: launched, page, context, watch: w };
  });
  afterAll(async () => {
    await browser?.close();
    await app?.cleanup();
  });
  const read = <K extends keyof BrowserPage>(key: K): BrowserPage[K] => {
    if (!opened) throw new Error(`useBrowserPage: ${key} was read before its beforeAll hook ran`);
    return opened[key];
  };
  const keys: Array<keyof BrowserPage> = ['app', 'base', 'db', 'ledger', 'browser', 'page', 'context', 'watch'];
  return Object.defineProperties({} as BrowserPage, Object.fromEntries(keys.map((k) => [k, { get: () => read(k), enumerable: true }])));
}
