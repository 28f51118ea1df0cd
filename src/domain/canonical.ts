import { createHash } from 'node:crypto';
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

/** hash = lowercase hex SHA-256 of the UTF-8 bytes of (prevHash + canonical JSON). */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Canonical JSON of any payload (what the `events.payload` column stores). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}
