/**
 * Outgoing webhooks (admin): `POST /api/webhooks`, list, get, delete, and each webhook's
 * delivery log. Delivery itself happens after commit, in src/webhooks/dispatcher.ts.
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { anyLiveToken } from '../../db/tokens.js';
import { deleteWebhook, getWebhook, insertWebhook, listDeliveries, listWebhooks, type Webhook } from '../../db/webhooks.js';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '../../domain/webhooks.js';
import { checkTargetUrl, TargetError } from '../../webhooks/target.js';
import { isLoopbackHost, tokenOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonBody, jsonResponse, problems, READ_ERRORS, WRITE_ERRORS, type App } from '../openapi.js';
import { Limit } from '../schemas.js';

const tags = ['Webhooks'];
const SECRET_RE = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

const WebhookInput = z
  .strictObject({
    url: z.string().max(2048).openapi({ example: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).openapi({ example: ['claim.due', 'claim.resolved'] }),
    secret: z.string().regex(SECRET_RE, 'must be a Standard Webhooks secret: whsec_ and the base64 of 24 to 64 random bytes').optional().openapi({ description: 'The signing secret; made for you when left out.' }),
    format: z.enum(WEBHOOK_FORMATS).optional().openapi({ description: '`json` (default): `{ type, timestamp, data }`; `slack`: `{ text }`; `discord`: `{ content }`.' }),
  })
  .openapi('WebhookInput');
const WebhookOut = z.object({ id: z.string(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), format: z.enum(WEBHOOK_FORMATS), createdAt: z.string() }).openapi('Webhook');
const WebhookCreated = WebhookOut.extend({ secret: z.string().openapi({ description: 'Shown here only: verify each delivery’s webhook-signature with it.' }) }).openapi('WebhookCreated');
const WebhookId = z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'wh_0123456789abcdef' }) });
const AttemptOut = z.object({ attempt: z.number().int(), at: z.string(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int() }).openapi('WebhookAttempt');
const DeliveryOut = z
  .object({
    id: z.string().openapi({ description: 'The webhook-id header: the same on every retry.' }),
    eventType: z.enum(WEBHOOK_EVENTS),
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    message: z.object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) }),
    attempts: z.array(AttemptOut),
  })
  .openapi('WebhookDelivery');

const createWebhookRoute = createRoute({
  method: 'post',
  path: '/api/webhooks',
  operationId: 'createWebhook',
  summary: 'Add an outgoing webhook (admin)',
  description: 'Each delivery is signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256) and retried with backoff for a day. Targets are http(s) only; loopback and private addresses are refused unless RECKON_WEBHOOK_ALLOW_PRIVATE=1.',
  tags,
  request: { body: jsonBody(WebhookInput, 'The target and the events it wants') },
  responses: { 201: jsonResponse(WebhookCreated, 'Added; the secret is shown only now'), ...problems(...WRITE_ERRORS, 422) },
});
const listWebhooksRoute = createRoute({ method: 'get', path: '/api/webhooks', operationId: 'listWebhooks', summary: 'List webhooks (admin)', tags, responses: { 200: jsonResponse(z.object({ items: z.array(WebhookOut) }).openapi('WebhookList'), 'The webhooks'), ...problems(...READ_ERRORS, 403) } });
const getWebhookRoute = createRoute({ method: 'get', path: '/api/webhooks/{id}', operationId: 'getWebhook', summary: 'Get a webhook (admin)', tags, request: { params: WebhookId }, responses: { 200: jsonResponse(WebhookOut, 'The webhook'), ...problems(...READ_ERRORS, 403, 404) } });
const deleteWebhookRoute = createRoute({ method: 'delete', path: '/api/webhooks/{id}', operationId: 'deleteWebhook', summary: 'Delete a webhook (admin); what it still had to send is cancelled', tags, request: { params: WebhookId }, responses: { 204: { description: 'Deleted' }, ...problems(...WRITE_ERRORS, 404) } });
const deliveriesRoute = createRoute({
  method: 'get',
  path: '/api/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  summary: 'A webhook’s delivery log, newest first, each delivery with every attempt (admin)',
  tags,
  request: { params: WebhookId, query: z.object({ limit: Limit, cursor: z.string().regex(/^\d{1,15}$/).optional().openapi({ description: 'Opaque; take it from nextCursor.' }) }) },
  responses: { 200: jsonResponse(z.object({ items: z.array(DeliveryOut), nextCursor: z.string().nullable() }).openapi('WebhookDeliveryList'), 'A page of deliveries'), ...problems(...READ_ERRORS, 403, 404) },
});

/** Admin only: an admin token, or one person on this machine before any token exists. */
async function assertAdmin(c: Context, deps: AppDeps, loopback: boolean): Promise<void> {
  const token = tokenOf(c);
  if (token) {
    if (token.scope !== 'admin') throw new ApiError(403, 'forbidden', 'Webhooks need an admin token.');
    return;
  }
  // Writes without a token got here only in local mode (see auth.ts); reads are checked the same way here.
  const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '');
  if (!loopback || !isLoopbackHost(host) || (await anyLiveToken(deps.db.client))) {
    throw new ApiError(401, 'unauthorized', 'Webhooks need an admin token: send Authorization: Bearer <token>.', undefined, { 'www-authenticate': 'Bearer realm="reckon"' });
  }
}

