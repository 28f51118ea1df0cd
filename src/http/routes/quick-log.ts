/**
 * `GET /api/quick-log/parse?text=`: one line ("Will the ceasefire hold until 2027-06-30? 70%") read
 * into a draft prediction by the same pure function the CLI's `reckon q` uses
 * (src/domain/quick-log.ts). Nothing is recorded: the page shows the draft, and Enter logs it
 * through `POST /api/quick-log` (the claim and its forecast in one transaction).
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { claimHeader, readClaimView } from '../../db/claim-read.js';
import { slugify } from '../../domain/ids.js';
import { parseQuickLog } from '../../domain/quick-log.js';
import { RuleError, ruleFields } from '../../domain/rules.js';
import { BulkError } from '../../ledger/ledger.js';
import { actorOf, guardOf } from '../actor.js';
import { assertMayForecastAs } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonBody, jsonResponse, problems, READ_ERRORS, WRITE_ERRORS, type App } from '../openapi.js';
import { Claim, ClaimInput, Forecast, ForecastInput } from '../schemas.js';

const QuickLogText = z.object({ text: z.string().min(1).max(1000).openapi({ example: 'Will the ceasefire hold until 2027-06-30? 70%' }) });
const QuickLogDraft = z
  .object({
    title: z.string(),
    statement: z.string(),
    deadline: z.string().nullable().openapi({ description: 'YYYY-MM-DD, or null when the text names no date.' }),
    probability: z.number().nullable(),
    resolutionCriteria: z.string().openapi({ description: 'Written from the statement and the deadline: review before logging.' }),
    criteriaNeedReview: z.literal(true),
    dateText: z.string().nullable().openapi({ description: 'The part of the text read as the date.' }),
    probabilityText: z.string().nullable().openapi({ description: 'The part of the text read as the probability.' }),
    problems: z.array(z.object({ pointer: z.enum(['/deadline', '/probability', '/text']), message: z.string() })),
  })
  .openapi('QuickLogDraft');

const parseRoute = createRoute({
  method: 'get',
  path: '/api/quick-log/parse',
  operationId: 'parseQuickLog',
  summary: 'Read one line into a draft prediction (nothing is recorded)',
  description: 'Dates such as “by end of June 2027”, “before 2026”, “in 3 months” or ISO dates are read by chrono-node; the probability as `70%`, `0.7` or odds `7:3`. `problems` names what is missing or out of range.',
  tags: ['Claims'],
  request: { query: QuickLogText },
  responses: { 200: jsonResponse(QuickLogDraft, 'The draft'), ...problems(...READ_ERRORS) },
});

const QuickLogInput = z.strictObject({ claim: ClaimInput, forecast: ForecastInput }).openapi('QuickLogInput');
const logRoute = createRoute({
  method: 'post',
  path: '/api/quick-log',
  operationId: 'quickLog',
  summary: 'Log a claim and a forecast on it in one transaction (the quick log’s confirm)',
  description: 'Both land or neither does: a forecast the rules refuse (its source, its probability, forecasting closed) leaves no claim behind. Errors point into `/claim/…` or `/forecast/…`.',
  tags: ['Claims'],
  request: { body: jsonBody(QuickLogInput, 'The claim and the forecast') },
  responses: { 201: jsonResponse(z.object({ claim: Claim, forecast: Forecast }).openapi('QuickLogged'), 'Logged'), ...problems(...WRITE_ERRORS, 404, 409, 422) },
});

/** A refusal inside the one transaction, its pointer placed under the part it came from. */
function refusal(err: unknown): unknown {
  if (!(err instanceof BulkError) || !(err.cause instanceof RuleError)) return err instanceof BulkError ? err.cause : err;
  const rule = err.cause;
  const part = err.index === 0 ? '/claim' : '/forecast';
  const code = rule.code ?? (rule.status === 404 ? 'not-found' : rule.status === 409 ? 'conflict' : 'rule');
  const fields = ruleFields(rule);
  return new ApiError(rule.status, code, rule.message, fields.length > 0 ? fields.map((f) => ({ ...f, pointer: `${part}${f.pointer}` })) : [{ pointer: part, message: rule.message }]);
}

export function registerQuickLogRoutes(app: App, deps: AppDeps): void {
  app.openapi(parseRoute, (c) => c.json(parseQuickLog(c.req.valid('query').text, new Date(), deps.ledger.rules), 200));

  app.openapi(logRoute, async (c) => {
    const { claim, forecast } = c.req.valid('json');
    try {
      assertMayForecastAs(c, forecast.sourceId);
    } catch (err) {
      if (err instanceof ApiError) throw new ApiError(err.status, err.code, err.message, err.errors?.map((e) => ({ ...e, pointer: `/forecast${e.pointer}` })));
      throw err;
    }
    const id = claim.id ?? `${slugify(claim.title)}-${randomBytes(3).toString('hex')}`;
    try {
      await deps.ledger.appendAll([{ type: 'claim.create', input: { ...claim, id } }, { type: 'forecast.record', claimId: id, input: forecast }], { actor: actorOf(c), guard: guardOf(c) });
    } catch (err) {
      throw refusal(err);
    }
    const view = await readClaimView(deps.db.client, id);
    if (!view) throw new ApiError(404, 'not-found', `No claim with id '${id}'.`);
    c.header('Location', `/api/claims/${id}`);
    return c.json({ claim: claimHeader(view) as z.infer<typeof Claim>, forecast: view.forecasts[view.forecasts.length - 1] as unknown as z.infer<typeof Forecast> }, 201);
  });
}
