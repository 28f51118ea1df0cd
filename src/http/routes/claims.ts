import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CLAIM_SORTS, CursorError, listClaimPageJson } from '../../db/claim-list.js';
import { claimDetailJson, claimHeader, readClaimView, type ReadClaimOptions } from '../../db/claim-read.js';
import { CLAIM_KINDS, STATUSES } from '../../domain/types.js';
import { actorOf, guardOf } from '../actor.js';
import { assertMayResolve } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { ApiError, badCursorError } from '../errors.js';
import { jsonBody, jsonResponse, problems, READ_ERRORS, WRITE_ERRORS, type App } from '../openapi.js';
import { Claim, ClaimDetail, ClaimId, ClaimInput, ClaimListItem, ClaimPatch, Cursor, IsoInstant, Limit, page, Slug } from '../schemas.js';

const tags = ['Claims'];

const createClaim = createRoute({
  method: 'post',
  path: '/api/claims',
  operationId: 'createClaim',
  summary: 'Log a prediction or an allegation',
  description:
    'Resolution criteria are required; a prediction needs a deadline. A prediction asks a yes/no question unless `questionType` says `multiple-choice` (with `options`, 2–20 distinct labels, and optionally `ordered: true`), `numeric` or `date` (with `range: { min, max, openLower, openUpper, scale }`, `log` needing min > 0).',
  tags,
  request: { body: jsonBody(ClaimInput, 'The claim') },
  responses: { 201: jsonResponse(Claim, 'Logged'), ...problems(...WRITE_ERRORS, 409, 422) },
});

const ClaimQuery = z.object({
  kind: z.enum(CLAIM_KINDS).optional(),
  status: z.enum(STATUSES).optional(),
  tag: z.string().max(50).optional(),
  source: Slug.optional(),
  q: z.string().max(500).optional().openapi({ description: 'Full-text search over title, statement, criteria and details (every word must match, as a prefix).' }),
  due: z.enum(['passed', 'upcoming']).optional().openapi({ description: 'Deadline (or check-by date) already passed, or still to come.' }),
  sort: z.enum(CLAIM_SORTS).default('newest').openapi({ description: '`newest` / `oldest`: by the claim’s date in the world — an allegation’s first assertion (`firstAllegedOn`), else the opening (`openedAt`), else the recording — ties in recording order; `recorded`: newest recorded first; `deadline`: soonest deadline or check-by first, undated last.' }),
  cursor: Cursor,
  limit: Limit,
});

const listClaims = createRoute({
  method: 'get',
  path: '/api/claims',
  operationId: 'listClaims',
  summary: 'List and search claims',
  tags,
  request: { query: ClaimQuery },
  responses: { 200: jsonResponse(page(ClaimListItem, 'ClaimList'), 'A page of claims'), ...problems(...READ_ERRORS) },
});

const getClaim = createRoute({
  method: 'get',
  path: '/api/claims/{id}',
  operationId: 'getClaim',
  summary: 'A claim with its revisions, forecasts, stances, evidence, resolutions and timeline',
  description:
    '`asOf` replays the claim as it stood at that moment in the world (each event counts from its own date: a forecast’s madeAt, a stance’s or evidence’s date, a resolution’s knownOn, an edit’s recording time). `asOfRecorded` answers what Reckon itself had recorded by then.',
  tags,
  request: { params: ClaimId, query: z.object({ asOf: IsoInstant.optional(), asOfRecorded: IsoInstant.optional() }) },
  responses: { 200: jsonResponse(ClaimDetail, 'The claim'), ...problems(...READ_ERRORS, 404) },
});

const patchClaim = createRoute({
  method: 'patch',
  path: '/api/claims/{id}',
  operationId: 'editClaim',
  summary: 'Edit a claim’s wording, criteria or dates, with a reason',
  description: 'Every earlier revision is kept; a claim edited after forecasts were made is flagged `editedAfterForecasts`.',
  tags,
  request: { params: ClaimId, body: jsonBody(ClaimPatch, 'The changed fields and the reason') },
  responses: { 200: jsonResponse(Claim, 'The claim after the edit'), ...problems(...WRITE_ERRORS, 404, 409, 422) },
});

export async function readClaim(deps: AppDeps, id: string, opts: ReadClaimOptions = {}) {
  const view = await readClaimView(deps.db.client, id, opts);
  if (!view) {
    const when = opts.asOf ? ` as of ${opts.asOf}` : opts.asOfRecorded ? ` as recorded by ${opts.asOfRecorded}` : '';
    throw new ApiError(404, 'not-found', `No claim with id '${id}'${when}.`);
  }
  return view;
}

const headerOf = claimHeader;

/** A 200 JSON response from JSON text already made: the same response as c.json(value) for the value it encodes. */
function jsonText(c: Context, body: string | Uint8Array) {
  return c.body(body as string, 200, { 'Content-Type': 'application/json' });
}

export function registerClaimRoutes(app: App, deps: AppDeps): void {
  app.openapi(createClaim, async (c) => {
    const e = await deps.ledger.append({ type: 'claim.create', input: c.req.valid('json') }, actorOf(c), guardOf(c));
    const id = e.claimId ?? '';
    c.header('Location', `/api/claims/${id}`);
    return c.json(headerOf(await readClaim(deps, id)) as z.infer<typeof Claim>, 201);
  });

  app.openapi(listClaims, async (c) => {
    const query = c.req.valid('query');
    let body: Uint8Array;
    try {
      // The page's JSON text, made of cached items where a claim has not changed (see listClaimPageJson).
      body = await listClaimPageJson(deps.db, query);
    } catch (err) {
      if (err instanceof CursorError) throw badCursorError();
      throw err;
    }
    return jsonText(c, body) as never;
  });

  app.openapi(getClaim, async (c) => {
    const { id } = c.req.valid('param');
    const opts = c.req.valid('query');
    if (!opts.asOf && !opts.asOfRecorded) {
      // The live claim's JSON, cached per version of the claim (see claimDetailJson).
      const body = await claimDetailJson(deps.db, id);
      if (!body) throw new ApiError(404, 'not-found', `No claim with id '${id}'.`);
      return jsonText(c, body) as never;
    }
    const detail = await readClaim(deps, id, opts);
    return c.json(detail as unknown as z.infer<typeof ClaimDetail>, 200);
  });

  app.openapi(patchClaim, async (c) => {
    assertMayResolve(c, 'edit');
    const { id } = c.req.valid('param');
    const { reason, deadline, checkBy, ...rest } = c.req.valid('json');
    const changes = { ...rest, ...(deadline !== undefined ? { deadline: deadline ?? undefined } : {}), ...(checkBy !== undefined ? { checkBy: checkBy ?? undefined } : {}) };
    // An explicit null clears a date: keep the key so the rules see it.
    if (deadline === null) Object.assign(changes, { deadline: null });
    if (checkBy === null) Object.assign(changes, { checkBy: null });
    await deps.ledger.append({ type: 'claim.edit', claimId: id, input: { changes, reason } }, actorOf(c), guardOf(c));
    return c.json(headerOf(await readClaim(deps, id)) as z.infer<typeof Claim>, 200);
  });
}
