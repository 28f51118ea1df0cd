import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash } from '../../src/domain/canonical.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import { eventCount, listEvents } from '../../src/db/queries.js';
import { ImportFailure, runImport } from '../../src/import/run-import.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb } from '../helpers/db.js';

const source = await freshDb();
const target = await freshDb();

/** Re-hash a list of events from the first one, as a forger holding the file would. */
function rechain(events: LedgerEvent[]): LedgerEvent[] {
  let prev = events[0]?.prevHash ?? '0'.repeat(64);
  return events.map((e) => {
    const body = { ...e, prevHash: prev };
    const hash = chainHash(prev, canonicalEvent(body));
    prev = hash;
    return { ...body, hash };
  });
}

describe('importing a forged ledger export', () => {
  it('refuses a file whose hashes were recomputed around a forecast made after the resolution, naming its line', async () => {
    const ledger = new Ledger(source);
    await ledger.append({ type: 'source.register', input: { id: 'fx', name: 'F', type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { id: 'q', kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2024-01-01', tags: [] } });
    await ledger.append({ type: 'forecast.record', claimId: 'q', input: { sourceId: 'fx', probability: 0.2, madeAt: '2023-01-01T00:00:00Z' } });
    await ledger.append({ type: 'claim.resolve', claimId: 'q', input: { outcome: 'confirmed', knownOn: '2024-01-01' } });
    const events = await listEvents(source.client, 0, 100);
    // The forger slips in a confident forecast dated after the outcome was known.
    const last = events[events.length - 1] as LedgerEvent;
    const forged = { ...last, seq: last.seq + 1, type: 'forecast.recorded', payload: { id: `fc-${last.seq + 1}`, claimId: 'q', sourceId: 'fx', probability: 0.99, madeAt: '2024-02-01T00:00:00.000Z', backfilled: true } } as LedgerEvent;
    const file = join(target.dir, 'forged.jsonl');
    writeFileSync(file, rechain([...events, forged]).map((e) => JSON.stringify(e)).join('\n') + '\n');
    const err = await runImport(new Ledger(target), file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).problems[0]).toMatchObject({ line: 5 });
    expect((err as ImportFailure).problems[0]?.message).toMatch(/rule/);
    expect(await eventCount(target.client)).toBe(0);
    // The honest export imports whole.
    const honest = join(target.dir, 'honest.jsonl');
    writeFileSync(honest, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    expect((await runImport(new Ledger(target), honest)).events).toEqual({ appended: 4 });
  });
});
