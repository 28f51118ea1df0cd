/**
 * The web UI: `web/` served as plain ES modules (no bundle step), chart.js from node_modules,
 * the one HTML shell for every page route (client-side routing), and `POST /api/demo`,
 * which loads the demo case into an empty database.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { resolve } from 'node:path';
import { packagePath } from '../package-root.js';
import { eventCount } from '../db/queries.js';
import { importBundleFile } from '../import/load-bundle.js';
import { DEMO_FILE } from '../demo-file.js';
import type { AppDeps } from './deps.js';
import { ApiError } from './errors.js';
import { guardOf } from './actor.js';
import { jsonResponse, problems, WRITE_ERRORS, type App } from './openapi.js';
import { packageDir, serveFile } from './static-files.js';

const WEB_DIR = packagePath('web');

/** Pages the client router knows; each is the same shell, so any of them can be bookmarked. */
const PAGE_ROUTES = ['/', '/claims/new', '/claims/:id', '/calibration', '/sources', '/sources/:id', '/overview', '/due', '/leaderboard'];

/** App files change with each release; revalidate rather than cache for an hour. */
const APP_MAX_AGE = 0;

async function withHeaders(res: Response, extra: Record<string, string>): Promise<Response> {
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(res.body, { status: res.status, headers });
}

async function shell(c: Context): Promise<Response> {
  // The Content-Security-Policy (no inline script, nothing from other origins) is set for every response in app.ts.
  return withHeaders(await serveFile(c, WEB_DIR, 'index.html', APP_MAX_AGE), { 'cache-control': 'no-cache' });
}

/** Every /api route is in the OpenAPI document, this one too. */
const demoRoute = createRoute({
  method: 'post',
  path: '/api/demo',
  operationId: 'loadDemo',
  summary: 'Load the demo case into an empty database',
  tags: ['Ledger'],
  responses: { 201: jsonResponse(z.object({ events: z.number().int() }).openapi('DemoLoaded'), 'Loaded'), ...problems(...WRITE_ERRORS, 409) },
});

export function registerWeb(app: App, deps: AppDeps): void {
  const chartDir = resolve(packageDir('chart.js'), 'dist');
  for (const route of PAGE_ROUTES) app.get(route, shell);
  app.get('/app/*', (c) => serveFile(c, WEB_DIR, c.req.path.slice('/app/'.length), APP_MAX_AGE));
  app.get('/vendor/:file{chart\\.umd\\.js(?:\\.map)?}', (c) => serveFile(c, chartDir, c.req.param('file'), 86400));
  // jsdiff's ES modules (word diffs of an edited question), served as they are.
  const diffDir = resolve(packageDir('diff'), 'libesm');
  app.get('/vendor/diff/*', (c) => serveFile(c, diffDir, c.req.path.slice('/vendor/diff/'.length), 86400));
  app.get('/favicon.ico', (c) => serveFile(c, WEB_DIR, 'favicon.ico', 86400));
  app.get('/favicon.svg', (c) => serveFile(c, WEB_DIR, 'favicon.svg', 86400));

  app.openapi(demoRoute, async (c) => {
    if ((await eventCount(deps.db.client)) > 0) {
      throw new ApiError(409, 'not-empty', 'The demo case can only be loaded into an empty database; this one already has events.');
    }
    const { count } = await importBundleFile(deps.ledger, DEMO_FILE, { actor: 'demo', guard: guardOf(c) });
    return c.json({ events: count }, 201);
  });
}
