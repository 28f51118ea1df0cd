import { finishDocument } from './openapi-document.js';
import { bodyLimit } from 'hono/body-limit';
import type { Context, Next } from 'hono';
import type { AppDeps } from './deps.js';
import { registerDocs } from './docs.js';
import { ApiError, handleError, problem } from './errors.js';
import { newRouter, type App } from './openapi.js';
import { registerClaimRoutes } from './routes/claims.js';
import { registerItemRoutes } from './routes/items.js';
import { registerLedgerRoutes } from './routes/ledger.js';
import { registerSourceRoutes } from './routes/sources.js';
import { registerScoringRoutes } from './routes/scoring.js';
import { registerMetaculusScoreRoutes } from './routes/metaculus-scores.js';
import { registerAnalyticsRoutes } from './routes/analytics.js';
import { registerWeb } from './web.js';
import { registerCheckpointRoutes } from './routes/checkpoint.js';
import { registerFeedRoutes } from './routes/feeds.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerQuickLogRoutes } from './routes/quick-log.js';
import { registerRulesRoutes } from './routes/rules.js';
import { authMiddleware, type AuthOptions } from './auth.js';
import { writeRateLimit, type RateLimitOptions } from './rate-limit.js';
import { heavyReadLimit, isHeavyCalibration } from './heavy-reads.js';
import { Verifier } from '../ledger/verifier.js';
import { verifiedMarkFile } from '../ledger/verify-mark.js';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { Hono } from 'hono';
import type { ServerResponse } from 'node:http';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Writes carry JSON: anything else is 415 before it reaches a validator. */
async function requireJson(c: Context, next: Next) {
  if (c.req.method === 'POST' || c.req.method === 'PATCH' || c.req.method === 'PUT') {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      return problem(c, 415, 'unsupported-media-type', 'Send the request body as application/json.');
    }
  }
  return next();
}

export interface AppOptions {
  /** Default: reads public, and the server taken to be on loopback (writes open until a token exists). */
  auth?: AuthOptions;
  /** Default: no limit (the server passes RECKON_WRITE_RATE). */
  rateLimit?: RateLimitOptions;
  /** Per-request time limit in ms (default 30 s). */
  timeoutMs?: number;
  /** Origins allowed by CORS; CORS stays off without it. */
  corsOrigin?: string[];
  /** RECKON_WEBHOOK_ALLOW_PRIVATE, and what to wake when a webhook is added (the dispatcher). */
  webhooks?: { allowPrivate: boolean; onChange?: () => void };
  /** Expensive reads in progress at once, all together (default 2); more are 503 with Retry-After. */
  heavyReads?: number;
  /** The background full walk of the chain runs at most this often (default 15 min). */
  fullVerifyEveryMs?: number;
}

/**
 * Content-Security-Policy: scripts only from this origin (no inline script, no eval), nothing
 * fetched from any other origin. Inline style attributes are allowed for chart and reference
 * libraries that set them.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// overwrite: false — a header the handler set itself wins, as it does on Node's response below.
// (The CSP holds no nonce callback: the headers are the same for every request.)
const honoSecureHeaders = secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false, overwrite: false });

/** The security headers exactly as Hono's middleware sets them (found once, by running it). */
let securityHeaders: Array<[string, string]> | undefined;
async function securityHeaderList(): Promise<Array<[string, string]>> {
  if (!securityHeaders) {
    const probe = new Hono();
    probe.use(honoSecureHeaders);
    probe.get('/', (c) => c.body(null, 204));
    const headers: Array<[string, string]> = [];
    (await probe.request('/')).headers.forEach((value, name) => headers.push([name, value]));
    securityHeaders = headers;
  }
  return securityHeaders;
}

/**
 * Security headers on every response. Served by @hono/node-server (the real server), they go
 * on Node's response before the handler runs, and Node adds them to whatever the handler
 * answers: Hono's middleware would add them to the finished web Response instead, which turns
 * its headers into a web Headers object and takes every answer off node-server's fast path
 * (about 17 µs of a small request). Elsewhere (app.request in tests), Hono's middleware.
 */
async function securityHeadersMiddleware(c: Context, next: Next) {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.setHeader === 'function' && !outgoing.headersSent) {
    for (const [name, value] of securityHeaders ?? (await securityHeaderList())) outgoing.setHeader(name, value);
    return next();
  }
  return honoSecureHeaders(c, next);
}

