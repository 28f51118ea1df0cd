/**
 * Round trips to a remote database are the cost of remote mode: each request the Hrana test
 * server receives is one. These tests count them, so that a change adding one to a group
 * commit or a read fails here; and they run several writers (instances) on one database.
 */
import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { eventCount } from '../../src/db/queries.js';
import { coalescedRows } from '../../src/db/fast-read.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { verifyChain } from '../../src/ledger/verify.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import type { HranaServer } from '../helpers/hrana-server.js';
import { useRemoteDb } from '../helpers/remote-db.js';
import { call, uid } from '../helpers/db.js';
import { claimInput, expectOnChainOnce as expectOnChainOnceIn, sourceAndClaim } from '../helpers/remote-writes.js';
import { createApp } from '../../src/http/app.js';
import { createToken, revokeToken } from '../../src/db/tokens.js';

const remote = useRemoteDb();
let server: HranaServer;
let db: Database;
beforeAll(() => void ({ server, db } = remote));

/** Round trips to the server while `fn` runs (nothing else uses it meanwhile). */
async function roundTrips<T>(fn: () => Promise<T>): Promise<{ n: number; value: T }> {
  const before = server.roundTrips;
  const value = await fn();
  return { n: server.roundTrips - before, value };
}

const setUp = sourceAndClaim;

const forecasts = (ledger: Ledger, claimId: string, src: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.05 + (0.9 * i) / Math.max(1, n) } })));

const expectOnChainOnce = (events: LedgerEvent[]) => expectOnChainOnceIn(db.client, events);

describe('a group commit on a remote database', () => {
  it('costs at most 2 round trips whatever its size, and 1 when the writer already knows the claims', async () => {
    const { src, claimId } = await setUp(new Ledger(db));
    for (const size of [1, 40, 250]) {
      // A writer that knows nothing yet: one read for the group, one write.
      const cold = new Ledger(db);
      const first = await roundTrips(() => forecasts(cold, claimId, src, size));
      expect(first.value).toHaveLength(size);
      expect(first.n, `${size} forecasts, cold`).toBeLessThanOrEqual(2);
      // The same writer again: its view from its last commit answers; the write checks the head.
      const warm = await roundTrips(() => forecasts(cold, claimId, src, size));
      expect(warm.n, `${size} forecasts, warm`).toBe(1);
      await expectOnChainOnce([...first.value, ...warm.value]);
    }
    expect((await verifyChain(db.client)).ok).toBe(true);
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('with projections to refresh (stances, evidence, claims, resolutions): their reads travel with the rows, their writes with the commit', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    const allegation = uid('al');
    const budget = async (label: string, n: number, fn: () => Promise<unknown>) => expect((await roundTrips(fn)).n, label).toBeLessThanOrEqual(n);
    // A claim this writer has not seen: one read, then the rows with the analytics' reads, then the commit.
    await budget('new claim', 3, () => ledger.append({ type: 'claim.create', input: { ...claimInput(allegation), kind: 'allegation', deadline: undefined } }));
    await budget('stance', 2, () => ledger.append({ type: 'stance.record', claimId: allegation, input: { sourceId: src, stance: 'asserts', date: '2025-01-02' } }));
    await budget('evidence', 2, () => ledger.append({ type: 'evidence.record', claimId: allegation, input: { date: '2025-01-03', summary: 'x', bearing: 'supports' } }));
    await budget('forecast after a refresh', 1, () => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.3 } }));
    // Counted forecasts, scores and analytics: each refresh reads in turn (the reads of each together).
    await budget('resolution', 4, () => ledger.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2026-01-01' } }));
    expect(await checkProjections(db.client)).toEqual([]);
  });

  it('writes a multiple-choice question, its forecasts and its resolution with the same projections as a rebuild', async () => {
    const ledger = new Ledger(db);
    const src = uid('src');
    const claimId = uid('mc');
    await ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { ...claimInput(claimId), questionType: 'multiple-choice', options: ['A', 'B', 'C'] } as never });
    const group = await roundTrips(() =>
      Promise.all([0, 1, 2].map((k) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probabilities: [0.2, 0.3, 0.5].map((p, i) => (i === k ? p + 0.1 : p - 0.05)), madeAt: '2026-01-01T00:00:00Z' } as never }))),
    );
    expect(group.n).toBeLessThanOrEqual(2);
    await ledger.append({ type: 'claim.resolve', claimId, input: { value: 'B', knownOn: '2026-06-01' } as never });
    expect(await checkProjections(db.client)).toEqual([]);
    expect((await verifyChain(db.client)).ok).toBe(true);
  });

  it('refuses what the rules refuse without writing, and answers the rest', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    const before = await eventCount(db.client);
    const outcomes = await Promise.allSettled([
      ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.4 } }),
      ledger.append({ type: 'forecast.record', claimId, input: { sourceId: uid('nobody'), probability: 0.4 } }),
      ledger.append({ type: 'forecast.record', claimId: uid('no-claim'), input: { sourceId: src, probability: 0.4 } }),
      ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.6 } }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(await eventCount(db.client)).toBe(before + 2);
  });
});

