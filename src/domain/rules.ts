/**
 * The rules that never bend (DESIGN.md), as pure decisions: each takes the current state
 * it needs and the caller's input, and returns the event payload to append or throws a
 * RuleError. No I/O: the ledger loads the state and appends the result.
 */
import { parseInstant, toIsoInstant, worldStart } from './dates.js';
import type {
  ClaimCreatedPayload,
  ClaimEditedPayload,
  ClaimKind,
  ClaimStatus,
  EditableField,
  EvidencePayload,
  ForecastPayload,
  Outcome,
  ReopenPayload,
  ResolutionPayload,
  RetractableKind,
  RetractionPayload,
  StancePayload,
} from './types.js';
import { EDITABLE_FIELDS } from './types.js';
import { slugify } from './ids.js';
import { RuleError } from './rule-error.js';
import { decideQuestion, type Question, type QuestionInput } from './questions/question.js';
import { decideForecastValues, type ForecastValuesInput } from './questions/forecast-values.js';
import { decideResolutionValue, type ResolutionValueInput } from './questions/resolution-value.js';

export { RuleError, ruleFields } from './rule-error.js';

/** A forecast whose madeAt lies more than this before its recording is backfilled. */
export const BACKFILL_GRACE_MS = 5 * 60 * 1000;

export interface RuleContext {
  /** Recording time, epoch ms. */
  now: number;
  /** The sequence number the event will get: forecasts, stances and evidence are named by it. */
  seq: number;
  minProbability: number;
  maxProbability: number;
  newId: (prefix: string) => string;
}

export interface ClaimState {
  id: string;
  kind: ClaimKind;
  status: ClaimStatus;
  title: string;
  statement: string;
  resolutionCriteria: string;
  details: string | null;
  tags: string[];
  deadline: string | null;
  checkBy: string | null;
  revision: number;
  knownOn: string | null;
  /** What the prediction asks (a claim recorded before issue 17 is yes/no). */
  question: Question;
}

function requireText(value: string | undefined, pointer: string, what: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw new RuleError(422, `${what} is required`, pointer);
  return text;
}

function notInFuture(ms: number, ctx: RuleContext, pointer: string): void {
  if (ms > ctx.now + BACKFILL_GRACE_MS) throw new RuleError(422, 'date lies in the future: give today or an earlier date', pointer);
}

export function decideClaim(input: Omit<ClaimCreatedPayload, 'id' | keyof QuestionInput> & QuestionInput & { id?: string }, exists: boolean, ctx: RuleContext): ClaimCreatedPayload {
  if (exists) throw new RuleError(409, `a claim with id '${input.id}' already exists`, '/id');
  requireText(input.resolutionCriteria, '/resolutionCriteria', 'resolution criteria');
  if (input.kind === 'prediction' && !input.deadline) throw new RuleError(422, 'a prediction needs a deadline: give the date by which it must happen, such as 2027-06-30', '/deadline');
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  // A yes/no claim records no question fields: its event is what it was before issue 17.
  const { questionType: _t, options: _o, ordered: _r, range: _g, ...rest } = input;
  return { ...rest, id: input.id ?? ctx.newId(slugify(input.title, 48)), tags, ...decideQuestion(input, input.kind) };
}

export function decideEdit(
  claim: ClaimState,
  input: { changes: Partial<Pick<ClaimCreatedPayload, EditableField>>; reason: string },
): ClaimEditedPayload {
  const reason = requireText(input.reason, '/reason', 'a reason for the edit');
  if (claim.status !== 'open') throw new RuleError(409, `claim is ${claim.status}: reopen it before editing`);
  const changes: ClaimEditedPayload['changes'] = {};
  for (const field of EDITABLE_FIELDS) {
    const value = input.changes[field];
    if (value === undefined) continue;
    if (JSON.stringify(value ?? null) !== JSON.stringify(claim[field] ?? null)) Object.assign(changes, { [field]: value });
  }
  if (Object.keys(changes).length === 0) throw new RuleError(422, 'the edit changes nothing');
  if (changes.resolutionCriteria !== undefined) requireText(changes.resolutionCriteria, '/resolutionCriteria', 'resolution criteria');
  if (claim.kind === 'prediction' && 'deadline' in input.changes && !input.changes.deadline) {
    throw new RuleError(422, 'a prediction needs a deadline: give the date by which it must happen, such as 2027-06-30', '/deadline');
  }
  return { claimId: claim.id, revision: claim.revision + 1, changes, reason };
}

