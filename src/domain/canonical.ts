import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventBody } from './types.js';

/** The previous hash of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The canonical JSON of an event (RFC 8785, JSON Canonicalization Scheme) over exactly
 * `{ seq, type, claimId, recordedAt, recordedBy, payload }`.
 */
export function canonicalEvent(body: EventBody): string {
  const { seq, type, claimId, recordedAt, recordedBy, payload } = body;
  const text = canonicalize({ seq, type, claimId, recordedAt, recordedBy, payload });
  if (text === undefined) throw new Error('event cannot be canonicalised');
  return text;
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
