/**
 * Metaculus's scores (issue 16): a claim's baseline and peer scores with coverage and its
 * crowd, the crowd's history, a source's sums, and the leaderboard — read from the score
 * projections (src/db/claim-scores.ts), spot scores and the crowd history computed from the
 * claim's forecasts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { getSource } from '../../db/queries.js';
import { readRows, readTransaction } from '../../db/fast-read.js';
import { claimAggregate, claimScoreHeadOf, claimScoreHeadStatement, periodFilters, scoreSumsBySource, sourceScoreSums } from '../../db/score-queries.js';
import { questionAggregate, questionClaimOf, questionClaimStatement } from '../../db/question-scores.js';
import { readClaimScores } from '../../db/claim-score-read.js';
import { rankLeaderboard } from '../../domain/scoring/index.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';
import { ClaimId, IsoInstant, Slug } from '../schemas.js';

const tags = ['Scoring'];
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const SourceScore = z
  .object({
    sourceId: z.string(),
    brier: z.number().optional().openapi({ description: 'Multiple choice: Σ (p − o)² over the options of the last forecast (0 to 2).' }),
    logScore: z.number().optional().openapi({ description: 'Multiple choice: ln p(outcome); numeric and date: ln of the outcome bucket’s mass (last forecast).' }),
    rps: z.number().nullable().optional().openapi({ description: 'Multiple choice: ranked probability score of the last forecast when the options are ordered, else null.' }),
    crps: z.number().optional().openapi({ description: 'Numeric and date: ∫ over the range of (F(x) − 1{x ≥ y})² dx, in the range’s units (days for dates), last forecast.' }),
    baseline: z.number(),
    peer: z.number(),
    coverage: z.number(),
  })
  .openapi('MetaculusSourceScore');
const ClaimScoresBody = z
  .object({
    claimId: z.string(),
    outcome: z.enum(['confirmed', 'refuted', 'annulled', 'unresolvable', 'resolved']).nullable(),
    openedAt: z.string(),
    scheduledCloseAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    sources: z.array(SourceScore),
    crowd: z.object({ baseline: z.number(), coverage: z.number() }).nullable(),
  })
  .openapi('ClaimScores');

const claimScoresRoute = createRoute({
  method: 'get',
  path: '/api/claims/{id}/scores',
  operationId: 'getClaimScores',
  summary: "Metaculus's baseline and peer scores of each source on a resolved prediction, with coverage, and the crowd's",
  description:
    'Multiple-choice items add `brier`, `logScore` and `rps` (null unless the options are ordered), numeric and date items `logScore` and `crps`, each of the source’s last forecast before the actual close. Time-averaged over the window from `openedAt` to `scheduledCloseAt` (time after the actual close, `closedAt`, counts 0); `coverage` is the share of the window a source had a forecast standing. Peer scores compare with the other sources forecasting at each instant (sources of type forecasting-platform left out of the comparison and of the crowd). With `at`, spot scores of the forecasts standing at that instant (clamped to the actual close). Empty `sources` and null `crowd` until the claim is confirmed, refuted or resolved with a value.',
  tags,
  request: { params: ClaimId, query: z.object({ at: IsoInstant.optional().openapi({ description: 'Spot scores at this instant.' }) }) },
  responses: { 200: jsonResponse(ClaimScoresBody, 'The scores'), ...problems(...READ_ERRORS, 404) },
});

const AggregateBody = z
  .object({
    method: z.enum(['recency-weighted-median', 'recency-weighted-mean']).openapi({ description: 'The mean (of CDFs) for numeric and date questions.' }),
    history: z.array(
      z.object({
        at: z.string(),
        probability: z.number().optional().openapi({ description: 'Yes/no questions.' }),
        probabilities: z.array(z.number()).optional().openapi({ description: 'Multiple choice: the renormalised median per option.' }),
        cdf: z.array(z.number()).optional().openapi({ description: 'Numeric and date: the recency-weighted average CDF.' }),
        forecasters: z.number().int(),
      }),
    ),
  })
  .openapi('ClaimAggregate');

const aggregateRoute = createRoute({
  method: 'get',
  path: '/api/claims/{id}/aggregate',
  operationId: 'getClaimAggregate',
  summary: "The crowd's forecast over time: Metaculus's recency-weighted median (a renormalised one per option for multiple choice, a recency-weighted average of CDFs for numbers and dates)",
  description:
    "One entry per instant a forecast was made (forecasts before the opening count from it; none after the actual close): the recency-weighted median of every source's latest forecast (weights e^(√n − √N), none for two or fewer). Sources of type forecasting-platform are left out.",
  tags,
  request: { params: ClaimId },
  responses: { 200: jsonResponse(AggregateBody, 'The crowd history'), ...problems(...READ_ERRORS, 404) },
});

const PeriodQuery = z.object({
  tag: z.string().max(50).optional(),
  from: IsoInstant.optional().openapi({ description: 'Resolution date (knownOn) from (inclusive).' }),
  to: IsoInstant.optional().openapi({ description: 'Resolution date to (inclusive for a date, exclusive for a date-time).' }),
});
const Sum = z.object({ sum: z.number(), mean: z.number().nullable() });
const SourceScoresBody = z.object({ sourceId: z.string(), questions: z.number().int(), baseline: Sum, peer: Sum, coverage: Sum }).openapi('SourceMetaculusScores');

const sourceScoresRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}/scores',
  operationId: 'getSourceScores',
  summary: "A source's Metaculus baseline and peer scores summed over its resolved predictions, with means",
  description: 'Over resolved predictions (confirmed, refuted, or resolved with a value: multiple-choice, numeric and date questions) where the source’s coverage is above zero; means are sums ÷ questions (null without questions).',
  tags,
  request: { params: z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' }, example: 'metaculus' }) }), query: PeriodQuery },
  responses: { 200: jsonResponse(SourceScoresBody, 'The sums'), ...problems(...READ_ERRORS, 404) },
});

const LeaderboardBody = z
  .object({ items: z.array(z.object({ rank: z.number().int(), sourceId: z.string(), questions: z.number().int(), sum: z.number(), mean: z.number(), coverage: z.number() })) })
  .openapi('Leaderboard');

const leaderboardRoute = createRoute({
  method: 'get',
  path: '/api/leaderboard',
  operationId: 'getLeaderboard',
  summary: 'Sources ranked by their Metaculus peer or baseline score',
  description: 'Ranked by the sum over questions (ties share a rank); `order=mean` ranks by sum ÷ max(30, coverage sum), as Metaculus’s global leaderboards do. `mean` is sum ÷ questions and `coverage` the coverage sum.',
  tags,
  request: { query: PeriodQuery.extend({ score: z.enum(['peer', 'baseline']).default('peer'), order: z.enum(['sum', 'mean']).default('sum') }) },
  responses: { 200: jsonResponse(LeaderboardBody, 'The leaderboard'), ...problems(...READ_ERRORS) },
});

async function scoresOf(deps: AppDeps, id: string, at: string | undefined) {
  const body = await readClaimScores(deps.db.client, id, at, readRows(deps.db));
  if (!body) throw new ApiError(404, 'not-found', `No claim with id '${id}'.`);
  return body;
}

export function registerMetaculusScoreRoutes(app: App, deps: AppDeps): void {
  app.openapi(claimScoresRoute, async (c) => c.json(await scoresOf(deps, c.req.valid('param').id, c.req.valid('query').at), 200));

  app.openapi(aggregateRoute, async (c) => {
    const { id } = c.req.valid('param');
    // The claim's window and its forecasts from one read transaction (one state of the database).
    const body = await readTransaction(deps.db.client, async (tx, rows) => {
      const [headRows, questionRows] = await rows.batch([claimScoreHeadStatement(id), questionClaimStatement(id)]);
      const head = claimScoreHeadOf(headRows ?? []);
      if (!head) return null;
      const claim = questionClaimOf(questionRows ?? []);
      if (claim && claim.question.type !== 'binary') {
        const openedAt = head.window?.openedAt ?? (Date.parse(head.openedAt) || 0) / 1000;
        const field = claim.question.type === 'multiple-choice' ? 'probabilities' : 'cdf';
        const history = (await questionAggregate(tx, claim, openedAt)).map((e) => ({ at: iso(e.start), [field]: e.pmf, forecasters: e.forecasters }));
        return { method: field === 'cdf' ? ('recency-weighted-mean' as const) : ('recency-weighted-median' as const), history };
      }
      const history = (await claimAggregate(tx, head)).map((e) => ({ at: iso(e.start), probability: e.pmf[1]!, forecasters: e.forecasters }));
      return { method: 'recency-weighted-median' as const, history };
    });
    if (!body) throw new ApiError(404, 'not-found', `No claim with id '${id}'.`);
    return c.json(body, 200);
  });

  app.openapi(sourceScoresRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await getSource(deps.db.client, id, readRows(deps.db)))) throw new ApiError(404, 'not-found', `No source with id '${id}'.`);
    const s = await sourceScoreSums(deps.db.client, id, periodFilters(c.req.valid('query')), readRows(deps.db));
    const mean = (v: number) => (s.questions > 0 ? v / s.questions : null);
    return c.json({ sourceId: id, questions: s.questions, baseline: { sum: s.baseline, mean: mean(s.baseline) }, peer: { sum: s.peer, mean: mean(s.peer) }, coverage: { sum: s.coverage, mean: mean(s.coverage) } }, 200);
  });

  app.openapi(leaderboardRoute, async (c) => {
    const q = c.req.valid('query');
    const sums = await scoreSumsBySource(deps.db.client, periodFilters(q), readRows(deps.db));
    const entries = [...sums].map(([sourceId, s]) => ({ sourceId, questions: s.questions, sum: q.score === 'peer' ? s.peer : s.baseline, coverage: s.coverage }));
    return c.json({ items: rankLeaderboard(entries, q.order) }, 200);
  });
}