describe('several writers on one remote database', () => {
  it('a writer that lost the race reads the new head and commits after it: one linear chain', async () => {
    const other = await openDatabase({ url: server.url });
    try {
      const mine = new Ledger(db);
      const theirs = new Ledger(other);
      const { src, claimId } = await setUp(mine);
      // Warm: this writer's view says the head is its own last event.
      await forecasts(mine, claimId, src, 3);
      const theirsDone = await forecasts(theirs, claimId, src, 5);
      // Decided on the warm view, refused by the head check, read again and committed: 3 requests.
      const again = await roundTrips(() => forecasts(mine, claimId, src, 4));
      expect(again.n).toBe(3);
      expect(Math.min(...again.value.map((e) => e.seq))).toBe(Math.max(...theirsDone.map((e) => e.seq)) + 1);
      expect((await verifyChain(db.client)).ok).toBe(true);
    } finally {
      other.close();
    }
  });

  it('a claim resolved by another writer refuses this writer’s next forecast (its warm view is not trusted)', async () => {
    const other = await openDatabase({ url: server.url });
    try {
      const mine = new Ledger(db);
      const { src, claimId } = await setUp(mine);
      await forecasts(mine, claimId, src, 1);
      await new Ledger(other).append({ type: 'claim.resolve', claimId, input: { outcome: 'refuted', knownOn: '2024-01-01' } });
      await expect(mine.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.2 } })).rejects.toMatchObject({ status: 409 });
    } finally {
      other.close();
    }
  });

  it('a refusal decided on a warm view is given only once the head check confirms that view', async () => {
    const other = await openDatabase({ url: server.url });
    try {
      const mine = new Ledger(db);
      const { src, claimId } = await setUp(mine);
      await mine.append({ type: 'claim.resolve', claimId, input: { outcome: 'refuted', knownOn: '2024-01-01' } });
      // This writer holds the claim, resolved, in memory; another instance reopens it.
      await new Ledger(other).append({ type: 'claim.reopen', claimId, input: { reason: 'resolved in error' } });
      // Refused on the warm view, but the head moved: decided again on the new head, and recorded.
      const e = await mine.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.2 } });
      expect(e.type).toBe('forecast.recorded');
      expect(mine.remoteStats.lostRaces).toBe(1);
    } finally {
      other.close();
    }
  });

  it('two instances hammering one database keep one chain; every acknowledged write is on it once', async () => {
    const other = await openDatabase({ url: server.url });
    try {
      const a = new Ledger(db);
      const b = new Ledger(other);
      const { src, claimId } = await setUp(a);
      const claims = [claimId, (await setUp(b)).claimId];
      const acked: LedgerEvent[] = [];
      // Each instance sends bursts of forecasts on both claims, with stances and evidence among them.
      const burst = async (ledger: Ledger, round: number) => {
        const out = await Promise.allSettled(
          Array.from({ length: 30 }, (_, i) => {
            const claim = claims[(i + round) % 2] as string;
            if (i % 10 === 9) return ledger.append({ type: 'evidence.record', claimId: claim, input: { date: '2025-01-01', summary: `e${round}-${i}`, bearing: 'context' } });
            return ledger.append({ type: 'forecast.record', claimId: claim, input: { sourceId: src, probability: 0.1 + (i % 8) / 10 } });
          }),
        );
        for (const o of out) if (o.status === 'fulfilled') acked.push(o.value);
        return out.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
      };
      // A little network between the instances and the database, so that their writes overlap.
      server.latencyMs = 4;
      const failures = await Promise.all(Array.from({ length: 10 }, (_, round) => burst(round % 2 ? a : b, round))).finally(() => (server.latencyMs = 0));
      expect(failures.flat()).toEqual([]);
      // The race was run: some groups lost it, read the new head and were committed after it.
      expect(a.remoteStats.lostRaces + b.remoteStats.lostRaces).toBeGreaterThan(0);
      expect(acked).toHaveLength(300);
      await expectOnChainOnce(acked);
      expect(await verifyChain(db.client)).toMatchObject({ ok: true });
      expect(await checkProjections(db.client)).toEqual([]);
    } finally {
      other.close();
    }
  });
});

