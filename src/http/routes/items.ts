import { createRoute, z } from '@hono/zod-openapi';
import type { LedgerEvent } from '../../domain/types.js';
import { actorOf, guardOf } from '../actor.js';
import { assertMayForecastAs, assertMayResolve, assertMayRetract } from '../auth.js';
import { listEvents } from '../../db/queries.js';
import type { AppDeps } from '../deps.js';
import { jsonBody, jsonResponse, problems, WRITE_ERRORS, type App } from '../openapi.js';
import {
  ClaimId,
  Evidence,
  EvidenceInput,
  Forecast,
  ForecastInput,
  ReasonInput,
  ResolutionInput,
  Stance,
  StanceInput,
} from '../schemas.js';
import { readClaim } from './claims.js';
import { itemView } from '../../domain/claim-view.js';
import type { Command } from '../../ledger/commands.js';
import { countMadeAfterKnownOn } from '../../domain/counted-marks.js';
import { registerResolutionPreview, ResolutionRecorded } from './resolution-preview.js';

const ERR = problems(...WRITE_ERRORS, 404, 409, 422);

const forecastRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/forecasts',
  operationId: 'addForecast',
  summary: 'Record a forecast: a probability (yes/no), probabilities per option, or a CDF',
  description:
    'By the claim’s question: `probability` (yes/no: that it will be confirmed), `probabilities` (multiple choice: one per option, each within the instance’s bounds, summing to 1 ± 1e-6, a smaller difference divided out; else 400 naming `/probabilities`), or `cdf` (numeric and date: 201 cumulative probabilities over the range, checked as Metaculus’s serializer checks them — rounded to 10 decimals, every step at least 0.00005 and at most 0.2, 0.001 / 0.999 at an open end, exactly 0 / 1 at a closed one; else 400 naming `/cdf/i`). Refused with 409 `forecasting-closed` on a resolved claim, when dated on or after its resolution, or when made at or after its deadline (a date-only deadline is the start of that day, UTC). A `madeAt` more than 5 minutes before recording marks the forecast `backfilled`.',
  tags: ['Forecasts'],
  request: { params: ClaimId, body: jsonBody(ForecastInput, 'The forecast') },
  responses: { 201: jsonResponse(Forecast, 'Recorded'), ...ERR },
});

const stanceRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/stances',
  operationId: 'addStance',
  summary: 'Record that a source asserts or denies the claim',
  description: 'Give a stated confidence as a probability, or as an ICD-203 estimative phrase ("very likely"), not both.',
  tags: ['Stances'],
  request: { params: ClaimId, body: jsonBody(StanceInput, 'The stance') },
  responses: { 201: jsonResponse(Stance, 'Recorded'), ...ERR },
});

const evidenceRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/evidence',
  operationId: 'addEvidence',
  summary: 'Record a piece of evidence that supports, contradicts or gives context to the claim',
  tags: ['Evidence'],
  request: { params: ClaimId, body: jsonBody(EvidenceInput, 'The evidence') },
  responses: { 201: jsonResponse(Evidence, 'Recorded'), ...ERR },
});

const resolveRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/resolution',
  operationId: 'resolveClaim',
  summary: 'Resolve the claim: confirmed, refuted, annulled or unresolvable, or with a value',
  description:
    'A multiple-choice, numeric or date question resolves with `value` (an option’s label, a number, an instant, or `below-range` / `above-range` beyond an open bound; the status becomes `resolved`), or `outcome` annulled or unresolvable; a value beyond a closed bound or a label that is not an option is refused (422 `/value`). A resolved claim can be resolved again only after a recorded reopen. Cited evidence must belong to the claim. Forecasts made on or after `knownOn` do not count (a date-only knownOn is the start of that day, UTC); the answer says how many (`uncountedForecasts`), and GET /api/claims/{id}/resolution-preview says it before resolving.',
  tags: ['Resolution'],
  request: { params: ClaimId, body: jsonBody(ResolutionInput, 'The outcome') },
  responses: { 201: jsonResponse(ResolutionRecorded, 'Resolved; `uncountedForecasts` says how many forecasts it leaves out'), ...ERR },
});

const reopenRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/reopen',
  operationId: 'reopenClaim',
  summary: 'Reopen a resolved claim, with a reason (the earlier resolution stays in the history)',
  tags: ['Resolution'],
  request: { params: ClaimId, body: jsonBody(ReasonInput, 'Why') },
  responses: { 201: jsonResponse(z.object({ seq: z.number().int(), claimId: z.string(), reason: z.string(), recordedAt: z.string() }).openapi('Reopening'), 'Reopened'), ...ERR },
});

