import * as crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventBody } from './types.js';

/** The previous hash of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The canonical JSON of an event (RFC 8785, JSON Canonicalization Scheme) over exactly
 * `{ seq, type, claimId, recordedAt, recordedBy, payload }`.
 */
export function canonicalEvent(body: EventBody, payloadText = canonicalJson(body.payload)): string {
  // RFC 8785 orders members by key (all ASCII here): claimId, payload, recordedAt,
  // recordedBy, seq, type. Assembling them around the payload's own canonical text gives
  // the same bytes as canonicalising the whole object, without doing the payload twice.
  const c = (v: unknown) => canonicalJson(v);
  return `{"claimId":${c(body.claimId)},"payload":${payloadText},"recordedAt":${c(body.recordedAt)},"recordedBy":${c(body.recordedBy)},"seq":${c(body.seq)},"type":${c(body.type)}}`;
}

/** One-shot SHA-256 (Node ≥ 20.12: no Hash object per event); else the streaming API. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** hash = lowercase hex SHA-256 of the UTF-8 bytes of (prevHash + canonical JSON). */
export function chainHash(prevHash: string, canonical: string): string {
  // prevHash is hex (ASCII): the UTF-8 of the joined text is the two UTF-8 texts one after the other.
  if (oneShot) return oneShot('sha256', prevHash + canonical, 'hex');
  return crypto.createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Canonical JSON of any payload (what the `events.payload` column stores). */
export function canonicalJson(value: unknown): string {
  // Plain data (what every payload is) takes the fast path; anything else, and every error
  // (NaN, Infinity, a lone surrogate, a cycle), is the library's.
  const fast = plainCanonical(value, 0);
  if (fast !== undefined) return fast;
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

/** Nesting beyond this goes to the library (which reports a cycle as its error). */
const MAX_DEPTH = 64;

const wellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * RFC 8785 text of plain JSON data, byte for byte what `canonicalize` makes of it:
 * null, booleans, finite numbers (ECMAScript's Number-to-String, as JSON.stringify writes
 * them), strings without a lone surrogate (JSON.stringify's escapes), dense arrays (undefined
 * and symbols as null) and plain objects without toJSON (members sorted by UTF-16 code units,
 * undefined and symbol members left out). `undefined` for anything else: the caller asks the
 * library, whose answer or error then stands. test/core/canonical-fast.test.ts holds the two
 * to the same text.
 */
function plainCanonical(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case 'string':
      return wellFormed(v) ? JSON.stringify(v) : undefined;
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (depth >= MAX_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return undefined;
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      // A hole is written by the library as nothing at all: not plain data.
      if (!(i in v)) return undefined;
      const item: unknown = v[i];
      const text = item === undefined || typeof item === 'symbol' ? 'null' : plainCanonical(item, depth + 1);
      if (text === undefined) return undefined;
      out += i === 0 ? text : `,${text}`;
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (!wellFormed(key)) return undefined;
    const text = plainCanonical(item, depth + 1);
    if (text === undefined) return undefined;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
