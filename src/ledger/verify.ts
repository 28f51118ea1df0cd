import type { Client } from '@libsql/client';
import { canonicalEvent, chainHash, GENESIS_HASH } from '../domain/canonical.js';
import type { LedgerEvent } from '../domain/types.js';
import { eventFromRow } from '../db/queries.js';

export type VerifyResult =
  | { ok: true; events: number; head: string | null }
  | { ok: false; events: number; firstBadSeq: number; reason: string };

/**
 * Check one event against the link before it: its sequence number follows, its prevHash is
 * the previous hash, and its hash is SHA-256(prevHash + canonical JSON). Null when it holds.
 */
export function checkLink(e: LedgerEvent, prev: { seq: number; hash: string }): string | null {
  if (e.seq !== prev.seq + 1) return `expected sequence number ${prev.seq + 1}, found ${e.seq}`;
  if (e.prevHash !== prev.hash) return 'prevHash does not match the previous event’s hash';
  let canonical: string;
  try {
    canonical = canonicalEvent(e);
  } catch {
    return 'event cannot be canonicalised';
  }
  if (chainHash(e.prevHash, canonical) !== e.hash) return 'hash does not match the event’s content';
  return null;
}

/** Walk the whole chain in sequence order, a page at a time. */
export async function verifyChain(client: Client, pageSize = 5000): Promise<VerifyResult> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (;;) {
    // Let other requests (and time limits) run between pages of a long walk.
    await new Promise((resolve) => setImmediate(resolve));
    const rs = await client.execute({ sql: 'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?', args: [prev.seq, pageSize] });
    if (rs.rows.length === 0) break;
    for (const row of rs.rows) {
      let e: LedgerEvent;
      try {
        e = eventFromRow(row);
      } catch {
        return { ok: false, events: count, firstBadSeq: Number(row.seq), reason: 'payload is not valid JSON' };
      }
      const problem = checkLink(e, prev);
      // After a gap this is the first event present that does not link; the reason names the missing number.
      if (problem) return { ok: false, events: count, firstBadSeq: e.seq, reason: problem };
      prev = { seq: e.seq, hash: e.hash };
      count++;
    }
  }
  return { ok: true, events: count, head: count === 0 ? null : prev.hash };
}
