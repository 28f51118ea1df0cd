/**
 * What each command accepts, in one place: plain zod schemas (no hono) that the ledger applies
 * when it decides a command (src/ledger/commands.ts, bulk-build.ts), and that the HTTP schemas
 * (src/http/schemas.ts names them for the OpenAPI document), the CLI and every importer reuse.
 * No path can record what the API refuses: a `javascript:` URL, an unknown estimative phrase,
 * text over a length limit, U+0000 in text (see `textProblems`).
 *
 * Field metadata (`description`, `example`) is zod's own `.meta()`, which @hono/zod-openapi 1.x
 * (zod-to-openapi 8) reads like `.openapi()`.
 */
import { z } from 'zod';
import { parseInstant, partialDatePrecision } from '../domain/dates.js';
import { SLUG_REGEX_SOURCE } from '../domain/ids.js';
import { ESTIMATIVE_PHRASES } from '../domain/scoring/icd203.js';
import { BEARINGS, CLAIM_KINDS, OUTCOMES, SOURCE_TYPES, STANCES } from '../domain/types.js';

/** Required text: trimmed, not empty, at most `max` UTF-16 code units. */
const text = (max: number) => z.string().trim().min(1).max(max);

export const Slug = z.string().regex(new RegExp(SLUG_REGEX_SOURCE), 'must be a URL-safe slug: a–z, 0–9, - and _, at most 64 characters');
/** A web address: http or https only (no `javascript:`, `data:`, `file:`). */
export const Url = z.url({ protocol: /^https?$/ }).max(2048);

export const IsoInstant = z
  .string()
  .max(40)
  .refine((v) => parseInstant(v) !== null, 'must be an ISO-8601 date (2024-01-01) or date-time (2024-01-01T12:00:00Z) that exists')
  // Not `format: date-time`: a bare date is accepted too, and RFC 3339 date-time refuses one.
  .meta({ example: '2024-01-01', description: 'An ISO-8601 date (2024-01-01) or date-time (2024-01-01T12:00:00Z).' });
export const PartialDate = z
  .string()
  .max(10)
  .refine((v) => partialDatePrecision(v) !== null, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD that exists')
  .meta({ example: '2023-10-13', description: 'A year, a month or a day; the precision is kept.' });
/** A probability as a new forecast or a stated confidence gives it: strictly between 0 and 1. */
export const Probability = z.number().gt(0).lt(1).meta({ example: 0.7 });

/** ICD-203 words; stored lower-case and trimmed (so "Very Likely " is "very likely"). */
export const Estimative = z
  .string()
  .max(60)
  .trim()
  .toLowerCase()
  .refine((v) => ESTIMATIVE_PHRASES.includes(v), `must be an ICD-203 phrase: ${ESTIMATIVE_PHRASES.join(', ')}`);

// ---------- sources
export const SourceInput = z.strictObject({
  id: Slug.optional(),
  name: text(200),
  type: z.enum(SOURCE_TYPES),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US').optional(),
  url: Url.optional(),
});

// ---------- claims
export const Tags = z.array(z.string().trim().min(1).max(50)).max(20);
const claimText = {
  title: text(300),
  statement: text(5000),
  resolutionCriteria: text(10000),
  details: z.string().max(20000).optional(),
};
export const ClaimInput = z.strictObject({
  id: Slug.optional(),
  kind: z.enum(CLAIM_KINDS),
  ...claimText,
  tags: Tags.default([]),
  deadline: IsoInstant.optional(),
  checkBy: IsoInstant.optional(),
  openedAt: IsoInstant.optional().meta({ description: 'When the question opened in the world (default: now); scores are averaged from it to the deadline.' }),
});
/** The fields an edit may change; an explicit null clears a date. */
export const ClaimChanges = z.strictObject({
  title: claimText.title.optional(),
  statement: claimText.statement.optional(),
  resolutionCriteria: claimText.resolutionCriteria.optional(),
  details: claimText.details,
  tags: Tags.optional(),
  deadline: IsoInstant.nullable().optional(),
  checkBy: IsoInstant.nullable().optional(),
});
export const ReasonInput = z.strictObject({ reason: text(2000) });
export const ClaimPatch = ClaimChanges.extend(ReasonInput.shape);

// ---------- forecasts, stances, evidence, resolution
export const ForecastInput = z.strictObject({ sourceId: Slug, probability: Probability, madeAt: IsoInstant.optional(), note: z.string().max(5000).optional() });
export const StanceInput = z.strictObject({
  sourceId: Slug,
  stance: z.enum(STANCES),
  date: PartialDate,
  quote: z.string().max(5000).optional(),
  url: Url.optional(),
  confidence: Probability.optional(),
  estimative: Estimative.optional(),
});
export const Grade = z.strictObject({ reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']), credibility: z.number().int().min(1).max(6) }).meta({
  id: 'AdmiraltyGrade',
  description: 'NATO STANAG 2511: source reliability A (completely reliable) to F (cannot be judged); information credibility 1 (confirmed) to 6 (cannot be judged).',
});
export const EvidenceInput = z.strictObject({
  date: PartialDate,
  summary: text(5000),
  bearing: z.enum(BEARINGS),
  url: Url.optional(),
  publishedBy: z.string().trim().min(1).max(200).optional(),
  grade: Grade.optional(),
});
export const ResolutionInput = z.strictObject({
  outcome: z.enum(OUTCOMES),
  knownOn: IsoInstant,
  note: z.string().max(5000).optional(),
  evidenceIds: z.array(z.string().max(100)).max(100).optional(),
});