describe('a write whose answer is lost', () => {
  it('is acknowledged once when it went through (the chain says so), never written twice', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    await forecasts(ledger, claimId, src, 1);
    const before = await eventCount(db.client);
    server.loseAnswers(1);
    const events = await forecasts(ledger, claimId, src, 3);
    expect(await eventCount(db.client)).toBe(before + 3);
    await expectOnChainOnce(events);
    // And the writer carries on from the real head.
    await forecasts(ledger, claimId, src, 2);
    expect(await eventCount(db.client)).toBe(before + 5);
    expect((await verifyChain(db.client)).ok).toBe(true);
  });
});

describe('a storage error in a group', () => {
  it('refuses only the append that fails; the others of its group are written', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    const admin = createClient({ url: server.url });
    await admin.execute(`CREATE TRIGGER refuse_0777 BEFORE INSERT ON forecasts WHEN NEW.probability = 0.777 BEGIN SELECT RAISE(ABORT, 'injected storage error'); END`);
    try {
      const before = await eventCount(db.client);
      const outcomes = await Promise.allSettled([0.2, 0.777, 0.4].map((probability) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability } })));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await eventCount(db.client)).toBe(before + 2);
      expect((await verifyChain(db.client)).ok).toBe(true);
    } finally {
      await admin.execute('DROP TRIGGER refuse_0777');
      admin.close();
    }
  });
});

describe('a write guard on a remote database', () => {
  it('is checked inside the one write batch: a token that appeared since the middleware looked refuses a tokenless write', async () => {
    const ledger = new Ledger(db);
    const app = createApp({ db, ledger });
    const { src, claimId } = await setUp(ledger);
    const ok = await call(app, 'POST', `/api/claims/${claimId}/forecasts`, { sourceId: src, probability: 0.3 });
    expect(ok.status).toBe(201);
    // Within a moment of that write the middleware still remembers "no token"; the writer's warm view knows the claim.
    const name = uid('tok');
    await createToken(db.client, { name, sourceId: src, scope: 'write' });
    try {
      const before = await eventCount(db.client);
      const r = await call(app, 'POST', `/api/claims/${claimId}/forecasts`, { sourceId: src, probability: 0.4 });
      expect(r.status).toBe(401);
      expect(await eventCount(db.client)).toBe(before);
    } finally {
      await revokeToken(db.client, name);
    }
  });
});

describe('reads asked for together on a remote database', () => {
  it('share one request; a read that fails in it fails alone', async () => {
    const rows = coalescedRows(db.client);
    const together = await roundTrips(() => Promise.all(Array.from({ length: 20 }, (_, i) => rows('SELECT ? + 1', [i]))));
    expect(together.value.map((r) => Number(r[0]?.[0]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(together.n).toBe(1);
    const mixed = await Promise.allSettled([rows('SELECT 1'), rows('SELECT * FROM no_such_table'), rows('SELECT 2')]);
    expect(mixed.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((mixed[2] as PromiseFulfilledResult<unknown[][]>).value).toEqual([[2]]);
  });
});

describe('tokenless writes arriving together on a remote database', () => {
  it('ask once whether a token exists, not once each', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    await forecasts(ledger, claimId, src, 1);
    // A new app has not asked yet: the 20 requests arrive while its first question is on the wire.
    const app = createApp({ db, ledger });
    server.latencyMs = 20;
    try {
      const posts = await roundTrips(() => Promise.all(Array.from({ length: 20 }, (_, i) => call(app, 'POST', `/api/claims/${claimId}/forecasts`, { sourceId: src, probability: 0.1 + i / 40 }))));
      expect(posts.value.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 201));
      // One question, then the forecasts in one group (or two, if they reach the writer apart).
      expect(posts.n).toBeLessThanOrEqual(3);
    } finally {
      server.latencyMs = 0;
    }
  });
});
