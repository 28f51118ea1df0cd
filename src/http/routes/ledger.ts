import { createRoute, z } from '@hono/zod-openapi';
import { listEvents } from '../../db/queries.js';
import type { FullCheck, Verifier } from '../../ledger/verifier.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';
import { LedgerEvent } from '../schemas.js';

const tags = ['Ledger'];

const listEventsRoute = createRoute({
  method: 'get',
  path: '/api/events',
  operationId: 'listEvents',
  summary: 'The ledger itself, in sequence order, for export and replication',
  tags,
  request: {
    query: z.object({
      after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).openapi({ description: 'Return events with a greater sequence number.' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ items: z.array(LedgerEvent), nextCursor: z.string().nullable().openapi({ description: 'The `after` value for the next page, or null at the end.' }) }).openapi('EventList'), 'A page of events'),
    ...problems(...READ_ERRORS),
  },
});

const getEventRoute = createRoute({
  method: 'get',
  path: '/api/events/{seq}',
  operationId: 'getEvent',
  summary: 'One event of the ledger',
  tags,
  request: { params: z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'seq', in: 'path' }, example: 1 }) }) },
  responses: { 200: jsonResponse(LedgerEvent, 'The event'), ...problems(...READ_ERRORS, 404) },
});

const FullCheck = z
  .object({
    status: z.enum(['none', 'running', 'done']).openapi({ description: '`running` while a walk of the whole chain is under way in the background; `none` before the first has finished.' }),
    startedAt: z.string().nullable().openapi({ description: 'When the last finished full walk began.' }),
    finishedAt: z.string().nullable(),
    ok: z.boolean().nullable().openapi({ description: 'Whether the whole chain verified on that walk (null before the first).' }),
    events: z.number().int().nullable(),
    firstBadSeq: z.number().int().optional(),
    reason: z.string().optional(),
  })
  .openapi('FullChainCheck');

const Verify = z
  .object({
    ok: z.boolean(),
    events: z.number().int().openapi({ description: 'Events that verified.' }),
    head: z.string().nullable().optional().openapi({ description: 'Hash of the last event, when the chain verifies.' }),
    firstBadSeq: z.number().int().optional().openapi({ description: 'Sequence number of the first event that does not verify.' }),
    reason: z.string().optional(),
    checkedFrom: z.number().int().openapi({ description: 'This answer walked the events after this sequence number (the verified mark); 0: from the first event.' }),
    fullCheck: FullCheck,
    projections: z
      .object({ ok: z.boolean(), mismatched: z.array(z.string()), checkedAt: z.string() })
      .optional()
      .openapi({ description: 'With `projections=true`: the tables that differ from a rebuild from the ledger.' }),
  })
  .openapi('Verification');
const verifyRoute = createRoute({
  method: 'get',
  path: '/api/verify',
  operationId: 'verifyLedger',
  summary: 'Check the hash chain (incrementally) and report whether every event verifies',
  description:
    'Walks the events recorded since the last verified mark (a signed checkpoint of how far the chain is known to verify), at once; callers at the same moment share one walk. The whole chain is walked again by one background job at most every RECKON_FULL_VERIFY_MINUTES; `fullCheck` reports its last result, and a break it found makes `ok` false. With `projections=true` it also rebuilds every projection in a scratch database (the live one is only read) and names the tables that no longer match the ledger (slow on a large ledger; concurrent callers share one run). An expensive read: 503 with Retry-After when too many are in progress.',
  tags,
  request: { query: z.object({ projections: z.enum(['true', 'false']).default('false') }) },
  responses: { 200: jsonResponse(Verify, 'The verdict'), ...problems(...READ_ERRORS) },
});

/** The full walk as the API shows it. */
function showFull(full: FullCheck): z.infer<typeof FullCheck> {
  const r = full.result;
  return {
    status: full.status,
    startedAt: full.startedAt,
    finishedAt: full.finishedAt,
    ok: r ? r.ok : null,
    events: r ? r.events : null,
    ...(r && !r.ok ? { firstBadSeq: r.firstBadSeq, reason: r.reason } : {}),
  };
}

export function registerLedgerRoutes(app: App, { db, verifier }: AppDeps & { verifier: Verifier }): void {
  app.openapi(listEventsRoute, async (c) => {
    const { after, limit } = c.req.valid('query');
    const rows = await listEvents(db.client, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return c.json({ items: items as unknown as Array<z.infer<typeof LedgerEvent>>, nextCursor: rows.length > limit && last ? String(last.seq) : null }, 200);
  });

  app.openapi(getEventRoute, async (c) => {
    const { seq } = c.req.valid('param');
    const [e] = await listEvents(db.client, seq - 1, 1);
    if (!e || e.seq !== seq) throw new ApiError(404, 'not-found', `No event with sequence number ${seq}.`);
    return c.json(e as unknown as z.infer<typeof LedgerEvent>, 200);
  });

  app.openapi(verifyRoute, async (c) => {
    const { full, ...chain } = await verifier.check();
    const verdict = { ...chain, fullCheck: showFull(full) };
    if (c.req.valid('query').projections !== 'true' || !chain.ok) return c.json(verdict, 200);
    const projections = await verifier.projections();
    return c.json({ ...verdict, ok: projections.ok, projections }, 200);
  });
}
