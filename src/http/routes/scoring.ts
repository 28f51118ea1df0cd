import { createRoute, z } from '@hono/zod-openapi';
import { readRows } from '../../db/fast-read.js';
import { calibrationGroups, calibrationGroupsOf, calibrationGroupsStatement, questionsLeftOutStatement } from '../../db/scoring-queries.js';
import { sourceTrackRecord } from '../../db/track-record.js';
import { choiceCalibration, pitCalibration } from '../../db/question-calibration.js';
import { CalibrationQuery, scoreFilters } from '../../commands/queries.js';
import { calibrateGroups } from '../../domain/scoring/index.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { memoJson } from '../memo-json.js';
import { memoAnswer } from '../../db/answer-memo.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';
import { Slug } from '../schemas.js';

const tags = ['Scoring'];
const Interval = z.tuple([z.number(), z.number()]).nullable();

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

const PitCalibration = z
  .object({
    pit: z.object({
      count: z.number().int().openapi({ description: 'How many PITs (sources × resolved questions).' }),
      bins: z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number().int(), share: z.number().nullable(), interval: Interval })),
    }),
  })
  .openapi('PitCalibration', { description: 'Numeric and date questions: the histogram of the PIT (the forecast CDF at the outcome) of each source’s last forecast, 10 bins [k/10, (k+1)/10) the last closed at 1, `share` = count / n with its 95 % Wilson interval.' });

const calibrationRoute = createRoute({
  method: 'get',
  path: '/api/calibration',
  operationId: 'getCalibration',
  summary: 'Calibration, Brier and log scores, and the Murphy decomposition of the counted forecasts',
  description:
    'One forecast counts per source and claim: `rule=last` the last made before the resolution’s knownOn, `rule=time-weighted` the time average of its standing forecasts (scores time-averaged too). Only confirmed (o = 1) and refuted (o = 0) claims are scored. Bins carry 95% Wilson intervals; empty bins have count 0 and null statistics. `questionType=multiple-choice` calibrates every option of each source’s last forecast on questions resolved with a value as a yes/no forecast; `numeric` and `date` answer a PIT histogram instead.',
  tags,
  request: { query: CalibrationQuery },
  responses: { 200: jsonResponse(z.union([Calibration, PitCalibration]), 'The calibration (a PIT histogram for numeric and date questions)'), ...problems(...READ_ERRORS) },
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

/** What memoAnswer keeps for a source that does not exist (at that version of the ledger). */
const NULL_JSON = Buffer.from('null');

export function registerScoringRoutes(app: App, deps: AppDeps): void {
  app.openapi(calibrationRoute, async (c) => {
    const q = c.req.valid('query');
    const make = async () => {
      const filters = scoreFilters(q);
      if (q.questionType === 'multiple-choice') return choiceCalibration(deps.db.client, filters, { bins: q.bins, binning: q.binning });
      if (q.questionType === 'numeric' || q.questionType === 'date') return pitCalibration(deps.db.client, filters, q.questionType);
      const opts = { bins: q.bins, binning: q.binning };
      if (!filters.closedBy) return calibrateGroups(await calibrationGroups(deps.db.client, filters, readRows(deps.db)), opts);
      // The groups and the questions left out in one snapshot: a question resolved meanwhile counts in one or the other.
      const [groups, leftOut] = await readRows(deps.db).batch([calibrationGroupsStatement(filters), questionsLeftOutStatement({ ...filters, closedBy: filters.closedBy })]);
      return { ...calibrateGroups(calibrationGroupsOf(groups ?? []), opts), leftOutQuestions: Number(leftOut?.[0]?.[0] ?? 0) };
    };
    // closedOnly depends on the clock too: made afresh each time.
    if (q.closedOnly === 'true') return c.json((await make()) as never, 200);
    // Otherwise an aggregate over the counted forecasts alone, kept until the ledger moves (src/db/answer-memo.ts).
    return (await memoJson(c, deps.db, `calibration|${JSON.stringify(q)}`, make)) as never;
  });

  app.openapi(trackRecordRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { rule } = c.req.valid('query');
    // A function of the events alone (stances, statuses, counted forecasts): kept until the ledger
    // moves, so that reading it again costs one lookup of the head — one round trip to a remote database.
    const body = await memoAnswer(deps.db, `track-record|${rule}|${id}`, () => sourceTrackRecord(deps.db, id, rule));
    if (body.equals(NULL_JSON)) throw new ApiError(404, 'not-found', `No source with id '${id}'.`);
    return c.body(body as unknown as string, 200, { 'Content-Type': 'application/json' }) as never;
  });
}
