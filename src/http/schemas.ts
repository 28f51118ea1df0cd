/**
 * Zod schemas of the HTTP layer and of the OpenAPI document. What a command accepts is defined
 * once, in src/commands/inputs.ts (the ledger checks it whichever way a command comes); here
 * those schemas are named as OpenAPI components, beside the shapes of answers.
 * Request bodies are strict (an unknown field is an error) and every string is bounded.
 */
import { z } from '@hono/zod-openapi';
import * as Inputs from '../commands/inputs.js';
import { BEARINGS, CLAIM_KINDS, OUTCOMES, QUESTION_TYPES, RESOLVED, SOURCE_TYPES, STANCES, STATUSES } from '../domain/types.js';
import { NOT_COUNTED_REASONS } from '../domain/counted-marks.js';

// Clones made once @hono/zod-openapi has extended zod, so that routes may call `.openapi()` on them.
export const Slug = Inputs.Slug.clone();
export const IsoInstant = Inputs.IsoInstant.clone();
export const PartialDate = Inputs.PartialDate.clone();

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

// ---------- sources
export const SourceInput = Inputs.SourceInput.meta({ id: 'SourceInput' });
export const Source = z
  .object({ id: z.string(), name: z.string(), type: z.enum(SOURCE_TYPES), country: z.string().optional(), url: z.string().optional() })
  .openapi('Source');

// ---------- claims
export const ClaimInput = Inputs.ClaimInput.meta({ id: 'ClaimInput' });
export const ClaimPatch = Inputs.ClaimPatch.meta({ id: 'ClaimPatch' });

export const QuestionRange = z
  .object({ min: z.union([z.number(), z.string()]), max: z.union([z.number(), z.string()]), openLower: z.boolean(), openUpper: z.boolean(), scale: z.enum(['linear', 'log']) })
  .openapi('QuestionRangeView', { description: 'Numeric: min/max numbers; date: ISO instants.' });
const ResolutionValue = z.union([z.number(), z.string()]).optional().openapi({ description: 'Outcome `resolved`: the option label, number or instant (or `below-range` / `above-range`).' });
export const Resolution = z
  .object({ seq: z.number().int(), outcome: z.enum([...OUTCOMES, RESOLVED]), value: ResolutionValue, knownOn: z.string(), note: z.string().optional(), evidenceIds: z.array(z.string()), recordedAt: z.string() })
  .openapi('Resolution');

export const Claim = z
  .object({
    id: z.string(),
    kind: z.enum(CLAIM_KINDS),
    questionType: z.enum(QUESTION_TYPES).optional().openapi({ description: 'What the prediction asks; `binary` (yes/no) unless it is multiple-choice, numeric or date.' }),
    options: z.array(z.string()).optional().openapi({ description: 'Multiple choice: the options, in order.' }),
    ordered: z.boolean().optional().openapi({ description: 'Multiple choice: ordered categories.' }),
    range: QuestionRange.optional(),
    title: z.string(),
    statement: z.string(),
    resolutionCriteria: z.string(),
    details: z.string().optional(),
    tags: z.array(z.string()),
    deadline: z.string().optional(),
    checkBy: z.string().optional(),
    openedAt: z.string().optional(),
    status: z.enum(STATUSES),
    revision: z.number().int(),
    editedAfterForecasts: z.boolean(),
    createdAt: z.string(),
    firstAllegedOn: z.string().optional().openapi({ description: 'Allegations: the date (precision kept) of the earliest non-retracted asserting stance, the claim’s date in the world.' }),
    resolution: Resolution.nullable(),
  })
  .openapi('Claim');

/** A quantile in a range's units: a number, or a date question's ISO instant. */
const ListQuantile = z.union([z.number(), z.string()]);
export const ClaimListItem = Claim.extend({
  latestForecasts: z.array(
    z.object({
      sourceId: z.string(),
      probability: z.number().optional().openapi({ description: 'Yes/no questions: the chance it happens (always present on their forecasts).' }),
      madeAt: z.string(),
      probabilities: z.array(z.number()).optional().openapi({ description: 'Multiple choice: one probability per option, in the options’ order.' }),
      median: ListQuantile.optional().openapi({ description: 'Numeric and date: the CDF’s median, in the range’s units (a date as an ISO instant).' }),
      lowerQuartile: ListQuantile.optional().openapi({ description: 'Numeric and date: the 25 % quantile (the central half’s lower end).' }),
      upperQuartile: ListQuantile.optional().openapi({ description: 'Numeric and date: the 75 % quantile (the central half’s upper end).' }),
    }),
  ).openapi({ description: 'Each source’s latest standing forecast, in source order. The 201-point CDF of a numeric or date forecast is on the claim page; the list gives its median and central half.' }),
  stanceTally: z.object({ asserts: z.number().int(), denies: z.number().int() }),
}).openapi('ClaimListItem');