export function createApp(deps: AppDeps, opts: AppOptions = {}): App {
  const app = newRouter();
  app.onError(handleError);
  app.notFound((c) => problem(c, 404, 'not-found', `No route for ${c.req.method} ${c.req.path}.`));
  app.use('*', securityHeadersMiddleware);
  // Reads only: a write that timed out here could still commit, and a retry would record it twice.
  const readTimeout = timeout(opts.timeoutMs ?? 30_000, () => new HTTPException(503, { message: 'The request took too long; try again.' }));
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? readTimeout(c, next) : next()));
  if (opts.corsOrigin && opts.corsOrigin.length > 0) app.use('/api/*', cors({ origin: opts.corsOrigin, allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  app.use('/api/*', authMiddleware(deps.db.client, opts.auth ?? { read: 'public', loopback: true }));
  if (opts.rateLimit) app.use('/api/*', writeRateLimit(opts.rateLimit));
  app.use('/api/*', requireJson);
  // Expensive public reads share one small concurrency limit (src/http/heavy-reads.ts).
  const heavy = heavyReadLimit(opts.heavyReads ?? 2);
  app.use('/api/verify', heavy.guard);
  app.use('/api/overview', heavy.guard);
  app.use('/api/calibration', heavy.when(isHeavyCalibration));
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'too-large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    },
  });
  app.use('/api/*', (c, next) => {
    // A declared length is checked from the header alone: touching the body stream here would
    // turn Node's request into a web Request, which costs more than the rest of a small write.
    // Chunked bodies are counted as they stream, by Hono's middleware.
    // No route reads the body of a GET or HEAD.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(length)) {
      if (Number(length) > MAX_BODY_BYTES) throw new ApiError(413, 'too-large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
      return next();
    }
    return limit(c, next);
  });
  registerSourceRoutes(app, deps);
  registerClaimRoutes(app, deps);
  registerItemRoutes(app, deps);
  const markFile = deps.signingKey ? verifiedMarkFile(deps.signingKey, deps.db.url) : undefined;
  const verifier = deps.verifier ?? new Verifier(deps.db.client, { key: deps.signingKey, markFile, fullEveryMs: opts.fullVerifyEveryMs });
  registerLedgerRoutes(app, { ...deps, verifier });
  registerScoringRoutes(app, deps);
  registerMetaculusScoreRoutes(app, deps);
  registerAnalyticsRoutes(app, deps);
  registerCheckpointRoutes(app, deps);
  registerFeedRoutes(app, deps, opts.auth?.read ?? 'public');
  registerQuickLogRoutes(app, deps);
  registerRulesRoutes(app, deps);
  registerWebhookRoutes(app, deps, { loopback: opts.auth?.loopback ?? true, allowPrivate: opts.webhooks?.allowPrivate ?? false, onChange: opts.webhooks?.onChange });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Reckon API',
      version: '0.1.0',
      description: 'Claims, forecasts, stances, evidence and resolutions on an append-only, hash-chained ledger.',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      contact: { name: 'Reckon maintainers' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Claims', description: 'Predictions and allegations' },
      { name: 'Sources', description: 'Who speaks' },
      { name: 'Forecasts', description: 'Probabilities over time' },
      { name: 'Stances', description: 'Who asserts or denies what' },
      { name: 'Evidence', description: 'What bears on a claim' },
      { name: 'Resolution', description: 'Outcomes and reopenings' },
      { name: 'Ledger', description: 'The event record and its verification' },
      { name: 'Scoring', description: 'Calibration, scores, track records and the overview' },
      { name: 'Feeds', description: 'Atom and iCalendar feeds of what is due' },
      { name: 'Webhooks', description: 'Outgoing webhooks, signed as Standard Webhooks says, and their delivery log' },
    ],
  };
  // Built once, on first request: every route is registered by then.
  let document: unknown;
  app.get('/openapi.json', (c) => c.json((document ??= finishDocument(app.getOpenAPI31Document(documentConfig as Parameters<typeof app.getOpenAPI31Document>[0])))));
  registerDocs(app as never);
  registerWeb(app, deps);
  return app;
}
