/**
 * `POST /api/quick-log/parse`: one line ("Will the ceasefire hold until 2027-06-30? 70%") read
 * into a draft prediction by the same pure function the CLI's `reckon q` uses
 * (src/domain/quick-log.ts). Nothing is recorded: the page shows the draft, and Enter logs it
 * through POST /api/claims and the claim's forecasts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { parseQuickLog } from '../../domain/quick-log.js';
import { jsonBody, jsonResponse, problems, type App } from '../openapi.js';

const QuickLogText = z.strictObject({ text: z.string().min(1).max(1000).openapi({ example: 'Will the ceasefire hold until 2027-06-30? 70%' }) }).openapi('QuickLogText');
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
  method: 'post',
  path: '/api/quick-log/parse',
  operationId: 'parseQuickLog',
  summary: 'Read one line into a draft prediction (nothing is recorded)',
  description: 'Dates such as “by end of June 2027”, “before 2026”, “in 3 months” or ISO dates are read by chrono-node; the probability as `70%`, `0.7` or odds `7:3`. `problems` names what is missing or out of range.',
  tags: ['Claims'],
  request: { body: jsonBody(QuickLogText, 'The line') },
  responses: { 200: jsonResponse(QuickLogDraft, 'The draft'), ...problems(400, 401, 403, 413, 415, 429, 503) },
});

export function registerQuickLogRoutes(app: App): void {
  app.openapi(parseRoute, (c) => c.json(parseQuickLog(c.req.valid('json').text, new Date()), 200));
}