// ---------- forecasts, stances, evidence, resolution
export const ForecastInput = Inputs.ForecastInput.meta({ id: 'ForecastInput' });
/** A platform's own history, kept exactly as the platform recorded it (the instance's bounds govern new forecasts only). */
const Imported = z.object({ platform: z.string() }).optional().openapi({ description: "Present on a platform's own history (fatebook, metaculus), imported exactly as the platform recorded it: the instance's probability bounds govern new forecasts only." });
const Retraction = { retracted: z.boolean(), retraction: z.object({ seq: z.number().int(), reason: z.string() }).optional() };
export const Forecast = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    claimId: z.string(),
    sourceId: z.string(),
    probability: z.number().optional().openapi({ description: 'Yes/no questions.' }),
    probabilities: z.array(z.number()).optional().openapi({ description: 'Multiple choice: one per option, in order.' }),
    cdf: z.array(z.number()).optional().openapi({ description: 'Numeric and date: 201 cumulative probabilities over the range.' }),
    madeAt: z.string(),
    note: z.string().optional(),
    backfilled: z.boolean(),
    recordedAt: z.string(),
    ...Retraction,
    imported: Imported,
  })
  .openapi('Forecast');

export const StanceInput = Inputs.StanceInput.meta({ id: 'StanceInput' });
export const Stance = z
  .object({ id: z.string(), seq: z.number().int(), claimId: z.string(), sourceId: z.string(), stance: z.enum(STANCES), date: z.string(), quote: z.string().optional(), url: z.string().optional(), confidence: z.number().optional(), estimative: z.string().optional(), recordedAt: z.string(), ...Retraction })
  .openapi('Stance');

export const EvidenceInput = Inputs.EvidenceInput.meta({ id: 'EvidenceInput' });
export const Evidence = z
  .object({ id: z.string(), seq: z.number().int(), claimId: z.string(), date: z.string(), summary: z.string(), bearing: z.enum(BEARINGS), url: z.string().optional(), publishedBy: z.string().optional(), grade: z.object({ reliability: z.string(), credibility: z.number() }).optional(), recordedAt: z.string(), ...Retraction })
  .openapi('Evidence');

export const ResolutionInput = Inputs.ResolutionInput.meta({ id: 'ResolutionInput' });
export const ReasonInput = Inputs.ReasonInput.meta({ id: 'ReasonInput' });

// ---------- history
export const Revision = z
  .object({ revision: z.number().int(), title: z.string(), statement: z.string(), resolutionCriteria: z.string(), details: z.string().optional(), tags: z.array(z.string()), deadline: z.string().optional(), checkBy: z.string().optional(), reason: z.string().optional(), changed: z.array(z.string()), seq: z.number().int(), recordedAt: z.string() })
  .openapi('Revision');
export const LedgerEvent = z
  .object({ seq: z.number().int(), type: z.string(), claimId: z.string().nullable(), recordedAt: z.string(), recordedBy: z.string().nullable(), payload: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string() })
  .openapi('LedgerEvent');
export const TimelineEntry = z
  .object({ seq: z.number().int(), type: z.string(), recordedAt: z.string(), recordedBy: z.string().nullable(), worldAt: z.string(), payload: z.record(z.string(), z.unknown()), retracted: z.boolean() })
  .openapi('TimelineEntry');
/** A forecast in a claim's view: whether it counts, and if not why (src/domain/counted-marks.ts). */
export const ClaimForecast = Forecast.extend({
  counted: z.boolean().openapi({ description: 'The forecast the default rule (`last`) scores for its source: at the resolution, or if the claim were resolved now.' }),
  notCountedBecause: z.enum(NOT_COUNTED_REASONS).optional().openapi({ description: 'When not counted: retracted; made at or after the resolution’s knownOn (a date-only knownOn is the start of that day, UTC); made at or after the deadline; or superseded by a later forecast of the same source.' }),
}).openapi('ClaimForecast');
export const ClaimDetail = Claim.extend({
  revisions: z.array(Revision),
  forecasts: z.array(ClaimForecast),
  stances: z.array(Stance),
  evidence: z.array(Evidence),
  resolutions: z.array(Resolution.extend({ reopened: z.object({ seq: z.number().int(), reason: z.string(), recordedAt: z.string() }).optional() })),
  timeline: z.array(TimelineEntry),
  asOf: z.string().optional(),
  asOfRecorded: z.string().optional(),
  writtenAfterAsOf: z
    .array(z.enum(['title', 'statement', 'resolutionCriteria', 'details']))
    .optional()
    .openapi({ description: 'With `asOf` only: the text fields written (recorded) after that date, which may tell what was not yet known then.' }),
}).openapi('ClaimDetail');

export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const Limit = z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { name: 'limit', in: 'query' }, example: 50 });
export const Cursor = z.string().max(500).optional().openapi({ param: { name: 'cursor', in: 'query' }, description: 'Opaque; take it from nextCursor.' });
export const ClaimId = z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' }, example: 'metaculus-nk-troops-2024' }) });
