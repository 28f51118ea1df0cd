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
import { BEARINGS, CLAIM_KINDS, OUTCOMES, QUESTION_TYPES, RANGE_SCALES, SOURCE_TYPES, STANCES } from '../domain/types.js';

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

// ---------- questions that are not yes/no (issue 17)
/*
 * THE CONTRACT FOR MULTIPLE-CHOICE, NUMERIC AND DATE QUESTIONS (importers: build against this).
 * Shapes are checked here; what depends on the claim is decided by the rules
 * (src/domain/questions/*.ts, called from src/domain/rules.ts on every path: API, CLI, bulk
 * import, JSONL replay). HTTP answers a shape problem 400, a rule 400/422, each naming the field.
 *
 * claim.create (kind `prediction` only):
 *   questionType?: 'binary' (default; recorded as absent, so a yes/no claim's event is unchanged)
 *                | 'multiple-choice' | 'numeric' | 'date'
 *   options?:  string[]  multiple-choice only: 2–20 labels, trimmed, non-empty, distinct; order kept
 *   ordered?:  boolean   multiple-choice only: ordered categories (RPS is scored); stored only when true
 *   range?:    { min, max, openLower = false, openUpper = false, scale = 'linear' | 'log' }
 *              numeric: min < max numbers; date: min < max ISO instants (stored as
 *              YYYY-MM-DDTHH:mm:ss.sssZ); log needs min > 0 (a date's min in epoch seconds).
 *              Metaculus `scaling`: range_min/range_max → min/max, open_lower_bound/open_upper_bound
 *              → openLower/openUpper, zero_point null → linear, otherwise refuse (Reckon's log scale
 *              is Metaculus's zero_point = 0 case only); a discrete question is refused.
 * forecast.record — exactly one of, by the claim's question:
 *   probability:   number                binary (unchanged)
 *   probabilities: number[]              multiple-choice: one per option in the claim's order; each
 *                  within the instance bounds (0–1 with `imported`); |Σ − 1| > 1e-6 → 400
 *                  `/probabilities`; a smaller difference is divided out before storing.
 *   cdf:           number[201]           numeric/date: cumulative probability at 201 evenly spaced
 *                  points of the range in the scale's space (ln x on log; dates in epoch seconds).
 *                  Checked as Metaculus's serializer: rounded to 10 decimals (stored so); every
 *                  step ≥ 0.00005 and ≤ 0.2; open lower → cdf[0] ≥ 0.001, closed → cdf[0] = 0;
 *                  open upper → cdf[200] ≤ 0.999, closed → cdf[200] = 1. 400 naming `/cdf` or `/cdf/i`.
 *   (sourceId, madeAt, note, id, imported as for binary forecasts.)
 * claim.resolve — either `outcome` (binary: confirmed | refuted | annulled | unresolvable; other
 *   types: annulled | unresolvable) or `value` (other types only; the event records outcome
 *   `resolved` and the claim's status becomes `resolved`):
 *   multiple-choice: one of the option labels; numeric: a number; date: an ISO instant;
 *   numeric/date also 'below-range' | 'above-range' (only beyond an open bound). A value beyond a
 *   closed bound, or a label that is not an option, → 422 `/value`.
 */
/** An option of a multiple-choice question: trimmed, not empty. */
export const OptionLabel = z.string().trim().min(1).max(200);
/** A range bound: a number (numeric questions) or an ISO instant (date questions). */
const RangeBound = z.union([z.number(), IsoInstant]);
export const QuestionRangeInput = z
  .strictObject({
    min: RangeBound,
    max: RangeBound,
    openLower: z.boolean().default(false).meta({ description: 'The outcome may lie below min (Metaculus open_lower_bound).' }),
    openUpper: z.boolean().default(false).meta({ description: 'The outcome may lie above max (Metaculus open_upper_bound).' }),
    scale: z.enum(RANGE_SCALES).default('linear').meta({ description: '`log` spaces the CDF points evenly in ln x (needs min > 0).' }),
  })
  .meta({ id: 'QuestionRange', description: 'A numeric question’s range (numbers) or a date question’s (ISO instants).' });
const questionFields = {
  questionType: z.enum(QUESTION_TYPES).optional().meta({ description: 'What a prediction asks (default `binary`).' }),
  options: z.array(OptionLabel).min(2).max(20).optional().meta({ description: 'Multiple choice: 2–20 distinct labels.' }),
  ordered: z.boolean().optional().meta({ description: 'Multiple choice: the options are ordered categories (ranked probability score).' }),
  range: QuestionRangeInput.optional(),
};
/**
 * A cumulative probability of a numeric or date forecast's CDF: any finite number here, because
 * Metaculus rounds the CDF to 10 decimals before it checks anything (1.0000000000000002 is 1);
 * the rules check 0–1 and the steps after rounding (src/domain/questions/cdf-check.ts).
 */
const CdfPoint = z.number();

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
  ...questionFields,
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
export const ForecastInput = z.strictObject({
  sourceId: Slug,
  probability: Probability.optional().meta({ description: 'A yes/no question: the probability of yes.' }),
  probabilities: z.array(Probability).min(2).max(20).optional().meta({ description: 'Multiple choice: one probability per option, in order, summing to 1 (±1e-6).' }),
  cdf: z.array(CdfPoint).length(201).optional().meta({ description: 'Numeric or date: the cumulative probability at 201 evenly spaced points of the range (Metaculus’s format).' }),
  madeAt: IsoInstant.optional(),
  note: z.string().max(5000).optional(),
});
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
/** What a multiple-choice, numeric or date question resolved with. */
export const ResolutionValueInput = z
  .union([z.number(), z.string().trim().min(1).max(200)])
  .meta({ description: 'Multiple choice: an option’s label; numeric: a number; date: an ISO instant; or `below-range` / `above-range` beyond an open bound.' });
export const ResolutionInput = z.strictObject({
  outcome: z.enum(OUTCOMES).optional().meta({ description: 'A yes/no question: confirmed, refuted, annulled or unresolvable; other questions: annulled or unresolvable (else give `value`).' }),
  value: ResolutionValueInput.optional(),
  knownOn: IsoInstant,
  note: z.string().max(5000).optional(),
  evidenceIds: z.array(z.string().max(100)).max(100).optional(),
});