/** The problem type of every refusal of a forecast made once forecasting had closed. */
export const FORECASTING_CLOSED = 'forecasting-closed';

/**
 * The instant (epoch ms) forecasting on a claim closes: its deadline, a date-only deadline
 * meaning the start of that day (UTC), as a partial date means the start of its period.
 * Null when the claim has no deadline (or an unreadable one, which the rules never record).
 */
export function forecastingClosesAt(deadline: string | null | undefined): number | null {
  if (!deadline) return null;
  // Every forecast asks it of its claim's deadline: parsed once per deadline text (a pure function of it).
  let at = CLOSES_AT.get(deadline);
  if (at === undefined) {
    at = worldStart(deadline);
    if (CLOSES_AT.size >= CLOSES_AT_LIMIT) CLOSES_AT.clear();
    CLOSES_AT.set(deadline, at);
  }
  return at;
}

/** Deadlines parsed so far (bounded: cleared when full). */
const CLOSES_AT = new Map<string, number | null>();
const CLOSES_AT_LIMIT = 4096;

/**
 * No forecasting in hindsight (DESIGN.md rule 2), one rule for every path (API, CLI, bundle,
 * every importer, ledger replay): a forecast is refused on a claim that is not open, when it is
 * dated at or after the resolution's knownOn, or at or after the deadline. Each refusal is a
 * 409 `forecasting-closed`. Moving a deadline is an edit with a reason (`decideEdit`).
 */
export function checkForecastingOpen(claim: Pick<ClaimState, 'status' | 'knownOn' | 'deadline'>, madeMs: number): void {
  if (claim.status !== 'open') throw new RuleError(409, `claim is ${claim.status}: no forecasting in hindsight`, undefined, FORECASTING_CLOSED);
  if (claim.knownOn !== null && madeMs >= (parseInstant(claim.knownOn) ?? Infinity)) {
    throw new RuleError(409, 'forecast is dated on or after the resolution date', '/madeAt', FORECASTING_CLOSED);
  }
  const closes = forecastingClosesAt(claim.deadline);
  if (closes !== null && madeMs >= closes) {
    throw new RuleError(409, `forecasting closed at the deadline (${claim.deadline}): a forecast made at ${new Date(madeMs).toISOString()} is too late`, '/madeAt', FORECASTING_CLOSED);
  }
}

export function decideForecast(
  claim: ClaimState,
  sourceExists: boolean,
  input: ForecastValuesInput & { sourceId: string; madeAt?: string; note?: string; id?: string; imported?: { platform: string } },
  ctx: RuleContext,
): ForecastPayload {
  if (!sourceExists) throw new RuleError(422, `unknown source '${input.sourceId}': give the id of a registered source, or register it first`, '/sourceId');
  // The instance's bounds govern new forecasts; a platform's history is kept as it was recorded.
  const bounds = input.imported ? ([0, 1] as const) : ([ctx.minProbability, ctx.maxProbability] as const);
  const values = decideForecastValues(claim.question, input, bounds);
  const madeAt = input.madeAt === undefined ? new Date(ctx.now).toISOString() : toIsoInstant(input.madeAt);
  if (madeAt === null) throw new RuleError(422, 'madeAt is not a valid date-time: give one such as 2024-01-01T12:00:00Z', '/madeAt');
  const madeMs = Date.parse(madeAt);
  notInFuture(madeMs, ctx, '/madeAt');
  checkForecastingOpen(claim, madeMs);
  // Built member by member, not with spreads (V8's slow path, ≈2 µs each on every forecast).
  // The values go in the place `probability` always had, so a yes/no forecast's payload keeps its member order.
  const payload = { id: input.id ?? `fc-${ctx.seq}`, claimId: claim.id, sourceId: input.sourceId } as ForecastPayload;
  if ('probability' in values) payload.probability = values.probability;
  else if ('probabilities' in values) payload.probabilities = values.probabilities;
  else payload.cdf = values.cdf;
  payload.madeAt = madeAt;
  if (input.note) payload.note = input.note;
  payload.backfilled = ctx.now - madeMs > BACKFILL_GRACE_MS;
  if (input.imported) payload.imported = { platform: input.imported.platform };
  return payload;
}

