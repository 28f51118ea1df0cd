/**
 * Pipelined group commit on a remote database: while one group's write batch is on the wire,
 * the next group is decided on the state it leaves and sent behind it, its head check naming
 * the last event of the group ahead (src/ledger/remote-commit.ts). These tests hold the
 * round trip long (the Hrana fixture's added latency) and start the second group once the
 * first group's write has reached the server, so that the two overlap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import Libsql from 'libsql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { eventCount } from '../../src/db/queries.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { checkProjections } from '../../src/ledger/rebuild.js';
import { verifyChain } from '../../src/ledger/verify.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import { startHranaServer, type HranaServer } from '../helpers/hrana-server.js';
import { uid } from '../helpers/db.js';
import { claimInput, expectOnChainOnce, sourceAndClaim } from '../helpers/remote-writes.js';

const dir = mkdtempSync(join(tmpdir(), 'reckon-pipeline-'));
let server: HranaServer;
let db: Database;

beforeAll(async () => {
  server = await startHranaServer({ path: join(dir, 'server.db') });
  db = await openDatabase({ url: server.url });
});

afterEach(() => {
  server.latencyMs = 0;
});

/**
 * The added round trip while a test needs a group still on the wire when the next is sent:
 * long enough for that on a loaded machine (the full suite on 2 cores; at 150 ms a group was
 * once answered before the fifth was sent).
 */
const HOLD_MS = 400;

afterAll(async () => {
  db?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A source and an open claim, recorded by `ledger`, and one forecast (its view is warm). */
async function setUp(ledger: Ledger) {
  const made = await sourceAndClaim(ledger);
  await ledger.append({ type: 'forecast.record', claimId: made.claimId, input: { sourceId: made.src, probability: 0.5 } });
  return made;
}

const forecasts = (ledger: Ledger, claimId: string, src: string, n: number, from = 0.1) =>
  Promise.all(Array.from({ length: n }, (_, i) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: from + i / 100 } })));

/** Resolves once the server has received a write batch more than it had at the call. */
async function writeReceived(): Promise<void> {
  const before = server.pipelines.writeBatches;
  while (server.pipelines.writeBatches === before) await new Promise((r) => setTimeout(r, 1));
}

/** Two groups: the first sent, and the second appended once the first's write is at the server. */
async function twoGroups(first: () => Promise<LedgerEvent[]>, second: () => Promise<LedgerEvent[]>) {
  const arrived = writeReceived();
  const a = first();
  await arrived;
  const b = second();
  return { a: await a, b: await b };
}

async function expectOneChainWithProjections(ledger: Ledger, events: LedgerEvent[]) {
  // The writes are answered: check them without the added round trip.
  server.latencyMs = 0;
  await expectOnChainOnce(db.client, events);
  expect(await verifyChain(db.client)).toMatchObject({ ok: true });
  expect(await checkProjections(db.client)).toEqual([]);
  expect(ledger.remoteStats.groups).toBeGreaterThan(0);
}

