import { createRoute, z } from '@hono/zod-openapi';
import { readResolutionPreview } from '../../db/resolution-preview.js';
import { STATUSES } from '../../domain/types.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';
import { ClaimId, IsoInstant, Resolution } from '../schemas.js';

export const ResolutionPreview = z
  .object({
    claimId: z.string(),
    status: z.enum(STATUSES),
    knownOn: z.string(),
    knownOnFrom: z.string().openapi({ description: 'The instant knownOn counts from: a date-only knownOn is the start of that day (UTC).' }),
    uncountedForecasts: z.number().int().min(0).openapi({ description: 'Forecasts (not retracted) made on or after knownOn: the resolution would leave them out.' }),
    deadline: z.string().optional(),
    beforeDeadline: z.boolean().openapi({ description: 'knownOn lies before the deadline: the outcome would be called before forecasting closes.' }),
  })
  .openapi('ResolutionPreview');

/** The resolution's 201 answer: the resolution and how many forecasts it leaves out. */
export const ResolutionRecorded = Resolution.extend({
  uncountedForecasts: z.number().int().min(0).openapi({ description: 'Forecasts (not retracted) made on or after knownOn, which this resolution leaves out (each shows `notCountedBecause: made-after-known-on`).' }),
}).openapi('ResolutionRecorded');

const previewRoute = createRoute({
  method: 'get',
  path: '/api/claims/{id}/resolution-preview',
  operationId: 'previewResolution',
  summary: 'What resolving the claim known on a date would leave out, before resolving',
  description:
    'Records nothing. `uncountedForecasts` counts the forecasts made on or after `knownOn` (a date-only knownOn means the start of that day, UTC, so forecasts made later that day do not count); `beforeDeadline` says the outcome would be called before the deadline. The web form and `reckon resolve` ask for confirmation when either holds.',
  tags: ['Resolution'],
  request: { params: ClaimId, query: z.object({ knownOn: IsoInstant }) },
  responses: { 200: jsonResponse(ResolutionPreview, 'The preview'), ...problems(...READ_ERRORS, 404) },
});

export function registerResolutionPreview(app: App, deps: AppDeps): void {
  app.openapi(previewRoute, async (c) => {
    const { id } = c.req.valid('param');
    const preview = await readResolutionPreview(deps.db.client, id, c.req.valid('query').knownOn);
    if (!preview) throw new ApiError(404, 'not-found', `No claim with id '${id}'.`);
    return c.json(preview, 200);
  });
}
