/**
 * Shared by the remote writer's tests (test/remote/round-trips, pipeline): an open claim's
 * input, a source and a claim recorded by a ledger, and the check that acknowledged events are
 * on the chain once, as acknowledged.
 */
import type { Client } from '@libsql/client';
import { expect } from 'vitest';
import type { LedgerEvent } from '../../src/domain/types.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { uid } from './db.js';

export const claimInput = (id: string) => ({ id, kind: 'prediction' as const, title: 't', statement: 's', resolutionCriteria: 'r', deadline: '2030-01-01', tags: [] });

/** A source and an open claim, recorded by `ledger`. */
export async function sourceAndClaim(ledger: Ledger): Promise<{ src: string; claimId: string }> {
  const src = uid('src');
  const claimId = uid('cl');
  await ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
  await ledger.append({ type: 'claim.create', input: claimInput(claimId) });
  return { src, claimId };
}

/** Every acknowledged event is on the chain once, at its sequence number with its hash. */
export async function expectOnChainOnce(client: Client, events: readonly LedgerEvent[]): Promise<void> {
  const seqs = events.map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  for (let i = 0; i < seqs.length; i += 400) {
    const part = events.slice(i, i + 400);
    const rs = await client.execute({ sql: `SELECT seq, hash FROM events WHERE seq IN (${part.map(() => '?').join(',')})`, args: part.map((e) => e.seq) });
    const stored = new Map(rs.rows.map((r) => [Number(r[0]), String(r[1])]));
    for (const e of part) expect(stored.get(e.seq), `event ${e.seq}`).toBe(e.hash);
  }
}
