/**
 * `buildEvent` for a bulk append, quicker for the commands a large import is made of: claims,
 * forecasts and resolutions. Each is decided exactly as `decide` in commands.ts does it (the
 * same view lookups in the same order, then the same rule function); only the canonical text
 * and the hash are produced more cheaply, as the same bytes RFC 8785 (`canonicalize`) gives.
 * Any other command, and any value the quick text does not cover (a surrogate code unit, a
 * toJSON, a non-finite number…), goes through buildEvent or canonicalJson themselves. A
 * property test holds both paths to the same events and refusals (test/core/bulk-build.test.ts).
 */
import crypto from 'node:crypto';
import { canonicalEvent, canonicalJson } from '../domain/canonical.js';
import { decideClaim, decideForecast, decideResolution, RuleError, type RuleContext } from '../domain/rules.js';
import type { EventBody, ForecastPayload, LedgerEvent } from '../domain/types.js';
import { buildEvent, PAYLOAD_TEXT, type Command } from './commands.js';
import type { TxView } from './view.js';
import { validateCommand } from '../commands/validate.js';

/** SHA-256 hex of a string's UTF-8 bytes (the one-shot form where Node has it). */
const sha256: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(alg: string, data: string, enc: string): string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Text with a surrogate code unit (paired or not): left to canonicalize, which checks them. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Nesting deeper than any payload has: left to canonicalize. */
const MAX_DEPTH = 32;

/**
 * The RFC 8785 text of a JSON value, as `canonicalize` writes it: object members sorted by
 * key (UTF-16 code units), members whose value is undefined left out, strings and finite
 * numbers as JSON.stringify writes them. Undefined for anything else (then canonicalJson
 * decides, and refuses what it refuses).
 */
export function quickCanonical(value: unknown, depth = 0): string | undefined {
  switch (typeof value) {
    case 'string':
      return quickString(value);
    case 'number':
      // String(n) is JSON.stringify(n) for every finite number (-0 included).
      return Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          // canonicalize maps over the array, which skips holes: leave a sparse array to it.
          if (!(i in value)) return undefined;
          const item: unknown = value[i];
          // canonicalize writes undefined in an array as null.
          const text = item === undefined ? 'null' : quickCanonical(item, depth + 1);
          if (text === undefined) return undefined;
          out += i === 0 ? text : `,${text}`;
        }
        return `${out}]`;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
      const keys = Object.keys(value).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        const text = quickCanonical(item, depth + 1);
        if (text === undefined || SURROGATE.test(key)) return undefined;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/** The members decideForecast gives a payload, in its order (with and without a note). */
const FORECAST = ['id', 'claimId', 'sourceId', 'probability', 'madeAt', 'backfilled'];
const FORECAST_NOTE = ['id', 'claimId', 'sourceId', 'probability', 'madeAt', 'note', 'backfilled'];

function sameKeys(keys: string[], expected: string[]): boolean {
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== expected[i]) return false;
  return true;
}