const out = (w: Webhook) => ({ id: w.id, url: w.url, events: w.events, format: w.format, createdAt: w.createdAt });

async function found(deps: AppDeps, id: string): Promise<Webhook> {
  const w = await getWebhook(deps.db.client, id);
  if (!w) throw new ApiError(404, 'not-found', `No webhook with id '${id}'.`);
  return w;
}

export function registerWebhookRoutes(app: App, deps: AppDeps, opts: { loopback: boolean; allowPrivate: boolean; onChange?: () => void }): void {
  app.openapi(createWebhookRoute, async (c) => {
    await assertAdmin(c, deps, opts.loopback);
    const input = c.req.valid('json');
    try {
      await checkTargetUrl(input.url, opts.allowPrivate);
    } catch (err) {
      if (err instanceof TargetError) throw new ApiError(422, 'rule', `The webhook URL ${err.message}.`, [{ pointer: '/url', message: err.message }]);
      throw err;
    }
    const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64')}`;
    const w = await insertWebhook(deps.db.client, { url: input.url, events: [...new Set(input.events)], format: input.format ?? 'json', secret });
    opts.onChange?.();
    c.header('Location', `/api/webhooks/${w.id}`);
    return c.json({ ...out(w), secret }, 201);
  });

  app.openapi(listWebhooksRoute, async (c) => {
    await assertAdmin(c, deps, opts.loopback);
    return c.json({ items: (await listWebhooks(deps.db.client)).map(out) }, 200);
  });

  app.openapi(getWebhookRoute, async (c) => {
    await assertAdmin(c, deps, opts.loopback);
    return c.json(out(await found(deps, c.req.valid('param').id)), 200);
  });

  app.openapi(deleteWebhookRoute, async (c) => {
    await assertAdmin(c, deps, opts.loopback);
    if (!(await deleteWebhook(deps.db.client, c.req.valid('param').id))) throw new ApiError(404, 'not-found', `No webhook with id '${c.req.valid('param').id}'.`);
    return c.body(null, 204);
  });

  app.openapi(deliveriesRoute, async (c) => {
    await assertAdmin(c, deps, opts.loopback);
    const w = await found(deps, c.req.valid('param').id);
    const { limit, cursor } = c.req.valid('query');
    const page = await listDeliveries(deps.db.client, w.id, limit, cursor === undefined ? undefined : Number(cursor));
    const items = page.items.map((d) => ({
      id: d.id,
      eventType: d.eventType as (typeof WEBHOOK_EVENTS)[number],
      status: d.status,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      nextAttemptAt: d.status === 'pending' ? new Date(d.nextAttemptAt).toISOString() : null,
      message: d.message as unknown as { type: string; timestamp: string; data: Record<string, unknown> },
      attempts: d.attemptLog,
    }));
    return c.json({ items, nextCursor: page.next === null ? null : String(page.next) }, 200);
  });
}
