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

/** A verified link of the chain to resume from: event `seq` has `hash` (seq 0: the genesis hash). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export interface WalkOptions {
  /** Resume after this verified point instead of the genesis (an incremental check). */
  from?: ChainPoint;
  /** Events read per query. */
  pageSize?: number;
  /**
   * Yield to the event loop after this much work, in ms, so other requests run during a long
   * walk (libSQL's embedded calls are synchronous: a page read blocks the loop while it runs).
   */
  sliceMs?: number;
}

const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Walk the chain in sequence order, a page at a time, from the genesis or from a verified
 * point. `events` counts every event verified, those before `from` included (sequence numbers
 * run 1, 2, … so `from.seq` of them are). Edge cases: an empty ledger verifies with head null;
 * a `from` past the head verifies nothing new (the caller checks `from` itself still holds).
 */
export async function verifyChain(client: Client, opts: WalkOptions = {}): Promise<VerifyResult> {
  const pageSize = opts.pageSize ?? 500;
  const sliceMs = opts.sliceMs ?? 4;
  let prev = opts.from ?? { seq: 0, hash: GENESIS_HASH };
  let count = prev.seq;
  let sliceStart = performance.now();
  for (;;) {
    // Let other requests (and time limits) run between slices of a long walk.
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
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
      if ((count & 63) === 0 && performance.now() - sliceStart >= sliceMs) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
  }
  return { ok: true, events: count, head: count === 0 ? null : prev.hash };
}
