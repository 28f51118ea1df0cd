import { canonicalEvent, canonicalJson, chainHash } from '../domain/canonical.js';

/** The canonical payload text computed while hashing, reused when the row is written. */
export const PAYLOAD_TEXT = new WeakMap<object, string>();
import {
  decideClaim,
  decideEdit,
  decideEvidence,
  decideForecast,
  decideReopen,
  decideResolution,
  decideRetraction,
  decideStance,
  RuleError,
  type RuleContext,
} from '../domain/rules.js';
import type {
  ClaimCreatedPayload,
  EditableField,
  EventBody,
  EvidencePayload,
  LedgerEvent,
  Outcome,
  RulesPayload,
  SourcePayload,
  StancePayload,
} from '../domain/types.js';
import type { TxView } from './view.js';
import { validateCommand } from '../commands/validate.js';
import { slugify } from '../domain/ids.js';
import type { QuestionInput } from '../domain/questions/question.js';
import type { ForecastValuesInput } from '../domain/questions/forecast-values.js';
import type { ResolutionValueInput } from '../domain/questions/resolution-value.js';

/** What a caller asks the ledger to record. Each becomes exactly one event. */
export type Command =
  | { type: 'source.register'; input: Omit<SourcePayload, 'id'> & { id?: string } }
  | { type: 'claim.create'; input: Omit<ClaimCreatedPayload, 'id' | keyof QuestionInput> & QuestionInput & { id?: string } }
  | { type: 'claim.edit'; claimId: string; input: { changes: Partial<Pick<ClaimCreatedPayload, EditableField>>; reason: string } }
  | { type: 'forecast.record'; claimId: string; input: ForecastValuesInput & { sourceId: string; madeAt?: string; note?: string; id?: string } }
  | { type: 'stance.record'; claimId: string; input: Omit<StancePayload, 'id' | 'claimId'> & { id?: string } }
  | { type: 'evidence.record'; claimId: string; input: Omit<EvidencePayload, 'id' | 'claimId'> & { id?: string } }
  | { type: 'claim.resolve'; claimId: string; input: ResolutionValueInput & { knownOn: string; note?: string; evidenceIds?: string[] } }
  | { type: 'claim.reopen'; claimId: string; input: { reason: string } }
  | { type: 'event.retract'; seq: number; input: { reason: string } }
  /** The instance's rules from here on (the ledger appends it itself; see domain/instance-rules.ts). */
  | { type: 'rules.set'; input: RulesPayload }
  /** An event from a Reckon export, appended verbatim after its chain link was verified. */
  | { type: 'event.import'; event: LedgerEvent };

type Body = Pick<EventBody, 'type' | 'claimId' | 'payload'>;

/**
 * Check the command's input (src/commands: the one check every path passes) and decide it by
 * the rules against the view.
 */
async function decide(view: TxView, given: Exclude<Command, { type: 'event.import' }>, ctx: RuleContext): Promise<Body> {
  const cmd = validateCommand(given);
  switch (cmd.type) {
    case 'source.register': {
      const { id: given, ...rest } = cmd.input;
      if (given !== undefined && (await view.sourceExists(given))) throw new RuleError(409, `a source with id '${given}' already exists`, '/id');
      let id = given ?? slugify(rest.name, 48);
      if (given === undefined && (await view.sourceExists(id))) id = ctx.newId(id);
      return { type: 'source.registered', claimId: null, payload: { id, ...rest } };
    }
    case 'claim.create': {
      const exists = cmd.input.id !== undefined && (await view.findClaim(cmd.input.id)) !== null;
      const payload = decideClaim(cmd.input, exists, ctx);
      return { type: 'claim.created', claimId: payload.id, payload };
    }
    case 'claim.edit':
      return { type: 'claim.edited', claimId: cmd.claimId, payload: decideEdit(await view.claim(cmd.claimId), cmd.input) };
    case 'forecast.record': {
      const claim = await view.claim(cmd.claimId);
      const payload = decideForecast(claim, await view.sourceExists(cmd.input.sourceId), cmd.input, ctx);
      return { type: 'forecast.recorded', claimId: cmd.claimId, payload };
    }
    case 'stance.record': {
      const claim = await view.claim(cmd.claimId);
      const payload = decideStance(claim, await view.sourceExists(cmd.input.sourceId), cmd.input, ctx);
      return { type: 'stance.recorded', claimId: cmd.claimId, payload };
    }
    case 'evidence.record':
      return { type: 'evidence.recorded', claimId: cmd.claimId, payload: decideEvidence(await view.claim(cmd.claimId), cmd.input, ctx) };
    case 'claim.resolve': {
      const claim = await view.claim(cmd.claimId);
      const payload = decideResolution(claim, cmd.input, await view.evidenceIds(cmd.claimId), ctx);
      return { type: 'claim.resolved', claimId: cmd.claimId, payload };
    }
    case 'claim.reopen':
      return { type: 'claim.reopened', claimId: cmd.claimId, payload: decideReopen(await view.claim(cmd.claimId), cmd.input) };
    case 'rules.set':
      return { type: 'rules.set', claimId: null, payload: { minProbability: cmd.input.minProbability, maxProbability: cmd.input.maxProbability } };
    case 'event.retract': {
      const target = await view.retractionTarget(cmd.seq);
      const status = target?.claimId ? (await view.findClaim(target.claimId))?.status : undefined;
      const payload = decideRetraction(target, cmd.input, cmd.seq, status);
      return { type: 'event.retracted', claimId: payload.claimId, payload };
    }
  }
}

