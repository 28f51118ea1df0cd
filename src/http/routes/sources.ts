import { createRoute, z } from '@hono/zod-openapi';
import { readRows, type ReadTarget } from '../../db/fast-read.js';
import { ALL_SOURCES, getSource, listSources, sourcesOf } from '../../db/queries.js';
import { SOURCE_STATS, sourceStatsOf } from '../../db/scoring-queries.js';
import { wilsonInterval } from '../../domain/scoring/index.js';
import { ApiError, badCursorError } from '../errors.js';
import type { AppDeps } from '../deps.js';
import { jsonBody, jsonResponse, problems, READ_ERRORS, WRITE_ERRORS, type App } from '../openapi.js';
import { Cursor, Limit, page, Slug, Source, SourceInput } from '../schemas.js';
import { SOURCE_TYPES } from '../../domain/types.js';
import { actorOf, guardOf } from '../actor.js';
import { memoJson } from '../memo-json.js';

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

const SourceStats = z
  .object({ right: z.number().int(), wrong: z.number().int(), pending: z.number().int(), accuracy: z.number().nullable(), accuracyInterval: z.tuple([z.number(), z.number()]).nullable(), forecasts: z.number().int(), brier: z.number().nullable() })
  .openapi('SourceStats');
const RankedSource = Source.extend({ stats: SourceStats.optional() }).openapi('RankedSource');
const SourceList = page(RankedSource, 'SourceList');
const listSourcesRoute = createRoute({
  method: 'get',
  path: '/api/sources',
  operationId: 'listSources',
  summary: 'List sources',
  tags: ['Sources'],
  description: 'By name; or, with `sort=accuracy` (stances right / (right + wrong), best first) or `sort=brier` (mean Brier of counted forecasts, best first), ranked with each source’s `stats`. Sources with nothing to rank come last.',
  request: {
    query: z.object({ type: z.enum(SOURCE_TYPES).optional(), sort: z.enum(['name', 'accuracy', 'brier']).default('name'), cursor: Cursor, limit: Limit }),
  },
  responses: { 200: jsonResponse(SourceList, 'A page of sources'), ...problems(...READ_ERRORS) },
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

/** Every source with its stats, ranked; paged by position (there are few sources). */
async function rankedSources(target: ReadTarget, sort: 'accuracy' | 'brier', type: string | undefined, limit: number, cursor: string | undefined) {
  // The stats and the sources in one snapshot: a source and its stances registered meanwhile come with their stats.
  const [statRows, sourceRows] = await readRows(target).batch([SOURCE_STATS, ALL_SOURCES]);
  const stats = sourceStatsOf(statRows ?? []);
  const ranked = sourcesOf(sourceRows ?? [])
    .filter((s) => !type || s.type === type)
    .map((s) => {
      const st = stats.get(s.id) ?? { right: 0, wrong: 0, pending: 0, forecasts: 0, brier: null };
      const n = st.right + st.wrong;
      return { ...s, stats: { ...st, accuracy: n ? st.right / n : null, accuracyInterval: wilsonInterval(st.right, n) } } as z.infer<typeof RankedSource>;
    });
  const key = (s: z.infer<typeof RankedSource>) => (sort === 'accuracy' ? (s.stats?.accuracy ?? null) : (s.stats?.brier ?? null));
  ranked.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? a.name.localeCompare(b.name) : ka === null ? 1 : -1;
    return sort === 'accuracy' ? kb - ka || a.name.localeCompare(b.name) : ka - kb || a.name.localeCompare(b.name);
  });
  const start = cursor ? rankPosition(cursor) : 0;
  const items = ranked.slice(start, start + limit);
  const nextCursor = start + limit < ranked.length ? Buffer.from(JSON.stringify(['#', String(start + limit)])).toString('base64url') : null;
  return { items, nextCursor };
}

/** A ranked page's cursor is its position: `['#', n]`; a name cursor here is not one we issued. */
function rankPosition(cursor: string): number {
  const [tag, n] = decodeSourceCursor(cursor);
  const start = Number(n);
  if (tag !== '#' || !Number.isInteger(start) || start < 0) throw badCursor();
  return start;
}

function badCursor(): ApiError {
  return badCursorError();
}

function decodeSourceCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    /* fall through */
  }
  throw badCursor();
}

export function registerSourceRoutes(app: App, { db, ledger }: AppDeps): void {
  app.openapi(createSource, async (c) => {
    const input = c.req.valid('json');
    const e = await ledger.append({ type: 'source.register', input }, actorOf(c), guardOf(c));
    const source = await getSource(db.client, e.type === 'source.registered' ? e.payload.id : '');
    c.header('Location', `/api/sources/${source?.id}`);
    return c.json(source as z.infer<typeof Source>, 201);
  });

  app.openapi(listSourcesRoute, async (c) => {
    const { type, cursor, limit, sort } = c.req.valid('query');
    // Ranked: every source's stats, one row each from their projections; the answer kept until the ledger moves.
    if (sort !== 'name') return (await memoJson(c, db, `sources|${JSON.stringify([sort, type, limit, cursor])}`, () => rankedSources(db, sort, type, limit, cursor))) as never;
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