describe('a group behind a group in flight', () => {
  it('is decided on the state the group ahead leaves and sent before that group is answered', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    server.latencyMs = HOLD_MS;
    server.resetMaxWriteBatchesInFlight();
    const trips = server.roundTrips;
    const { a, b } = await twoGroups(
      () => forecasts(ledger, claimId, src, 5),
      () => forecasts(ledger, claimId, src, 5, 0.6),
    );
    // Both writes were at the server at once: the second did not wait a round trip for the first.
    expect(server.maxWriteBatchesInFlight).toBe(2);
    expect(ledger.remoteStats).toMatchObject({ pipelined: 1, lostRaces: 0 });
    // One request per group (the warm view knows the claim), and the second group follows the first.
    expect(server.roundTrips - trips).toBe(2);
    const last = Math.max(...a.map((e) => e.seq));
    expect(b.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((k) => last + k));
    expect(b[0]?.prevHash).toBe(a.find((e) => e.seq === last)?.hash);
    await expectOneChainWithProjections(ledger, [...a, ...b]);
  });

  it('goes out while up to three groups ahead are in flight, and a fifth waits for the first answer', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    server.latencyMs = HOLD_MS;
    server.resetMaxWriteBatchesInFlight();
    const groups: Array<Promise<LedgerEvent[]>> = [];
    for (let g = 0; g < 5; g++) {
      const arrived = writeReceived();
      groups.push(forecasts(ledger, claimId, src, 2, 0.1 + g / 10));
      await arrived;
    }
    const events = (await Promise.all(groups)).flat();
    expect(server.maxWriteBatchesInFlight).toBe(4);
    expect(ledger.remoteStats).toMatchObject({ pipelined: 4, lostRaces: 0 });
    // In the order they were appended, one after another on the chain.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => (events[0] as LedgerEvent).seq + i));
    await expectOneChainWithProjections(ledger, events);
  });

  it('fails with the group ahead when that one lost the race, and is tried again after it', async () => {
    const other = await openDatabase({ url: server.url });
    try {
      const ledger = new Ledger(db);
      const { src, claimId } = await setUp(ledger);
      // Another instance appends: this writer's warm view is behind the head.
      const theirs = await forecasts(new Ledger(other), claimId, src, 2, 0.3);
      server.latencyMs = HOLD_MS;
      const { a, b } = await twoGroups(
        () => forecasts(ledger, claimId, src, 4),
        () => forecasts(ledger, claimId, src, 4, 0.6),
      );
      // Both were refused by their head checks, read the new head and were written, in order.
      expect(ledger.remoteStats.lostRaces).toBe(2);
      expect(Math.min(...a.map((e) => e.seq))).toBe(Math.max(...theirs.map((e) => e.seq)) + 1);
      expect(Math.min(...b.map((e) => e.seq))).toBe(Math.max(...a.map((e) => e.seq)) + 1);
      await expectOneChainWithProjections(ledger, [...theirs, ...a, ...b]);
    } finally {
      other.close();
    }
  });

  it('is committed once when the answer to the group ahead was lost but its write went through', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    const before = await eventCount(db.client);
    server.latencyMs = HOLD_MS;
    server.loseAnswers(1);
    const { a, b } = await twoGroups(
      () => forecasts(ledger, claimId, src, 3),
      () => forecasts(ledger, claimId, src, 3, 0.6),
    );
    expect(await eventCount(db.client)).toBe(before + 6);
    await expectOneChainWithProjections(ledger, [...a, ...b]);
  });

  it('that must read first waits for the group ahead instead of deciding on a state about to change', async () => {
    // A claim this writer has never read: its group cannot be decided on the warm view alone.
    const unknown = uid('cl');
    const other = await openDatabase({ url: server.url });
    try {
      await new Ledger(other).append({ type: 'claim.create', input: claimInput(unknown) });
    } finally {
      other.close();
    }
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    server.latencyMs = HOLD_MS;
    const trips = server.roundTrips;
    const lost = ledger.remoteStats.lostRaces;
    const { a, b } = await twoGroups(
      () => forecasts(ledger, claimId, src, 3),
      () => forecasts(ledger, unknown, src, 3, 0.6),
    );
    // The second group read after the first was answered (1 + 2 requests), and lost no race to it.
    expect(ledger.remoteStats.lostRaces).toBe(lost);
    expect(server.roundTrips - trips).toBe(3);
    await expectOneChainWithProjections(ledger, [...a, ...b]);
  });

  it('keeps a bulk append out of the way of the groups in flight', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    server.latencyMs = HOLD_MS;
    const arrived = writeReceived();
    const a = forecasts(ledger, claimId, src, 3);
    await arrived;
    const b = forecasts(ledger, claimId, src, 3, 0.6);
    const bulk = ledger.appendAll([{ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.9 } }]);
    const events = [...(await a), ...(await b), (await bulk).head as LedgerEvent];
    expect(Math.max(...events.map((e) => e.seq))).toBe((await bulk).head?.seq);
    await expectOneChainWithProjections(ledger, events);
  });

  it('is refused by the rules only once a head check confirms the state it was decided on', async () => {
    // A server of its own: it goes away with two writes unanswered.
    const path = join(dir, 'unanswered.db');
    const gone = await startHranaServer({ path });
    const mine = await openDatabase({ url: gone.url });
    const other = await openDatabase({ url: gone.url });
    try {
      const ledger = new Ledger(mine);
      const src = uid('src');
      const claimId = uid('cl');
      const s2 = uid('src2');
      await ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
      await ledger.append({ type: 'claim.create', input: claimInput(claimId) });
      // Refused: the warm view now knows that s2 does not exist.
      await expect(ledger.append({ type: 'forecast.record', claimId, input: { sourceId: s2, probability: 0.5 } })).rejects.toMatchObject({ status: 422 });
      // Another instance appends: the group about to be decided on the warm view will lose its race.
      await new Ledger(other).append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.4 } });
      gone.latencyMs = HOLD_MS;
      const register = () => ledger.append({ type: 'source.register', input: { id: s2, name: s2, type: 'forecaster' } }).then(() => 'registered', (err: unknown) => err);
      const arrived = (n: number) => (async () => {
        const target = gone.pipelines.writeBatches + n;
        while (gone.pipelines.writeBatches < target) await new Promise((r) => setTimeout(r, 1));
      })();
      let sent = arrived(1);
      // The group ahead registers s2; the one behind registers it again: refused on the state the
      // group ahead leaves (it exists), so it sends its head check alone.
      const a = register();
      await sent;
      sent = arrived(1);
      const b = register();
      await sent;
      await gone.close();
      const [ea, eb] = await Promise.all([a, b]);
      const file = createClient({ url: `file:${path}` });
      const rows = (await file.execute({ sql: 'SELECT id FROM sources WHERE id = ?', args: [s2] })).rows;
      file.close();
      expect(rows).toHaveLength(0);
      expect(ea).not.toBe('registered');
      // Neither "already exists": that was decided on a state never confirmed (it never was).
      expect(eb).not.toBe('registered');
      expect(eb).not.toMatchObject({ status: 409 });
    } finally {
      mine.close();
      other.close();
      await gone.close().catch(() => undefined);
    }
  });

  it('isolates a storage failure ahead (one append at a time) or behind: one chain, each append once', async () => {
    await db.client.execute("CREATE TRIGGER poison BEFORE INSERT ON forecasts WHEN NEW.note = 'boom' BEGIN SELECT RAISE(ABORT, 'injected storage error'); END");
    try {
      const ledger = new Ledger(db);
      const { src, claimId } = await setUp(ledger);
      const f = (p: number, note?: string) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: p, ...(note ? { note } : {}) } }).then((e) => e, (err: unknown) => err);
      for (const poisoned of ['ahead', 'behind'] as const) {
        server.latencyMs = HOLD_MS;
        let sent = writeReceived();
        const a = [f(0.11), f(0.12, poisoned === 'ahead' ? 'boom' : undefined), f(0.13)];
        await sent;
        sent = writeReceived();
        const b = [f(0.21), f(0.22, poisoned === 'behind' ? 'boom' : undefined), f(0.23)];
        await sent;
        // Both are at the server, the second behind the first: the rest need no long round trip.
        server.latencyMs = 0;
        const c = [f(0.31), f(0.32)];
        const all = await Promise.all([...a, ...b, ...c]);
        server.latencyMs = 0;
        const refused = all.filter((x) => x instanceof Error);
        expect(refused.map(String), poisoned).toEqual([expect.stringContaining('injected storage error')]);
        const ok = all.filter((x): x is LedgerEvent => !(x instanceof Error));
        expect(ok, poisoned).toHaveLength(7);
        const boom = await db.client.execute("SELECT count(*) FROM events WHERE payload LIKE '%boom%'");
        expect(Number(boom.rows[0]?.[0])).toBe(0);
        await expectOneChainWithProjections(ledger, ok);
      }
    } finally {
      await db.client.execute('DROP TRIGGER poison');
    }
  });

  it('is tried again when the server answers busy at BEGIN (nothing of it was written)', async () => {
    // A server that gives up on the write lock after 30 ms, and a connection holding that lock.
    const path = join(dir, 'busy.db');
    const busy = await startHranaServer({ path, busyTimeoutMs: 30 });
    const mine = await openDatabase({ url: busy.url });
    try {
      const ledger = new Ledger(mine);
      const { src, claimId } = await setUp(ledger);
      const holder = new Libsql(path, { timeout: 0 });
      holder.exec('BEGIN IMMEDIATE');
      const released = new Promise<void>((resolve) => setTimeout(() => resolve(void holder.exec('COMMIT')), 300));
      const events = await forecasts(ledger, claimId, src, 3);
      await released;
      holder.close();
      expect(ledger.remoteStats.busy).toBeGreaterThan(0);
      const rs = await mine.client.execute({ sql: `SELECT count(*) FROM events WHERE seq IN (${events.map(() => '?').join(',')})`, args: events.map((e) => e.seq) });
      expect(Number(rs.rows[0]?.[0])).toBe(3);
      expect(await verifyChain(mine.client)).toMatchObject({ ok: true });
    } finally {
      mine.close();
      await busy.close();
    }
  });

  it('after a bulk append by the same ledger, does not decide on the view from before it', async () => {
    const ledger = new Ledger(db);
    const { src, claimId } = await setUp(ledger);
    await ledger.appendAll([{ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.9 } }]);
    const lost = ledger.remoteStats.lostRaces;
    await forecasts(ledger, claimId, src, 2);
    expect(ledger.remoteStats.lostRaces).toBe(lost);
  });

  it('whose answer was lost is tried again once another event holds its place (it can never land)', async () => {
    const other = await openDatabase({ url: server.url });
    try {
      const ledger = new Ledger(db);
      const { src, claimId } = await setUp(ledger);
      // Another instance appends: this writer's next group loses its race, and its answer is lost.
      const theirs = await forecasts(new Ledger(other), claimId, src, 1, 0.3);
      server.loseAnswers(1);
      const mine = await forecasts(ledger, claimId, src, 2);
      expect(Math.min(...mine.map((e) => e.seq))).toBe((theirs[0] as LedgerEvent).seq + 1);
      await expectOneChainWithProjections(ledger, [...theirs, ...mine]);
    } finally {
      other.close();
    }
  });
});