/** The command that would have produced an imported event (its own ids and dates kept). */
function commandOf(e: LedgerEvent): Exclude<Command, { type: 'event.import' }> | null {
  const p = e.payload as unknown as Record<string, unknown>;
  const { claimId, ...rest } = p;
  switch (e.type) {
    case 'source.registered':
      return { type: 'source.register', input: p as never };
    case 'claim.created':
      return { type: 'claim.create', input: p as never };
    case 'claim.edited':
      return { type: 'claim.edit', claimId: String(claimId), input: { changes: p.changes as never, reason: String(p.reason) } };
    case 'forecast.recorded': {
      const { backfilled: _b, ...input } = rest;
      return { type: 'forecast.record', claimId: String(claimId), input: input as never };
    }
    case 'stance.recorded':
      return { type: 'stance.record', claimId: String(claimId), input: rest as never };
    case 'evidence.recorded':
      return { type: 'evidence.record', claimId: String(claimId), input: rest as never };
    case 'claim.resolved': {
      // A resolution with a value records outcome `resolved`, which its input leaves out.
      const { outcome, ...input } = rest;
      return { type: 'claim.resolve', claimId: String(claimId), input: (outcome === 'resolved' ? input : rest) as never };
    }
    case 'claim.reopened':
      return { type: 'claim.reopen', claimId: String(claimId), input: rest as never };
    case 'event.retracted':
      return { type: 'event.retract', seq: Number(p.targetSeq), input: { reason: String(p.reason) } };
    case 'rules.set':
      return { type: 'rules.set', input: p as never };
    default:
      return null;
  }
}

/**
 * An imported event must be one the rules would have produced at its recording time: decide
 * it again and require the same type, claim and canonical payload. A file whose hashes were
 * recomputed around a hindsight forecast, a second resolution or a malformed payload is refused.
 */
async function replayRules(view: TxView, e: LedgerEvent, payloadText: string, ctx: RuleContext): Promise<void> {
  const cmd = commandOf(e);
  if (!cmd) throw new RuleError(422, `event ${e.seq} has an unknown type '${e.type}'`);
  let decided: Body;
  try {
    decided = await decide(view, cmd, ctx);
  } catch (err) {
    throw new RuleError(422, `event ${e.seq} breaks a rule: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (decided.type !== e.type || decided.claimId !== e.claimId || canonicalJson(decided.payload) !== payloadText) {
    throw new RuleError(422, `event ${e.seq} is not what the rules would have recorded`);
  }
}

/** Decide a command against the view and chain the resulting event onto the view's head. */
export async function buildEvent(view: TxView, cmd: Command, base: Omit<RuleContext, 'seq'>, recordedBy: string | null): Promise<LedgerEvent> {
  // Object literals, not spreads: V8 builds `{ ...o, k: v }` in its slow path (≈2 µs each).
  const ctx: RuleContext = { now: base.now, seq: view.head.seq + 1, minProbability: base.minProbability, maxProbability: base.maxProbability, newId: base.newId };
  if (cmd.type === 'event.import') {
    const e = cmd.event;
    if (e.seq !== view.head.seq + 1 || e.prevHash !== view.head.hash) {
      throw new RuleError(409, `event ${e.seq} does not continue the chain at ${view.head.seq}`);
    }
    // The payload's canonical text, made once: hashed (as canonicalEvent's default), compared, written.
    const payloadText = canonicalJson(e.payload);
    if (chainHash(e.prevHash, canonicalEvent(e, payloadText)) !== e.hash) throw new RuleError(422, `event ${e.seq} does not verify`);
    // Judged by the rules in force when it was recorded: the export's own, not this instance's.
    const rules = await view.rulesInForce();
    await replayRules(view, e, payloadText, { ...ctx, now: Date.parse(e.recordedAt), minProbability: rules.minProbability, maxProbability: rules.maxProbability });
    PAYLOAD_TEXT.set(e, payloadText);
    return e;
  }
  const body = await decide(view, cmd, ctx);
  // The members in the order the spread `{ ...body, seq, recordedAt, recordedBy }` gave them.
  const full = { type: body.type, claimId: body.claimId, payload: body.payload, seq: ctx.seq, recordedAt: new Date(ctx.now).toISOString(), recordedBy } as EventBody;
  let payloadText: string;
  try {
    payloadText = canonicalJson(full.payload);
  } catch {
    // RFC 8785 has no form for an unpaired surrogate: such text cannot enter the ledger.
    throw new RuleError(422, 'the input holds text that is not valid Unicode (an unpaired surrogate)');
  }
  const hash = chainHash(view.head.hash, canonicalEvent(full, payloadText));
  const event = { type: full.type, claimId: full.claimId, payload: full.payload, seq: full.seq, recordedAt: full.recordedAt, recordedBy, prevHash: view.head.hash, hash } as LedgerEvent;
  PAYLOAD_TEXT.set(event, payloadText);
  return event;
}
