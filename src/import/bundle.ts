import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ClaimInput, EvidenceInput, ForecastInput, IsoInstant, ResolutionInput, Slug, SourceInput, StanceInput, Tags } from '../commands/inputs.js';
import { parseInstant } from '../domain/dates.js';
import { slugify } from '../domain/ids.js';
import type { ImportBundle, ImportClaim } from '../domain/types.js';
import type { Command } from '../ledger/commands.js';
import { FORECASTING_CLOSED, RuleError } from '../domain/rules.js';

/**
 * A Reckon bundle file: the normalised form every import goes through (the demo case is one).
 * Its fields are the command inputs of src/commands (the ledger checks them again as it
 * decides each command), with what only a bundle has: an evidence `ref`, a resolution's
 * `evidenceRefs`, a claim's `origin`.
 */
export const BundleSchema = z.object({
  format: z.literal('reckon-bundle').optional(),
  version: z.literal(1).optional(),
  title: z.string().optional(),
  sources: z.array(SourceInput.extend({ id: Slug })),
  claims: z.array(
    ClaimInput.extend({
      tags: Tags.optional(),
      origin: z.string().optional(),
      forecasts: z.array(ForecastInput.extend({ madeAt: IsoInstant })).optional(),
      stances: z.array(StanceInput).optional(),
      evidence: z.array(EvidenceInput.extend({ ref: z.string().max(100).optional() })).optional(),
      resolution: ResolutionInput.omit({ evidenceIds: true }).extend({ evidenceRefs: z.array(z.string().max(100)).max(100).optional() }).optional(),
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

/** Text compared as the same whatever its Unicode form, spacing at the ends or runs of spaces. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * The id of an imported claim that names none: `<slug of its title>-<8 hex digits>`, the
 * digits from SHA-256 of where it comes from (`origin`: the format, a platform and its
 * question id…) and its statement, normalised. The same claim from the same origin always
 * gets the same id, so importing it again finds it instead of making a second one.
 */
export function derivedClaimId(origin: string, claim: Pick<ImportClaim, 'title' | 'statement' | 'kind'>): string {
  const digest = createHash('sha256').update(`${origin}\n${claim.kind}\n${normaliseText(claim.statement)}`).digest('hex').slice(0, 8);
  return `${slugify(claim.title, 48) || 'claim'}-${digest}`;
}

/** What claimCommands needs to know of a claim already recorded (it then only adds to it). */
export interface RecordedParts {
  /** Evidence refs of the file that name evidence already recorded → its id. */
  refs: Map<string, string>;
  /** Evidence ids taken already. */
  evidenceIds: ReadonlySet<string>;
}

export interface ClaimCommandOptions {
  /** The claim is recorded already: add to it (no claim.create). */
  recorded?: RecordedParts;
  /** Given: a forecast refused here is reported with the item it concerns and left out, instead of thrown. */
  onProblem?: (item: object, err: RuleError) => void;
}

export function* claimCommands(claim: ImportClaim, { recorded, onProblem }: ClaimCommandOptions = {}): Generator<Command> {
  const { forecasts = [], stances = [], evidence = [], resolution, origin: _origin, tags = [], id: given, ...fields } = claim;
  const cid = given ?? derivedClaimId('bundle', claim);
  if (!recorded) yield { type: 'claim.create', input: { ...fields, tags, id: cid } };
  for (const s of stances) yield { type: 'stance.record', claimId: cid, input: s };
  const refs = new Map<string, string>(recorded?.refs);
  let n = 0;
  for (const e of evidence) {
    const { ref, ...rest } = e;
    let id = `${cid}-ev${++n}`;
    while (recorded?.evidenceIds.has(id)) id = `${cid}-ev${++n}`;
    if (ref) refs.set(ref, id);
    yield { type: 'evidence.record', claimId: cid, input: { ...rest, id } };
  }
  const timed = forecasts.map((f) => ({ f, at: parseInstant(f.madeAt) ?? 0 })).sort((a, b) => a.at - b.at);
  // No forecasting in hindsight: history brought in must not hold forecasts made once the outcome was known.
  const known = resolution ? parseInstant(resolution.knownOn) : null;
  for (const { f, at } of timed) {
    if (known === null || at < known) {
      yield { type: 'forecast.record', claimId: cid, input: f };
      continue;
    }
    const err = new RuleError(409, `a forecast made at ${f.madeAt} is dated on or after the resolution (${resolution?.knownOn})`, '/madeAt', FORECASTING_CLOSED);
    if (!onProblem) throw err;
    onProblem(f, err);
  }
  if (resolution) {
    const { evidenceRefs = [], ...rest } = resolution;
    yield { type: 'claim.resolve', claimId: cid, input: { ...rest, evidenceIds: evidenceRefs.map((r) => refs.get(r) ?? r) } };
  }
}
