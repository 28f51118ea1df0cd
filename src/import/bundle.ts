import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseInstant, partialDatePrecision } from '../domain/dates.js';
import { slugify, SLUG_PATTERN } from '../domain/ids.js';
import type { ImportBundle } from '../domain/types.js';
import { BEARINGS, CLAIM_KINDS, OUTCOMES, SOURCE_TYPES, STANCES } from '../domain/types.js';
import type { Command } from '../ledger/commands.js';
import { FORECASTING_CLOSED, RuleError } from '../domain/rules.js';

const slug = z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug');
const instant = z.string().refine((v) => parseInstant(v) !== null, 'must be an ISO-8601 date or date-time that exists');
const partial = z.string().refine((v) => partialDatePrecision(v) !== null, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

/** A Reckon bundle file: the normalised form every import goes through (the demo case is one). */
export const BundleSchema = z.object({
  format: z.literal('reckon-bundle').optional(),
  version: z.literal(1).optional(),
  title: z.string().optional(),
  sources: z.array(z.strictObject({ id: slug, name: text(200), type: z.enum(SOURCE_TYPES), country: z.string().regex(/^[A-Z]{2}$/).optional(), url: z.string().max(2048).optional() })),
  claims: z.array(
    z.strictObject({
      id: slug.optional(),
      kind: z.enum(CLAIM_KINDS),
      title: text(300),
      statement: text(5000),
      resolutionCriteria: text(10000),
      details: z.string().max(20000).optional(),
      tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
      deadline: instant.optional(),
      checkBy: instant.optional(),
      openedAt: instant.optional(),
      origin: z.string().optional(),
      forecasts: z.array(z.strictObject({ sourceId: slug, probability: z.number().gt(0).lt(1), madeAt: instant, note: z.string().max(5000).optional() })).optional(),
      stances: z
        .array(z.strictObject({ sourceId: slug, stance: z.enum(STANCES), date: partial, quote: z.string().max(5000).optional(), url: z.string().max(2048).optional(), confidence: z.number().gt(0).lt(1).optional(), estimative: z.string().max(60).optional() }))
        .optional(),
      evidence: z
        .array(
          z.strictObject({
            ref: z.string().max(100).optional(),
            date: partial,
            summary: text(5000),
            bearing: z.enum(BEARINGS),
            url: z.string().max(2048).optional(),
            publishedBy: z.string().max(200).optional(),
            grade: z.strictObject({ reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']), credibility: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]) }).optional(),
          }),
        )
        .optional(),
      resolution: z.strictObject({ outcome: z.enum(OUTCOMES), knownOn: instant, note: z.string().max(5000).optional(), evidenceRefs: z.array(z.string()).optional() }).optional(),
    }),
  ),
});

/**
 * The commands that record a bundle: its new sources, then each claim followed by its
 * stances, evidence and forecasts in date order, and its resolution last. Sources that
 * already exist under the same id are used as they are.
 */
export function* bundleCommands(bundle: ImportBundle, existingSources: ReadonlySet<string> = new Set()): Generator<Command> {
  for (const s of bundle.sources) if (!existingSources.has(s.id)) yield { type: 'source.register', input: s };
  for (const claim of bundle.claims) yield* claimCommands(claim);
}

export function* claimCommands(claim: ImportBundle['claims'][number]): Generator<Command> {
  const { forecasts = [], stances = [], evidence = [], resolution, origin: _origin, tags = [], id: given, ...fields } = claim;
  const cid = given ?? `${slugify(claim.title, 48)}-${randomBytes(4).toString('hex')}`;
  yield { type: 'claim.create', input: { ...fields, tags, id: cid } };
  for (const s of stances) yield { type: 'stance.record', claimId: cid, input: s };
  const refs = new Map<string, string>();
  for (const [i, e] of evidence.entries()) {
    const { ref, ...rest } = e;
    const id = `${cid}-ev${i + 1}`;
    if (ref) refs.set(ref, id);
    yield { type: 'evidence.record', claimId: cid, input: { ...rest, id } };
  }
  const timed = forecasts.map((f) => ({ f, at: parseInstant(f.madeAt) ?? 0 })).sort((a, b) => a.at - b.at);
  const sorted = timed.map((t) => t.f);
  // No forecasting in hindsight: history brought in must not hold forecasts made once the outcome was known.
  const known = resolution ? parseInstant(resolution.knownOn) : null;
  const late = known === null ? undefined : timed.find((t) => t.at >= known)?.f;
  if (late) throw new RuleError(409, `a forecast made at ${late.madeAt} is dated on or after the resolution (${resolution?.knownOn})`, '/madeAt', FORECASTING_CLOSED);
  for (const f of sorted) yield { type: 'forecast.record', claimId: cid, input: f };
  if (resolution) {
    const { evidenceRefs = [], ...rest } = resolution;
    yield { type: 'claim.resolve', claimId: cid, input: { ...rest, evidenceIds: evidenceRefs.map((r) => refs.get(r) ?? r) } };
  }
}
