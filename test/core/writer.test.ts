/**
 * The writer's own shortcuts must never change an answer: the claims it keeps in memory
 * between groups are dropped as soon as anything else has appended; the "no token yet" answer
 * the auth middleware remembers is checked again inside the write's transaction; and the
 * background checkpoint thread really copies the WAL back into the database file.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { eventCount } from '../../src/db/queries.js';
import { createToken } from '../../src/db/tokens.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { call, freshApp, freshDb, uid } from '../helpers/db.js';

const claimInput = (id: string) => ({ id, kind: 'prediction' as const, title: 't', statement: 's', resolutionCriteria: 'r', deadline: '2030-01-01', tags: [] });

describe('the warm view between groups', () => {
  it('is dropped when another writer appended: a claim it resolved refuses the next forecast here', async () => {
    const db = await freshDb();
    const other = await openDatabase({ url: db.url });
    const mine = new Ledger(db);
    const theirs = new Ledger(other);
    const src = uid('src');
    const claimId = uid('cl');
    await mine.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
    await mine.append({ type: 'claim.create', input: claimInput(claimId) });
    // This writer now holds the claim, open, in memory.
    await mine.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.3 } });
    await theirs.append({ type: 'claim.resolve', claimId, input: { outcome: 'refuted', knownOn: '2024-01-01' } });
    await expect(mine.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.2 } })).rejects.toMatchObject({ status: 409 });
    // And the chain stays linear across both writers.
    const next = await mine.append({ type: 'claim.create', input: claimInput(uid('cl')) });
    expect(next.seq).toBe(5);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: 5 });
    other.close();
  });

  it('keeps deciding correctly when it is reused: a claim resolved in one group refuses forecasts in the next', async () => {
    const { ledger, db } = await freshApp();
    const src = uid('src');
    const claimId = uid('cl');
    await ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
    await Promise.all([ledger.append({ type: 'claim.create', input: claimInput(claimId) }), ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.5 } })]);
    await ledger.append({ type: 'claim.resolve', claimId, input: { outcome: 'confirmed', knownOn: '2024-01-01' } });
    await expect(ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.9 } })).rejects.toMatchObject({ status: 409 });
    expect(await eventCount(db.client)).toBe(4);
  });
});

describe('a failed commit', () => {
  it('is not retried: its appends are refused, and none is recorded twice', async () => {
    const db = await freshDb();
    // The client's COMMIT goes through and then reports an error, as a lost reply from a
    // libSQL server would (fault injection into the third-party client, not into the ledger).
    let failCommit = false;
    const bind = <T extends object>(target: T, prop: string | symbol) => {
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    };
    const client = new Proxy(db.client, {
      get(target, prop) {
        if (prop !== 'transaction') return bind(target, prop);
        return async (mode: 'write') => {
          const tx = await target.transaction(mode);
          return new Proxy(tx, {
            get(t, p) {
              if (p !== 'commit' || !failCommit) return bind(t, p);
              return async () => {
                await t.commit();
                throw new Error('the connection dropped after COMMIT was sent');
              };
            },
          });
        };
      },
    });
    const ledger = new Ledger({ ...db, client });
    const src = uid('src');
    const claimId = uid('cl');
    await ledger.append({ type: 'source.register', input: { id: src, name: 'S', type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: claimInput(claimId) });
    const before = await eventCount(db.client);
    failCommit = true;
    const outcomes = await Promise.allSettled([0.2, 0.3, 0.4].map((probability) => ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability } })));
    failCommit = false;
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // The three did land (the COMMIT went through), each once.
    expect(await eventCount(db.client)).toBe(before + 3);
    expect((await verifyChain(db.client)).ok).toBe(true);
    // And the writer carries on from the real head.
    await ledger.append({ type: 'forecast.record', claimId, input: { sourceId: src, probability: 0.5 } });
    expect(await eventCount(db.client)).toBe(before + 4);
    expect((await verifyChain(db.client)).ok).toBe(true);
  });
});

describe('tokenless loopback writes', () => {
  it('are refused inside the transaction when a token appeared since the middleware last looked', async () => {
    const { app, db, ledger } = await freshApp();
    const src = uid('src');
    await ledger.append({ type: 'source.register', input: { id: src, name: src, type: 'forecaster' } });
    const claim = await call(app, 'POST', '/api/claims', claimInput(uid('cl')));
    expect(claim.status).toBe(201);
    // Within a moment of that write the middleware still remembers "no token"; the ledger does not.
    await createToken(db.client, { name: uid('tok'), sourceId: src, scope: 'write' });
    const before = await eventCount(db.client);
    const r = await call(app, 'POST', `/api/claims/${claim.body.id}/forecasts`, { sourceId: src, probability: 0.4 });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await eventCount(db.client)).toBe(before);
  });
});

describe('background checkpoints', () => {
  it('copy the WAL into the database file while the writer does not checkpoint', async () => {
    const plain = await freshDb();
    const path = plain.path;
    plain.close();
    const db = await openDatabase({ url: `file:${path}`, backgroundCheckpoints: true });
    const ledger = new Ledger(db);
    const initial = statSync(path).size;
    await ledger.appendAll(Array.from({ length: 2000 }, (_, i) => ({ type: 'claim.create' as const, input: { ...claimInput(`bulk-${i}`), title: `question number ${i} `.repeat(8) } })));
    await Promise.all(Array.from({ length: 200 }, (_, i) => ledger.append({ type: 'claim.create', input: claimInput(`single-${i}`) })));
    const deadline = Date.now() + 5_000;
    while (statSync(path).size <= initial && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(path).size).toBeGreaterThan(initial);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: 2200 });
    expect(db.backgroundCheckpoints).toBe(true);
    await db.stopCheckpoints();
    // With the thread gone the writer turns SQLite's own checkpoints back on.
    expect(db.backgroundCheckpoints).toBe(false);
    await ledger.append({ type: 'claim.create', input: claimInput('after-stop') });
    const auto = await db.client.execute('PRAGMA wal_autocheckpoint');
    expect(Number(auto.rows[0]?.[0])).toBe(1000);
    db.close();
  });
});