export function decideStance(
  claim: ClaimState,
  sourceExists: boolean,
  input: Omit<StancePayload, 'id' | 'claimId'> & { id?: string },
  ctx: RuleContext,
): StancePayload {
  if (!sourceExists) throw new RuleError(422, `unknown source '${input.sourceId}': give the id of a registered source, or register it first`, '/sourceId');
  if (input.confidence !== undefined && input.estimative !== undefined) {
    throw new RuleError(422, 'give either confidence or estimative, not both', '/estimative');
  }
  const start = worldStart(input.date);
  if (start !== null) notInFuture(start, ctx, '/date');
  const { id, ...rest } = input;
  return { id: id ?? `st-${ctx.seq}`, claimId: claim.id, ...rest };
}

export function decideEvidence(
  claim: ClaimState,
  input: Omit<EvidencePayload, 'id' | 'claimId'> & { id?: string },
  ctx: RuleContext,
): EvidencePayload {
  requireText(input.summary, '/summary', 'a summary');
  const { id, ...rest } = input;
  return { id: id ?? `ev-${ctx.seq}`, claimId: claim.id, ...rest };
}

export function decideResolution(
  claim: ClaimState,
  input: ResolutionValueInput & { knownOn: string; note?: string; evidenceIds?: string[] },
  claimEvidenceIds: ReadonlySet<string>,
  ctx: RuleContext,
): ResolutionPayload {
  const known = parseInstant(input.knownOn);
  if (known === null) throw new RuleError(422, 'knownOn is not a valid date: give one such as 2024-01-01', '/knownOn');
  notInFuture(known, ctx, '/knownOn');
  if (claim.status !== 'open') throw new RuleError(409, `claim is already ${claim.status}: reopen it with a reason first`);
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  evidenceIds.forEach((id, i) => {
    if (!claimEvidenceIds.has(id)) throw new RuleError(422, `evidence '${id}' does not belong to this claim`, `/evidenceIds/${i}`);
  });
  const { outcome, value } = decideResolutionValue(claim.question, input);
  return { claimId: claim.id, outcome, ...(value !== undefined ? { value } : {}), knownOn: input.knownOn, ...(input.note ? { note: input.note } : {}), evidenceIds };
}

export function decideReopen(claim: ClaimState, input: { reason: string }): ReopenPayload {
  const reason = requireText(input.reason, '/reason', 'a reason to reopen');
  if (claim.status === 'open') throw new RuleError(409, 'claim is open: there is no resolution to reopen');
  return { claimId: claim.id, reason };
}

export interface RetractionTarget {
  seq: number;
  type: string;
  claimId: string | null;
  itemId: string | null;
  retracted: boolean;
}

const RETRACTABLE_TYPES: Record<string, RetractableKind> = {
  'forecast.recorded': 'forecast',
  'stance.recorded': 'stance',
  'evidence.recorded': 'evidence',
};

/**
 * A forecast or stance of a resolved claim cannot be retracted (that would take a wrong call
 * out of the scores in hindsight): reopen the claim first. `claimStatus` is its claim's status.
 */
export function decideRetraction(target: RetractionTarget | null, input: { reason: string }, seq: number, claimStatus?: ClaimStatus): RetractionPayload {
  if (!target) throw new RuleError(404, `no event with sequence number ${seq}`);
  const kind = RETRACTABLE_TYPES[target.type];
  if (!kind || !target.claimId || !target.itemId) {
    throw new RuleError(409, `a ${target.type} event cannot be retracted; only forecasts, stances and evidence can`);
  }
  const reason = requireText(input.reason, '/reason', 'a reason for the retraction');
  if (target.retracted) throw new RuleError(409, `event ${seq} is already retracted`);
  if (kind !== 'evidence' && claimStatus !== undefined && claimStatus !== 'open') {
    throw new RuleError(409, `the claim is ${claimStatus}: a ${kind} cannot be retracted after the outcome is known; reopen the claim first`);
  }
  return { targetSeq: seq, targetType: kind, targetId: target.itemId, claimId: target.claimId, reason };
}