const Retraction = z
  .object({ seq: z.number().int(), targetSeq: z.number().int(), targetType: z.enum(['forecast', 'stance', 'evidence']), targetId: z.string(), claimId: z.string(), reason: z.string(), recordedAt: z.string() })
  .openapi('Retraction');
const retractRoute = createRoute({
  method: 'post',
  path: '/api/events/{seq}/retraction',
  operationId: 'retractEvent',
  summary: 'Retract a forecast, stance or piece of evidence recorded in error',
  description: 'The item stays in the history, flagged, and stops counting.',
  tags: ['Ledger'],
  request: { params: z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'seq', in: 'path' }, example: 12 }) }), body: jsonBody(ReasonInput, 'Why') },
  responses: { 201: jsonResponse(Retraction, 'Retracted'), ...ERR },
});

/** The item an append created, as the claim shows it (built from its event: no re-read). */
const createdItem = (e: LedgerEvent) => itemView(e);

export function registerItemRoutes(app: App, deps: AppDeps): void {
  const { ledger } = deps;
  registerResolutionPreview(app, deps);
  const created = (c: { header: (k: string, v: string) => void }, e: LedgerEvent) => c.header('Location', `/api/events/${e.seq}`);

  app.openapi(forecastRoute, async (c) => {
    assertMayForecastAs(c, c.req.valid('json').sourceId);
    const e = await ledger.append({ type: 'forecast.record', claimId: c.req.valid('param').id, input: c.req.valid('json') }, actorOf(c), guardOf(c));
    created(c, e);
    return c.json(createdItem(e) as z.infer<typeof Forecast>, 201);
  });

  app.openapi(stanceRoute, async (c) => {
    // The schema gives the estimative phrase trimmed and lower-case, as it is stored.
    const e = await ledger.append({ type: 'stance.record', claimId: c.req.valid('param').id, input: c.req.valid('json') }, actorOf(c), guardOf(c));
    created(c, e);
    return c.json(createdItem(e) as z.infer<typeof Stance>, 201);
  });

  app.openapi(evidenceRoute, async (c) => {
    const input = c.req.valid('json') as Extract<Command, { type: 'evidence.record' }>['input'];
    const e = await ledger.append({ type: 'evidence.record', claimId: c.req.valid('param').id, input }, actorOf(c), guardOf(c));
    created(c, e);
    return c.json(createdItem(e) as z.infer<typeof Evidence>, 201);
  });

  app.openapi(resolveRoute, async (c) => {
    assertMayResolve(c, 'resolve');
    const e = await ledger.append({ type: 'claim.resolve', claimId: c.req.valid('param').id, input: c.req.valid('json') }, actorOf(c), guardOf(c));
    created(c, e);
    const view = await readClaim(deps, e.claimId ?? '');
    const { reopened, ...resolution } = view.resolutions.find((r) => r.seq === e.seq) ?? ({} as never);
    const uncountedForecasts = countMadeAfterKnownOn(view.forecasts as unknown as Array<{ madeAt: string; retracted: boolean }>, resolution.knownOn);
    return c.json({ ...resolution, uncountedForecasts } as z.infer<typeof ResolutionRecorded>, 201);
  });

  app.openapi(reopenRoute, async (c) => {
    assertMayResolve(c, 'reopen');
    const e = await ledger.append({ type: 'claim.reopen', claimId: c.req.valid('param').id, input: c.req.valid('json') }, actorOf(c), guardOf(c));
    created(c, e);
    const p = e.type === 'claim.reopened' ? e.payload : { claimId: '', reason: '' };
    return c.json({ seq: e.seq, claimId: p.claimId, reason: p.reason, recordedAt: e.recordedAt }, 201);
  });

  app.openapi(retractRoute, async (c) => {
    const [target] = await listEvents(deps.db.client, c.req.valid('param').seq - 1, 1);
    assertMayRetract(c, target && target.seq === c.req.valid('param').seq ? (target as unknown as Parameters<typeof assertMayRetract>[1]) : null);
    const e = await ledger.append({ type: 'event.retract', seq: c.req.valid('param').seq, input: c.req.valid('json') }, actorOf(c), guardOf(c));
    created(c, e);
    if (e.type !== 'event.retracted') throw new Error('unexpected event type');
    return c.json({ seq: e.seq, ...e.payload, recordedAt: e.recordedAt }, 201);
  });
}