/** Text JSON.stringify writes as it is, between quotes: no quote, backslash, control character or surrogate. */
const VERBATIM = /^[^"\\\u0000-\u001f\uD800-\uDFFF]*$/;

/** A string's RFC 8785 text, or undefined if it holds a surrogate code unit. */
function quickString(s: string): string | undefined {
  if (VERBATIM.test(s)) return `"${s}"`;
  return SURROGATE.test(s) ? undefined : JSON.stringify(s);
}

/**
 * quickCanonical for the one shape decideForecast gives, without sorting its keys: members in
 * RFC 8785 order (backfilled, claimId, id, madeAt, note, probability, sourceId). Undefined
 * for any other shape or value, which then takes the general way.
 */
function quickForecast(p: ForecastPayload): string | undefined {
  const keys = Object.keys(p);
  const withNote = keys.length === 7;
  if (!sameKeys(keys, withNote ? FORECAST_NOTE : FORECAST)) return quickCanonical(p);
  if (typeof p.probability !== 'number' || !Number.isFinite(p.probability) || typeof p.backfilled !== 'boolean') return quickCanonical(p);
  const claimId = typeof p.claimId === 'string' ? quickString(p.claimId) : undefined;
  const id = typeof p.id === 'string' ? quickString(p.id) : undefined;
  const madeAt = typeof p.madeAt === 'string' ? quickString(p.madeAt) : undefined;
  const sourceId = typeof p.sourceId === 'string' ? quickString(p.sourceId) : undefined;
  const note = !withNote ? '' : typeof p.note === 'string' ? quickString(p.note) : undefined;
  if (claimId === undefined || id === undefined || madeAt === undefined || sourceId === undefined || note === undefined) return quickCanonical(p);
  // String(n) is JSON.stringify(n) for every finite number (-0 included).
  return `{"backfilled":${p.backfilled},"claimId":${claimId},"id":${id},"madeAt":${madeAt}${withNote ? `,"note":${note}` : ''},"probability":${String(p.probability)},"sourceId":${sourceId}}`;
}

/** Builds the events of one bulk append; remembers the last recording time's ISO text. */
export class BulkBuilder {
  /** The canonical payload text of the event built last. */
  payloadText = '';
  private lastNow = Number.NaN;
  private lastIso = '';
  /** Sources the view has said exist (it never takes that back within a transaction). */
  private readonly sources = new Set<string>();
  /** The rule context of the quick path, reused (the rules keep nothing of it). */
  private readonly ctx: RuleContext = { now: 0, seq: 0, minProbability: 0, maxProbability: 0, newId: (prefix) => prefix };

  private iso(now: number): string {
    if (now !== this.lastNow) {
      this.lastNow = now;
      this.lastIso = new Date(now).toISOString();
    }
    return this.lastIso;
  }

  private context(view: TxView, base: Omit<RuleContext, 'seq'>, ctx: RuleContext = { ...this.ctx }): RuleContext {
    ctx.now = base.now;
    ctx.seq = view.head.seq + 1;
    ctx.minProbability = base.minProbability;
    ctx.maxProbability = base.maxProbability;
    ctx.newId = base.newId;
    return ctx;
  }

  /**
   * What buildEvent(view, cmd, base, recordedBy) gives; its canonical payload text is then in
   * `payloadText`. Decided against the view like any command; the caller applies it to the
   * view (and builds the next one only then). A forecast on a claim and by a source the view
   * holds is built without waiting (its lookups would answer from memory); anything else
   * gives a promise.
   */
  build(view: TxView, cmd: Command, base: Omit<RuleContext, 'seq'>, recordedBy: string | null): LedgerEvent | Promise<LedgerEvent> {
    if (cmd.type === 'forecast.record') {
      const claim = view.cachedClaim(cmd.claimId);
      if (claim !== null && this.sources.has(cmd.input.sourceId)) {
        const payload = decideForecast(claim, true, validateCommand(cmd).input, this.context(view, base, this.ctx));
        return this.assemble(view, 'forecast.recorded', cmd.claimId, payload, base, recordedBy);
      }
    }
    return this.buildLater(view, cmd, base, recordedBy);
  }

  private async buildLater(view: TxView, given: Command, base: Omit<RuleContext, 'seq'>, recordedBy: string | null): Promise<LedgerEvent> {
    const ctx = this.context(view, base);
    // As decide() in commands.ts: the same input check, the same lookups in the same order, then the same rule.
    const cmd = given.type === 'forecast.record' || given.type === 'claim.create' || given.type === 'claim.resolve' ? validateCommand(given) : given;
    switch (cmd.type) {
      case 'forecast.record': {
        const claim = view.cachedClaim(cmd.claimId) ?? (await view.claim(cmd.claimId));
        const exists = await view.sourceExists(cmd.input.sourceId);
        if (exists) this.sources.add(cmd.input.sourceId);
        return this.assemble(view, 'forecast.recorded', cmd.claimId, decideForecast(claim, exists, cmd.input, ctx), base, recordedBy);
      }
      case 'claim.create': {
        const exists = cmd.input.id !== undefined && (await view.findClaim(cmd.input.id)) !== null;
        const payload = decideClaim(cmd.input, exists, ctx);
        return this.assemble(view, 'claim.created', payload.id, payload, base, recordedBy);
      }
      case 'claim.resolve': {
        const claim = await view.claim(cmd.claimId);
        const payload = decideResolution(claim, cmd.input, await view.evidenceIds(cmd.claimId), ctx);
        return this.assemble(view, 'claim.resolved', cmd.claimId, payload, base, recordedBy);
      }
      default: {
        const event = await buildEvent(view, cmd, base, recordedBy);
        this.payloadText = PAYLOAD_TEXT.get(event) ?? canonicalJson(event.payload);
        return event;
      }
    }
  }

  /** As buildEvent assembles, hashes and refuses. */
  private assemble(view: TxView, type: EventBody['type'], claimId: string | null, payload: EventBody['payload'], base: Omit<RuleContext, 'seq'>, recordedBy: string | null): LedgerEvent {
    const seq = view.head.seq + 1;
    const prevHash = view.head.hash;
    // Members written out, in the order buildEvent's spreads give them (a spread followed by
    // new members is slow in V8: about 2 µs each). The hash is filled in below.
    const event = { type, claimId, payload, seq, recordedAt: this.iso(base.now), recordedBy, prevHash, hash: '' } as LedgerEvent;
    let payloadText = type === 'forecast.recorded' ? quickForecast(payload as ForecastPayload) : quickCanonical(payload);
    if (payloadText === undefined) {
      try {
        payloadText = canonicalJson(payload);
      } catch {
        // RFC 8785 has no form for an unpaired surrogate: such text cannot enter the ledger.
        throw new RuleError(422, 'the input holds text that is not valid Unicode (an unpaired surrogate)');
      }
    }
    const id = claimId === null ? 'null' : quickString(claimId);
    const by = recordedBy === null ? 'null' : quickString(recordedBy);
    // What is hashed: prevHash followed by the event's canonical text (chainHash), built in one go.
    event.hash = sha256(
      id === undefined || by === undefined
        ? prevHash + canonicalEvent(event, payloadText)
        : `${prevHash}{"claimId":${id},"payload":${payloadText},"recordedAt":"${event.recordedAt}","recordedBy":${by},"seq":${String(seq)},"type":"${type}"}`,
    );
    this.payloadText = payloadText;
    return event;
  }
}
