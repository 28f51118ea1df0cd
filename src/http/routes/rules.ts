/**
 * `GET /api/rules`: the instance's rules that new input is judged by (instance-rules.ts, the
 * ones recorded as `rules.set`), so a client can check a probability and say its bounds in the
 * unit its user types ("between 1 % and 99 %") before sending it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';

const Rules = z
  .object({
    minProbability: z.number().openapi({ example: 0.01, description: 'The lowest probability a new forecast may give (a fraction).' }),
    maxProbability: z.number().openapi({ example: 0.99, description: 'The highest probability a new forecast may give (a fraction).' }),
  })
  .openapi('InstanceRules');

const rulesRoute = createRoute({
  method: 'get',
  path: '/api/rules',
  operationId: 'getRules',
  summary: "The instance's rules for new input (probability bounds)",
  description: 'The bounds a new forecast must lie within, inclusive, as fractions. Imported platform history is kept as recorded and not held to them.',
  tags: ['Ledger'],
  responses: { 200: jsonResponse(Rules, 'The rules in force'), ...problems(...READ_ERRORS) },
});

export function registerRulesRoutes(app: App, deps: AppDeps): void {
  app.openapi(rulesRoute, (c) => c.json({ minProbability: deps.ledger.rules.minProbability, maxProbability: deps.ledger.rules.maxProbability }, 200));
}
