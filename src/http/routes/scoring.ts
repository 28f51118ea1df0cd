import { createRoute, z } from '@hono/zod-openapi';
import { readRows } from '../../db/fast-read.js';
import { getSource } from '../../db/queries.js';
import { cachedSourceForecastScores, calibrationGroups, questionsLeftOut, sourceStances, type ScoreFilters } from '../../db/scoring-queries.js';
import { parseInstant } from '../../domain/dates.js';
import { calibrateGroups, trackRecord } from '../../domain/scoring/index.js';
import { CLAIM_KINDS } from '../../domain/types.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';
import { IsoInstant, Slug } from '../schemas.js';

const tags = ['Scoring'];
const Interval = z.tuple([z.number(), z.number()]).nullable();

export const CalibrationQuery = z.object({
  source: Slug.optional(),
  tag: z.string().max(50).optional(),
  kind: z.enum(CLAIM_KINDS).optional(),
  from: IsoInstant.optional().openapi({ description: 'Resolution date from (inclusive).' }),
  to: IsoInstant.optional().openapi({ description: 'Resolution date to (inclusive for a date, exclusive for a date-time).' }),
  rule: z.enum(['last', 'time-weighted']).default('last'),
  bins: z.coerce.number().int().min(2).max(50).default(10),
  binning: z.enum(['equal', 'quantile']).default('equal'),
  backfilled: z.enum(['include', 'exclude']).default('include'),
  closedOnly: z.enum(['true', 'false']).default('false').openapi({ description: 'Only questions whose scheduled close (deadline) has passed: questions resolved early are mostly those that resolved Yes.' }),
});

const Calibration = z
  .object({
    count: z.number().int(),
    brier: z.number().nullable(),
    logScore: z.number().nullable(),
    bins: z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number().int(), meanForecast: z.number().nullable(), observedFrequency: z.number().nullable(), interval: Interval })),
    murphy: z.object({ reliability: z.number(), resolution: z.number(), uncertainty: z.number(), withinBin: z.number() }).nullable(),
    leftOutQuestions: z.number().int().optional().openapi({ description: 'With closedOnly=true: how many questions it leaves out.' }),
  })
  .openapi('Calibration');

const calibrationRoute = createRoute({
  method: 'get',
  path: '/api/calibration',
  operationId: 'getCalibration',
  summary: 'Calibration, Brier and log scores, and the Murphy decomposition of the counted forecasts',
  description:
    'One forecast counts per source and claim: `rule=last` the last made before the resolution’s knownOn, `rule=time-weighted` the time average of its standing forecasts (scores time-averaged too). Only confirmed (o = 1) and refuted (o = 0) claims are scored. Bins carry 95% Wilson intervals; empty bins have count 0 and null statistics.',
  tags,
  request: { query: CalibrationQuery },
  responses: { 200: jsonResponse(Calibration, 'The calibration'), ...problems(...READ_ERRORS) },
});

const TrackRecord = z
  .object({
    sourceId: z.string(),
    stances: z.object({ right: z.number().int(), wrong: z.number().int(), pending: z.number().int(), notScored: z.number().int() }),
    accuracy: z.number().nullable(),
    accuracyInterval: Interval,
    forecasts: z.object({ count: z.number().int(), brier: z.number().nullable(), logScore: z.number().nullable(), relativeBrier: z.number().nullable(), sharedClaims: z.number().int() }),
    statedConfidence: z.object({ count: z.number().int(), brier: z.number().nullable() }),
    stanceItems: z.array(
      z.object({ seq: z.number().int(), claimId: z.string(), claimTitle: z.string(), stance: z.enum(['asserts', 'denies']), date: z.string(), status: z.string(), verdict: z.enum(['right', 'wrong', 'pending', 'not-scored']), retracted: z.boolean() }),
    ),
  })
  .openapi('TrackRecord');

const trackRecordRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}/track-record',
  operationId: 'getTrackRecord',
  summary: 'How a source held up: stances right, wrong and pending, accuracy with its Wilson interval, and forecast scores',
  tags,
  request: {
    params: z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' }, example: 'dprk' }) }),
    query: z.object({ rule: z.enum(['last', 'time-weighted']).default('last') }),
  },
  responses: { 200: jsonResponse(TrackRecord, 'The track record'), ...problems(...READ_ERRORS, 404) },
});

/** Query dates as ISO instants: `to` given as a date includes that whole day. */
export function scoreFilters(q: z.infer<typeof CalibrationQuery>): ScoreFilters {
  const iso = (v: string) => new Date(parseInstant(v) as number).toISOString();
  const to = q.to === undefined ? undefined : q.to.length === 10 ? new Date((parseInstant(q.to) as number) + 86_400_000).toISOString() : iso(q.to);
  const closedBy = q.closedOnly === 'true' ? new Date().toISOString() : undefined;
  return { source: q.source, tag: q.tag, kind: q.kind, from: q.from === undefined ? undefined : iso(q.from), to, rule: q.rule, backfilled: q.backfilled, closedBy };
}

export async function sourceTrackRecord(deps: AppDeps, id: string, rule: 'last' | 'time-weighted') {
  const stances = await sourceStances(deps.db.client, id, readRows(deps.db));
  const record = trackRecord(stances);
  // From the source's own counted rows (each carries its claim's crowd term), once per scoring version.
  const forecasts = await cachedSourceForecastScores(deps.db, id, rule);
  const verdict = (s: (typeof stances)[number]) => {
    if (s.retracted || s.status === 'annulled' || s.status === 'unresolvable') return 'not-scored' as const;
    if (s.status === 'open') return 'pending' as const;
    return (s.stance === 'asserts') === (s.status === 'confirmed') ? ('right' as const) : ('wrong' as const);
  };
  return {
    sourceId: id,
    stances: record.stances,
    accuracy: record.accuracy,
    accuracyInterval: record.accuracyInterval,
    forecasts: { ...forecasts },
    statedConfidence: record.statedConfidence,
    stanceItems: stances.map((s) => ({ seq: s.seq, claimId: s.claimId, claimTitle: s.claimTitle, stance: s.stance, date: s.date, status: s.status, verdict: verdict(s), retracted: s.retracted })),
  };
}

export function registerScoringRoutes(app: App, deps: AppDeps): void {
  app.openapi(calibrationRoute, async (c) => {
    const q = c.req.valid('query');
    const filters = scoreFilters(q);
    const groups = await calibrationGroups(deps.db.client, filters);
    const calibration = calibrateGroups(groups, { bins: q.bins, binning: q.binning });
    if (!filters.closedBy) return c.json(calibration, 200);
    return c.json({ ...calibration, leftOutQuestions: await questionsLeftOut(deps.db.client, filters) }, 200);
  });

  app.openapi(trackRecordRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await getSource(deps.db.client, id, readRows(deps.db)))) throw new ApiError(404, 'not-found', `No source with id '${id}'.`);
    return c.json(await sourceTrackRecord(deps, id, c.req.valid('query').rule), 200);
  });
}
