import { createRoute, z } from '@hono/zod-openapi';
import { getSource, listSources } from '../../db/queries.js';
import { ApiError } from '../errors.js';
import type { AppDeps } from '../deps.js';
import { jsonBody, jsonResponse, problems, READ_ERRORS, WRITE_ERRORS, type App } from '../openapi.js';
import { Cursor, Limit, page, Slug, Source, SourceInput } from '../schemas.js';
import { SOURCE_TYPES } from '../../domain/types.js';
import { actorOf } from '../actor.js';

const createSource = createRoute({
  method: 'post',
  path: '/api/sources',
  operationId: 'createSource',
  summary: 'Register a source',
  description: 'A person, government, organisation, outlet, platform or forecaster whose words or forecasts are tracked. The id is a URL-safe slug, given or made from the name.',
  tags: ['Sources'],
  request: { body: jsonBody(SourceInput, 'The source') },
  responses: { 201: jsonResponse(Source, 'Registered'), ...problems(...WRITE_ERRORS, 409, 422) },
});

const SourceList = page(Source, 'SourceList');
const listSourcesRoute = createRoute({
  method: 'get',
  path: '/api/sources',
  operationId: 'listSources',
  summary: 'List sources',
  tags: ['Sources'],
  request: { query: z.object({ type: z.enum(SOURCE_TYPES).optional(), cursor: Cursor, limit: Limit }) },
  responses: { 200: jsonResponse(SourceList, 'A page of sources, by name'), ...problems(...READ_ERRORS) },
});

const getSourceRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}',
  operationId: 'getSource',
  summary: 'Get a source',
  tags: ['Sources'],
  request: { params: z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' }, example: 'us-nsc' }) }) },
  responses: { 200: jsonResponse(Source, 'The source'), ...problems(...READ_ERRORS, 404) },
});

function decodeSourceCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    /* fall through */
  }
  throw new ApiError(400, 'validation', 'The query parameters did not validate.', [{ pointer: '/cursor', message: 'cursor is not one this server issued' }]);
}

export function registerSourceRoutes(app: App, { db, ledger }: AppDeps): void {
  app.openapi(createSource, async (c) => {
    const input = c.req.valid('json');
    const e = await ledger.append({ type: 'source.register', input }, actorOf(c));
    const source = await getSource(db.client, e.type === 'source.registered' ? e.payload.id : '');
    c.header('Location', `/api/sources/${source?.id}`);
    return c.json(source as z.infer<typeof Source>, 201);
  });

  app.openapi(listSourcesRoute, async (c) => {
    const { type, cursor, limit } = c.req.valid('query');
    const rows = await listSources(db.client, { type, limit: limit + 1, after: cursor ? decodeSourceCursor(cursor) : undefined });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null;
    return c.json({ items: items as Array<z.infer<typeof Source>>, nextCursor }, 200);
  });

  app.openapi(getSourceRoute, async (c) => {
    const source = await getSource(db.client, c.req.valid('param').id);
    if (!source) throw new ApiError(404, 'not-found', `No source with id '${c.req.valid('param').id}'.`);
    return c.json(source as z.infer<typeof Source>, 200);
  });
}
