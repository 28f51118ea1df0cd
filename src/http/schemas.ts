/**
 * Zod schemas: the single source of request validation and of the OpenAPI document.
 * Request bodies are strict (an unknown field is an error) and every string is bounded.
 */
import { z } from '@hono/zod-openapi';
import { parseInstant, partialDatePrecision } from '../domain/dates.js';
import { SLUG_REGEX_SOURCE } from '../domain/ids.js';
import { BEARINGS, CLAIM_KINDS, OUTCOMES, SOURCE_TYPES, STANCES, STATUSES } from '../domain/types.js';
import { ESTIMATIVE_PHRASES } from '../domain/scoring/icd203.js';
import { NOT_COUNTED_REASONS } from '../domain/counted-marks.js';

const text = (max: number) => z.string().trim().min(1).max(max);
export const Slug = z.string().regex(new RegExp(SLUG_REGEX_SOURCE), 'must be a URL-safe slug: a–z, 0–9, - and _, at most 64 characters');
const Url = z.url({ protocol: /^https?$/ }).max(2048);

export const IsoInstant = z
  .string()
  .max(40)
  .refine((v) => parseInstant(v) !== null, 'must be an ISO-8601 date (2024-01-01) or date-time (2024-01-01T12:00:00Z) that exists')
  // Not `format: date-time`: a bare date is accepted too, and RFC 3339 date-time refuses one.
  .openapi({ example: '2024-01-01', description: 'An ISO-8601 date (2024-01-01) or date-time (2024-01-01T12:00:00Z).' });
export const PartialDate = z
  .string()
  .max(10)
  .refine((v) => partialDatePrecision(v) !== null, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD that exists')
  .openapi({ example: '2023-10-13', description: 'A year, a month or a day; the precision is kept.' });
const Probability = z.number().gt(0).lt(1).openapi({ example: 0.7 });

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
export const SourceInput = z
  .strictObject({
    id: Slug.optional(),
    name: text(200),
    type: z.enum(SOURCE_TYPES),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US').optional(),
    url: Url.optional(),
  })
  .openapi('SourceInput');
export const Source = z
  .object({ id: z.string(), name: z.string(), type: z.enum(SOURCE_TYPES), country: z.string().optional(), url: z.string().optional() })
  .openapi('Source');

// ---------- claims
const Tags = z.array(z.string().trim().min(1).max(50)).max(20);
export const ClaimInput = z
  .strictObject({
    id: Slug.optional(),
    kind: z.enum(CLAIM_KINDS),
    title: text(300),
    statement: text(5000),
    resolutionCriteria: text(10000),
    details: z.string().max(20000).optional(),
    tags: Tags.default([]),
    deadline: IsoInstant.optional(),
    checkBy: IsoInstant.optional(),
    openedAt: IsoInstant.optional().openapi({ description: 'When the question opened in the world (default: now); scores are averaged from it to the deadline.' }),
  })
  .openapi('ClaimInput');
export const ClaimPatch = z
  .strictObject({
    title: text(300).optional(),
    statement: text(5000).optional(),
    resolutionCriteria: text(10000).optional(),
    details: z.string().max(20000).optional(),
    tags: Tags.optional(),
    deadline: IsoInstant.nullable().optional(),
    checkBy: IsoInstant.nullable().optional(),
    reason: text(2000),
  })
  .openapi('ClaimPatch');

export const Resolution = z
  .object({ seq: z.number().int(), outcome: z.enum(OUTCOMES), knownOn: z.string(), note: z.string().optional(), evidenceIds: z.array(z.string()), recordedAt: z.string() })
  .openapi('Resolution');

export const Claim = z
  .object({
    id: z.string(),
    kind: z.enum(CLAIM_KINDS),
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

export const ClaimListItem = Claim.extend({
  latestForecasts: z.array(z.object({ sourceId: z.string(), probability: z.number(), madeAt: z.string() })),
  stanceTally: z.object({ asserts: z.number().int(), denies: z.number().int() }),
}).openapi('ClaimListItem');

// ---------- forecasts, stances, evidence, resolution
export const ForecastInput = z
  .strictObject({ sourceId: Slug, probability: Probability, madeAt: IsoInstant.optional(), note: z.string().max(5000).optional() })
  .openapi('ForecastInput');
const Retraction = { retracted: z.boolean(), retraction: z.object({ seq: z.number().int(), reason: z.string() }).optional() };
export const Forecast = z
  .object({ id: z.string(), seq: z.number().int(), claimId: z.string(), sourceId: z.string(), probability: z.number(), madeAt: z.string(), note: z.string().optional(), backfilled: z.boolean(), recordedAt: z.string(), ...Retraction })
  .openapi('Forecast');

export const EstimativePhrase = z.enum(ESTIMATIVE_PHRASES as unknown as [string, ...string[]]);
export const StanceInput = z
  .strictObject({
    sourceId: Slug,
    stance: z.enum(STANCES),
    date: PartialDate,
    quote: z.string().max(5000).optional(),
    url: Url.optional(),
    confidence: Probability.optional(),
    estimative: z
      .string()
      .max(60)
      .refine((v) => (ESTIMATIVE_PHRASES as readonly string[]).includes(v.trim().toLowerCase()), `must be an ICD-203 phrase: ${ESTIMATIVE_PHRASES.join(', ')}`)
      .optional(),
  })
  .openapi('StanceInput');
export const Stance = z
  .object({ id: z.string(), seq: z.number().int(), claimId: z.string(), sourceId: z.string(), stance: z.enum(STANCES), date: z.string(), quote: z.string().optional(), url: z.string().optional(), confidence: z.number().optional(), estimative: z.string().optional(), recordedAt: z.string(), ...Retraction })
  .openapi('Stance');

export const Grade = z
  .strictObject({ reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']), credibility: z.number().int().min(1).max(6) })
  .openapi('AdmiraltyGrade', { description: 'NATO STANAG 2511: source reliability A (completely reliable) to F (cannot be judged); information credibility 1 (confirmed) to 6 (cannot be judged).' });
export const EvidenceInput = z
  .strictObject({ date: PartialDate, summary: text(5000), bearing: z.enum(BEARINGS), url: Url.optional(), publishedBy: z.string().trim().min(1).max(200).optional(), grade: Grade.optional() })
  .openapi('EvidenceInput');
export const Evidence = z
  .object({ id: z.string(), seq: z.number().int(), claimId: z.string(), date: z.string(), summary: z.string(), bearing: z.enum(BEARINGS), url: z.string().optional(), publishedBy: z.string().optional(), grade: z.object({ reliability: z.string(), credibility: z.number() }).optional(), recordedAt: z.string(), ...Retraction })
  .openapi('Evidence');

export const ResolutionInput = z
  .strictObject({ outcome: z.enum(OUTCOMES), knownOn: IsoInstant, note: z.string().max(5000).optional(), evidenceIds: z.array(z.string().max(100)).max(100).optional() })
  .openapi('ResolutionInput');
export const ReasonInput = z.strictObject({ reason: text(2000) }).openapi('ReasonInput');

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
